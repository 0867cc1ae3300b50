"""first-since: "first since …" and "n-th in N years" claims that the events contradict.

What it does
    An event may carry what the sources say about its place in a series:
    ``first_since: "2019"`` (the first such event since 2019) and
    ``nth_in_years: {n: 2, years: 4}`` (the second in four years). "Such events" are
    events of the same kind with at least two participants in common. The rule checks
    that the base holds an earlier one in the ``first_since`` period and none between it
    and this one, and that exactly ``n`` of them fall within the last ``years`` years.
    A span of ``years`` that reaches back before year 1000 (the earliest year a
    fact base can date) is reported too.

Why is this bad?
    Series claims are where briefs go wrong quietly: a forgotten meeting makes "first
    since 2019" false, and the reader has no way to see it.

Example
    ```yaml
    - id: ev-2023-ministerial
      kind: meeting
      first_since: "2019"       # but no meeting of the same ministers is recorded in 2019
    ```

Use instead
    Record the earlier event (with its source), or correct the claim.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from briefing.check.facts_index import expand_participants, period
from briefing.check.problem import Finding, indefinite as _a
from briefing.model import MIN_YEAR

ID = "first-since"
SEVERITY = "error"
SUMMARY = "a 'first since' or 'n-th in N years' claim the recorded events contradict"
STAGE = "model"


def _similar(facts, event) -> list:
    people = expand_participants(facts, event.participants)
    return [other for other in facts.events
            if other.kind == event.kind and other.status == "occurred"
            and len(people & expand_participants(facts, other.participants)) >= 2]


def check(facts, document) -> Iterator[Finding]:
    for event in facts.events:
        if not (event.first_since or event.nth_in_years):
            continue
        similar = _similar(facts, event)
        start, _ = period(event.date)
        if event.first_since:
            since_first, since_last = period(event.first_since)
            before = [e for e in similar if e is not event and period(e.date)[1] < start]
            in_period = [e for e in before if period(e.date)[0] <= since_last and period(e.date)[1] >= since_first]
            between = [e for e in before if period(e.date)[0] > since_last]
            if not in_period:
                yield Finding(event.path + ("first_since",),
                              f"no earlier {event.kind} with the same participants is recorded in {event.first_since}")
            elif between:
                yield Finding(event.path + ("first_since",),
                              f"{between[0].id!r} ({between[0].date}) is {_a(event.kind)} with the same participants "
                              f"after {event.first_since}, so this is not the first since then")
        if event.nth_in_years:
            reaches = start.year - event.nth_in_years.years
            if reaches < MIN_YEAR:  # the brief holds no dates before then: nothing could be counted
                yield Finding(event.path + ("nth_in_years", "years"),
                              f"{event.nth_in_years.years} years before {event.date} is year {reaches}, before "
                              f"{MIN_YEAR}, the earliest year a fact base can date")
                continue
            window_start = start.replace(year=reaches) if not (start.month == 2 and start.day == 29) \
                else dt.date(reaches, 2, 28)
            count = sum(1 for e in similar if period(e.date)[1] >= window_start and period(e.date)[0] <= start)
            if count != event.nth_in_years.n:
                yield Finding(event.path + ("nth_in_years",),
                              f"claimed to be number {event.nth_in_years.n} in {event.nth_in_years.years} years, "
                              f"but the base records {count} such event(s) in that span")
