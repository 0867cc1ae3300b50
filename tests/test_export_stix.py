"""``briefing export --format stix``: the fact base as a STIX 2.1 bundle.

Expected values are written by hand from facts.yaml and the examples (counts of records per
section, a venue's coordinates, a claim's credibility and sources), not computed by the code
under test.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic import Field, create_model

from briefing.build import load_and_check
from briefing.load import load_text
from briefing.model import Claim, FactBase, Localized, RecordType, VenueRef, parse
from briefing.model.base import DateText

import stix2  # noqa: E402
import stix2validator  # noqa: E402

from briefing.export import export_stix, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FACT_BASES = [ROOT / "facts.yaml", ROOT / "examples" / "port-fire" / "facts.yaml",
              ROOT / "examples" / "single-source" / "facts.yaml"]


def bundle_text(path: Path) -> str:
    facts = load_and_check(path, io.StringIO())
    return export_stix(facts, path.read_bytes())


def objects(path: Path) -> list[dict]:
    return json.loads(bundle_text(path))["objects"]


def by_record(objs: list[dict], record_id: str) -> dict:
    [found] = [o for o in objs if o.get("x_briefing_id") == record_id]
    return found


def count(objs: list[dict]) -> dict[str, int]:
    found: dict[str, int] = {}
    for o in objs:
        found[o["type"]] = found.get(o["type"], 0) + 1
    return found


@pytest.mark.parametrize("path", FACT_BASES, ids=lambda p: p.parent.name if p.name == "facts.yaml" else p.name)
def test_the_bundle_validates(path):
    result = stix2validator.validate_string(bundle_text(path))
    assert result.is_valid
    assert result.errors == []


def test_two_runs_give_the_same_bytes(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(FACT_BASES[0], first, io.StringIO()) == 0
    assert run(FACT_BASES[0], second, io.StringIO()) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == bundle_text(FACT_BASES[0]).encode("utf-8")


def test_every_record_of_facts_yaml_is_an_object():
    # facts.yaml by hand: 8 participants, 6 venues, 11 sources; claims: 21 events, 5 durations,
    # 6 gifts, 1 agreement with 1 provision, 24 statements = 58; 3 judgments; 5 conflicts.
    objs = objects(FACT_BASES[0])
    assert count(objs) == {
        "marking-definition": 1, "extension-definition": 1,
        "identity": 8 + 1,            # participants, and the desk
        "location": 6,
        "note": 58 + 3,               # claims and judgments
        "grouping": 5,                # conflicts
        "report": 1,
        "language-content": 9 + 6 + 61 + 5 + 1,  # every object with texts in fr, en, ru, ko
    }
    notes = [o for o in objs if o["type"] == "note"]
    assert sorted({o["x_briefing_type"] for o in notes}) == [
        "agreement", "duration", "event", "gift", "judgment", "provision", "statement"]
    assert sum(o["x_briefing_type"] == "event" for o in notes) == 21
    assert sum(o["x_briefing_type"] == "statement" for o in notes) == 24
    [report] = [o for o in objs if o["type"] == "report"]
    assert len(report["external_references"]) == 11  # every source, cited or not
    assert len(report["object_refs"]) == 9 + 6 + 61 + 5
    marking = objs[0]["id"]
    assert objs[0]["definition"] == {"statement": "UNCLASSIFIED // OPEN SOURCE"}  # the default marking
    assert all(o["object_marking_refs"] == [marking] for o in objs[1:])


def test_the_examples_are_complete():
    # port-fire: 7 events, 3 durations, 4 quantities, 2 statements, 1 judgment, 3 venues, no people, 1 conflict
    port = count(objects(FACT_BASES[1]))
    assert (port["note"], port["location"], port["identity"], port["grouping"]) == (16 + 1, 3, 1, 1)
    # single-source: one event and one statement, French only (no translations)
    single = count(objects(FACT_BASES[2]))
    assert single == {"marking-definition": 1, "extension-definition": 1, "identity": 1, "note": 2, "report": 1}


def test_a_venue_is_a_location_with_its_coordinates():
    vostochny = by_record(objects(FACT_BASES[0]), "vostochny")
    assert vostochny["type"] == "location"
    assert (vostochny["latitude"], vostochny["longitude"], vostochny["country"]) == (51.88, 128.33, "RU")
    assert vostochny["name"] == "Cosmodrome Vostotchny" and vostochny["lang"] == "fr"
    assert vostochny["description"] == "Oblast de l'Amour, Extrême-Orient russe"
    assert vostochny["external_references"][0]["url"] == "https://en.wikipedia.org/wiki/Vostochny_Cosmodrome"


def test_participants_are_identities_translated_in_language_content():
    objs = objects(FACT_BASES[0])
    putin = by_record(objs, "putin")
    assert (putin["type"], putin["identity_class"], putin["name"]) == ("identity", "individual", "Vladimir Poutine")
    assert putin["x_briefing_original_name"] == {"text": "Владимир Путин", "lang": "ru"}
    [content] = [o for o in objs if o["type"] == "language-content" and o["object_ref"] == putin["id"]]
    assert sorted(content["contents"]) == ["en", "ko", "ru"]
    assert content["contents"]["en"]["name"] == "Vladimir Putin"
    assert content["contents"]["en"]["roles"] == ["President of the Russian Federation"]
    delegations = [o for o in objs if o.get("identity_class") == "group"]
    assert len(delegations) == 2  # the two `kind: delegation` participants
    # Lavrov's role is given by the AFP relay alone
    lavrov = by_record(objs, "lavrov")
    assert [r["external_id"] for r in lavrov["external_references"]] == ["src-afp-relay"]


def test_a_claim_has_its_credibility_as_confidence_and_its_sources():
    objs = objects(FACT_BASES[0])
    # st-2023-acceptance: credibility 2 ("probably true": 70 in STIX 2.1 Appendix A), cites Sputnik Afrique
    acceptance = by_record(objs, "st-2023-acceptance")
    assert acceptance["type"] == "note" and acceptance["confidence"] == 70
    assert acceptance["x_briefing_credibility"] == 2
    assert acceptance["abstract"] == "Poutine accepte l'invitation de Kim à se rendre en Corée du Nord."
    sputnik = [r for r in acceptance["external_references"] if r["external_id"] == "src-sputnik-afrique"]
    assert sputnik[0]["url"] == ("https://fr.sputniknews.africa/20230914/kim-jong-un-fait-une-proposition-"
                                 "allechante-a-vladimir-poutine-que-celui-ci-accepte-1062099244.html")
    assert sputnik[0]["source_name"] == "Sputnik Afrique"
    assert sputnik[0]["x_briefing_reliability"] == "D"
    putin = by_record(objs, "putin")
    assert putin["id"] in acceptance["object_refs"]  # the speaker
    assert by_record(objs, "ev-2023-summit")["confidence"] == 90  # credibility 1: confirmed by other sources
    # the one claim rated 6 (truth cannot be judged) has no STIX confidence at all
    [unjudged] = [o for o in objs if o.get("x_briefing_credibility") == 6]
    assert "confidence" not in unjudged


def test_judgments_and_conflicts():
    objs = objects(FACT_BASES[1])
    judgment = by_record(objs, "jd-terminal-out-of-service")
    assert judgment["x_briefing_estimative_term"] == "likely"
    assert judgment["x_briefing_analytic_confidence"] == "moderate"
    assert judgment["confidence"] == 50  # "Med" on the Appendix A low/med/high scale
    assert judgment["object_refs"] == [by_record(objs, i)["id"] for i in ("ev-explosion", "q-fuel-burnt", "dur-booms")]
    conflict = by_record(objs, "cf-injured")
    assert (conflict["type"], conflict["context"], conflict["x_briefing_status"]) == ("grouping", "unspecified",
                                                                                      "disputed")
    assert conflict["object_refs"] == [by_record(objs, "q-injured-authority")["id"],
                                       by_record(objs, "q-injured-daily")["id"]]


def test_a_tlp_marking_uses_the_stix_tlp_definition(tmp_path):
    text = FACT_BASES[2].read_text(encoding="utf-8").replace('fr: "EXERCICE // SCÉNARIO FICTIF"', 'fr: "TLP:GREEN"')
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    objs = objects(path)
    assert objs[0]["id"] == stix2.TLP_GREEN.id
    assert all(o["object_marking_refs"] == [stix2.TLP_GREEN.id] for o in objs[1:])
    assert stix2validator.validate_string(bundle_text(path)).is_valid


def test_a_fact_base_with_an_error_is_refused_and_nothing_is_written(tmp_path):
    text = FACT_BASES[2].read_text(encoding="utf-8").replace("    event: ev-ransomware\n", "    event: ev-nowhere\n")
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out" / "bundle.json"
    out.parent.mkdir()
    messages = io.StringIO()
    assert run(path, out, messages) == 1
    assert not out.exists() and list(out.parent.iterdir()) == []
    assert "unknown-reference" in messages.getvalue()


def test_out_is_replaced_atomically(tmp_path):
    out = tmp_path / "bundle.json"
    out.write_text("old", encoding="utf-8")
    assert run(FACT_BASES[2], out, io.StringIO()) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "bundle"
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.json"]  # no temporary file left


def test_without_out_the_bundle_goes_to_stdout(capsys):
    assert run(FACT_BASES[2], None, io.StringIO()) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "bundle"


class Inspection(Claim):
    """A claim type declared only here: the export must find it through the model."""

    declared: ClassVar = RecordType(noun="inspection", section="inspections", dated_by=("date",), label="finding")
    finding: Localized = Field(description="What the inspectors found.")
    date: DateText = Field(description="Date of the inspection.")
    site: VenueRef = Field(description="Id of the inspected place.")


EXTENDED = create_model("FactBase", __base__=FactBase, inspections=(list[Inspection], Field(default_factory=list)))

INSPECTION_BASE = """\
meta:
  title: {en: Depot safety, pt: Segurança do depósito}
  subject: {en: Inspections of a fuel depot., pt: Inspeções de um depósito.}
  desk: Test Desk
  edition: 1
  as_of: "2020-03-01"
  locales: [en, pt]
  summary:
    - text: {en: Inspectors found the fire doors blocked., pt: Portas corta-fogo bloqueadas.}
      claims: [insp-1]
sources:
  - id: src-1
    publisher: Port Gazette
    title: Depot fails inspection
    published: "2020-02-01"
    language: en
    url: "https://example.org/depot"
    reliability: B
    reliability_reason: {en: Long record of accurate reporting., pt: Longo historial.}
venues:
  - id: depot
    name: {en: Fuel depot, pt: Depósito de combustível}
    country: PT
inspections:
  - id: insp-1
    finding: {en: Fire doors blocked., pt: Portas corta-fogo bloqueadas.}
    date: "2020-01-15"
    site: depot
    sources: [src-1]
    credibility: 4
"""


def test_a_claim_type_added_to_the_model_is_exported_as_a_note():
    facts = parse(load_text(INSPECTION_BASE, "facts.yaml").data, EXTENDED)
    text = export_stix(facts, INSPECTION_BASE.encode())
    assert stix2validator.validate_string(text).is_valid
    objs = json.loads(text)["objects"]
    inspection = by_record(objs, "insp-1")
    assert (inspection["type"], inspection["x_briefing_type"], inspection["confidence"]) == ("note", "inspection", 30)
    assert inspection["abstract"] == "Fire doors blocked."
    assert inspection["content"] == "Inspection — Fire doors blocked.: date 2020-01-15; site Fuel depot"
    assert inspection["object_refs"] == [by_record(objs, "depot")["id"]]
    assert inspection["external_references"][0]["url"] == "https://example.org/depot"
    assert inspection["created"] == inspection["modified"] == "2020-03-01T00:00:00.000Z"
    [content] = [o for o in objs if o["type"] == "language-content" and o["object_ref"] == inspection["id"]]
    assert content["contents"]["pt"]["abstract"] == "Portas corta-fogo bloqueadas."
    assert content["contents"]["pt"]["content"] == ("Inspection — Portas corta-fogo bloqueadas.: date 2020-01-15; "
                                                    "site Depósito de combustível")


def test_an_out_path_that_cannot_be_written_is_an_error(tmp_path):
    messages = io.StringIO()
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    assert run(FACT_BASES[2], tmp_path / "a-file" / "bundle.json", messages) == 2
    assert "cannot write outputs" in messages.getvalue()


def test_the_bundle_is_readable_by_others_like_any_new_file(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        assert run(FACT_BASES[2], tmp_path / "out" / "bundle.json", io.StringIO()) == 0  # its folder made
    finally:
        os.umask(old)
    assert (tmp_path / "out" / "bundle.json").stat().st_mode & 0o777 == 0o644


def test_the_command_marks_the_bundle_with_the_desks_default_marking(tmp_path):
    """A desk whose briefing.toml sets the marking exports objects marked as its briefs are."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "briefing", "init"], cwd=tmp_path, check=True, capture_output=True)
    config = (tmp_path / "briefing.toml").read_text(encoding="utf-8")
    (tmp_path / "briefing.toml").write_text(config.replace('# marking = {en = "OFFICIAL"}',
                                                           'marking = {en = "OFFICIAL-SENSITIVE"}\nportion_mark = {en = "(O-S)"}'),
                                            encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "export", "--format", "stix"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    markings = [o for o in json.loads(result.stdout)["objects"] if o["type"] == "marking-definition"
                and o.get("definition_type") == "statement"]
    assert [m["definition"]["statement"] for m in markings] == ["OFFICIAL-SENSITIVE"]
