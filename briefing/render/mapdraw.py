"""Projection and clipping for the locator map: degrees to px of the figure, shapes cut to
its frame, and SVG path data small enough to keep the PDF light.

The projection is equirectangular with its standard parallel through the middle of the map
(longitudes shrunk by the cosine of that latitude), centred on the venues: at the scale of a
region it keeps shapes and distances true enough to read, and it is a few lines of arithmetic.
Longitudes are counted from the map's central meridian, so a map across the 180th meridian
(Chukotka and Alaska, Fiji) is as continuous as any other.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Pixel = tuple[float, float]
_MIN_STEP = 0.6    # px: a point closer than this to the one before adds nothing visible


def wrap(degrees: float) -> float:
    """A longitude difference brought into [-180, 180)."""
    return (degrees + 180) % 360 - 180


def central_meridian(longitudes: Sequence[float]) -> float:
    """The middle of the shortest stretch of longitude holding them all (across 180° if shorter)."""
    ordered = sorted(lon % 360 for lon in longitudes)
    gaps = [((ordered[(i + 1) % len(ordered)] - ordered[i]) % 360 or 360, i) for i in range(len(ordered))]
    widest, after = max(gaps)
    start = ordered[(after + 1) % len(ordered)]
    return wrap(start + (360 - widest) / 2) if len(ordered) > 1 else wrap(ordered[0])


@dataclass(frozen=True)
class Projection:
    lon0: float
    """Central meridian."""
    lat0: float
    """Standard parallel: longitudes are scaled by its cosine."""
    scale: float
    """px per degree of latitude."""
    x0: float
    y0: float
    """Where (lon0, lat0) falls in the figure."""

    def __call__(self, lon: float, lat: float) -> Pixel:
        return (self.x0 + wrap(lon - self.lon0) * math.cos(math.radians(self.lat0)) * self.scale,
                self.y0 - (lat - self.lat0) * self.scale)

    def shifted(self, points: Sequence[tuple[float, float]]) -> list[Pixel]:
        """A whole line or ring projected as one piece: shifted by a full turn as a block (never
        point by point), so a ring that reaches the far side of the globe stays one ring."""
        mean = sum(lon for lon, _ in points) / len(points)
        turn = round((self.lon0 - mean) / 360) * 360
        k = math.cos(math.radians(self.lat0)) * self.scale
        return [(self.x0 + (lon + turn - self.lon0) * k, self.y0 - (lat - self.lat0) * self.scale)
                for lon, lat in points]

    def km_per_px(self) -> float:
        return 111.32 / self.scale   # one degree of latitude is 111.32 km


def _outside(points: Sequence[Pixel], box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return (max(p[0] for p in points) < x0 or min(p[0] for p in points) > x1
            or max(p[1] for p in points) < y0 or min(p[1] for p in points) > y1)


def clip_ring(points: Sequence[Pixel], box: tuple[float, float, float, float]) -> list[Pixel]:
    """Sutherland–Hodgman: the part of a ring inside the box (a ring again, maybe empty). Where
    a shape leaves and re-enters, the cut runs along the box's edge, which the fill hides."""
    if not points or _outside(points, box):
        return []
    x0, y0, x1, y1 = box
    edges = [(lambda p: p[0] >= x0, lambda a, b: _at_x(a, b, x0)),
             (lambda p: p[0] <= x1, lambda a, b: _at_x(a, b, x1)),
             (lambda p: p[1] >= y0, lambda a, b: _at_y(a, b, y0)),
             (lambda p: p[1] <= y1, lambda a, b: _at_y(a, b, y1))]
    ring = list(points)
    for inside, cross in edges:
        if not ring:
            break
        kept: list[Pixel] = []
        previous = ring[-1]
        for point in ring:
            if inside(point):
                if not inside(previous):
                    kept.append(cross(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(cross(previous, point))
            previous = point
        ring = kept
    return ring


def _at_x(a: Pixel, b: Pixel, x: float) -> Pixel:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _at_y(a: Pixel, b: Pixel, y: float) -> Pixel:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def clip_line(points: Sequence[Pixel], box: tuple[float, float, float, float]) -> list[list[Pixel]]:
    """Liang–Barsky on each segment: the pieces of a line inside the box."""
    if len(points) < 2 or _outside(points, box):
        return []
    x0, y0, x1, y1 = box
    pieces: list[list[Pixel]] = []
    current: list[Pixel] = []
    for a, b in itertools.pairwise(points):
        dx, dy = b[0] - a[0], b[1] - a[1]
        low, high = 0.0, 1.0
        for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
            if p == 0:
                if q < 0:
                    low, high = 1.0, 0.0
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
        if low > high:
            if current:
                pieces.append(current)
                current = []
            continue
        start = (a[0] + low * dx, a[1] + low * dy)
        end = (a[0] + high * dx, a[1] + high * dy)
        if not current:
            current = [start]
        current.append(end)
        if high < 1.0:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


def thin(points: Iterable[Pixel]) -> list[Pixel]:
    """Rounded to 0.1 px, dropping points that would not show: the figure's bytes stay few."""
    kept: list[Pixel] = []
    for x, y in points:
        point = (round(x, 1), round(y, 1))
        if not kept or math.hypot(point[0] - kept[-1][0], point[1] - kept[-1][1]) >= _MIN_STEP:
            kept.append(point)
    return kept


def path(shapes: Iterable[Sequence[Pixel]], closed: bool) -> str:
    """SVG path data: one subpath a shape (points after the first are implicit line-tos),
    "Z" closing rings."""
    parts = []
    for shape in shapes:
        if len(shape) < (3 if closed else 2):
            continue
        first, *rest = shape
        parts.append(f"M{first[0]:g} {first[1]:g}" + "".join(f" {x:g} {y:g}" for x, y in rest) + ("Z" if closed else ""))
    return "".join(parts)
