"""The example fact bases in examples/, built for real: the tool is not tied to one topic.

Expected values are written by hand from the example fact bases, not from the output:

- examples/port-fire (en, fr): a fictional fire at a port. No participants; declared event
  kinds fire, explosion, evacuation, containment and statement kind warning; events listed
  out of date order, whose order by instant (Europe/Lisbon) is ev-ignition (11 Feb 23:30),
  ev-firefighting (12 Feb 00:15 to 14 Feb), ev-explosion (04:20), ev-evacuation
  (05:10-11:00), ev-spread-yard (06:40), ev-booms (12 Feb, no time: end of the day),
  ev-contained (14 Feb 02:10); 12 injured against "at least 15" (disputed), about 1,800
  tonnes of fuel, 46 containers; one judgment.
- examples/single-source (fr only): a fictional ransomware attack on a water utility, one
  source, one event (incident, day only), one announcement, no judgment.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, normalize

pytestmark = pytest.mark.pipeline

EXAMPLES = ROOT / "examples"
PORT_FIRE = EXAMPLES / "port-fire" / "facts.yaml"
SINGLE_SOURCE = EXAMPLES / "single-source" / "facts.yaml"

# Written by hand from examples/port-fire/facts.yaml (the YAML lists them in another order).
PORT_FIRE_ORDER = ["ev-ignition", "ev-firefighting", "ev-explosion", "ev-evacuation",
                   "ev-spread-yard", "ev-booms", "ev-contained"]


# --- builds ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def port_fire(tmp_path_factory) -> Path:
    """examples/port-fire built for real: HTML and PDF in en and fr."""
    from briefing.build import build

    out = tmp_path_factory.mktemp("port-fire")
    build(PORT_FIRE, out)
    return out


@pytest.fixture(scope="module")
def single_source(tmp_path_factory) -> Path:
    """examples/single-source built for real: HTML and PDF in fr."""
    from briefing.build import build

    out = tmp_path_factory.mktemp("single-source")
    build(SINGLE_SOURCE, out)
    return out


@pytest.fixture
def example(request) -> Path:
    """The build named by an indirect parameter ("port_fire" or "single_source")."""
    return request.getfixturevalue(request.param)


BRIEFS = [("port_fire", "en"), ("port_fire", "fr"), ("single_source", "fr")]


# --- reading the outputs back ------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return normalize(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def _classes(attrs) -> set[str]:
    return set((dict(attrs).get("class") or "").split())


class _Brief(HTMLParser):
    """Collects the body's sections (id, heading, what follows the heading), the table of
    contents' links, and every table row (section, id, cells, event kind, whether it is in
    the chronology table)."""

    def __init__(self):
        super().__init__()
        self.sections: list[dict] = []
        self.toc: list[str] = []
        self.rows: list[dict] = []
        self.chronology: list[dict] = []   # filled by read_brief: the chronology table's rows
        self._section = None      # the open <section>'s record
        self._in_h2 = False
        self._in_toc = False
        self._in_chronology = False
        self._row = None
        self._cell = None
        self._in_kind = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and attributes.get("id"):
            self._section = {"id": attributes["id"], "h2": None, "after": ""}
            self.sections.append(self._section)
            return
        if tag == "h2" and self._section is not None and self._section["h2"] is None:
            self._in_h2 = True
            self._section["h2"] = ""
            return
        if self._section is not None and self._section["h2"] is not None and not self._in_h2:
            self._section["after"] += f" <{tag}>"
        if tag == "nav" and "toc" in _classes(attrs):
            self._in_toc = True
        elif tag == "a" and self._in_toc and (attributes.get("href") or "").startswith("#"):
            self.toc.append(attributes["href"][1:])
        elif tag == "table" and "chronology" in _classes(attrs):
            self._in_chronology = True
        elif tag == "tr":
            self._row = {"section": self._section["id"] if self._section else None, "id": attributes.get("id", ""),
                         "text": "", "cells": [], "kind": "", "chronology": self._in_chronology}
            self.rows.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif tag == "span" and self._row is not None and "event-kind" in _classes(attrs):
            self._in_kind = True

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None
        elif tag == "h2":
            self._in_h2 = False
        elif tag == "nav":
            self._in_toc = False
        elif tag == "table":
            self._in_chronology = False
        elif tag == "tr":
            self._row = None
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row["cells"].append(self._cell)
            self._cell = None
        elif tag == "span":
            self._in_kind = False

    def handle_data(self, data):
        if self._section is not None:
            if self._in_h2:
                self._section["h2"] += data
            elif self._section["h2"] is not None:
                self._section["after"] += data
        if self._row is not None:
            self._row["text"] += data
            if self._cell is not None:
                self._cell += data
            if self._in_kind:
                self._row["kind"] += data


def read_brief(path: Path) -> _Brief:
    parser = _Brief()
    parser.feed(path.read_text(encoding="utf-8"))
    for found in parser.sections:
        found["h2"] = _clean(found["h2"] or "")
    for row in parser.rows:
        row["text"], row["kind"] = normalize(row["text"]), _clean(row["kind"])
        row["cells"] = [_clean(cell) for cell in row["cells"]]
    parser.chronology = [row for row in parser.rows if row["chronology"] and row["id"]]
    return parser


def _clean(text: str) -> str:
    """Normalized, trimmed, with typographic apostrophes made straight."""
    return normalize(text).strip().replace("\u2019", "'")


def section(brief: _Brief, title: str | tuple[str, ...]) -> dict:
    """The section with this heading, or with one of these headings (ids are the template's
    business, headings the reader's)."""
    titles = (title,) if isinstance(title, str) else title
    found = [s for s in brief.sections if s["h2"] in titles]
    assert found, f"no section {title!r}: {[s['h2'] for s in brief.sections]}"
    return found[0]


def section_text(brief: _Brief, title: str | tuple[str, ...]) -> str:
    return normalize(re.sub(r" <[a-z0-9]+>", " ", section(brief, title)["after"]))


def section_rows(brief: _Brief, title: str | tuple[str, ...]) -> list[dict]:
    section_id = section(brief, title)["id"]
    return [row for row in brief.rows if row["section"] == section_id]


def tick_labels(html: str) -> list[str]:
    return [normalize(label).strip() for label in
            re.findall(r'<span class="figure-label tl-tick-label"[^>]*>([^<]*)</span>', html)]


# --- both examples check clean -------------------------------------------------------------

@pytest.mark.parametrize("path", [PORT_FIRE, SINGLE_SOURCE], ids=["port-fire", "single-source"])
def test_example_checks_clean(path):
    from briefing.check import run_file

    problems, facts = run_file(path)
    assert facts is not None
    assert [f"{p.line}:{p.column} {p.severity} [{p.rule}] {p.message}" for p in problems] == []


# --- outputs --------------------------------------------------------------------------------

@pytest.mark.parametrize("example, expected", [
    ("port_fire", ["brief.en.html", "brief.en.pdf", "brief.fr.html", "brief.fr.pdf"]),
    ("single_source", ["brief.fr.html", "brief.fr.pdf"]),
], indirect=["example"])
def test_every_declared_locale_and_no_other_is_built(example, expected):
    names = sorted(p.name for p in example.iterdir() if not p.name.startswith("."))
    assert names == expected
    for name in expected:
        if name.endswith(".pdf"):
            assert (example / name).read_bytes().startswith(b"%PDF-")


# --- structure: no empty section, contents match the body -------------------------------------

@pytest.mark.parametrize("example, locale", BRIEFS, indirect=["example"])
def test_every_section_has_a_heading_and_content(example, locale):
    brief = read_brief(example / f"brief.{locale}.html")
    assert brief.sections
    for found in brief.sections:
        assert found["h2"], f"section {found['id']!r} has no <h2>"
        rest = normalize(re.sub(r" <[a-z0-9]+>", " ", found["after"])).replace("(EX)", "").strip()
        assert rest, f"section {found['id']!r} ({found['h2']!r}) has nothing but its heading"


@pytest.mark.parametrize("example, locale", BRIEFS, indirect=["example"])
def test_contents_list_exactly_the_sections_in_order(example, locale):
    brief = read_brief(example / f"brief.{locale}.html")
    assert brief.toc == [s["id"] for s in brief.sections]


# The statements section is titled after what it holds: these bases have no reactions or
# allegations, so "Statements" alone is right; "Statements and reactions" is accepted too.
STATEMENTS = {"en": ("Statements", "Statements and reactions"), "fr": ("Déclarations", "Déclarations et réactions")}


def titles_of(brief: _Brief, locale: str) -> set[str]:
    """The section headings, the statements section's under its longer name."""
    return {STATEMENTS[locale][1] if s["h2"] in STATEMENTS[locale] else s["h2"] for s in brief.sections}


@pytest.mark.parametrize("example, locale, titles", [
    ("port_fire", "en", {"Bottom line and key judgments", "Chronology", "Venues", "Reported durations",
                         "Reported figures", "Statements and reactions", "Reporting discrepancies",
                         "Source summary", "Sources", "Annex: grading scales"}),
    ("port_fire", "fr", {"L'essentiel et jugements clés", "Chronologie", "Lieux", "Durées rapportées",
                         "Chiffres rapportés", "Déclarations et réactions", "Divergences entre les sources",
                         "Bilan des sources", "Sources", "Annexe : échelles d'évaluation"}),
    # No venues, durations, figures, judgments or conflicts: no such sections.
    ("single_source", "fr", {"L'essentiel", "Chronologie", "Déclarations et réactions", "Bilan des sources",
                             "Sources", "Annexe : échelles d'évaluation"}),
], indirect=["example"])
def test_section_titles(example, locale, titles):
    brief = read_brief(example / f"brief.{locale}.html")
    assert titles_of(brief, locale) == titles


@pytest.mark.parametrize("example, locale, heading", [
    ("port_fire", "en", "Bottom line and key judgments"),    # it has a judgment
    ("port_fire", "fr", "L'essentiel et jugements clés"),
    ("single_source", "fr", "L'essentiel"),                  # no judgment
], indirect=["example"])
def test_bottom_line_heading_says_whether_there_are_judgments(example, locale, heading):
    brief = read_brief(example / f"brief.{locale}.html")
    assert brief.sections[0]["h2"] == heading
    assert brief.toc[0] == brief.sections[0]["id"]


def test_single_source_has_no_estimative_terms_annex(single_source):
    assert "ICD 203" not in (single_source / "brief.fr.html").read_text(encoding="utf-8")
    assert "ICD 203" not in pdf_text(single_source / "brief.fr.pdf")


def test_port_fire_keeps_the_estimative_terms_annex(port_fire):
    assert "ICD 203" in pdf_text(port_fire / "brief.en.pdf")


# --- no summit vocabulary ---------------------------------------------------------------------

SUMMIT_PHRASES = {
    "en": ["The talks and their durations", "Taking part", "Gifts exchanged", "Participants and delegations",
           "Statements by the participants", "Delegations"],
    "fr": ["Les entretiens et leur durée", "Cadeaux échangés", "Participants et délégations",
           "Déclarations des participants", "Délégations"],
}
SUMMIT_WORDS = {  # whole words, in any case (event kinds are set in capitals)
    "en": ["summit", "banquet", "talks", "gift", "gifts", "delegation", "participant", "participants", "signing"],
    "fr": ["sommet", "banquet", "entretiens", "cadeau", "cadeaux", "délégation", "participant", "participants"],
}


@pytest.mark.parametrize("example, locale", BRIEFS, indirect=["example"])
def test_no_summit_vocabulary(example, locale):
    text = pdf_text(example / f"brief.{locale}.pdf")
    for phrase in SUMMIT_PHRASES[locale]:
        assert phrase not in text, f"{phrase!r} in the {locale} brief"
    for word in SUMMIT_WORDS[locale]:
        assert not re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE), f"{word!r} in the {locale} brief"
    # "Other" is the catch-all event kind: none of these events uses it.
    other = {"en": "Other", "fr": "Autre"}[locale]
    assert not re.search(rf"(?<!\w){other} ·", text, re.IGNORECASE)
    brief = read_brief(example / f"brief.{locale}.html")
    assert other not in {row["kind"] for row in brief.chronology}


# --- declared kinds and the chronology -----------------------------------------------------------

@pytest.mark.parametrize("locale, kinds", [
    ("en", {"ev-ignition": "Fire", "ev-firefighting": "Containment", "ev-explosion": "Explosion",
            "ev-evacuation": "Evacuation", "ev-spread-yard": "Fire", "ev-booms": "Containment",
            "ev-contained": "Containment"}),
    ("fr", {"ev-ignition": "Incendie", "ev-firefighting": "Maîtrise du sinistre", "ev-explosion": "Explosion",
            "ev-evacuation": "Évacuation", "ev-spread-yard": "Incendie", "ev-booms": "Maîtrise du sinistre",
            "ev-contained": "Maîtrise du sinistre"}),
])
def test_declared_event_kinds_are_labelled_in_each_locale(port_fire, locale, kinds):
    brief = read_brief(port_fire / f"brief.{locale}.html")
    assert {row["id"].removeprefix("event-"): row["kind"] for row in brief.chronology} == kinds
    text = pdf_text(port_fire / f"brief.{locale}.pdf").casefold()   # set in capitals in the PDF
    for label in set(kinds.values()):
        assert label.casefold() in text




@pytest.mark.parametrize("locale, label, built_in", [("en", "Warning", "Announcement"),
                                                     ("fr", "Mise en garde", "Annonce")])
def test_declared_statement_kind_is_labelled(port_fire, locale, label, built_in):
    brief = read_brief(port_fire / f"brief.{locale}.html")
    statements = section_text(brief, STATEMENTS[locale])
    assert label in statements
    assert built_in in statements
    assert label.casefold() in pdf_text(port_fire / f"brief.{locale}.pdf").casefold()


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_chronology_is_in_order_of_instant(port_fire, locale):
    brief = read_brief(port_fire / f"brief.{locale}.html")
    assert [row["id"] for row in brief.chronology] == [f"event-{i}" for i in PORT_FIRE_ORDER]


# Times as each locale writes them: French on 24 hours; English either way.
TIMES = {
    "fr": {"ev-ignition": ["23:30"], "ev-firefighting": ["00:15"], "ev-explosion": ["04:20"],
           "ev-evacuation": ["05:10", "11:00"], "ev-spread-yard": ["06:40"], "ev-contained": ["02:10"]},
    "en": {"ev-ignition": [("23:30", "11:30 PM")], "ev-firefighting": [("00:15", "12:15 AM")],
           "ev-explosion": [("04:20", "4:20 AM")], "ev-evacuation": [("05:10", "5:10 AM"), ("11:00", "11:00 AM")],
           "ev-spread-yard": [("06:40", "6:40 AM")], "ev-contained": [("02:10", "2:10 AM")]},
}


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_chronology_shows_the_times(port_fire, locale):
    rows = {row["id"].removeprefix("event-"): row["text"] for row in read_brief(port_fire / f"brief.{locale}.html").chronology}
    for event_id, times in TIMES[locale].items():
        for time in times:
            forms = time if isinstance(time, tuple) else (time,)
            assert any(form in rows[event_id] for form in forms), f"{forms} not in the row of {event_id}: {rows[event_id]!r}"
    # The day-only event shows no time of day.
    assert not re.search(r"\d{1,2}:\d{2}", rows["ev-booms"].split("·")[0])


@pytest.mark.parametrize("locale, days", [
    ("en", ["February 11, 2025", "February 12, 2025", "February 14, 2025"]),
    ("fr", ["11 février 2025", "12 février 2025", "14 février 2025"]),
])
def test_chronology_dates(port_fire, locale, days):
    rows = {row["id"].removeprefix("event-"): row["text"] for row in read_brief(port_fire / f"brief.{locale}.html").chronology}
    assert days[0] in rows["ev-ignition"]
    assert days[1] in rows["ev-explosion"] and days[1] in rows["ev-booms"]
    assert days[1] in rows["ev-firefighting"] and days[2] in rows["ev-firefighting"]  # over three days
    assert days[2] in rows["ev-contained"]


# --- the timeline -------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", ["en", "fr"])
def test_timeline_is_drawn_at_day_or_hour_scale(port_fire, locale):
    html = (port_fire / f"brief.{locale}.html").read_text(encoding="utf-8")
    labels = tick_labels(html)
    assert labels, "no tick labels on the timeline"
    assert not all(re.fullmatch(r"\d{4}", label) for label in labels), labels
    # Ticks finer than a month: each names a day of the month or an hour (a 1- or 2-digit
    # number), and at least two differ (three days of February 2025).
    finer = {label for label in labels if re.search(r"(?<!\d)\d{1,2}(?!\d)", label)}
    assert len(finer) >= 2, labels


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_multi_day_event_is_drawn_as_a_bar(port_fire, locale):
    html = (port_fire / f"brief.{locale}.html").read_text(encoding="utf-8")
    assert 'class="tl-bar' in html
    # The firefighting runs from 00:15 on 12 February to 14 February: its bar covers about
    # two days or more of the axis. No other event lasts a whole day and a half.
    ticks = sorted(float(x) for x in re.findall(r'<line class="tl-tick"[^>]*\bx1="([\d.]+)"', html))
    assert len(ticks) >= 2
    day = min(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    widths = [float(w) for w in re.findall(r'<rect class="tl-bar[^"]*"[^>]*\bwidth="([\d.]+)"', html)]
    assert widths and max(widths) >= 1.9 * day, (widths, day)


# --- durations and figures ---------------------------------------------------------------------

@pytest.mark.parametrize("locale, title, expected", [
    ("en", "Reported durations", {"Fire, from ignition to containment": "more than 50 hours",
                                  "Evacuation of the Ribeira quarter": "about 6 hours",
                                  "Booms to stay in place": "at least 2 weeks"}),
    ("fr", "Durées rapportées", {"Incendie, du départ du feu à sa maîtrise": "plus de 50 heures",
                                 "Évacuation du quartier de la Ribeira": "environ 6 heures",
                                 "Maintien prévu des barrages flottants": "au moins 2 semaines"}),
])
def test_durations_with_their_qualifiers(port_fire, locale, title, expected):
    rows = section_rows(read_brief(port_fire / f"brief.{locale}.html"), title)
    for measures, duration in expected.items():
        assert any(row["cells"] and row["cells"][0].startswith(measures) and duration in row["cells"]
                   for row in rows), f"{measures!r}: {duration!r} not in {[r['cells'] for r in rows]}"


FIGURES = {"en": "Reported figures", "fr": "Chiffres rapportés"}


@pytest.mark.parametrize("locale, injured, at_least, fuel_measure, fuel, containers", [
    ("en", "People injured", "at least 15", "Fuel burnt",
     ("about 1,800 metric tons", "about 1,800 tonnes", "about 1,800 t"), "Containers damaged"),
    ("fr", "Personnes blessées", "au moins 15", "Carburant brûlé",
     ("environ 1 800 tonnes", "environ 1 800 t"), "Conteneurs endommagés"),
])
def test_figures_in_locale_format(port_fire, locale, injured, at_least, fuel_measure, fuel, containers):
    rows = section_rows(read_brief(port_fire / f"brief.{locale}.html"), FIGURES[locale])

    def values(measures: str) -> list[list[str]]:
        return [row["cells"] for row in rows if row["cells"] and row["cells"][0].startswith(measures)]

    injured_rows = values(injured)
    assert any(at_least in cells for cells in injured_rows), injured_rows
    assert any("12" in cells for cells in injured_rows), injured_rows      # the authority's count, exact
    assert any(form in cells for cells in values(fuel_measure) for form in fuel), values(fuel_measure)
    assert any("46" in cells for cells in values(containers)), values(containers)
    text = pdf_text(port_fire / f"brief.{locale}.pdf")
    assert at_least in text
    assert any(form in text for form in fuel)


@pytest.mark.parametrize("locale, title, topic, disputed, versions", [
    ("en", "Reporting discrepancies", "Number of people injured", "disputed", ["at least 15", "12"]),
    ("fr", "Divergences entre les sources", "Nombre de blessés", "divergence non tranchée", ["au moins 15", "12"]),
])
def test_disputed_count_is_in_the_discrepancies(port_fire, locale, title, topic, disputed, versions):
    brief = read_brief(port_fire / f"brief.{locale}.html")
    discrepancies = section_text(brief, title)
    assert topic in discrepancies
    assert disputed in discrepancies
    versions_shown = " | ".join(row["cells"][0] for row in section_rows(brief, title) if row["cells"])
    for version in versions:
        assert re.search(rf"(?<![\d,.]){re.escape(version)}(?![\d,.])", versions_shown), versions_shown


# --- markings and language ------------------------------------------------------------------------

@pytest.mark.parametrize("example, locale, marking", [
    ("port_fire", "en", "EXERCISE // FICTIONAL SCENARIO"),
    ("port_fire", "fr", "EXERCICE // SCÉNARIO FICTIF"),
    ("single_source", "fr", "EXERCICE // SCÉNARIO FICTIF"),
], indirect=["example"])
def test_exercise_marking_replaces_the_default(example, locale, marking):
    text = pdf_text(example / f"brief.{locale}.pdf")
    assert marking in text
    assert "(EX)" in text
    assert "(U//OS)" not in text
    assert "UNCLASSIFIED" not in text and "NON CLASSIFIÉ" not in text


def test_single_source_french_brief_has_no_english_interface(single_source):
    text = pdf_text(single_source / "brief.fr.pdf")
    for words in ("Chronology", "Sources (reliability)", "Reported facts", "Bottom line", "Source summary",
                  "Statements and reactions", "Contents", "Information as of", "Announcement", "Credibility",
                  "Reliability", "Reporting", "Annex:"):
        assert words not in text, f"{words!r} in the French brief"
    assert "annonce" in text.casefold()    # the built-in statement kind, in French (set in capitals)
    assert "Chronologie" in text


def test_single_source_counts_read_in_the_singular(single_source):
    # One source: the footer must not say "1 sources" ("de 1 sources").
    text = pdf_text(single_source / "brief.fr.pdf")
    assert not re.search(r"(?<![\d,.])1 sources", text), text[-300:]
