"""The JSON Schema for editors: generated from the model, current, complete, and accepted by an
independent validator for the shipped fact base."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from briefing import schema
from conftest import FACTS, ROOT

SHIPPED = ROOT / "schema" / "facts.schema.json"
CONTAINERS = {"meta", "vocabulary", "quantities", "sources", "participants", "venues", "events", "durations", "gifts", "agreements",
              "statements", "judgments", "conflicts"}


def test_committed_schema_is_current():
    assert SHIPPED.read_text(encoding="utf-8") == schema.text(), "run 'make schema' and commit the result"


def test_every_field_has_a_description_and_an_example():
    generated = schema.generate()
    gaps = []
    definitions = dict(generated["$defs"], FactBase=generated)
    for model, definition in definitions.items():
        for field, prop in definition.get("properties", {}).items():
            if not prop.get("description"):
                gaps.append(f"{model}.{field}: description")
            # the top-level lists hold records whose own fields carry examples
            if "examples" not in prop and not (model == "FactBase" and field in CONTAINERS):
                gaps.append(f"{model}.{field}: example")
    assert gaps == []


def test_schema_command_prints_it():
    result = subprocess.run([sys.executable, "-m", "briefing", "schema"], cwd=ROOT, capture_output=True, text=True)
    assert json.loads(result.stdout)["$id"] == schema.SCHEMA_ID


@pytest.mark.parametrize("document", [FACTS, ROOT / "tests" / "data" / "harbour.yaml"])
def test_check_jsonschema_accepts_the_fact_bases(document):
    tool = shutil.which("check-jsonschema", path=str(ROOT / ".venv" / "bin")) or shutil.which("check-jsonschema")
    result = subprocess.run([tool, "--schemafile", str(SHIPPED), str(document)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_misspelt_field(tmp_path):
    bad = tmp_path / "facts.yaml"
    bad.write_text((ROOT / "tests" / "data" / "harbour.yaml").read_text().replace("    credibility: 3\n", "    credibilty: 3\n"))
    tool = shutil.which("check-jsonschema", path=str(ROOT / ".venv" / "bin")) or shutil.which("check-jsonschema")
    result = subprocess.run([tool, "--schemafile", str(SHIPPED), str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "credibilty" in result.stdout


def test_fact_base_names_its_schema_for_editors():
    first_line = FACTS.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema/facts.schema.json"


def test_examples_are_not_drawn_from_the_shipped_fact_base():
    """Editors offer the schema's examples to every desk: none may be an id or a name of the
    showcase fact base (they are neutral, or drawn from several kinds of topic)."""
    import yaml

    shipped = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    ids = {record["id"] for section in shipped.values() if isinstance(section, list)
           for record in section if isinstance(record, dict) and "id" in record}
    names = {text for section in ("participants", "venues") for record in shipped[section]
             for text in record["name"].values()}
    examples = json.dumps([prop.get("examples") for definition in schema.generate()["$defs"].values()
                           for prop in definition.get("properties", {}).values()], ensure_ascii=False)
    assert len(ids) > 50 and len(names) > 40  # the shipped base really was read
    assert [i for i in ids if f'"{i}"' in examples] == []
    assert [n for n in names if n in examples] == []
