"""part-longer-than-whole: a session reported longer than the event it is part of.

What it does
    Compares the durations of an event's parts (events with ``part_of`` it) with the
    durations of the event itself. It reports a part whose shortest possible length is
    longer than the whole's longest possible length, taking qualifiers into account
    ("more than 5 hours" may be any length from 5 hours up; "about 2 hours" is read as
    at most 2 hours 30 minutes).

Why is this bad?
    One-on-one talks cannot outlast the talks they were part of. One of the figures is
    wrong, or belongs to another event.

Example
    ```yaml
    durations:
      - {id: d-talks, event: ev-talks, value: 2, unit: hour, ...}
      - {id: d-one-on-one, event: ev-one-on-one, value: 3, unit: hour, ...}  # part of ev-talks
    ```

Use instead
    Attach each figure to the event it measures, or mark the disagreement as a conflict.
"""

from __future__ import annotations

import math
from typing import Iterator

from briefing.check.problem import Finding

ID = "part-longer-than-whole"
SEVERITY = "error"
SUMMARY = "a part of an event is reported longer than the whole"
STAGE = "model"

# A month is 28 to 31 days: the shortest and the longest reading of each unit, in seconds.
_SECONDS = {"second": (1, 1), "minute": (60, 60), "hour": (3600, 3600), "day": (86400, 86400),
            "week": (604800, 604800), "month": (28 * 86400, 31 * 86400)}


def bounds(duration) -> tuple[float, float]:
    """Shortest and longest length, in seconds, that a reported duration allows."""
    shortest, longest = (duration.value * size for size in _SECONDS[duration.unit])
    return {
        "exact": (shortest, longest),
        "about": (shortest * 0.75, longest * 1.25),
        "more-than": (shortest, math.inf),
        "at-least": (shortest, math.inf),
        "less-than": (0.0, longest),
        "at-most": (0.0, longest),
    }[duration.qualifier]


def check(facts, document) -> Iterator[Finding]:
    by_event: dict[str, list] = {}
    for duration in facts.durations:
        by_event.setdefault(duration.event, []).append(duration)
    for event in facts.events:
        if not event.part_of or event.id not in by_event or event.part_of not in by_event:
            continue
        for part in by_event[event.id]:
            for whole in by_event[event.part_of]:
                if bounds(part)[0] > bounds(whole)[1]:
                    yield Finding(part.path + ("value",),
                                  f"{part.id!r} ({part.value:g} {part.unit}) is longer than {whole.id!r} "
                                  f"({whole.value:g} {whole.unit}, {document.where(whole.path, part.path)}), "
                                  f"which measures {event.part_of!r}, the event it is part of")
