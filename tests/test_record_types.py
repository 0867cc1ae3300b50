"""A record type is declared once, in the model: a new type added only there (and given one
section partial) reaches the schema, the checker's reference and date rules, diff and the brief.

The new type here is declared in this file, never in the package: if any stage kept its own
table of record types, the type would be missing from it and a test below would fail.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, create_model

from briefing import check, diff, schema
from briefing.load import load_text
from briefing.model import Claim, FactBase, Localized, RecordType, VenueRef, parse
from briefing.model.base import DateText
from briefing.paths import THEME
from briefing.render.theme import Theme


class Inspection(Claim):
    """A safety inspection of a site, as a source reports it."""

    declared: ClassVar = RecordType(noun="inspection", section="inspections", dated_by=("date",),
                                    label="finding", heading="Inspections")
    finding: Localized = Field(description="What the inspectors found, per locale.",
                               examples=[{"en": "Fire doors blocked."}])
    date: DateText = Field(description="Date of the inspection.", examples=["2020-01-02"])
    site: VenueRef = Field(description="Id of the inspected place.", examples=["depot"])


Extended = create_model("FactBase", __base__=FactBase,
                        inspections=(list[Inspection], Field(default_factory=list, description="Inspections.")))

BASE = """\
meta:
  title: {en: Depot safety}
  subject: {en: Inspections of a fuel depot.}
  desk: Test Desk
  edition: 1
  as_of: "2020-03-01"
  locales: [en]
  summary:
    - text: {en: Inspectors found the fire doors blocked.}
      claims: [insp-1]
sources:
  - id: src-1
    publisher: Port Gazette
    title: Depot fails inspection
    published: "2020-02-01"
    language: en
    reliability: B
    reliability_reason: {en: Long record of accurate reporting.}
venues:
  - id: depot
    name: {en: Fuel depot}
    country: PT
inspections:
  - id: insp-1
    finding: {en: Fire doors blocked.}
    date: "2020-01-15"
    site: depot
    sources: [src-1]
    credibility: 2
"""


def run_check(text: str):
    return check.run(load_text(text, "facts.yaml"), model=Extended)


def test_the_schema_documents_the_new_type():
    generated = schema.generate(Extended)
    definition = generated["$defs"]["Inspection"]
    assert definition["properties"]["finding"]["description"] == "What the inspectors found, per locale."
    assert definition["properties"]["site"]["examples"] == ["depot"]
    assert "inspections" in generated["properties"]


def test_the_checker_follows_its_references_and_dates():
    problems, facts = run_check(BASE)
    assert facts is not None and [p.format() for p in problems] == []  # the depot is referred to: not unused
    # a reference to nothing, at the value's position (line 27, column 11)
    problems, _ = run_check(BASE.replace("    site: depot", "    site: dpot"))
    assert [(p.rule, p.line, p.column) for p in problems if p.severity == "error"] == [("unknown-reference", 27, 11)]
    # a source published before the inspection it reports: the date rule reads the declared date field
    problems, _ = run_check(BASE.replace('    published: "2020-02-01"', '    published: "2020-01-10"'))
    assert [(p.rule, p.line) for p in problems] == [("source-predates-event", 28)]


def test_diff_names_the_new_type():
    old = parse(load_text(BASE, "old.yaml").data, Extended)
    new = parse(load_text(BASE.replace("Fire doors blocked.", "Fire doors chained shut."), "new.yaml").data, Extended)
    changes = diff.compare(old, new)
    assert diff.as_text(changes, "old", "new").splitlines()[1:] == [
        "~ inspection insp-1", "    finding.en: Fire doors blocked. → Fire doors chained shut."]


def test_the_brief_has_a_section_for_it(tmp_path):
    from briefing.render.html import render_html

    templates = tmp_path / "templates"  # the desk's folder: only the new partial; the rest is built in
    (templates / "sections").mkdir(parents=True)
    (templates / "sections" / "inspections.html.j2").write_text(
        '{% import "_macros.j2" as m with context %}\n<ul class="inspections">{% for i in brief.facts.inspections %}'
        "<li>{{ brief.describe(i) }}{{ m.cite([i]) }}</li>{% endfor %}</ul>\n", encoding="utf-8")
    facts = parse(load_text(BASE, "facts.yaml").data, Extended)
    html = render_html(facts, "en", BASE.encode(), Theme(templates=(templates, THEME)))
    assert '<li><a href="#inspections">Inspections</a></li>' in html  # in the contents
    body = html[html.index('<section id="inspections">'):]
    assert body.index("<h2>Inspections</h2>") < body.index("Fire doors blocked.") < body.index("</section>")
    assert '<a href="#source-1"' in body[:body.index("</section>")]  # cited like any claim
