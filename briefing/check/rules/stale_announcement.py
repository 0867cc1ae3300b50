"""stale-announcement: an event announced for a date already past has no outcome.

What it does
    An event with ``status: announced`` whose date (its last possible day, for a month or a
    year) is before ``meta.as_of`` must say what became of it: ``outcome: occurred``,
    ``cancelled`` or ``not-reported`` (no source the desk holds says). An exception with a
    reason excuses it.

Why is this bad?
    ICD 203 asks that analysis be timely and that it say what is not known. A brief dated
    months after an announced trip that still calls it "announced" leaves the reader to
    guess whether it happened; "not reported" says the desk looked and found nothing.

Example
    ```yaml
    meta: {as_of: "2021-06-30", ...}
    events:
      - id: ev-minister-visit
        status: announced
        date: "2021-04"
    ```

Use instead
    ```yaml
        outcome: not-reported   # or occurred / cancelled, citing the source that says so
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "stale-announcement"
SEVERITY = "error"
SUMMARY = "an event announced for a date before meta.as_of has no outcome"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    as_of = facts.meta.as_of.first_day
    for event in facts.events:
        if event.status != "announced" or event.outcome is not None:
            continue
        # a month or a year is past only once its last day is (an event "in 2023-09" is not
        # stale in a brief of 2023-09-20)
        if (event.end_date or event.date).last_day < as_of:
            yield Finding(event.path + ("status",),
                          f"event {event.id!r} was announced for {event.end_date or event.date}, before the brief's "
                          f"date ({facts.meta.as_of}): give its outcome (occurred, cancelled or not-reported)")
