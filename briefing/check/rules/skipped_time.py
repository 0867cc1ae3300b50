"""skipped-time: a local time that the clocks skipped when summer time began.

What it does
    Reads each event's ``time`` and ``end_time`` in the event's time zone (its own, its
    venue's or its parent event's) and reports a time that did not exist on that day: the
    hour the clocks jumped over when daylight saving time began ("02:30" on the last Sunday
    of March in Europe/Berlin, where 02:00 became 03:00). A time given in a zone without
    summer time, or as a UTC offset, is never reported.

Why is this bad?
    No clock showed that time: the date, the time or the zone was copied wrongly, and the
    brief would print an instant that never happened and order the chronology by it.

Example
    ```yaml
    venues:
      - {id: clinic, timezone: Europe/Berlin, ...}
    events:
      - id: ev-outage
        date: "2025-03-30"
        time: "02:30"          # clocks went from 02:00 to 03:00 that night
        venue: clinic
    ```

Use instead
    ```yaml
        time: "03:30"          # or the time the source gives, in the zone it gives it
    ```
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import PartialDate, parse_time
from briefing.timing import zone_name_of, zone_of

ID = "skipped-time"
SEVERITY = "error"
SUMMARY = "a local time the clocks skipped when summer time began"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for event in facts.events:
        if not (event.time or event.end_time):
            continue
        tz = zone_of(event, index)
        if tz is None or isinstance(tz, dt.timezone):  # no zone, or a fixed offset: every time exists
            continue
        for name, day in (("time", event.date), ("end_time", event.end_date or event.date)):
            clock = getattr(event, name)
            if not clock or PartialDate(day).precision != "day":
                continue
            local = dt.datetime.combine(PartialDate(day).first_day, parse_time(clock))
            if not _exists(local, tz):
                yield Finding(event.path + (name,),
                              f"{event.id!r}: {clock} on {day} did not exist in {zone_name_of(event, index)} "
                              "(the clocks skipped that hour when summer time began): check the date, the time "
                              "and the zone the source gives")


def _exists(local: dt.datetime, tz: dt.tzinfo) -> bool:
    """Whether a clock in ``tz`` showed ``local``: a skipped time does not survive the round
    trip through UTC (it comes back an hour later or earlier)."""
    there = local.replace(tzinfo=tz)
    return there.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None) == local
