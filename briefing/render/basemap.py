"""The locator map's base map: the part of the world fitted to the venues, with its land,
coastlines, borders and each country's outline cut to the frame, in px of the figure.

Apart from the locator (:mod:`briefing.render.locator`, which places the venues and every
label over it) because it depends on the venues' coordinates alone, not on their names nor on
the locale: it is computed once for a set of places and remembered, so every locale of a brief
and every redraw of the live preview shares it. It is also most of a map's cost (the
projection, and the clipping of every coastline).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from briefing.render import geo
from briefing.render.mapdraw import Pixel, Projection, central_meridian, clip_line, clip_ring, path, thin, wrap

Box = tuple[float, float, float, float]   # x0, y0, x1, y1

_MARGIN = 0.22     # share of the venues' extent added on every side
_DETAILED = 10.0   # px per degree from which the 1:50m data is worth its weight
_MIN_SPAN = 4.0    # degrees of latitude (and of longitude, shrunk) shown at the least: one venue alone


@dataclass(frozen=True)
class BaseMap:
    """The map under the venues: the frame, land, coasts, borders and each country's outline
    in px. The venues' coordinates alone decide it (not their names, not the locale), so it
    is computed once for them and shared (see :func:`base_map`)."""
    projection: Projection
    height: int
    frame: Box
    world: geo.World
    land: str
    coast: str
    borders: str
    country_rings: dict[str, list[list[Pixel]]]
    """Read only: shared by every map with the same venues."""
    spots: dict[str, list[Pixel]] = field(default_factory=dict)

    def country_spots(self, code: str) -> list[Pixel]:
        """:func:`_country_spots` of one country, worked out the first time it is asked for."""
        if code not in self.spots:
            self.spots[code] = _country_spots(self.country_rings[code], self.frame)
        return self.spots[code]


@lru_cache(maxsize=8)
def base_map(where: tuple[tuple[float, float], ...], width: int) -> BaseMap:
    """The map fitted to the venues at ``where`` (lon, lat). Remembered: every locale of a brief
    draws the same ground, and the live preview redraws it after every save; the projection
    and the clipping of every coastline are most of a map's cost."""
    projection, height = _projection(list(where), width)
    frame = (0.0, 0.0, float(width), float(height))
    # Past about a sixth of the globe across, 1:50m detail is finer than the figure shows.
    world = geo.world("50m" if projection.scale >= _DETAILED else "110m")
    land = _shapes(world, [ring for polygon in world.land for ring in polygon], projection, frame)
    country_rings: dict[str, list[list[Pixel]]] = {}
    for country in world.countries:
        rings = _shapes(world, [ring for polygon in country.polygons for ring in polygon], projection, frame)
        if rings and country.code:
            country_rings[country.code] = country_rings.get(country.code, []) + rings
    return BaseMap(projection, height, frame, world, path(land, True),
                   path(_lines(world, world.coast, projection, frame), False),
                   path(_lines(world, world.borders, projection, frame), False), country_rings)


@lru_cache(maxsize=8)
def inset_land(wider: Projection, box: Box) -> str:
    """The inset's land, cut to its box: remembered like :func:`base_map`, for the same reason."""
    world = geo.world("110m")
    return path(_shapes(world, [ring for polygon in world.land for ring in polygon], wider, box), True)


def _projection(spots: list[tuple[float, float]], width: int) -> tuple[Projection, int]:
    """Fit the venues (lon, lat) with a margin; the figure's height follows the area's shape."""
    lon0 = central_meridian([lon for lon, _ in spots])
    lats = [lat for _, lat in spots]
    south, north = min(lats), max(lats)
    lat0 = (south + north) / 2
    shrink = math.cos(math.radians(min(abs(lat0), 80)))
    east = max(wrap(lon - lon0) for lon, _ in spots)
    west = min(wrap(lon - lon0) for lon, _ in spots)
    across = max((east - west) * shrink, _MIN_SPAN) * (1 + 2 * _MARGIN)
    down = max(north - south, _MIN_SPAN) * (1 + 2 * _MARGIN)
    height = int(min(max(width * down / across, width * 0.45), width * 0.6))
    scale = min(width / across, height / down)
    middle = (east + west) / 2
    projection = Projection(lon0 + middle, lat0, scale, width / 2, height / 2)
    return projection, height


def _shapes(world: geo.World, rings: Sequence[geo.Ring], projection: Projection, frame: Box) -> list[list[Pixel]]:
    cut = (clip_ring(projection.shifted(world.ring(ring)), frame) for ring in rings)
    return [thin(ring) for ring in cut if ring]


def _lines(world: geo.World, arcs: Sequence[int], projection: Projection, frame: Box) -> list[list[Pixel]]:
    return [thin(piece) for arc in arcs for piece in clip_line(projection.shifted(world.arcs[arc]), frame)]


def inside(point: Pixel, rings: Sequence[Sequence[Pixel]]) -> bool:
    """Even–odd rule over all of a country's rings (holes count)."""
    x, y = point
    crossings = 0
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                crossings += 1
    return crossings % 2 == 1


def area(rings: Sequence[Sequence[Pixel]]) -> float:
    """A country's area on the map, in px² (the larger countries are named first)."""
    return sum(abs(sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(r, [*r[1:], r[0]], strict=True))) / 2 for r in rings)


def _country_spots(rings: Sequence[Sequence[Pixel]], frame: Box) -> list[Pixel]:
    """Points inside the country, those farthest from its outline first (a 14 × 14 grid
    over its part of the map): where a name sits most clearly inside it."""
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    x0, x1, y0, y1 = max(min(xs), frame[0]), min(max(xs), frame[2]), max(min(ys), frame[1]), min(max(ys), frame[3])
    found = []
    for i in range(14):
        for j in range(14):
            point = (x0 + (x1 - x0) * (i + 0.5) / 14, y0 + (y1 - y0) * (j + 0.5) / 14)
            if inside(point, rings):
                found.append((point, i, j))
    return [p for p, _, _ in sorted(found, key=lambda f: (-_clearance(f[0], rings), f[1], f[2]))][:6]


def _clearance(point: Pixel, rings: Sequence[Sequence[Pixel]]) -> float:
    """Distance to the nearest outline point (vertices: outlines are dense at this scale)."""
    x, y = point
    return min((px - x) ** 2 + (py - y) ** 2 for ring in rings for px, py in ring)
