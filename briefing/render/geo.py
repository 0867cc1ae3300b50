"""Natural Earth land, coastlines and borders, decoded from the vendored world-atlas TopoJSON
(theme/figures/world/, see its README): no network, no GIS library.

TopoJSON stores each line shared by two shapes once, as an "arc" of quantized, delta-encoded
points; a polygon ring is a list of arc indices (a negative index ~i means arc i reversed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from babel.core import get_global

from briefing.paths import THEME

Point = tuple[float, float]   # (longitude, latitude) in degrees
Ring = list[int]              # arc indices
Polygon = list[Ring]          # outer ring first, then holes


@dataclass(frozen=True)
class Country:
    code: str | None
    """ISO 3166-1 alpha-2, or None for the few Natural Earth units without an ISO code."""
    polygons: list[Polygon]


@dataclass(frozen=True)
class World:
    arcs: list[list[Point]]
    countries: list[Country]
    land: list[Polygon]
    coast: list[int]
    """Arcs outlining the land: coastlines (and the shores of the largest lakes)."""
    borders: list[int]
    """Arcs that two countries share: land borders."""

    def ring(self, ring: Ring) -> list[Point]:
        """The points of a ring, arcs joined (each arc starts where the previous one ended)."""
        points: list[Point] = []
        for index in ring:
            arc = self.arcs[index] if index >= 0 else self.arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points


def _decode(topology: dict) -> list[list[Point]]:
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _polygons(geometry: dict) -> list[Polygon]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def _alpha2(numeric: str | None) -> str | None:
    """CLDR lists every ISO 3166-1 numeric code as an alias of its alpha-2 code."""
    if numeric is None:
        return None
    replacement = get_global("territory_aliases").get(numeric)
    return replacement[0] if replacement and len(replacement) == 1 else None


@cache
def world(scale: str = "50m") -> World:
    """Natural Earth at 1:50m (regions) or 1:110m (continents: a tenth of the points)."""
    topology = json.loads((THEME / "figures" / "world" / f"countries-{scale}.json").read_text(encoding="utf-8"))
    countries = [Country(_alpha2(g.get("id")), _polygons(g)) for g in topology["objects"]["countries"]["geometries"]]
    users: dict[int, set[int]] = {}
    for number, country in enumerate(countries):
        for polygon in country.polygons:
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    land = [p for g in topology["objects"]["land"]["geometries"] for p in _polygons(g)]
    coast = sorted({i if i >= 0 else ~i for polygon in land for ring in polygon for i in ring})
    return World(_decode(topology), countries, land, coast, sorted(i for i, who in users.items() if len(who) > 1))
