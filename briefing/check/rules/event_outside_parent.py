"""event-outside-parent: an event dated outside the event it is part of.

What it does
    For an event with ``part_of``, reports a date before the parent's start, or after the
    parent's ``end_date`` when it has one. Partial dates count as their whole period.

Why is this bad?
    A session dated outside its conference, or an evacuation outside the flood, is a
    typing accident in a date or a wrong ``part_of``; either puts the chronology out of order.

Example
    ```yaml
    - id: ev-flood
      date: "2022-10-03"
      end_date: "2022-10-06"
    - id: ev-evacuation
      part_of: ev-flood
      date: "2022-10-16"
    ```

Use instead
    ```yaml
      date: "2022-10-06"
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.facts_index import period
from briefing.check.problem import Finding
from briefing.model import Event

ID = "event-outside-parent"
SEVERITY = "error"
SUMMARY = "an event is dated outside the event it is part of"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for event in facts.events:
        parent = index.get(event.part_of) if event.part_of else None
        if not isinstance(parent, Event):
            continue
        first, last = period(event.date)
        start, _ = period(parent.date)
        _, end = period(parent.end_date) if parent.end_date else (None, None)
        line = document.where(parent.path, event.path)
        if last < start:
            yield Finding(event.path + ("date",), f"{event.id!r} is dated {event.date}, before "
                                                  f"{parent.id!r} begins ({parent.date}, {line})")
        elif end is not None and first > end:
            yield Finding(event.path + ("date",), f"{event.id!r} is dated {event.date}, after "
                                                  f"{parent.id!r} ends ({parent.end_date}, {line})")
