"""ambiguous-time-zone: a time of day with no time zone to read it in.

What it does
    Reports an event with a ``time`` when neither it nor its venue (or the venue of the
    event it is part of) gives a ``timezone``, and a source whose publication date-time has
    no UTC offset.

Why is this bad?
    The sources of one brief are written in several time zones: "last night" in Ankara
    (UTC+3) is early morning in Pyongyang (UTC+9), possibly the next day. A time without a
    zone can put an event on the wrong date.

Example
    ```yaml
    - id: ev-arrival
      date: "2024-06-19"
      time: "02:45"            # no venue, no time zone
    ```

Use instead
    ```yaml
      venue: pyongyang-airport # whose timezone is Asia/Pyongyang
    ```
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import Event, Venue

ID = "ambiguous-time-zone"
SEVERITY = "warning"
SUMMARY = "a time of day with no time zone"
STAGE = "model"


def _zone(event: Event, index) -> str | None:
    while event is not None:
        venue = index.get(event.venue) if event.venue else None
        if isinstance(venue, Venue) and venue.timezone:
            return venue.timezone
        parent = index.get(event.part_of) if event.part_of else None
        event = parent if isinstance(parent, Event) else None
    return None


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for event in facts.events:
        if event.time and _zone(event, index) is None:
            yield Finding(event.path + ("time",), f"{event.id!r} gives a time ({event.time}) but no "
                                                  "venue with a timezone says in which zone")
    for source in facts.sources:
        for name in ("published", "updated"):
            value = getattr(source, name)
            if value and "T" in value and dt.datetime.fromisoformat(value).tzinfo is None:
                yield Finding(source.path + (name,), f"{name} {value} has a time but no UTC offset")
