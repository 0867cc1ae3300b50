"""The brief as a finished product: structure, marking, archival PDF/A-3, reproducibility.

Expected headings and markings are written from the specification of the brief (issue 4)
and the French catalog, not read from the output.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import FACTS, ROOT, normalize

pytestmark = pytest.mark.pipeline

SECTIONS_EN = ["Bottom line and key judgments", "Chronology", "Participants and delegations", "Venues",
               "Reported durations", "Gifts exchanged", "Comprehensive Strategic Partnership Agreement",
               "Statements and reactions", "Reporting discrepancies", "Source summary", "Sources",
               "Annex: grading scales"]
SECTIONS_FR = ["L'essentiel et jugements clés", "Chronologie", "Participants et délégations", "Lieux",
               "Durées rapportées", "Cadeaux échangés", "Accord de partenariat stratégique global",
               "Déclarations et réactions", "Divergences entre les sources", "Bilan des sources", "Sources",
               "Annexe : échelles d'évaluation"]


def outline_titles(reader):
    titles = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                titles.append((depth, normalize(item.title)))
    walk(reader.outline, 0)
    return titles


@pytest.mark.parametrize("locale, title, sections", [
    ("en", "Russia–North Korea Summits, 2023–2024", SECTIONS_EN),
    ("fr", "Sommets Russie–Corée du Nord, 2023–2024", SECTIONS_FR),
])
def test_outline_mirrors_the_section_headings(built, locale, title, sections):
    titles = outline_titles(PdfReader(built / f"brief.{locale}.pdf"))
    assert titles[0] == (0, title)
    assert [t for depth, t in titles if depth == 1] == sections


@pytest.mark.parametrize("locale, banner", [("en", "UNCLASSIFIED // OPEN SOURCE"), ("fr", "NON CLASSIFIÉ // SOURCES OUVERTES")])
def test_every_page_carries_the_marking_top_and_bottom(built, locale, banner):
    reader = PdfReader(built / f"brief.{locale}.pdf")
    assert len(reader.pages) > 3
    for number, page in enumerate(reader.pages, start=1):
        text = normalize(page.extract_text())
        assert text.count(banner) >= 2, f"page {number}"
        assert re.search(rf"\b{number}\b", text)


def test_pages_are_numbered_n_of_m(built):
    reader = PdfReader(built / "brief.fr.pdf")
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} sur {total}" in normalize(page.extract_text())


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_pdf_carries_its_fact_base_and_declares_pdfa3(built, locale):
    reader = PdfReader(built / f"brief.{locale}.pdf")
    assert reader.attachments["facts.yaml"] == [FACTS.read_bytes()]
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")3", xmp)
    assert reader.trailer["/Root"]["/Lang"] == locale
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged


def test_metadata_comes_from_the_fact_base(built):
    reader = PdfReader(built / "brief.en.pdf")
    info = reader.metadata
    assert info.title == "Russia–North Korea Summits, 2023–2024"
    assert info.author == "Open-Source Intelligence Desk"
    assert "Vostochny Cosmodrome" in info.subject
    assert "Kim Jong Un" in reader.metadata["/Keywords"]
    # meta.as_of is 2024-06-19: the dates in the file are that day, never the build's
    assert info["/CreationDate"].startswith("D:20240619")
    assert info["/ModDate"].startswith("D:20240619")


def test_cover_fingerprint_matches_the_fact_base(built):
    digest = hashlib.sha256(FACTS.read_bytes()).hexdigest()
    first_page = normalize(PdfReader(built / "brief.en.pdf").pages[0].extract_text())
    assert f"sha256:{digest[:16]}" in first_page


def test_qpdf_finds_no_errors(built):
    for pdf in sorted(built.glob("*.pdf")):
        result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_two_builds_give_identical_pdfs(tmp_path):
    digests = []
    for run in ("a", "b"):  # two processes: nothing may depend on the process or the clock
        out = tmp_path / run
        subprocess.run([sys.executable, "-m", "briefing", "build", "--facts", str(FACTS), "--out", str(out),
                        "--locale", "en", "--format", "pdf"], cwd=ROOT, check=True, capture_output=True)
        digests.append(hashlib.sha256((out / "brief.en.pdf").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_html_is_self_contained_and_semantic(built):
    html = (built / "brief.en.html").read_text(encoding="utf-8")
    # no external resource: no stylesheet link, script, image or frame to fetch
    assert not re.search(r"<(link|script|img|iframe|object|embed)\b", html)
    assert not re.search(r"url\((?!#)", html)
    for tag in ("<header", "<nav", "<main", "<section", "<figure", "<figcaption", "<caption", '<th scope="col"'):
        assert tag in html
    # every graphic has a title; its labels and links are HTML text over it, so it is an image
    graphics = re.findall(r'<svg role="(img|group)" aria-labelledby="([^"]+)"', html)
    assert {role for role, _ in graphics} == {"img"}
    assert len(graphics) == html.count("<svg")
    for _, svg_title in graphics:
        assert f'<title id="{svg_title}">' in html
    assert '<a href="brief.fr.html" hreflang="fr" lang="fr">français</a>' in html
    assert "@media print" in html


def test_facts_and_judgments_are_visibly_apart(built):
    html = (built / "brief.en.html").read_text(encoding="utf-8")
    summary = html[html.index('<section id="summary">'):html.index('<section id="chronology">')]
    facts_at = summary.index('class="facts-block"')
    lead = summary[summary.index('class="judgments lead-judgment"'):facts_at]
    facts_block = summary[facts_at:summary.index('class="judgments"', facts_at)]
    judgments = summary[summary.index('class="judgments"', facts_at):]
    assert "Reported facts" in facts_block and "likely" not in facts_block.lower().replace("unlikely", "")
    # three judgments in facts.yaml: the lead (low confidence) first, the two others after the facts
    assert "Lead judgment" in lead and lead.count('class="judgment"') == 1
    assert "Analytic confidence: low." in lead
    assert "Other key judgments" in judgments
    assert judgments.count('class="judgment"') == 2
    assert judgments.count("Likelihood: likely.") == 2 and judgments.count("Analytic confidence: moderate.") == 2


def test_contents_lists_every_section_and_links_leave_only_for_the_web(built):
    reader = PdfReader(built / "brief.fr.pdf")
    cover = normalize(reader.pages[0].extract_text())
    contents = cover[cover.index("Sommaire"):]
    for section in SECTIONS_FR:  # the agreement's own section included
        assert section in contents
    uris = [annotation.get_object()["/A"]["/URI"]
            for page in reader.pages for annotation in page.get("/Annots", [])
            if "/URI" in annotation.get_object().get("/A", {})]
    # source URLs only: a link to a local file would carry the build machine's path
    assert uris and all(uri.startswith(("https://", "http://")) for uri in uris)


@pytest.mark.parametrize("locale", ["en", "ko"])
def test_pdf_records_its_provenance_language_and_one_yaml_attachment(built, locale):
    import pikepdf

    from briefing import __version__

    with pikepdf.open(built / f"brief.{locale}.pdf") as pdf:
        assert len(pdf.Root.AF) == 1  # each attached file listed once
        assert [spec.get_file().mime_type for spec in pdf.attachments.values()] == ["application/yaml"]
        meta = pdf.open_metadata()
        assert meta["dc:language"] == {locale}
        namespace = "{https://briefing.invalid/ns/provenance/1.0/}"
        assert meta[namespace + "tool_version"] == __version__
        assert meta[namespace + "facts"] == hashlib.sha256(FACTS.read_bytes()).hexdigest()
        assert meta[namespace + "locale"] == locale and meta[namespace + "built_in_theme"] == "yes"


@pytest.mark.parametrize("locale, sentence", [
    ("en", "Outcome: no source reports whether the event took place."),
    ("fr", "Suite : aucune source ne dit si l'événement a eu lieu."),
])
def test_announced_events_past_their_date_say_what_became_of_them(built, locale, sentence):
    # facts.yaml: the Komsomolsk-on-Amur and Vladivostok stops and Lavrov's visit were announced,
    # fall before meta.as_of, and no article reports whether they happened (outcome: not-reported)
    html = (built / f"brief.{locale}.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="announced" id="event-([^"]+)">(.*?)</tr>', html, flags=re.S)
    assert len(rows) == 3
    assert all(sentence.replace("'", "&#39;") in row or sentence in row for _, row in rows)
