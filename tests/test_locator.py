"""The locator map: real coastlines and borders around the venues, country names in the
brief's language, labels inside the frame and clear of each other, across the 180th meridian."""

from __future__ import annotations

import itertools
import re
from types import SimpleNamespace
from pathlib import Path

import pytest
from babel import Locale

from briefing.render import geo
from briefing.render.locator import Locator, locator_map
from briefing.render.mapdraw import central_meridian, clip_line, clip_ring
from briefing.render.measure import text_width


def venue(id, lat, lon, country, part_of=None):
    return SimpleNamespace(id=id, name=id.title(), coordinates=SimpleNamespace(lat=lat, lon=lon),
                           country=country, part_of=part_of)


# The shipped base's venues (coordinates from its reference sources).
FAR_EAST = [venue("vostochny", 51.88, 128.33, "RU"), venue("pyongyang", 39.02, 125.74, "KP"),
            venue("sunan", 39.22, 125.67, "KP", part_of="pyongyang"),
            venue("vladivostok", 43.12, 131.89, "RU"), venue("komsomolsk", 50.55, 137.00, "RU")]


def draw(venues, locale="en", width=640) -> Locator:
    names = Locale.parse(locale).territories
    figure = locator_map(venues, lambda v: v.name, names.get, width=width)
    assert figure is not None
    return figure


def points(path_data: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path_data)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def rings(path_data: str) -> list[list[tuple[float, float]]]:
    return [points(part) for part in path_data.split("M") if part]


def inside(point, shapes) -> bool:
    x, y = point
    crossings = 0
    for ring in shapes:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                crossings += 1
    return crossings % 2 == 1


def assert_labels_clear(figure: Locator) -> None:
    for label in figure.labels:
        x0, y0, x1, y1 = label.box
        assert 0 <= x0 and 0 <= y0 and x1 <= figure.width and y1 <= figure.height, f"{label.text!r} leaves the map"
    for a, b in itertools.combinations(figure.labels, 2):
        assert a.box[2] <= b.box[0] or b.box[2] <= a.box[0] or a.box[3] <= b.box[1] or b.box[3] <= a.box[1], \
            f"{a.text!r} and {b.text!r} overlap"
    for label, spot in itertools.product(figure.labels, figure.spots):
        x0, y0, x1, y1 = label.box
        assert not (x0 - 4 < spot.x < x1 + 4 and y0 - 4 < spot.y < y1 + 4), f"{label.text!r} covers {spot.venue_id}"
    if figure.inset:
        inset = figure.inset
        box = (inset.x, inset.y, inset.x + inset.width, inset.y + inset.height)
        assert 0 <= box[0] and 0 <= box[1] and box[2] <= figure.width and box[3] <= figure.height
        for label in figure.labels:
            assert label.box[2] <= box[0] or box[2] <= label.box[0] or label.box[3] <= box[1] or box[3] <= label.box[1], \
                f"{label.text!r} is under the inset"
        for spot in figure.spots:
            assert not (box[0] - 4 < spot.x < box[2] + 4 and box[1] - 4 < spot.y < box[3] + 4), spot.venue_id


def test_the_decoded_data_is_where_the_world_is():
    # North Korea lies between about 37.7° and 43.0° N, 124.2° and 130.7° E (any atlas).
    (korea,) = [c for c in geo.world().countries if c.code == "KP"]
    found = [p for polygon in korea.polygons for p in geo.world().ring(polygon[0])]
    lons, lats = [p[0] for p in found], [p[1] for p in found]
    assert 124.0 < min(lons) < 124.5 and 130.5 < max(lons) < 131.0
    assert 37.5 < min(lats) < 38.0 and 42.8 < max(lats) < 43.1
    codes = {c.code for c in geo.world().countries}
    assert {"RU", "KP", "KR", "CN", "JP", "US", "FR", "QA"} <= codes


def test_far_east_venues_on_coastlines_and_borders_named_in_each_language():
    figure = draw(FAR_EAST, "fr")
    # Sunan is part of Pyongyang: at this scale it would sit on it.
    assert [s.venue_id for s in figure.spots] == ["vostochny", "pyongyang", "vladivostok", "komsomolsk"]
    for shape in (figure.land, figure.coast, figure.borders, figure.hosts):
        found = points(shape)
        assert len(found) > 100
        assert all(0 <= x <= figure.width and 0 <= y <= figure.height for x, y in found)
    # Vladivostok is a port: a coastline passes within a few px of it. Pyongyang is in North Korea
    # and Vladivostok in Russia: both lie on the venues' countries, drawn darker, and on land.
    spot = {s.venue_id: s for s in figure.spots}
    assert min(abs(x - spot["vladivostok"].x) + abs(y - spot["vladivostok"].y) for x, y in points(figure.coast)) < 12
    for where in ("pyongyang", "vladivostok", "vostochny"):
        assert inside((spot[where].x, spot[where].y), rings(figure.hosts))
        assert inside((spot[where].x, spot[where].y), rings(figure.land))
    # The border between North Korea and Russia meets the sea at the Tumen's mouth, about
    # 42.3° N 130.7° E; between Pyongyang and Vladivostok, so the map holds it.
    px_per_degree = (spot["pyongyang"].y - spot["vladivostok"].y) / (43.12 - 39.02)
    tumen = (spot["vladivostok"].x - (131.89 - 130.7) * px_per_degree * 0.77,
             spot["vladivostok"].y + (43.12 - 42.3) * px_per_degree)
    assert min(abs(x - tumen[0]) + abs(y - tumen[1]) for x, y in points(figure.borders)) < 10
    names = [label.text for label in figure.labels if label.kind == "country"]
    assert "Corée du Nord" in names and "Russie" in names and "Chine" in names
    assert {label.text for label in figure.labels if label.kind == "venue"} == {
        "Vostochny", "Pyongyang", "Vladivostok", "Komsomolsk"}
    assert_labels_clear(figure)
    english = [label.text for label in draw(FAR_EAST, "en").labels if label.kind == "country"]
    assert "North Korea" in english and "Russia" in english


def test_a_scale_bar_of_a_round_length():
    figure = draw(FAR_EAST)
    assert figure.scale is not None
    # The venues span 12.86° of latitude; with 22 % more on each side, 18.5° fill the map's
    # 384 px (its tallest, 0.6 of the width): 20.7 px a degree, 5.4 km a px. A sixth of the
    # width (107 px) is some 570 km: the round length below is 500 km.
    assert figure.height == 384
    assert figure.scale.km == 500
    assert figure.scale.length == pytest.approx(500 / (111.32 / (384 / (12.86 * 1.44))), abs=0.5)
    (text,) = [label.text for label in figure.labels if label.kind == "scale"]
    assert text == "500 km"


def test_across_the_180th_meridian():
    figure = draw([venue("anadyr", 64.73, 177.51, "RU"), venue("nome", 64.50, -165.41, "US")])
    anadyr, nome = figure.spots
    # 17° of longitude apart across the antimeridian, not 343° the other way round.
    assert 0 < anadyr.x < nome.x < figure.width
    assert nome.x - anadyr.x < figure.width * 0.8
    assert len(points(figure.coast)) > 100
    names = [label.text for label in figure.labels if label.kind == "country"]
    assert "Russia" in names and "United States" in names
    assert_labels_clear(figure)


def test_one_venue_gets_a_region_around_it():
    figure = draw([venue("reykjavik", 64.15, -21.94, "IS")])
    (spot,) = figure.spots
    assert spot.x == pytest.approx(figure.width / 2, abs=1) and spot.y == pytest.approx(figure.height / 2, abs=1)
    assert "Iceland" in [label.text for label in figure.labels]
    assert inside((spot.x, spot.y), rings(figure.land))


def test_crowded_venues_keep_their_dots_and_label_only_what_fits():
    crowd = [venue(f"site {i}", 48.85 + (i % 4) * 0.02, 2.35 + (i // 4) * 0.03, "FR") for i in range(16)]
    figure = draw(crowd)
    assert len(figure.spots) == 16
    labelled = [label for label in figure.labels if label.kind == "venue"]
    assert 0 < len(labelled) < 16 and figure.unlabelled == 16 - len(labelled)
    assert_labels_clear(figure)


def test_no_coordinates_no_map():
    assert locator_map([SimpleNamespace(id="x", coordinates=None, part_of=None)], str, str) is None


def test_projection_helpers():
    assert central_meridian([10, 20]) == 15
    assert abs(central_meridian([170, -170])) == 180
    assert central_meridian([-170, 160, 175]) == pytest.approx(175)   # 160° E to 170° W, across 180°
    # A square half out of the frame is cut along the frame's edge.
    assert sorted(clip_ring([(-5, 2), (5, 2), (5, 8), (-5, 8)], (0, 0, 10, 10))) == [(0, 2), (0, 8), (5, 2), (5, 8)]
    assert clip_ring([(20, 20), (30, 20), (30, 30)], (0, 0, 10, 10)) == []
    assert clip_line([(-5, 5), (15, 5)], (0, 0, 10, 10)) == [[(0, 5), (10, 5)]]
    assert clip_line([(2, 2), (2, 20), (8, 20), (8, 2)], (0, 0, 10, 10)) == [[(2, 2), (2, 10)], [(8, 10), (8, 2)]]


FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


@pytest.mark.skipif(not FONT.exists(), reason="Noto Sans not installed")
def test_text_widths_are_the_fonts_advances():
    from fontTools.ttLib import TTFont

    font = TTFont(FONT)
    cmap, metrics, per_em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    for word in ("Vladivostok", "Владивосток", "Ελλάδα"):
        expected = sum(metrics[cmap[ord(c)]][0] for c in word) * 10 / per_em
        assert text_width(word, 10) == pytest.approx(expected, abs=0.05)
    # Hangul and Han: one em each in Noto Sans CJK.
    assert text_width("북한", 10) == 20 and text_width("朝鲜", 9) == 18


def test_a_map_across_continents_uses_the_coarser_data_and_no_scale_bar():
    figure = draw([venue("paris", 48.85, 2.35, "FR"), venue("sydney", -33.87, 151.21, "AU"),
                   venue("lima", -12.05, -77.04, "PE")])
    # Some 230° of longitude: the scale varies too much across it for one bar to say.
    assert figure.scale is None
    assert not [label for label in figure.labels if label.kind == "scale"]
    # 1:110m outlines: the land is there, in far fewer points than 1:50m would give.
    assert 1000 < len(points(figure.land)) < 8000
    assert {"Australia", "France"} <= {label.text for label in figure.labels}
    assert_labels_clear(figure)


def test_a_regional_map_has_an_inset_of_the_wider_region():
    figure = draw(FAR_EAST)
    inset = figure.inset
    assert inset is not None
    # Seven times the main map's extent, 120 px across: the main map is a box of 120 / 7 px
    # in its middle, and the wider region has land in it (Asia).
    x, y, w, h = inset.marker
    assert w == pytest.approx(120 / 7, abs=0.1) and h == pytest.approx(inset.height / 7, abs=0.1)
    assert x + w / 2 == pytest.approx(inset.x + inset.width / 2, abs=0.1)
    assert y + h / 2 == pytest.approx(inset.y + inset.height / 2, abs=0.1)
    found = points(inset.land)
    assert len(found) > 50
    assert all(inset.x <= px <= inset.x + inset.width and inset.y <= py <= inset.y + inset.height for px, py in found)
    assert_labels_clear(figure)
    # A map of a continent or more needs none.
    assert draw([venue("paris", 48.85, 2.35, "FR"), venue("sydney", -33.87, 151.21, "AU")]).inset is None
