"""The locator map's layout: the venues, a scale bar, an inset of the wider region, and labels
placed where they hide no other label or mark, over a base map (which part of the world to
show, land, coastlines and borders cut to the frame: :mod:`briefing.render.basemap`).

Like the timeline, it is plain data: the template draws the shapes as inline SVG and sets
the labels as HTML text over them at the positions computed here (px of the figure's box).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.render import basemap
from briefing.render.basemap import Box
from briefing.render.mapdraw import Projection, path
from briefing.render.measure import shorten, text_width

if TYPE_CHECKING:  # the locator only reads attributes; no runtime tie to the model's classes
    from briefing.model import Venue

VENUE_SIZE, VENUE_LINE = 10, 12      # px; brief.css ".map-venue" sets the same
COUNTRY_SIZE, COUNTRY_LINE = 9, 11   # ".map-country"
SCALE_SIZE, SCALE_LINE = 8, 10       # ".map-scale"
_PAD = 3           # px added to each measured label
_EDGE = 3          # least room between a label and the frame
_GAP = 2           # least air around a label
_SPOT = 4          # a venue's dot radius
_WIDE = 30.0       # degrees of latitude shown past which a scale bar would mislead (the scale varies)
_LABEL_MAX = 0.4   # share of the width a venue's name may take: a longer one is cut short with "…"
_REGIONAL = 20.0   # degrees of latitude shown under which an inset shows the wider region
_ZOOM_OUT = 7      # the inset shows this many times the main map's extent…
_INSET_WIDTH = 120  # …in this many px across


@dataclass(frozen=True)
class Spot:
    x: float
    y: float
    label: str
    venue_id: str


@dataclass(frozen=True)
class Label:
    """A text set over the map: its box in px of the figure (left, top, width, line height)."""
    x: float
    y: float
    width: float
    height: float
    text: str
    kind: str
    """"venue", "country" or "scale": the template's class for it."""
    align: str = "left"
    """The side the text keeps to in its box ("left", "right", "center"): the one nearest its
    dot, so a text narrower than measured (Arabic joined, kerned Latin) stays beside it."""

    @property
    def box(self) -> Box:
        return self.x, self.y, self.x + self.width, self.y + self.height


@dataclass(frozen=True)
class ScaleBar:
    x: float
    y: float
    length: float
    """px."""
    km: int


@dataclass(frozen=True)
class Inset:
    """A small map of the wider region in a corner, the main map's area outlined on it."""
    x: float
    y: float
    width: float
    height: float
    land: str
    """SVG path data in the figure's px, already inside the inset's box."""
    marker: tuple[float, float, float, float]
    """The main map's area on the inset: x, y, width, height."""


@dataclass(frozen=True)
class Locator:
    width: int
    height: int
    land: str
    """SVG path data: land, cut to the frame."""
    hosts: str
    """The countries the venues are in, drawn a shade darker."""
    coast: str
    borders: str
    spots: list[Spot]
    labels: list[Label]
    scale: ScaleBar | None
    unlabelled: int = 0
    countries: list[str] = field(default_factory=list)
    """Codes of the countries named on the map, in placement order."""
    inset: Inset | None = None


def _meet(a: Box, b: Box, gap: float = _GAP) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def locator_map(venues: list[Venue], label: Callable[[Venue], str], country_name: Callable[[str], str | None],
            distance: Callable[[int], str] = "{} km".format, width: int = 640) -> Locator | None:
    """Venues on a Natural Earth base map fitted to them with a margin.

    Places that are part of another place with coordinates are left out: at this scale they
    would sit on top of it. Each venue's name takes the first of eight places around its dot
    that stays in the frame and meets no other label or dot; a name with no room is left out
    (``unlabelled``; the table lists every venue). Countries are named where their name fits
    inside them, the venues' countries first. ``country_name`` words an ISO 3166-1 alpha-2 code
    and ``distance`` a number of kilometres, both in the brief's locale.
    """
    placed = [v for v in venues if v.coordinates is not None]
    with_outer = {v.id for v in placed if v.part_of and any(o.id == v.part_of for o in placed)}
    placed = [v for v in placed if v.id not in with_outer]
    if not placed:
        return None
    where = [(v.coordinates.lon, v.coordinates.lat) for v in placed if v.coordinates is not None]
    ground = basemap.base_map(tuple(where), width)
    projection, height, frame, country_rings = ground.projection, ground.height, ground.frame, ground.country_rings
    hosts = {v.country for v in placed}
    spots = []
    for venue, (lon, lat) in zip(placed, where, strict=True):
        x, y = projection(lon, lat)
        spots.append(Spot(round(x, 1), round(y, 1), label(venue), venue.id))

    taken: list[Box] = [(s.x - _SPOT, s.y - _SPOT, s.x + _SPOT, s.y + _SPOT) for s in spots]
    scale = _scale_bar(projection, height, taken) if height / projection.scale <= _WIDE else None
    labels: list[Label] = []
    if scale:
        text_box = _scale_label(scale, distance(scale.km))
        labels.append(text_box)
        taken += [(scale.x - 2, scale.y - 4, scale.x + scale.length + 2, scale.y + 2), text_box.box]
    unlabelled = 0
    for spot in spots:
        text = shorten(spot.label, width * _LABEL_MAX, VENUE_SIZE)
        size = round(text_width(text, VENUE_SIZE) + _PAD, 1)
        box = next((b for b in _around(spot, size) if _fits(b, frame, taken)), None)
        if box is None:
            unlabelled += 1
            continue
        side = "right" if box[2] <= spot.x else "left" if box[0] >= spot.x else "center"
        labels.append(Label(box[0], box[1], size, VENUE_LINE, text, "venue", side))
        taken.append(box)

    inset = _inset(projection, width, height, taken) if height / projection.scale <= _REGIONAL else None
    if inset:
        taken.append((inset.x, inset.y, inset.x + inset.width, inset.y + inset.height))

    named = []
    order = sorted(country_rings, key=lambda code: (code not in hosts, -basemap.area(country_rings[code]), code))
    for code in order:
        name = country_name(code)
        if not name:
            continue
        size = round(text_width(name, COUNTRY_SIZE) + _PAD, 1)
        for x, y in ground.country_spots(code):
            box = (round(x - size / 2, 1), round(y - COUNTRY_LINE / 2, 1),
                   round(x + size / 2, 1), round(y + COUNTRY_LINE / 2, 1))
            # Another country's name must lie wholly inside it; a venue's country's may spill
            # over its outline (a small country is still the one the reader looks for).
            corners = [(x, y)] if code in hosts else [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]
            if _fits(box, frame, taken) and all(basemap.inside(c, country_rings[code]) for c in corners):
                labels.append(Label(box[0], box[1], size, COUNTRY_LINE, name, "country", "center"))
                taken.append(box)
                named.append(code)
                break

    return Locator(width, height, ground.land,
                   path([r for code in sorted(hosts) for r in country_rings.get(code, [])], True),
                   ground.coast, ground.borders, spots, labels, scale, unlabelled, named, inset)


def _around(spot: Spot, size: float) -> list[Box]:
    """Eight places for a venue's name: right of its dot, left, then above and below."""
    x, y, h = spot.x, spot.y, VENUE_LINE
    lefts = [(x + 7, y - h / 2), (x - 7 - size, y - h / 2), (x + 3, y - 5 - h), (x + 3, y + 5),
             (x - 3 - size, y - 5 - h), (x - 3 - size, y + 5), (x - size / 2, y - 7 - h), (x - size / 2, y + 7)]
    return [(round(a, 1), round(b, 1), round(a + size, 1), round(b + h, 1)) for a, b in lefts]


def _fits(box: Box, frame: Box, taken: list[Box]) -> bool:
    inside = (box[0] >= frame[0] + _EDGE and box[1] >= frame[1] + _EDGE
              and box[2] <= frame[2] - _EDGE and box[3] <= frame[3] - _EDGE)
    return inside and not any(_meet(box, other) for other in taken)


def _scale_bar(projection: Projection, height: int, taken: list[Box]) -> ScaleBar | None:
    """A bar of a round number of km about a sixth of the width, in the bottom corner that
    holds no venue (left first)."""
    km_per_px = projection.km_per_px()
    target = projection.x0 * 2 / 6 * km_per_px
    km = max((n * 10 ** e for e in range(0, 5) for n in (1, 2, 5) if n * 10 ** e <= target), default=0)
    if not km:
        return None
    length = round(km / km_per_px, 1)
    for x in (12.0, projection.x0 * 2 - 12 - length):
        bar = ScaleBar(x, float(height - 10), length, km)
        area = (x - 4, height - 10 - 4 - SCALE_LINE - 2, x + length + 4, float(height))
        if not any(_meet(area, other) for other in taken):
            return bar
    return None


def _scale_label(bar: ScaleBar, text: str) -> Label:
    size = round(text_width(text, SCALE_SIZE) + _PAD, 1)
    return Label(bar.x, bar.y - 4 - SCALE_LINE, size, SCALE_LINE, text, "scale")


def _inset(projection: Projection, width: int, height: int, taken: list[Box]) -> Inset | None:
    """The wider region around the map in the first free corner (top right, top left, bottom
    right, bottom left), or None when labels or venues fill all four."""
    w, h = _INSET_WIDTH, round(_INSET_WIDTH * height / width)
    for x, y in ((width - w - 8, 8), (8, 8), (width - w - 8, height - h - 8), (8, height - h - 8)):
        box = (float(x), float(y), float(x + w), float(y + h))
        if any(_meet(box, other, 4) for other in taken):
            continue
        wider = Projection(projection.lon0, projection.lat0, projection.scale * w / width / _ZOOM_OUT,
                           x + w / 2, y + h / 2)
        mark_w, mark_h = w / _ZOOM_OUT, h / _ZOOM_OUT
        return Inset(float(x), float(y), float(w), float(h), basemap.inset_land(wider, box),
                     (round(x + (w - mark_w) / 2, 1), round(y + (h - mark_h) / 2, 1), round(mark_w, 1), round(mark_h, 1)))
    return None


