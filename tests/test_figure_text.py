"""Figure labels in the real PDF: text the shaper set (Arabic joined, in reading order), the
shipped brief's map in every language, a light PDF, and the same bytes on every rebuild."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.pipeline

GULF = ROOT / "tests" / "data" / "gulf.yaml"
PX = 0.75   # a CSS px in PDF points


@pytest.fixture(scope="module")
def gulf(tmp_path_factory) -> tuple[Path, Path]:
    """The Arabic-named base, built twice into two folders."""
    from briefing.build import build

    first, second = tmp_path_factory.mktemp("gulf-a"), tmp_path_factory.mktemp("gulf-b")
    build(GULF, first, jobs=1)
    build(GULF, second, jobs=1)
    return first, second


def drawing_heights(html: str) -> list[float]:
    return [float(h) for h in re.findall(r'class="figure-drawing" style="width: \d+px; height: (\d+)px"', html)]


def text_above(pdf: Path, caption_word: str, caption_next: str, height_px: float) -> str:
    """The text of the figure drawn just above the caption whose first words are given: the
    PDF cropped to the figure's box (WeasyPrint writes one CSS px as 0.75 pt)."""
    for page in range(1, 20):
        words = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        found = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>' + re.escape(caption_word)
                           + r'</word>\s*<word[^>]*>' + re.escape(caption_next) + '</word>', words)
        if found:
            top = float(found[0])
            y = top - height_px * PX - 4
            return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", "40", "-y", str(int(y)),
                                   "-W", "520", "-H", str(int(top - y - 1)), str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout
    raise AssertionError(f"no caption {caption_word} {caption_next} in {pdf}")


def logical(text: str) -> str:
    """Text as read: without the embedding marks pdftotext puts round right-to-left runs."""
    return re.sub(r"[\u202a-\u202e\u2066-\u2069]", "", text)


def test_arabic_figure_labels_come_out_joined_and_in_reading_order(gulf):
    out, _ = gulf
    html = (out / "brief.en.html").read_text(encoding="utf-8")
    timeline_px, map_px = drawing_heights(html)
    # Labels are HTML text with their own direction, not SVG text.
    assert '<span class="tl-name" dir="auto">محادثات الدوحة</span>' in html
    assert re.search(r'<span class="figure-label map-venue" dir="auto" style="[^"]+">المنامة</span>', html)
    assert "<text" not in html
    on_timeline = logical(text_above(out / "brief.en.pdf", "Main", "events", timeline_px))
    assert "محادثات الدوحة" in on_timeline and "محادثات المنامة" in on_timeline
    assert "Feb 12" in on_timeline          # tick labels are in the figure's box too
    on_map = logical(text_above(out / "brief.en.pdf", "Venues", "placed", map_px))
    assert "الدوحة" in on_map and "المنامة" in on_map
    assert "Qatar" in on_map and "Bahrain" in on_map and "Saudi Arabia" in on_map
    # The chronology table below is not in the cropped box: the labels found are the figure's.
    assert "probably true" not in on_timeline


def test_rebuilding_gives_the_same_bytes(gulf):
    first, second = gulf
    for name in ("brief.en.html", "brief.en.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# North Korea, named by hand in each of the shipped brief's languages (CLDR's short forms).
NORTH_KOREA = {"fr": "Corée du Nord", "en": "North Korea", "ru": "КНДР", "ko": "북한"}


def test_shipped_locator_has_coastlines_borders_and_names_in_every_language(built):
    for locale, name in NORTH_KOREA.items():
        html = (built / f"brief.{locale}.html").read_text(encoding="utf-8")
        figure = html[html.index('<figure class="locator">'):html.index("</figure>", html.index('<figure class="locator">'))]
        for part in ("map-land", "map-coast", "map-border"):
            data = re.search(rf'<path class="{part}" d="([^"]+)"', figure)
            assert data and len(data.group(1)) > 1000, f"{locale}: no {part}"
        assert re.search(r'class="figure-label map-country"[^>]*>' + name + "</span>", figure), f"{locale}: {name}"
        assert figure.count('class="map-spot"') == 4
        assert (built / f"brief.{locale}.pdf").stat().st_size < 2_000_000


def words_above(pdf: Path, caption_word: str, caption_next: str, height_px: float) -> list[tuple]:
    """The words WeasyPrint set in the figure's box above that caption, with their boxes in
    points: (x0, y0, x1, y1, text)."""
    for page in range(1, 20):
        words = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        found = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>' + re.escape(caption_word)
                           + r'</word>\s*<word[^>]*>' + re.escape(caption_next) + '</word>', words)
        if found:
            bottom = float(found[0])
            top = bottom - height_px * PX - 2
            boxes = [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', words)]
            return [box for box in boxes if top <= box[1] and box[3] <= bottom]
    raise AssertionError(f"no caption {caption_word} {caption_next} in {pdf}")


def test_shipped_figures_labels_do_not_overlap_in_the_pdf(built):
    """What the layout computed holds in the PDF as set by the real fonts: no two words of the
    figures' labels overlap, all lie inside the figure, and each one-word venue name is no
    wider than the room measured for it."""
    html = (built / "brief.fr.html").read_text(encoding="utf-8")
    timeline_px, map_px = drawing_heights(html)
    left = 18 / 25.4 * 72                     # the page's left margin, 18 mm
    for caption, height in ((("Principaux", "événements"), timeline_px), (("Lieux", "placés"), map_px)):
        words = words_above(built / "brief.fr.pdf", *caption, height)
        assert len(words) >= 8, caption
        for i, a in enumerate(words):
            assert left - 0.5 <= a[0] and a[2] <= left + 640 * PX + 0.5, f"{a[4]!r} leaves the figure"
            for b in words[i + 1:]:
                # pdftotext's boxes take the font's whole line height: compare with a little slack.
                overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                assert overlap_x <= 0.5 or overlap_y <= 1.5, f"{a[4]!r} and {b[4]!r} overlap"
    rooms = {name: float(width) for width, name in re.findall(
        r'class="figure-label map-venue"[^>]*width: ([\d.]+)px[^>]*>([^< ]+)</span>', html)}
    words = words_above(built / "brief.fr.pdf", "Lieux", "placés", map_px)
    for name in ("Pyongyang", "Vladivostok"):
        (box,) = [w for w in words if w[4] == name]
        assert box[2] - box[0] <= rooms[name] * PX, name
