"""Geometry of the brief's two figures, as plain data a template draws as inline SVG.

Nothing here writes markup: labels stay plain text so the template escapes them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from briefing.model import Event, PartialDate, Venue


@dataclass(frozen=True)
class Mark:
    x: float
    label_x: float
    label_y: float
    stem_end: float
    anchor: str
    label: str
    sublabel: str
    announced: bool
    target: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    axis_y: float
    left: float
    right: float
    ticks: list[Tick]
    marks: list[Mark]
    unlabelled: int = 0
    """Events marked on the axis without a label because no row had room for it."""


_CHAR = 5.4        # average advance of a 10 px sans-serif character, for label placement


def _ems(text: str) -> float:
    """A label's width in average Latin characters: Hangul, kana and Han are about twice as wide."""
    return sum(1.9 if unicodedata.east_asian_width(c) in "WF" else 1.0 for c in text)
_ROW = 28          # vertical distance between label rows
_ROWS = 8          # alternately above and below the axis


def timeline(events: list[Event], label, date_label, year_label, width: int = 640) -> Timeline | None:
    """Top-level events (those not part of another) on a year axis.

    Labels go in rows alternately above and below the axis; each takes the first row
    where it overlaps no label already placed, so close dates never print over each other.
    """
    top = [e for e in events if not e.part_of]
    if not top:
        return None
    days = sorted(((PartialDate(e.date).first_day, e) for e in top), key=lambda item: item[0])
    first_year, last_year = days[0][0].year, days[-1][0].year + 1
    start, end = dt.date(first_year, 1, 1), dt.date(last_year, 1, 1)
    left, right = 24.0, width - 24.0

    def x_of(day: dt.date) -> float:
        return round(left + (right - left) * (day - start).days / max((end - start).days, 1), 1)

    placed: dict[int, list[tuple[float, float]]] = {}
    rows: list[tuple[int, float, float, str, Event, str, str]] = []
    for day, event in days:
        x = x_of(day)
        text, sub = label(event), date_label(event)
        span = max(_ems(text), _ems(sub) * 0.9) * _CHAR + 6
        anchor = "end" if x + span > width - 4 else "start"
        x0, x1 = (x - span, x) if anchor == "end" else (x, x + span)
        row = next((r for r in range(_ROWS * 4)
                    if all(x1 + 8 < a or x0 - 8 > b for a, b in placed.get(r, []))), None)
        if row is None:  # a crowded axis (a large fact base): a dot without a label
            rows.append((None, x, x0, anchor, event, "", ""))
            continue
        placed.setdefault(row, []).append((x0, x1))
        rows.append((row, x, x0, anchor, event, text, sub))
    labelled = [r for r, *_ in rows if r is not None]
    above = max([r for r in labelled if r % 2 == 0], default=-2) // 2 + 1
    below = max([r for r in labelled if r % 2 == 1], default=-1) // 2 + 1
    axis_y = 16 + above * _ROW + 8
    height = int(axis_y + 22 + below * _ROW + 4)
    marks = []
    for row, x, x0, anchor, event, text, sub in rows:
        if row is None:
            marks.append(Mark(x, x, axis_y, axis_y, anchor, "", "", event.status == "announced", event.id))
            continue
        level = row // 2
        if row % 2 == 0:
            label_y = axis_y - 22 - level * _ROW
            stem_end = label_y + 14
        else:
            label_y = axis_y + 32 + level * _ROW
            stem_end = label_y - 10
        marks.append(Mark(x, x if anchor == "start" else x, label_y, stem_end, anchor, text, sub,
                          event.status == "announced", event.id))
    ticks = [Tick(x_of(dt.date(year, 1, 1)), year_label(dt.date(year, 1, 1))) for year in range(first_year, last_year + 1)]
    return Timeline(width, height, axis_y, left, right, ticks, marks, len(rows) - len(labelled))


@dataclass(frozen=True)
class Spot:
    x: float
    y: float
    label: str
    venue_id: str


@dataclass(frozen=True)
class Locator:
    width: int
    height: int
    spots: list[Spot]
    meridians: list[tuple[float, str]]
    parallels: list[tuple[float, str]]


def locator(venues: list[Venue], label, degrees, width: int = 640, height: int = 300) -> Locator | None:
    """Venues placed by their coordinates (equirectangular), with a 5° graticule.

    Places that are part of another place with coordinates are left out: at this scale
    they would sit on top of it.
    """
    placed = [v for v in venues if v.coordinates is not None]
    with_outer = {v.id for v in placed if v.part_of and any(o.id == v.part_of for o in placed)}
    placed = [v for v in placed if v.id not in with_outer]
    if not placed:
        return None
    lats = [v.coordinates.lat for v in placed]
    lons = [v.coordinates.lon for v in placed]
    south, north = (min(lats) // 5) * 5 - 5, (max(lats) // 5) * 5 + 10
    west, east = (min(lons) // 5) * 5 - 5, (max(lons) // 5) * 5 + 10
    margin = 30

    def project(lat: float, lon: float) -> tuple[float, float]:
        x = margin + (width - 2 * margin) * (lon - west) / (east - west)
        y = margin + (height - 2 * margin) * (north - lat) / (north - south)
        return round(x, 1), round(y, 1)

    spots = [Spot(*project(v.coordinates.lat, v.coordinates.lon), label(v), v.id) for v in placed]
    meridians = [(project(north, lon)[0], degrees(lon, "lon")) for lon in range(int(west), int(east) + 1, 5)]
    parallels = [(project(lat, west)[1], degrees(lat, "lat")) for lat in range(int(south), int(north) + 1, 5)]
    return Locator(width, height, spots, meridians, parallels)
