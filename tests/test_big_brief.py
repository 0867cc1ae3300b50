"""A big fact base gives a short PDF and a full HTML brief: each long section of the PDF
prints its first records and says how many more the HTML lists; nothing is cut from the
bottom line, the judgments, the discrepancies or the numbered sources, and no link of the
PDF points at a row that was cut."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pikepdf
import pytest
from conftest import FACTS, ROOT, normalize

sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

CLAIMS = 1000
LIMIT = 20
# Counts written from the generator's proportions (benchmarks/generate.py) for 1,000 claims:
EVENTS = 300  # 30 per 100 claims
PEOPLE = 100  # one per 10 claims, no delegations
VENUES = 40  # one per 25 claims
DURATIONS = 150 + 2 * 10  # 15 per 100 claims, plus the two versions of each of the 10 conflicts
GIFTS = 100  # 10 per 100 claims
AGREEMENTS = 25  # 5 per 200 claims, each its own section
STATEMENTS = CLAIMS - EVENTS - 150 - GIFTS - 2 * AGREEMENTS - 2 * 10  # the rest: 380
SOURCES = 50  # one per 20 claims
JUDGMENTS = CONFLICTS = 10  # one per 100 claims each


def more(count: int) -> str:
    return f"{count} more entries are in the full listing (the HTML brief)."


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The generated base built in English through a desk configuration that sets the limit."""
    from briefing import config
    from briefing.build import build

    desk = tmp_path_factory.mktemp("desk")
    (desk / "facts.yaml").write_text(generate.generate(CLAIMS, seed=7), encoding="utf-8")
    (desk / "briefing.toml").write_text(f"[brief]\npdf_section_limit = {LIMIT}\n", encoding="utf-8")
    settings = config.load(desk)
    assert settings.pdf_section_limit == LIMIT
    build(settings.facts[0], settings.out, locales=["en"], settings=settings, jobs=1, stream=io.StringIO())
    html = (settings.out / "brief.en.html").read_text(encoding="utf-8")
    pdf_path = settings.out / "brief.en.pdf"
    text = normalize(subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True,
                                    text=True, check=True).stdout)
    return html, pikepdf.open(pdf_path), text


def destinations(pdf: pikepdf.Pdf) -> list[str]:
    """The named destinations of the PDF: one per element with an id that WeasyPrint kept."""
    return [name for name, _ in pikepdf.NameTree(pdf.Root.Names.Dests).items()]


def link_targets(pdf: pikepdf.Pdf) -> list[str]:
    return [str(annot.Dest) for page in pdf.pages for annot in page.obj.get("/Annots", [])
            if annot.Subtype == "/Link" and "/Dest" in annot]


def test_the_html_brief_lists_every_record(big):
    html, _, _ = big
    assert len(re.findall(r'<tr class="[a-z]+" id="event-', html)) == EVENTS
    assert html.count('<li><span class="portion">') >= STATEMENTS
    assert 'class="more-in-full"' not in html  # nothing is cut on screen
    assert html.count('<section id="agreement-') == AGREEMENTS


def test_the_pdf_prints_the_first_rows_of_the_chronology_and_says_how_many_more(big):
    html, pdf, text = big
    printed = [name for name in destinations(pdf) if name.startswith("event-")]
    assert len(printed) == LIMIT
    in_order = re.findall(r'<tr class="[a-z]+" id="(event-[^"]+)"', html)
    assert sorted(printed) == sorted(in_order[:LIMIT])  # the first rows in the chronology's own order
    assert more(EVENTS - LIMIT) in text


def test_each_long_section_of_the_pdf_says_what_it_left_out(big):
    _, _, text = big
    for count in (PEOPLE, VENUES, DURATIONS, GIFTS, AGREEMENTS, STATEMENTS):
        assert more(count - LIMIT) in text, count
    # the seven cut sections, each once: not the bottom line, judgments, discrepancies or sources
    assert text.count("more entries are in the full listing") == 7


def test_nothing_a_reader_must_see_is_cut(big):
    _, pdf, text = big
    names = destinations(pdf)
    # every source keeps its number, so every printed citation has its target
    numbered = {n for n in names if re.fullmatch(r"source-\d+", n)}
    assert numbered == {f"source-{n}" for n in range(1, SOURCES + 1)}
    assert text.count("Rests on:") == JUDGMENTS
    assert "Reporting discrepancies" in text


def test_no_link_in_the_pdf_points_at_a_cut_row(big):
    _, pdf, _ = big
    names = set(destinations(pdf))
    targets = link_targets(pdf)
    assert any(t.startswith("event-") for t in targets)  # the timeline links to its printed rows
    assert [t for t in targets if t not in names] == []


def test_the_pdf_stays_short(big):
    _, pdf, _ = big
    # Printed: 20 records in each of six cut sections (a page or two each), 20 agreements of
    # a few lines, ten judgments, ten discrepancies, 50 sources, the cover and the annex:
    # about 140 records besides what is never cut, against some 1,100 in the full listing
    # (which prints on 87 pages, measured once with pdf_section_limit = 0). 40 leaves room
    # for a font or a margin changing, and fails if a section stops being cut.
    assert len(pdf.pages) <= 40


def test_the_shipped_brief_is_printed_whole(built):
    """No section of the shipped base is longer than the default limit: its PDF shows every
    event (21 in facts.yaml) and no "more" line."""
    import yaml

    events = yaml.safe_load(FACTS.read_text(encoding="utf-8"))["events"]
    assert len(events) == 21
    with pikepdf.open(built / "brief.en.pdf") as pdf:
        assert len([n for n in destinations(pdf) if n.startswith("event-")]) == len(events)
    text = subprocess.run(["pdftotext", str(built / "brief.en.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "full listing" not in text


@pytest.mark.parametrize(("toml", "line", "message"), [
    ("[brief]\npdf_section_limit = -3\n", 2, "brief.pdf_section_limit must be a whole number, 0 or more (0: no limit)"),
    ("[brief]\npdf_section_limit = true\n", 2, "brief.pdf_section_limit must be a whole number, 0 or more (0: no limit)"),
    ("[brief]\npdf_limit = 3\n", 2, "unknown setting brief.pdf_limit (known: pdf_section_limit)"),
    ("brief = 3\n", 1, "brief must be a table ([brief])"),
])
def test_a_wrong_limit_is_one_message_at_its_place(tmp_path, toml, line, message):
    (tmp_path / "briefing.toml").write_text(toml, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "config"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'briefing.toml'}:{line}:1: error: {message}"


@pytest.mark.parametrize(("locale", "count", "expected"), [
    # Russian: one / few / many, by the last digits
    ("ru", 21, "Ещё 21 запись приведена в полном перечне (HTML-версии)."),
    ("ru", 22, "Ещё 22 записи приведены в полном перечне (HTML-версии)."),
    ("ru", 25, "Ещё 25 записей приведено в полном перечне (HTML-версии)."),
    ("ru", 111, "Ещё 111 записей приведено в полном перечне (HTML-версии)."),
    # Arabic: two, few (3-10), many (11-99)
    ("ar", 2, "مدخلان إضافيان"),
    ("ar", 7, "مدخلات إضافية"),
    ("ar", 11, "مدخلًا إضافيًا"),
    ("fr", 1, "1 entrée de plus figure dans la liste complète (la version HTML)."),
    ("fr", 280, "280 entrées de plus figurent dans la liste complète (la version HTML)."),
    ("de", 1, "1 weiterer Eintrag steht in der vollständigen Liste (der HTML-Fassung)."),
    ("es", 280, "280 entradas más figuran en el listado completo (la versión HTML)."),
    ("ja", 280, "ほか280件は完全な一覧（HTML版）に掲載されている。"),
    ("ko", 280, "나머지 280건은 전체 목록(HTML판)에 실려 있다."),
    ("zh", 280, "另有280条载于完整列表（HTML版）。"),
    ("en", 1, "1 more entry is in the full listing (the HTML brief)."),
])
def test_the_more_line_takes_each_language_s_plural(locale, count, expected):
    """The shipped catalogs pick the plural form the language needs (expected texts by hand)."""
    from briefing.render.theme import BUILT_IN

    translations = BUILT_IN.translations(locale)
    line = translations.ngettext("%(num)s more entry is in the full listing (the HTML brief).",
                                 "%(num)s more entries are in the full listing (the HTML brief).", count)
    assert expected in line % {"num": count}


def test_the_shipped_pdf_is_laid_out_from_the_very_page_the_html_brief_is():
    """Under the default limit the printed page is the screen page, byte for byte, in every
    locale of the shipped base: its PDF is what it was before short lists existed."""
    from briefing import check
    from briefing.render.html import render_html

    content = FACTS.read_bytes()
    _, facts = check.run_file(FACTS)
    assert facts is not None
    for locale in facts.meta.locales:
        assert render_html(facts, locale, content, for_print=True) == render_html(facts, locale, content)


def test_a_limit_of_zero_prints_everything(tmp_path):
    from briefing import check
    from briefing.render.html import render_html
    from briefing.render.theme import Theme

    path = tmp_path / "facts.yaml"
    path.write_text(generate.generate(200, seed=2), encoding="utf-8")  # 60 events, over the default 40
    _, facts = check.run_file(path)
    assert facts is not None
    page = render_html(facts, "en", path.read_bytes(), Theme(pdf_limit=0), for_print=True)
    assert len(re.findall(r'<tr class="[a-z]+" id="event-', page)) == 60
    assert 'class="more-in-full"' not in page
    default = render_html(facts, "en", path.read_bytes(), for_print=True)
    assert len(re.findall(r'<tr class="[a-z]+" id="event-', default)) == 40
    assert more(20) in default


def test_the_annex_pdf_on_request_prints_every_record(tmp_path):
    from briefing.build import build

    path = tmp_path / "facts.yaml"
    path.write_text(generate.generate(200, seed=2), encoding="utf-8")  # 60 events, over the default 40
    out = tmp_path / "out"
    written = build(path, out, locales=["en"], formats=("pdf", "annex"), jobs=1, stream=io.StringIO())
    assert sorted(p.name for p in written) == ["brief.en.annex.pdf", "brief.en.pdf"]  # no HTML asked for
    brief, annex = pikepdf.open(out / "brief.en.pdf"), pikepdf.open(out / "brief.en.annex.pdf")
    assert len([n for n in destinations(brief) if n.startswith("event-")]) == 40
    assert len([n for n in destinations(annex) if n.startswith("event-")]) == 60
    annex_text = normalize(subprocess.run(["pdftotext", "-layout", str(out / "brief.en.annex.pdf"), "-"],
                                          capture_output=True, text=True, check=True).stdout)
    assert "more entries are in the full listing" not in annex_text
    assert sorted(annex.attachments) == ["facts.yaml"]  # it carries what it was built from, like the brief
    again = build(path, out, locales=["en"], formats=("pdf", "annex"), jobs=1, stream=io.StringIO())
    assert again == []  # both current: nothing rendered again
    # each proves what it rests on: the annex is rebuilt as an annex, not as the shorter brief
    for name in ("brief.en.annex.pdf", "brief.en.pdf"):
        verified = subprocess.run([sys.executable, "-m", "briefing", "verify", str(out / name)], cwd=tmp_path,
                                  capture_output=True, text=True)
        assert verified.returncode == 0 and "identical" in verified.stdout, verified.stdout + verified.stderr


def test_the_changes_since_the_previous_edition_are_cut_like_any_long_section(tmp_path):
    from briefing import check
    from briefing.diff import since_previous
    from briefing.render.html import render_html

    current = generate.generate(200, seed=2)
    assert current.count("credibility: 2") == 50  # one record per line: 50 records edited
    changed = 50 + 1  # and meta: its edition and its previous edition
    (tmp_path / "facts-1.yaml").write_text(current.replace("credibility: 2", "credibility: 3"), encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(current.replace("  edition: 1\n", '  edition: 2\n  previous: "facts-1.yaml"\n'), encoding="utf-8")
    _, facts = check.run_file(path)
    assert facts is not None
    previous = since_previous(facts, path)
    printed = render_html(facts, "en", path.read_bytes(), previous=previous, for_print=True)
    screen = render_html(facts, "en", path.read_bytes(), previous=previous)
    changes = re.compile(r'<span class="change changed">')
    assert len(changes.findall(screen)) == changed
    assert len(changes.findall(printed)) == 40
    assert more(changed - 40) in printed
