"""ambiguous-time-zone: a time of day with no time zone to read it in.

What it does
    Reports an event with a ``time`` or ``end_time`` when no time zone reads it: neither
    its own ``timezone``, nor its venue's (or an enclosing venue's), nor that of the event
    it is part of; and a source whose publication date-time has no UTC offset.

Why is this bad?
    The sources of one brief are written in several time zones: "last night" in a city at
    UTC+3 is early morning at UTC+9, possibly the next day. A time without a zone can put
    an event on the wrong date, and the chronology orders events by instant.

Example
    ```yaml
    - id: ev-arrival
      date: "2024-06-19"
      time: "02:45"            # no venue, no time zone
    ```

Use instead
    ```yaml
      venue: airport           # whose timezone is Asia/Seoul
    ```
    or ``timezone: "+09:00"`` on the event itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from briefing.check.problem import Finding
from briefing.timing import zone_name_of

ID = "ambiguous-time-zone"
SEVERITY = "warning"
SUMMARY = "a time of day with no time zone"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for event in facts.events:
        given = next((name for name in ("time", "end_time") if getattr(event, name)), None)
        if given and zone_name_of(event, index) is None:
            yield Finding(event.path + (given,), f"{event.id!r} gives a time ({getattr(event, given)}) but no "
                                                 "time zone: give the event a timezone, or a venue that has one")
    for source in facts.sources:
        for name in ("published", "updated"):
            value = getattr(source, name)
            if value and "T" in value and dt.datetime.fromisoformat(value).tzinfo is None:
                yield Finding(source.path + (name,), f"{name} {value} has a time but no UTC offset")
