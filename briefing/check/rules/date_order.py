"""date-order: an event ends before it begins.

What it does
    Reports an event whose ``end_date`` is earlier than its ``date``, or whose end time
    (``end_date`` and ``end_time``) comes before its start time (a departure before the
    arrival, a fire put out before it started).

Why is this bad?
    The chronology and its durations become nonsense; usually two dates were swapped or a
    digit was mistyped.

Example
    ```yaml
    date: "2024-06-19"
    end_date: "2024-06-18"
    ```

Use instead
    ```yaml
    date: "2024-06-18"
    end_date: "2024-06-19"
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.facts_index import period
from briefing.check.problem import Finding
from briefing.timing import end, start

ID = "date-order"
SEVERITY = "error"
SUMMARY = "an event ends before it begins"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for event in facts.events:
        if event.end_date and period(event.end_date)[1] < period(event.date)[0]:
            yield Finding(event.path + ("end_date",), f"{event.id!r} ends ({event.end_date}) before it "
                                                      f"begins ({event.date})")
        elif event.end_time and event.time and end(event, index) < start(event, index):
            ends = f"{event.end_date or event.date} {event.end_time}"
            yield Finding(event.path + ("end_time",), f"{event.id!r} ends ({ends}) before it begins "
                                                      f"({event.date} {event.time}); an event that runs past "
                                                      "midnight needs its end_date")
