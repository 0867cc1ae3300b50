"""The timeline's geometry, as plain data a template draws: marks and lines as inline SVG,
labels as HTML text positioned over it (so every script goes through the text shaper).

Nothing here writes markup: labels stay plain text so the template escapes them. Label
widths come from briefing.render.measure; every position is in px of the figure's box. The
axis's units, steps and where their ticks fall come from briefing.render.timescale.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from briefing.render import timescale
from briefing.render.measure import shorten, text_width


# --- timeline ------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """One item to place on the time axis, as plain data (the view builds it from its records)."""
    start: dt.datetime
    """A timezone-aware instant."""
    end: dt.datetime | None
    """None for an instant; otherwise the (exclusive) end instant."""
    label: str
    sublabel: str
    announced: bool = False
    """Not yet happened when reported: the template draws it hollow / dashed."""
    vague: bool = False
    """Known only to the month or year: the template draws it lighter."""
    target: str = ""
    """Anchor id the label links to."""


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    label_x: float
    """Where the (middle-anchored) label is centred: x, unless that would push it off the figure."""
    width: float
    """The label's measured width."""


@dataclass(frozen=True)
class Mark:
    x: float
    """Where the item starts; the stem rises (or drops) from here."""
    x_end: float
    """Where a bar ends; equal to x for a point."""
    label_x: float
    label_y: float
    """Baseline of the label; the sublabel's is SUB_DY lower."""
    width: float
    """The label box's width (label and sublabel, measured): it runs from label_x rightwards,
    or leftwards when ``anchor`` is "end"."""
    stem_end: float
    anchor: str
    label: str
    """Empty when no row had room: the item keeps its mark, unlabelled."""
    sublabel: str
    announced: bool
    vague: bool
    target: str
    bar: bool

    @property
    def length(self) -> float:
        """A bar's length: the template draws long bars first so short ones stay visible."""
        return self.x_end - self.x


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    axis_y: float
    left: float
    right: float
    tick_label_y: float
    """Baseline of the tick labels, just under the axis."""
    unit: str
    """The unit the ticks count in: "hour", "day", "month" or "year"."""
    ticks: list[Tick]
    marks: list[Mark]
    unlabelled: int = 0
    """Items marked on the axis without a label because no row had room for it."""


LABEL_SIZE = 10    # px, bold: an item's label (theme/figures/figures.css sets the same sizes)
SUB_SIZE = 9       # px: its sublabel, and tick labels
SUB_DY = 11        # sublabel baseline below the label baseline
_PAD = 4           # px added to every measured label: kerning and shaping only take room away


def label_width(label: str, sublabel: str) -> float:
    """The box of a two-line label: the wider of its lines, measured, plus a little air."""
    return round(max(text_width(label, LABEL_SIZE, bold=True), text_width(sublabel, SUB_SIZE)) + _PAD, 1)


_MARGIN = 24       # between the figure's edge and the ends of the axis
_SPAN_PAD = 0.05   # share of the shown span added at each end, so no mark sits on the axis's end
_EARLIEST = dt.datetime(1, 1, 2, tzinfo=dt.timezone.utc)    # the axis's padding never reaches past these
_LATEST = dt.datetime(9999, 11, 30, tzinfo=dt.timezone.utc)
_EDGE = 2          # the least room left between any text and the figure's edge
_BAR_MIN = 6       # an item narrower than this in px is drawn as a point: a bar would be a sliver
_ROW = 28          # vertical distance between label rows (two lines of text and some air)
_ROWS = 12         # rows tried, alternately above and below the axis, before giving up on a label
_LABEL_GAP = 8     # the least horizontal air between two labels in one row
_STEM_GAP = 3      # the least air between a label and another label's stem
_LABEL_MAX = 0.45  # share of the width one label may take: a longer one is cut short with "…"
_LABEL_UP = 10     # label text's extent above its baseline (10 px bold on a 12 px line)
_LABEL_DOWN = SUB_DY + 3   # and below it, to the sublabel's descenders
_TICK_DY = 15      # tick label baseline below the axis
_TICK_DOWN = 3     # the tick label's extent below its baseline (9 px)
_TICK_GAP = 12     # the least air between two tick labels
_TICK_MIN = 48     # the least distance between ticks: closer ones crowd the axis even where labels fit
_BELOW = 32        # first below-axis label baseline under the axis: clear of the tick labels
_ABOVE = 22        # first above-axis label baseline over the axis: its sublabel clears the marks
_TOP = 24          # room above the highest label row's baseline


def _tick_width(label: str) -> float:
    return round(text_width(label, SUB_SIZE) + _PAD, 1)


def _ticks(lo: dt.datetime, hi: dt.datetime, unit: str, x_of, tick_label, width: int) -> tuple[str, list[Tick]]:
    """The finest step whose tick labels keep clear of each other and of the figure's edges."""
    years = (hi - lo).days / 365.25
    for step_unit, step in timescale.steps_from(unit, years):
        ticks = []
        for moment in timescale.boundaries(step_unit, step, lo, hi):
            x = x_of(moment)
            label = tick_label(moment, step_unit)
            size = _tick_width(label)
            ticks.append(Tick(x, label, round(min(max(x, _EDGE + size / 2), width - _EDGE - size / 2), 1), size))
        if all(b.x - a.x >= _TICK_MIN and b.label_x - b.width / 2 - (a.label_x + a.width / 2) >= _TICK_GAP
               for a, b in itertools.pairwise(ticks)):
            return step_unit, ticks
    raise AssertionError("unreachable: the coarsest year step leaves at most one tick")


def _free(row: int, x: float, x0: float, x1: float, boxes: dict[int, list[tuple[float, float]]],
          stems: dict[int, list[float]], tick_boxes: list[tuple[float, float]]) -> bool:
    """Whether a label over [x0, x1] with its stem at x fits in ``row`` (even: above the axis,
    odd: below; the farther from the axis the higher) among the labels and stems placed."""
    if any(x1 + _LABEL_GAP > a and x0 - _LABEL_GAP < b for a, b in boxes.get(row, [])):
        return False
    if any(x0 - _STEM_GAP < s < x1 + _STEM_GAP for s in stems.get(row, [])):
        return False
    # Its own stem crosses the nearer rows on its side and, below the axis, the tick labels.
    side = row % 2
    crossed = [box for near in range(side, row, 2) for box in boxes.get(near, [])]
    if side == 1:
        crossed += tick_boxes
    return not any(a - _STEM_GAP < x < b + _STEM_GAP for a, b in crossed)


def timeline(spans: list[Span], tick_label: Callable[[dt.datetime, str], str], width: int = 640,
             announced_word: str = "announced") -> Timeline | None:
    """Items on a time axis whose unit and ticks suit the time they cover.

    ``tick_label(moment, unit)`` words a tick (``moment`` in UTC, ``unit`` one of "hour", "day",
    "month", "year"). ``announced_word`` is only measured: the template adds it to the sublabel
    of announced items, so their label needs that much more room.

    The unit comes from the time shown (hours under two days, days under four months, months
    under six years, then years), coarsened until tick labels keep clear of each other; ticks
    fall on UTC boundaries. An item at least _BAR_MIN px long is a bar, anything shorter a point.

    Labels go in rows alternately above and below the axis; each takes the first row where it
    meets no label, no other item's stem and (below the axis) no tick label, so close dates never
    print over each other. When no row has room the item keeps its mark without a label
    (``unlabelled``). Marks come back in time order.
    """
    if not spans:
        return None
    for span in spans:
        if span.start.tzinfo is None or (span.end is not None and span.end.tzinfo is None):
            raise ValueError(f"timeline: {span.label!r} has a time without a time zone")
        if span.end is not None and span.end < span.start:
            raise ValueError(f"timeline: {span.label!r} ends before it starts")
    utc = dt.timezone.utc
    items = sorted(spans, key=lambda s: (s.start, s.end or s.start))
    lo = min(s.start for s in items).astimezone(utc)
    hi = max(s.end or s.start for s in items).astimezone(utc)
    if lo == hi:
        # One instant: a day either side gives a few midnights to read it against.
        lo, hi, unit = lo - dt.timedelta(days=1), hi + dt.timedelta(days=1), "day"
    else:
        if hi - lo < dt.timedelta(hours=2):  # minutes apart: keep at least a couple of hour ticks
            middle = lo + (hi - lo) / 2
            lo, hi = middle - dt.timedelta(hours=1), middle + dt.timedelta(hours=1)
        unit = timescale.unit_for(hi - lo)
    pad = (hi - lo) * _SPAN_PAD
    # The padding stays within the dates Python holds, with a month to spare for the ticks' steps.
    lo, hi = lo - min(pad, lo - _EARLIEST), hi + min(pad, _LATEST - hi)
    left, right = float(_MARGIN), float(width - _MARGIN)
    seconds = (hi - lo).total_seconds()

    def x_of(moment: dt.datetime) -> float:
        return round(left + (right - left) * (moment - lo).total_seconds() / seconds, 1)

    unit, ticks = _ticks(lo, hi, unit, x_of, tick_label, width)
    # Tick label boxes, which a below-axis stem must not cross (the labels sit in its way).
    tick_boxes = [(t.label_x - t.width / 2 - _STEM_GAP, t.label_x + t.width / 2 + _STEM_GAP) for t in ticks]

    # Each item's mark and the extent its label would take.
    drafts = []
    for span in items:
        x = x_of(span.start)
        x_end = x_of(span.end) if span.end is not None else x
        text = shorten(span.label, width * _LABEL_MAX, LABEL_SIZE, bold=True)
        sub = shorten(span.sublabel, width * _LABEL_MAX, SUB_SIZE)
        shown_sub = f"{sub} ({announced_word})" if span.announced else sub
        size = label_width(text, shown_sub)
        anchor = "end" if x + size > width - _EDGE else "start"
        x0 = x - size if anchor == "end" else x
        x0 = min(max(x0, _EDGE), width - _EDGE - size)  # a label longer than the room left of x
        drafts.append((span, x, x_end, anchor, x0, x0 + size, text, sub))

    # A label reaching right of its stem is placed before those to its left, so close items
    # step away from the axis right to left and every stem passes beside the nearer labels,
    # not through them; labels hanging left of their stem (at the right edge) the other way.
    order = sorted(range(len(drafts)), key=lambda i: (
        drafts[i][3] == "start", drafts[i][1] if drafts[i][3] == "end" else -drafts[i][1], i))
    boxes: dict[int, list[tuple[float, float]]] = {}   # row → label extents placed in it
    stems: dict[int, list[float]] = {}                  # row → stems crossing it to a farther row
    rows: dict[int, int] = {}                           # item → its label's row
    for i in order:
        _, x, _, _, x0, x1, _, _ = drafts[i]
        row = next((r for r in range(_ROWS) if _free(r, x, x0, x1, boxes, stems, tick_boxes)), None)
        if row is None:  # a crowded axis: the mark stays, without a label
            continue
        rows[i] = row
        boxes.setdefault(row, []).append((x0, x1))
        for near in range(row % 2, row, 2):
            stems.setdefault(near, []).append(x)

    above = max([r // 2 + 1 for r in rows.values() if r % 2 == 0], default=0)
    below = max([r // 2 + 1 for r in rows.values() if r % 2 == 1], default=0)
    axis_y = float(_TOP + (above - 1) * _ROW + _ABOVE) if above else float(_TOP)
    bottom = axis_y + _TICK_DY + _TICK_DOWN
    if below:
        bottom = axis_y + _BELOW + (below - 1) * _ROW + _LABEL_DOWN
    marks = []
    for i, (span, x, x_end, anchor, x0, x1, text, sub) in enumerate(drafts):
        bar = x_end - x >= _BAR_MIN
        row = rows.get(i)
        if row is None:
            marks.append(Mark(x, x_end, x, axis_y, 0.0, axis_y, "start", "", "", span.announced, span.vague,
                              span.target, bar))
            continue
        if row % 2 == 0:
            label_y = axis_y - _ABOVE - row // 2 * _ROW
            stem_end = label_y + _LABEL_DOWN
        else:
            label_y = axis_y + _BELOW + row // 2 * _ROW
            stem_end = label_y - _LABEL_UP - 1
        label_x = x1 if anchor == "end" else x0
        marks.append(Mark(x, x_end, round(label_x, 1), label_y, round(x1 - x0, 1), stem_end, anchor, text, sub,
                          span.announced, span.vague, span.target, bar))
    return Timeline(width, int(bottom + 4), axis_y, left, right, axis_y + _TICK_DY, unit, ticks,
                    marks, len(drafts) - len(rows))
