"""What a template sees: the fact base, resolved and ordered for one locale.

Nothing here knows the topic of the fact base; it only follows the schema and the record
declarations. Templates receive records from :mod:`briefing.model` plus a few helpers:
``text`` picks a localized text, ``cite`` gives the numbered sources of a claim, ``ref``
resolves an id, ``describe`` tells any record in one line. What it says about time (the
chronology, dates in words, the timeline, durations) is in :mod:`briefing.render.chronology`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable

from babel.units import format_unit

from briefing import estimative, timing
from briefing.model import Claim, Event, FactBase, Meta, Record, Source, Statement
from briefing.render.chronology import Chronology
from briefing.render.shortlist import cut, cut_groups
from briefing.render.locator import Locator, locator_map
from briefing.render.formatting import Formatter
from briefing.render.sections import Entry, entries
from briefing.sourcing import SourcingNote, origin_groups, sourcing_note
from briefing.vocabulary import EVENT_KINDS, REACTIONS, STATEMENT_KINDS


@dataclass
class GiftGroup:
    occasion: Event | None
    directions: list[tuple[str, str, list[Any]]] = field(default_factory=list)


class Brief(Chronology):
    """The fact base as one locale's brief presents it (its events in time: :class:`Chronology`)."""

    def __init__(self, facts: FactBase, locale: str, formatter: Formatter, facts_bytes: bytes,
                 previous=None, defaults: Any = None, limit: int = 0) -> None:
        self.facts: FactBase = facts
        self.limit = limit
        """Records a long section prints (0: all): set for the PDF, see :mod:`briefing.render.shortlist`."""
        self.defaults = defaults  # the desk's theme: its default markings
        self.previous: FactBase | None = previous[0] if previous else None
        self.changes: Any = previous[1] if previous else None  # a briefing.diff.Diff
        self.meta = facts.meta
        self.locale = locale
        self.fmt: Formatter = formatter
        self.fingerprint = hashlib.sha256(facts_bytes).hexdigest()
        self._index = facts.index()
        self.reporting_sources = [s for s in facts.sources if s.kind == "reporting"]
        self.reference_sources = [s for s in facts.sources if s.kind == "reference"]
        ordered = self.reporting_sources + self.reference_sources
        self.source_number = {source.id: n for n, source in enumerate(ordered, start=1)}

    @cached_property
    def sections(self) -> list[Entry]:
        """The sections this brief shows, in order: the contents and the body both read this."""
        return entries(self)

    # --- lookup and text ---------------------------------------------------------
    def ref(self, record_id: str | None) -> Any:
        return self._index.get(record_id) if record_id else None

    def text(self, localized: dict[str, str] | str | None) -> str:
        if not localized:
            return ""
        text = localized if isinstance(localized, str) else localized.get(self.locale, "")
        if self.locale.split("_")[0] == "fr":  # French guillemets hold their text with no-break spaces
            text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        return text

    @property
    def desk(self) -> str:
        return self.text(self.meta.desk)

    def outlets(self, outlets: Iterable[Any]) -> str:
        """Outlet names, each a proper name or a per-locale description, as a list."""
        return self.fmt.list(o if isinstance(o, str) else self.text(o) for o in outlets)

    def name(self, record_id: str) -> str:
        record = self.ref(record_id)
        return self.text(getattr(record, "name", None)) if record else record_id

    def names(self, record_ids: Iterable[str]) -> str:
        return self.fmt.list(self.name(i) for i in record_ids)

    def kind_label(self, record: Event | Statement) -> str:
        """An event's or statement's kind in the reader's language: the fact base's own label
        for a kind it declares, the catalog's for a built-in one."""
        field_name, built_in = (("event_kinds", EVENT_KINDS) if isinstance(record, Event)
                                else ("statement_kinds", STATEMENT_KINDS))
        declared = getattr(self.facts.vocabulary, field_name).get(record.kind)
        return self.text(declared) if declared else self.fmt._(built_in[record.kind])

    # --- citations -------------------------------------------------------------
    def cite(self, *records: Any) -> list[tuple[int, Source]]:
        """Numbered sources behind the given claims (or claim ids), in number order."""
        found: dict[int, Source] = {}
        for record in records:
            for source_id in self._source_ids(record):
                source = self.ref(source_id)
                if isinstance(source, Source):
                    found[self.source_number[source.id]] = source
        return sorted(found.items())

    def _source_ids(self, record: Any) -> list[str]:
        if isinstance(record, str):
            record = self.ref(record)
        if record is None:
            return []
        if hasattr(record, "claims") and not isinstance(record, FactBase):  # summary point
            return [s for claim_id in record.claims for s in self._source_ids(claim_id)]
        if hasattr(record, "rests_on"):
            return [s for claim_id in record.rests_on for s in self._source_ids(claim_id)]
        return list(getattr(record, "sources", []))

    @property
    def keywords(self) -> str:
        """Document keywords: the people and places of the fact base, in this locale."""
        names = [self.text(p.name) for p in self.people] + [self.text(v.name) for v in self.facts.venues]
        return ", ".join(dict.fromkeys(n for n in names if n))

    # --- marking -----------------------------------------------------------------
    @property
    def marking(self) -> str:
        """The handling marking; by default an unclassified open-source one, localized."""
        return (self.text(self.meta.marking) or self.text(getattr(self.defaults, "marking", None))
                or self.fmt._("UNCLASSIFIED // OPEN SOURCE"))

    @property
    def portion(self) -> str:
        return (self.text(self.meta.portion_mark) or self.text(getattr(self.defaults, "portion_mark", None))
                or self.fmt._("(U//OS)"))

    @property
    def page_label(self) -> tuple[str, str, str]:
        """'Page N of M' split around the two numbers, so CSS counters can fill them in."""
        text = self.fmt._("Page %(page)s of %(pages)s")
        before, rest = text.split("%(page)s", 1)
        middle, after = rest.split("%(pages)s", 1)
        return before, middle, after

    # --- source summary and scales -----------------------------------------------
    @property
    def reliability_spread(self) -> list[tuple[str, int]]:
        """How many reporting sources have each grade, A to F (ungraded last)."""
        counts: dict[str, int] = {}
        for source in self.reporting_sources:
            grade = source.reliability.value if source.reliability else "?"
            counts[grade] = counts.get(grade, 0) + 1
        return [(grade, counts[grade]) for grade in "ABCDEF?" if grade in counts]

    @property
    def graded(self) -> bool:
        return any(source.reliability for source in self.facts.sources)

    @property
    def term_ranges(self) -> dict[str, tuple[int, int]]:
        """The probability ranges of the one estimative scale the judgments use (none without judgments)."""
        scale = estimative.scale_used([j.term for j in self.facts.judgments])
        return estimative.RANGES[scale] if scale else {}

    # --- the bottom line -----------------------------------------------------------
    @property
    def lead(self) -> Any:
        """The judgment that leads the bottom line (the desk's "so what"), or None."""
        return self.ref(self.meta.lead)

    @property
    def key_judgments(self) -> list[Any]:
        """The judgments printed after the reported facts: all but the lead, already printed first."""
        return [j for j in self.facts.judgments if j is not self.lead]

    @cached_property
    def sourcing(self) -> SourcingNote:
        """The counts behind the sourcing note under the bottom line."""
        return sourcing_note(self.facts)

    def basis(self, judgment: Any) -> tuple[int, int]:
        """(number of sources, number of independent origins) a judgment rests on."""
        sources = [self.ref(n) for n in dict.fromkeys(self._source_ids(judgment))]
        sources = [s for s in sources if isinstance(s, Source)]
        return len(sources), len(origin_groups(sources))

    @property
    def fragile_judgments(self) -> list[tuple[Any, int, int]]:
        """Judgments resting on a single source or a single origin."""
        found = []
        for judgment in self.facts.judgments:
            count, origins = self.basis(judgment)
            if count <= 1 or origins <= 1:
                found.append((judgment, count, origins))
        return found

    # --- the locator map ---------------------------------------------------------
    @property
    def locator(self) -> Locator | None:
        def distance(km: int) -> str:
            return format_unit(km, "length-kilometer", length="short", locale=self.fmt.locale)

        return locator_map(self.facts.venues, lambda v: self.text(v.name), self.fmt.country, distance)

    def zone_at(self, venue: Any) -> str:
        """A venue's time zone with the UTC offset on the days of the events held there (summer
        or winter time), or on the brief's date when none is."""
        return self.fmt.timezone(venue.timezone, self._days_at.get(venue.id) or [self.meta.as_of])

    @cached_property
    def _days_at(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}  # one pass, not one scan of the events per venue
        for event in self.facts.events:
            if event.venue:
                found.setdefault(event.venue, []).append(event.date)
        return found

    # --- sections --------------------------------------------------------------
    def cut(self, *lists: Any) -> tuple[Any, ...]:
        """A section's lists as this brief prints them, then the count left out (see :func:`cut`)."""
        return cut(self.limit, *lists)

    @property
    def printed_gift_groups(self) -> tuple[list[GiftGroup], int]:
        def only(group: GiftGroup, kept: list[Any]) -> GiftGroup:
            keep = {id(gift) for gift in kept}
            directions = [(giver, recipient, [gift for gift in gifts if id(gift) in keep])
                          for giver, recipient, gifts in group.directions]
            return GiftGroup(group.occasion, [direction for direction in directions if direction[2]])

        return cut_groups(self.limit, self.gift_groups,
                          lambda group: [gift for *_, gifts in group.directions for gift in gifts], only)

    @property
    def people(self) -> list[Any]:
        return [p for p in self.facts.participants if p.kind != "delegation"]

    @property
    def groups(self) -> list[Any]:
        return [p for p in self.facts.participants if p.kind == "delegation"]

    @property
    def gift_groups(self) -> list[GiftGroup]:
        """Gifts by occasion (in date order, unspecified occasions last), then by direction."""
        groups: dict[str | None, GiftGroup] = {}
        for gift in self.facts.gifts:
            group = groups.setdefault(gift.event, GiftGroup(self.ref(gift.event)))
            for giver, recipient, items in group.directions:
                if (giver, recipient) == (gift.giver, gift.recipient):
                    items.append(gift)
                    break
            else:
                group.directions.append((gift.giver, gift.recipient, [gift]))
        return sorted(groups.values(), key=lambda g: (g.occasion is None, timing.sort_key(g.occasion, self._index)
                                                      if g.occasion else None))

    @property
    def quotations(self) -> list[Statement]:
        return [s for s in self.facts.statements if s.kind not in REACTIONS]

    @property
    def reactions(self) -> list[Statement]:
        return [s for s in self.facts.statements if s.kind in REACTIONS]

    def speaker(self, statement: Statement) -> str:
        if statement.speaker:
            return self.name(statement.speaker)
        return self.text(statement.speaker_label)

    def describe(self, record: Any) -> str:
        """A one-line account of any record (a claim in the discrepancies table, a record in
        the changes since the previous edition), from its type's declared label: a measured
        value follows its label, a dated event its date."""
        if isinstance(record, Meta):
            return self.fmt._("Edition details")
        if isinstance(record, Source):
            return f"{record.publisher}, {record.title}"
        declared = record.declared
        label = getattr(record, declared.label) if declared and declared.label else None
        text = self.text(label) if isinstance(label, (dict, str)) else getattr(record, "id", "")
        if hasattr(record, "giver"):
            text = self.fmt.labelled(f"{self.name(record.giver)} → {self.name(record.recipient)}", text)
        if hasattr(record, "qualifier"):  # a measured value: a duration or a figure
            return self.fmt.labelled(text, self.fmt.measure(record.value, record.unit, record.qualifier))
        if isinstance(record, Event):
            return "{} ({})".format(text, self.when(record))
        return text

    def conflict_claims(self, conflict: Any) -> list[Claim]:
        return [c for c in (self.ref(i) for i in conflict.claims) if isinstance(c, Claim)]

    def reliability_of(self, sources: Iterable[tuple[int, Source]]) -> str:
        return ", ".join(self.fmt.labelled(str(n), s.reliability.value) for n, s in sources if s.reliability)


def is_record(value: Any) -> bool:
    return isinstance(value, Record)
