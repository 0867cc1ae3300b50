"""The timeline's time scale: the unit that suits a stretch of time, the steps its ticks may
take (finest first), and the natural boundaries they fall on (whole hours, midnights, the 1st
of a month, 1 January), in UTC.

Calendar arithmetic only, apart from the timeline's layout (:mod:`briefing.render.figures`),
which measures each step's tick labels and keeps the finest step whose labels fit: what a
step is and where its ticks fall does not depend on any text.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

# Tick steps from finest to coarsest. Hours divide a day and months a year, so every step
# lands on the same natural boundaries each day or year; days restart on the 1st.
_STEPS: list[tuple[str, int]] = (
    [("hour", n) for n in (1, 2, 3, 6, 12)]
    + [("day", n) for n in (1, 2, 5, 10, 15)]
    + [("month", n) for n in (1, 2, 3, 6)])
_UNITS = ("hour", "day", "month", "year")


def unit_for(span: dt.timedelta) -> str:
    """The finest unit that still reads well for this much time."""
    if span < dt.timedelta(days=2):
        return "hour"
    if span < dt.timedelta(days=122):
        return "day"
    if span < dt.timedelta(days=6 * 365.25):
        return "month"
    return "year"


def steps_from(unit: str, years: float) -> Iterator[tuple[str, int]]:
    """Candidate steps, finest first, starting at ``unit``; years go 1, 2, 5, 10, 20, 50…
    until one step covers the whole span, so a candidate with at most one tick always comes."""
    first = _UNITS.index(unit)
    yield from ((u, n) for u, n in _STEPS if _UNITS.index(u) >= first)
    step = 1
    while True:
        for factor in (1, 2, 5):
            yield "year", step * factor
        if step > years:
            return
        step *= 10


def boundaries(unit: str, step: int, lo: dt.datetime, hi: dt.datetime) -> Iterator[dt.datetime]:
    """Natural boundaries (whole hours, midnights, 1sts of months, 1 January) in [lo, hi], UTC."""
    utc = dt.timezone.utc
    if unit == "hour":
        moment = lo.replace(minute=0, second=0, microsecond=0)
        while moment <= hi:
            if moment >= lo and moment.hour % step == 0:
                yield moment
            moment += dt.timedelta(hours=1)
    elif unit == "day":
        day = lo.date()
        while (moment := dt.datetime(day.year, day.month, day.day, tzinfo=utc)) <= hi:
            month_days = calendar.monthrange(day.year, day.month)[1]
            # The 31st then the 1st would be a cramped pair: a step's last tick in a month
            # is kept only when at least half a step remains before the next month.
            if moment >= lo and (day.day - 1) % step == 0 and (
                    step == 1 or month_days + 1 - day.day >= step / 2):
                yield moment
            day += dt.timedelta(days=1)
    elif unit == "month":
        year, month = lo.year, lo.month
        while (moment := dt.datetime(year, month, 1, tzinfo=utc)) <= hi:
            if moment >= lo and (month - 1) % step == 0:
                yield moment
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        year = lo.year + (-lo.year % step)
        while year <= hi.year and year <= dt.MAXYEAR:
            moment = dt.datetime(year, 1, 1, tzinfo=utc)
            if moment >= lo:
                yield moment
            year += step
