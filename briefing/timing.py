"""When an event happened, as instants: its time zone (its own, its venue's, or the event it
is part of), its first and last instants, and its place in chronological order.

Shared by the checker's time rules and the brief. Dates and times in a fact base are local
to where the event took place; comparing two events means comparing instants.
"""

from __future__ import annotations

import datetime as dt

from briefing.model import Event, PartialDate, Record, Venue, parse_time, zone

_PRECISION_RANK = {"time": 0, "day": 1, "month": 2, "year": 3}


def zone_name_of(event: Event, index: dict[str, Record]) -> str | None:
    """The zone an event's times are read in: its own, its venue's (or that venue's enclosing
    places'), else the event it is part of. Loops in ``part_of`` end the search, never hang it."""
    seen: set[int] = set()
    current: Event | None = event
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current.timezone:
            return current.timezone
        place = index.get(current.venue) if current.venue else None
        places: set[int] = set()
        while isinstance(place, Venue) and id(place) not in places:
            places.add(id(place))
            if place.timezone:
                return place.timezone
            place = index.get(place.part_of) if place.part_of else None
        parent = index.get(current.part_of) if current.part_of else None
        current = parent if isinstance(parent, Event) else None
    return None


def zone_of(event: Event, index: dict[str, Record]) -> dt.tzinfo | None:
    name = zone_name_of(event, index)
    return zone(name) if name else None


def precision(event: Event) -> str:
    return "time" if event.time else PartialDate(event.date).precision


def start(event: Event, index: dict[str, Record]) -> dt.datetime:
    """The first instant the event can mean (UTC when no zone is known)."""
    tz = zone_of(event, index) or dt.timezone.utc
    clock = parse_time(event.time) if event.time else dt.time(0, 0)
    return dt.datetime.combine(PartialDate(event.date).first_day, clock, tz)


def end(event: Event, index: dict[str, Record]) -> dt.datetime:
    """The last instant the event can mean: its end time, or the end of its last day; an
    event with a start time and nothing after it is an instant."""
    tz = zone_of(event, index) or dt.timezone.utc
    last = PartialDate(event.end_date or event.date).last_day
    if event.end_time:
        return dt.datetime.combine(last, parse_time(event.end_time), tz)
    if event.time and not event.end_date:
        return start(event, index)
    return dt.datetime.combine(last, dt.time.max, tz)


def sort_key(event: Event, index: dict[str, Record]) -> tuple:
    """Chronological order by instant: a timed event at its start; an event known only to the
    day, month or year at the end of that period (after the timed events of that day)."""
    if event.time:
        moment = start(event, index)
    else:
        tz = zone_of(event, index) or dt.timezone.utc
        moment = dt.datetime.combine(PartialDate(event.date).last_day, dt.time.max, tz)
    return (moment.astimezone(dt.timezone.utc) if moment.year < 9999 else moment.replace(tzinfo=dt.timezone.utc),
            _PRECISION_RANK[precision(event)])
