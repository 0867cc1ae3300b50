"""Every script: direction from the locale, a font family per language, Korean words kept whole.

One real build of tests/data/scripts (a fictional flood, in Arabic, Japanese and Korean, with
partial desk catalogs for ar and ja) is read back with poppler (pdftotext, pdffonts) and
pikepdf. Expected positions come from the page geometry in brief.css (A4, 18 mm side margins)
and expected words from the fact base, never from an earlier output.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pytest
import yaml

from briefing.render.words import WORD_JOINER, keep_korean_words, mark_directions

DESK = Path(__file__).parent / "data" / "scripts"
PAGE_WIDTH = 595.28  # A4 in points
MARGIN = 18 / 25.4 * 72  # brief.css: 18 mm left and right
LEFT, RIGHT = MARGIN, PAGE_WIDTH - MARGIN
OVER_WIDE = "갈대벌시북부저지대임시대피소운영본부"  # one word, wider than the chronology's place column
HANGUL = re.compile("[\uac00-\ud7a3]")
KANA_HAN = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    desk = tmp_path_factory.mktemp("scripts") / "desk"
    shutil.copytree(DESK, desk)
    result = subprocess.run([sys.executable, "-m", "briefing", "build", "--out", "out"], cwd=desk,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return desk / "out"


def words(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, x min, x max, y min, text) of every word pdftotext finds."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(' xmlns="http://www.w3.org/1999/xhtml"', ""))
    found = []
    for number, page in enumerate(root.iter("page"), start=1):
        for word in page.iter("word"):
            found.append((number, float(word.get("xMin")), float(word.get("xMax")), float(word.get("yMin")),
                          word.text or ""))
    return found


def same(word: str, text: str) -> bool:
    """pdftotext -bbox gives a right-to-left word's characters in visual order, but for
    ligatures (lam-alef): the same characters is what can be compared."""
    return sorted(word) == sorted(text)


def first(found, text: str, page: int | None = None):
    return next(w for w in found if same(w[4], text) and (page is None or w[0] == page))


def characters_by_font(pdf: Path) -> dict[str, str]:
    """Each embedded font (subset prefix dropped) and the characters drawn with it, from its
    ToUnicode map: a subset holds only the glyphs the document uses."""
    fonts: dict[str, set[str]] = {}

    def collect(resources) -> None:
        for font in (resources.get("/Font") or {}).values():
            name = str(font.BaseFont).split("+")[-1]
            if "/ToUnicode" in font:
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                    for hexa in re.findall(r"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>", block):
                        fonts.setdefault(name, set()).add(bytes.fromhex(hexa).decode("utf-16-be"))
        for xobject in (resources.get("/XObject") or {}).values():
            if "/Resources" in xobject:
                collect(xobject.Resources)

    with pikepdf.open(pdf) as document:
        for page in document.pages:
            collect(page.Resources)
    return {name: "".join(sorted(chars)) for name, chars in fonts.items()}


def fact_texts(locale: str) -> list[str]:
    """Every text of the fact base in ``locale``."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get(locale), str):
                found.append(node[locale])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load((DESK / "facts.yaml").read_text(encoding="utf-8")))
    return found


# --------------------------------------------------------------------------------------
# Direction
# --------------------------------------------------------------------------------------

@pytest.mark.pipeline
def test_page_direction_follows_the_locale(built):
    assert '<html lang="ar" dir="rtl">' in (built / "brief.ar.html").read_text(encoding="utf-8")
    assert '<html lang="ja" dir="ltr">' in (built / "brief.ja.html").read_text(encoding="utf-8")
    assert '<html lang="ko" dir="ltr">' in (built / "brief.ko.html").read_text(encoding="utf-8")
    arabic = (built / "brief.ar.html").read_text(encoding="utf-8")
    # the English quotation and the original name keep their own order inside Arabic text
    assert '<q lang="en" dir="ltr">The dam held.</q>' in arabic
    assert '<span class="original" lang="en" dir="ltr">Salma Haddad</span>' in arabic
    # and an Arabic link in a Japanese brief reads right to left
    assert 'lang="ar" dir="rtl">' in (built / "brief.ja.html").read_text(encoding="utf-8")


@pytest.mark.pipeline
def test_arabic_pdf_is_mirrored(built):
    found = words(built / "brief.ar.pdf")
    # headings and paragraphs start at the right margin
    contents = first(found, "المحتويات", page=1)
    assert contents[2] == pytest.approx(RIGHT, abs=1.5)
    title_words = [w for w in found if w[0] == 1 and (same(w[4], "فيضان") or same(w[4], "(تمرين)")) and w[3] < 200]
    assert max(w[2] for w in title_words) == pytest.approx(RIGHT, abs=1.5)
    # the contents: entry at the right, page number at the left margin, on the same line
    entry = first(found, "الخلاصة", page=1)
    numbers = [w for w in found if w[0] == 1 and w[4] == "1" and abs(w[3] - entry[3]) < 3]
    assert numbers and numbers[0][1] == pytest.approx(LEFT, abs=1.5), numbers
    # list bullets hang in the list's right padding (40 px = 30 pt), where its lines start
    bullets = [w for w in found if w[0] == 1 and w[4] == "•"]
    assert len(bullets) == 2 and all(RIGHT - 30 < w[1] < w[2] < RIGHT for w in bullets)
    # the cover's labels sit right of their values
    label = first(found, "المعلومات", page=1)  # "Information as of", then 7 March 2024
    value = next(w for w in found if w[0] == 1 and w[4] == "7" and abs(w[3] - label[3]) < 3)
    assert label[1] > value[2]
    # table columns run right to left: Date, Event, Place, Credibility
    date, event, place, credibility = (first(found, text) for text in ("التاريخ", "الحدث", "المكان", "المصداقية"))
    assert date[1] > event[2] > event[1] > place[2] > place[1] > credibility[2]
    assert date[2] == pytest.approx(RIGHT, abs=6)  # the cell's padding is 4 pt
    # page furniture mirrors: the title at the top right and the page number at the bottom left of page 2
    top = [w for w in found if w[0] == 2 and w[3] < 60]
    assert any(same(w[4], "فيضان") for w in top if w[1] > PAGE_WIDTH / 2)
    assert max(w[2] for w in top) == pytest.approx(RIGHT, abs=1.5)
    bottom = sorted((w for w in found if w[0] == 2 and w[3] > 780), key=lambda w: w[1])
    # "Page n of N" (the shipped Arabic catalog's words) in the left third, its line's end on the left margin
    assert any(same(w[4], "الصفحة") for w in bottom if w[2] < PAGE_WIDTH / 3)
    assert bottom[0][1] == pytest.approx(LEFT, abs=1.5)


def test_directions_are_marked_only_where_they_differ():
    html = '<html lang="ar" dir="rtl"><p lang="fr">«\u00a0Oui\u00a0»</p><p lang="ar">نعم</p><p lang="he" dir="rtl">כן</p>'
    assert mark_directions(html, "ar") == ('<html lang="ar" dir="rtl"><p lang="fr" dir="ltr">«\u00a0Oui\u00a0»</p>'
                                           '<p lang="ar">نعم</p><p lang="he" dir="rtl">כן</p>')
    assert mark_directions('<q lang="he">שלום</q><q lang="en">Hi</q>', "en") == \
        '<q lang="he" dir="rtl">שלום</q><q lang="en">Hi</q>'


# --------------------------------------------------------------------------------------
# Fonts per language
# --------------------------------------------------------------------------------------

@pytest.mark.pipeline
def test_each_script_gets_its_noto_family(built):
    listed = {locale: subprocess.run(["pdffonts", str(built / f"brief.{locale}.pdf")], capture_output=True,
                                     text=True, check=True).stdout for locale in ("ar", "ja", "ko")}
    assert "Noto-Naskh-Arabic" in listed["ar"] and "Noto-Sans-Arabic" in listed["ar"]
    assert "Noto-Serif-CJK-JP" in listed["ja"] and "Noto-Sans-CJK-JP" in listed["ja"]
    assert "Noto-Serif-CJK-KR" in listed["ko"] and "Noto-Sans-CJK-KR" in listed["ko"]

    arabic = characters_by_font(built / "brief.ar.pdf")
    summary = fact_texts("ar")[3]  # the first summary point (body text: the serif Naskh)
    assert summary.startswith("ارتفع")
    assert set(ARABIC_LETTER.findall(summary)) <= set(arabic["Noto-Naskh-Arabic"])
    assert set("المحتويات") <= set(arabic["Noto-Sans-Arabic-Bold"])  # a heading: the sans

    japanese = characters_by_font(built / "brief.ja.pdf")
    body = "".join(fact_texts("ja"))
    drawn_jp = japanese.get("Noto-Serif-CJK-JP", "") + japanese.get("Noto-Serif-CJK-JP-Bold", "")
    assert set(KANA_HAN.findall(fact_texts("ja")[3])) <= set(drawn_jp)
    for name, chars in japanese.items():
        if "CJK-KR" in name:  # only the Korean language link ("한국어") may use the Korean face
            assert not KANA_HAN.search(chars), (name, chars)
    assert KANA_HAN.search(body)

    korean = characters_by_font(built / "brief.ko.pdf")
    assert set(HANGUL.findall(fact_texts("ko")[3])) <= set(korean["Noto-Serif-CJK-KR"])


# --------------------------------------------------------------------------------------
# Korean words kept whole
# --------------------------------------------------------------------------------------

@pytest.mark.pipeline
def test_korean_lines_break_between_words_only(built):
    source_words = {word for text in fact_texts("ko") for word in text.split() if HANGUL.search(word)}
    assert OVER_WIDE in source_words
    text = subprocess.run(["pdftotext", "-raw", str(built / "brief.ko.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [line.split() for line in text.splitlines()]
    wraps, inside = 0, []
    for line, following in zip(lines, lines[1:], strict=False):
        if not line or not following or not HANGUL.match(line[-1][-1]) or not HANGUL.match(following[0][0]):
            continue
        wraps += 1
        end, start = line[-1], following[0]
        if any(end + start in word for word in source_words) and end not in source_words:
            inside.append(end + "⏎" + start)
    assert wraps >= 10  # the Korean texts do wrap: zero breaks inside words is not for want of lines
    assert inside and all(piece.replace("⏎", "") in OVER_WIDE for piece in inside), inside

    # copy and search give whole words: no joiner in the text, every word of the fact base found
    assert WORD_JOINER not in text
    tokens = text.split()
    missing = [w for w in source_words - {OVER_WIDE} if not any(w in token for token in tokens)]
    assert not missing
    html = (built / "brief.ko.html").read_text(encoding="utf-8")
    assert WORD_JOINER not in html and "word-break: keep-all" in html
    # the outline (bookmarks) is text too: titles as written, no joiner
    with pikepdf.open(built / "brief.ko.pdf") as document:
        with document.open_outline() as outline:
            titles = [item.title for item in outline.root]
    assert titles[0] == fact_texts("ko")[0] == "초록골강 홍수, 2024년 3월 (연습)"
    assert not [title for title in titles if WORD_JOINER in title]


def test_korean_words_are_joined_across_inline_tags_only():
    J = WORD_JOINER
    html = ('<head><title>러시아 회담</title><style>p::before{content:"가나"}</style></head>'
            '<p title="북한 정상"><strong>러시아</strong>는 G20에서</p><td>검</td><td>시기</td>'
            '<svg><text>우주 기지</text></svg><p>A&amp;B 한&nbsp;국</p>')
    assert keep_korean_words(html) == (
        '<head><title>러시아 회담</title><style>p::before{content:"가나"}</style></head>'
        f'<p title="북한 정상"><strong>러{J}시{J}아</strong>{J}는 G{J}2{J}0{J}에{J}서</p><td>검</td><td>시{J}기</td>'
        f'<svg><text>우주 기지</text></svg><p>A&amp;B 한&nbsp;국</p>')
    assert keep_korean_words("<p>No Hangul here</p>") == "<p>No Hangul here</p>"


@pytest.mark.parametrize("locale, between", [("ar", "\u060c\u202f"), ("ja", ",\u202f"), ("ko", ",\u202f")])
def test_citation_numbers_are_separated_as_the_locale_writes_lists(built, locale, between):
    # facts.yaml cites [src-city, src-daily] (sources 1 and 2) on line 90: Arabic separates them
    # with its own comma; every locale keeps the two numbers together (a narrow no-break space)
    html = (built / f"brief.{locale}.html").read_text(encoding="utf-8")
    pair = re.compile(r'<a href="#source-1"[^>]*>1</a>(.*?)<a href="#source-2"')
    assert {found for found in pair.findall(html)} == {between}
