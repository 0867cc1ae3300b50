"""The whole pipeline, for real: build the shipped brief, read the PDF and HTML back.

Expected strings are written from the sources (../shared/sources), not from the output:
the summit on 13 September 2023 at Vostochny; talks of "plus de cinq heures" (000, 004)
against "plus de deux heures" (002); a 40-second handshake (000, 002); the 2024
delegation meeting of "une heure et demie" (003); rifles given in both directions
(001, 004); the agreement signed in Pyongyang on 19 June 2024 with mutual assistance
"en cas d'attaque contre l'une des parties" (003).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from conftest import normalize

pytestmark = pytest.mark.pipeline


def pdf_text(path) -> str:
    return normalize(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def test_every_locale_has_html_and_pdf(built):
    names = sorted(p.name for p in built.iterdir() if not p.name.startswith("."))
    assert names == ["brief.en.html", "brief.en.pdf", "brief.fr.html", "brief.fr.pdf",
                     "brief.ko.html", "brief.ko.pdf", "brief.ru.html", "brief.ru.pdf"]
    for name in ("brief.en.pdf", "brief.fr.pdf", "brief.ko.pdf", "brief.ru.pdf"):
        assert (built / name).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("expected", [
    "13 septembre 2023",
    "Cosmodrome Vostotchny",
    "plus de 5 heures",           # talks, sources 000 and 004
    "plus de 2 heures",           # talks, source 002: kept, marked as a discrepancy
    "40 secondes",                # handshake
    "30 minutes",                 # how early Putin arrived (Chosun Ilbo via 000)
    "1 heure et 30 minutes",      # 2024 delegations' meeting
    "Vladimir Poutine → Kim Jong-un",
    "Kim Jong-un → Vladimir Poutine",
    "Gant de scaphandre",
    "19 juin 2024",
    "Accord de partenariat stratégique global",
    "Assistance mutuelle en cas d'attaque contre l'une des parties",
    "Divergences entre les sources",
    "김정은",                      # original-script names are shown
    "Владимир Путин",
])
def test_french_pdf_shows_the_facts_in_french(built, expected):
    assert expected in pdf_text(built / "brief.fr.pdf")


@pytest.mark.parametrize("expected", [
    "September 13, 2023",
    "Vostochny Cosmodrome",
    "more than 5 hours",
    "more than 2 hours",
    "40 seconds",
    "1 hour, 30 minutes",
    "Vladimir Putin → Kim Jong Un",
    "Kim Jong Un → Vladimir Putin",
    "June 19, 2024",
    "Comprehensive Strategic Partnership Agreement",
    "Mutual assistance if either party is attacked",
    "Reporting discrepancies",
])
def test_english_pdf_shows_the_same_facts_in_english(built, expected):
    assert expected in pdf_text(built / "brief.en.pdf")


@pytest.mark.parametrize("expected", [
    "13 сентября 2023 г.",        # Babel's long date, genitive month
    "Космодром «Восточный»",
    "более чем 5 часов",          # "more than" composed with a nominative duration
    "более чем 2 часа",           # 2 takes the paucal form
    "40 секунд",
    "1 час 30 минут",             # exact, not rounded to "2 часа"
    "19 июня 2024 г.",
    "Договор о всеобъемлющем стратегическом партнёрстве",
    "Хронология",
    "Расхождения в источниках",
    "НЕСЕКРЕТНО // ОТКРЫТЫЕ ИСТОЧНИКИ",
    "김정은",                      # the Korean name in its own script beside Ким Чен Ын
    "ЦТАК",                        # outlets written the Russian way
])
def test_russian_pdf_reads_as_russian(built, expected):
    assert expected in pdf_text(built / "brief.ru.pdf")


@pytest.mark.parametrize("expected", [
    "2023년 9월 13일",
    "보스토치니 우주기지",
    "5시간 넘게",
    "2시간 넘게",
    "40초",
    "1시간 30분",
    "2024년 6월 19일",
    "포괄적 전략적 동반자 관계에 관한 조약",
    "비밀 아님 // 공개 출처",
    "Владимир Путин",              # the Russian name in its own script beside 블라디미르 푸틴
    "조선중앙통신",
])
def test_korean_pdf_reads_as_korean(built, expected):
    assert expected in pdf_text(built / "brief.ko.pdf").replace("\n", "")


@pytest.mark.parametrize("locale, words", [
    ("ru", ("Chronology", "Gifts exchanged", "Bottom line", "North Korean state media", "Kremlin")),
    ("ko", ("Chronology", "Gifts exchanged", "Bottom line", "North Korean state media", "Kremlin")),
    ("fr", ("North Korean state media", "White House")),
])
def test_no_english_left_in_other_locales(built, locale, words):
    text = pdf_text(built / f"brief.{locale}.pdf")
    for word in words:
        assert word not in text, f"{word!r} in the {locale} brief"


def test_french_pdf_has_no_english_headings(built):
    text = pdf_text(built / "brief.fr.pdf")
    for heading in ("Chronology", "Gifts exchanged", "Bottom line", "Sources (reliability)"):
        assert heading not in text


class _Rows(HTMLParser):
    """Collects table rows as (text, [link targets])."""

    def __init__(self):
        super().__init__()
        self.rows, self._row = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = ["", []]
        elif tag == "a" and self._row is not None:
            self._row[1].append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag == "tr" and self._row is not None:
            self.rows.append((normalize(self._row[0]), self._row[1]))
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._row[0] += data


def html_rows(path):
    parser = _Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.rows


def test_duration_rows_cite_their_sources(built):
    # Sources are numbered in file order: 1 Vietnam.vn, 2 Sputnik, 3 Lomé/Press TV, 4 Turkish site, 5 AFP relay.
    rows = html_rows(built / "brief.en.html")
    five_hours = [links for text, links in rows if "more than 5 hours" in text and "Talks" in text]
    two_hours = [links for text, links in rows if "more than 2 hours" in text and "Talks" in text]
    assert five_hours[0] == ["#source-1", "#source-5"]
    assert two_hours[0] == ["#source-3"]


def test_participants_cite_the_sources_that_name_them_in_their_role(built):
    # facts.yaml: Peskov is "porte-parole du Kremlin" in Vietnam.vn (1), Sputnik (2) and the AFP
    # relay (5); the North Korean delegation is named by Vietnam.vn (1), Lomé (3) and the Turkish site (4)
    rows = html_rows(built / "brief.en.html")
    assert [links for text, links in rows if text.startswith("Dmitry Peskov")] == [["#source-1", "#source-2", "#source-5"]]
    html = (built / "brief.en.html").read_text(encoding="utf-8")
    delegation = html[html.index("North Korean delegation (North Korea)</strong>"):]
    delegation = delegation[:delegation.index("</li>")]
    assert re.findall(r'href="(#source-\d+)"', delegation) == ["#source-1", "#source-3", "#source-4"]


def test_citation_targets_exist_and_pdf_links_are_clickable(built):
    html = (built / "brief.fr.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#(source-\d+)"', html))
    assert targets and all(f'id="{t}"' in html for t in targets)
    reader = PdfReader(built / "brief.fr.pdf")
    links = [a for page in reader.pages for a in (page.get("/Annots") or [])
             if a.get_object().get("/Subtype") == "/Link"]
    assert len(links) >= len(targets)


def test_html_is_escaped_and_declares_its_language(built):
    html = (built / "brief.fr.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="fr" dir="ltr">' in html
    assert '<span class="original" lang="ko">김정은</span>' in html
    # an apostrophe from the fact base is escaped by Jinja's autoescape
    assert "Komsomolsk-sur-l&#39;Amour" in html


def test_reference_works_continue_the_source_numbering(built):
    # Five reporting articles come first, so the first reference work is source 6, and a
    # reader following a "[6]" marker must find it under that number in the PDF itself.
    text = pdf_text(built / "brief.en.pdf")
    assert "[5] (U//OS) Site non identifié citant l'AFP" in text  # portion mark, then publisher
    assert "[6] (U//OS) Wikipedia (English), Vostochny Cosmodrome" in text


def test_events_without_summary_read_as_a_sentence(built):
    text = pdf_text(built / "brief.en.pdf")
    assert "Taking part: Russian delegation and North Korean delegation." in text
    assert "Talks Taking part" not in text


def test_chronology_puts_month_only_dates_after_the_dated_days(built):
    # The onward stops were announced after the 13 September summit, with no day given.
    # Row order is document order, so it is read from the HTML table, not from PDF text.
    rows = [text for text, _ in html_rows(built / "brief.en.html")]

    def row(name):
        return next(i for i, text in enumerate(rows) if name in text and "·" in text)

    assert row("Vostochny Cosmodrome summit") < row("Announced stop in Komsomolsk-on-Amur")
    assert row("Announced stop in Komsomolsk-on-Amur") < row("Announced visit by Sergei Lavrov")
    assert row("Vladivostok summit") < row("Kim Jong Un's visit to the Russian Far East")
