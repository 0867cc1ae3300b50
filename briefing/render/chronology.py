"""What the brief says about time: events in the order they happened, their dates and times
in words, the timeline figure, and the reported durations by the event they measure.

A part of :class:`briefing.render.view.Brief` (mixed into it), kept apart because it is one
subject with its own rules: instants come from :mod:`briefing.timing` (an event known only to
the day, month or year; local times and their zones), the timeline's axis reads in one zone or
in UTC, and a short PDF's timeline marks only the rows it prints. Templates read all of it
through ``brief`` as before (``brief.chronology``, ``brief.when(event)``, ``brief.timeline``).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, Callable

from briefing import timing
from briefing.model import Event, FactBase, Record
from briefing.render import figures
from briefing.render.formatting import Formatter
from briefing.render.shortlist import cut, cut_groups


class Chronology:
    """The brief's events in time. :class:`~briefing.render.view.Brief` sets what it reads."""

    # Set by Brief.__init__ (or Brief's own methods); declared so the type checker knows them.
    facts: FactBase
    fmt: Formatter
    limit: int
    _index: dict[str, Record]
    text: Callable[[dict[str, str] | str | None], str]

    @cached_property
    def chronology(self) -> list[Event]:
        """Events in order of their instants; one known only to the day, month or year sorts
        at the end of that period; document order settles ties."""
        order = {id(e): i for i, e in enumerate(self.facts.events)}
        return sorted(self.facts.events, key=lambda e: (timing.sort_key(e, self._index), order[id(e)]))

    @staticmethod
    def announced(event: Event) -> bool:
        """Whether the brief shows an event as announced: reported before it happened, and not
        since recorded as having taken place (``outcome: occurred`` makes it an event like any
        other, its outcome line saying it took place)."""
        return event.status == "announced" and event.outcome != "occurred"

    @property
    def any_announced(self) -> bool:
        return any(self.announced(event) for event in self.facts.events)

    def when(self, event: Event) -> str:
        """An event's date (or dates), and its local times with their zone where given."""
        if not (event.time or event.end_time):
            return self.fmt.date_range(event.date, event.end_date)
        zoned = timing.zone_of(event, self._index) is not None
        start, end = timing.start(event, self._index), timing.end(event, self._index)
        fmt, _ = self.fmt, self.fmt._
        if event.end_date and event.end_date != event.date:  # each end of the span with its own day
            first = _("%(date)s, %(time)s") % {"date": fmt.date(event.date), "time": fmt.clock(start, False)} \
                if event.time else fmt.date(event.date)
            last = _("%(date)s, %(time)s") % {"date": fmt.date(event.end_date), "time": fmt.clock(end, zoned)} \
                if event.end_time else fmt.date(event.end_date)
            return _("%(start)s – %(end)s") % {"start": first, "end": last}
        day = fmt.date(event.date)
        if event.time and event.end_time:
            return _("%(date)s, from %(start)s to %(end)s") % {"date": day, "start": fmt.clock(start, False),
                                                                 "end": fmt.clock(end, zoned)}
        if event.time:
            return _("%(date)s, %(time)s") % {"date": day, "time": fmt.clock(start, zoned)}
        return _("%(date)s, until %(time)s") % {"date": day, "time": fmt.clock(end, zoned)}

    @cached_property
    def printed_chronology(self) -> tuple[list[Event], int]:
        """The chronology's rows this brief prints, and how many more the full listing has."""
        return cut(self.limit, self.chronology)

    @cached_property
    def _axis_zone(self) -> dt.tzinfo | None:
        """The zone the timeline's clock ticks read in: the one zone of the timed top-level
        events, or None (UTC) when they have several or none."""
        top = [event for event in self.chronology if not event.part_of and (event.time or event.end_time)]
        zones = {timing.zone_name_of(event, self._index) for event in top}
        return timing.zone_of(top[0], self._index) if len(zones) == 1 and None not in zones else None

    @property
    def axis_in_utc(self) -> bool:
        """Whether the timeline shows clock times in UTC (its events are timed in several zones)."""
        timed = any(e.time or e.end_time for e in self.chronology if not e.part_of)
        return timed and self._axis_zone is None and self.timeline is not None and self.timeline.unit == "hour"

    @cached_property
    def timeline(self) -> figures.Timeline | None:
        """Top-level events (those not part of another) on an axis scaled to their span, in
        their local time when they share one zone (else in UTC)."""
        # a short list's timeline marks only the rows printed: each of its links has a target
        top = [event for event in self.printed_chronology[0] if not event.part_of]
        shown = self._axis_zone

        def axis_time(moment: dt.datetime) -> dt.datetime:
            # The axis counts in UTC; giving it local clock readings puts its ticks on local hours.
            return moment.astimezone(shown).replace(tzinfo=dt.timezone.utc) if shown else moment

        spans = []
        for event in top:
            start, end = timing.start(event, self._index), timing.end(event, self._index)
            spans.append(figures.Span(axis_time(start), axis_time(end) if end > start else None,
                                      self.text(event.name), self.when(event),
                                      announced=self.announced(event),
                                      vague=timing.precision(event) in ("month", "year"), target=f"event-{event.id}"))
        # One event on an axis says nothing the table does not: a figure needs two.
        if len(spans) < 2:
            return None
        return figures.timeline(spans, self.fmt.tick, announced_word=self.fmt._("announced"))

    @cached_property
    def _durations_by_event(self) -> dict[str, list[Any]]:
        # One pass, not one scan per event: a large base has thousands of both.
        found: dict[str, list[Any]] = {}
        for duration in self.facts.durations:
            found.setdefault(duration.event, []).append(duration)
        return found

    @property
    def measured(self) -> list[tuple[Event, list[Any]]]:
        """Events with reported durations, in chronological order, each with its durations."""
        return [(e, self._durations_by_event[e.id]) for e in self.chronology if e.id in self._durations_by_event]

    @property
    def printed_measured(self) -> tuple[list[tuple[Event, list[Any]]], int]:
        return cut_groups(self.limit, self.measured, lambda group: group[1], lambda group, kept: (group[0], kept))
