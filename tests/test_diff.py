"""briefing diff: added, removed and changed records between two editions, by id."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BASE = (Path(__file__).parent / "data" / "harbour.yaml").read_text(encoding="utf-8")
# Edition 2, by hand: the talks lasted about 3 hours (not 2); the gift's item is re-worded;
# the statement st-1 is withdrawn; a second source is cited by nobody new but one is added.
NEW = (BASE.replace("    value: 2\n", "    value: 3\n")
           .replace("item: {en: An old map}", "item: {en: An old sea chart}")
           .replace("statements:\n  - id: st-1\n    kind: quotation\n    speaker: bob\n    event: ev-talks\n"
                    '    date: "2020-01-04"\n    text: {en: Bob welcomes the envoy.}\n'
                    "    sources: [src-courier]\n    credibility: 3\n", "")
           .replace("  - id: src-courier\n", "  - id: src-radio\n    publisher: Port Radio\n    title: Bulletin\n"
                    '    published: "2020-01-07"\n    language: en\n    reliability: C\n'
                    "    reliability_reason: {en: Local radio.}\n  - id: src-courier\n"))


def run(tmp_path, *args):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "diff", str(old), str(new), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout, old, new


def test_text_lists_each_change(tmp_path):
    out, old, new = run(tmp_path)
    assert out.splitlines() == [
        f"{old} → {new}: 1 added, 1 removed, 2 changed",
        "+ source src-radio",
        "- statement st-1",
        "~ duration dur-talks",
        "    value: 2 → 3",  # as written: the model holds the figure as a float
        "~ gift gift-map",
        "    item.en: An old map → An old sea chart",
    ]


def test_json_has_the_same_changes(tmp_path):
    out, _, _ = run(tmp_path, "--format", "json")
    data = json.loads(out)
    assert [c["id"] for c in data["added"]] == ["src-radio"]
    assert [c["id"] for c in data["removed"]] == ["st-1"]
    assert {c["id"]: c["fields"] for c in data["changed"]} == {
        "dur-talks": {"value": {"old": 2.0, "new": 3.0}},
        "gift-map": {"item.en": {"old": "An old map", "new": "An old sea chart"}},
    }


def test_reformatting_is_not_a_change(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(BASE.replace("name: {en: North Harbour}", 'name:\n      en: "North Harbour"'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "diff", str(old), str(new)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[0].endswith("0 added, 0 removed, 0 changed")


def test_since_a_git_revision(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    (repo / "facts.yaml").write_text(BASE, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(git + ["add", "facts.yaml"], cwd=repo, check=True)
    subprocess.run(git + ["commit", "-qm", "edition 1"], cwd=repo, check=True)
    (repo / "facts.yaml").write_text(NEW, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "diff", "--since", "HEAD", str(repo / "facts.yaml")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{repo / 'facts.yaml'}@HEAD → {repo / 'facts.yaml'}: 1 added, 1 removed, 2 changed"


def test_people_places_and_metadata_are_compared_too(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(BASE.replace("  edition: 1\n", "  edition: 2\n").replace("role: {en: Envoy}", "role: {en: Special envoy}")
                   .replace("    timezone: Europe/Oslo\n", ""), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "diff", str(old), str(new)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[1:] == [
        "~ meta meta", "    edition: 1 → 2",
        "~ participant alice", "    role.en: Envoy → Special envoy",
        "~ venue harbour", '    timezone: Europe/Oslo → null',
    ]


def test_the_brief_lists_the_changes_since_the_previous_edition(tmp_path):
    import re

    (tmp_path / "editions").mkdir()
    (tmp_path / "editions" / "facts-1.yaml").write_text(BASE, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(NEW.replace("  edition: 1\n", '  edition: 2\n  previous: "editions/facts-1.yaml"\n')
                     .replace('  as_of: "2020-01-09"', '  as_of: "2020-01-10"'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "build", "--facts", str(facts), "--out",
                             str(tmp_path / "out"), "--format", "html", "--quiet"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "brief.en.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="changes">'):html.index('<section id="chronology">')]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", section)).replace("\u00a0", " ")
    assert "Changes since edition 1 of January 9, 2020" in text
    assert "Added Port Radio, Bulletin" in text
    assert "Changed Talks: about 3 hours (fields: value)" in text
    assert "Changed Harbour Gazette" not in text  # unchanged records are not listed
    assert "Removed Bob welcomes the envoy." in text
    assert '<a href="#changes">' in html  # and the contents lead to it
