"""`briefing check` remembers its last results: an unchanged fact base is not checked again, and
anything a check depends on (the base, the rule settings, the catalogs, the tool) makes it run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import cache, check
from briefing.check import remembered

HARBOUR = (Path(__file__).parent / "data" / "harbour.yaml").read_text(encoding="utf-8")


@pytest.fixture
def base(tmp_path) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(HARBOUR, encoding="utf-8")
    return path


@pytest.fixture
def runs(monkeypatch) -> list[Path]:
    """Every real check made, by path."""
    made: list[Path] = []
    real = check.run_file

    def counted(path, *args, **kwargs):
        made.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(check, "run_file", counted)
    return made


def broken(path: Path) -> None:
    """Line 52 of harbour.yaml is ``    credibility: 2``; 9 is off the scale (column 18)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[51] == "    credibility: 2"
    lines[51] = "    credibility: 9"
    path.write_text("\n".join(lines), encoding="utf-8")


def test_an_unchanged_base_is_answered_from_the_last_results(base, runs):
    broken(base)
    first, typed = remembered.check_path(base, check.Context.from_settings(None))
    again, typed_again = remembered.check_path(base, check.Context.from_settings(None))
    assert len(runs) == 1
    assert again == first and typed_again == typed is False
    assert [(p.line, p.column, p.rule) for p in again] == [(52, 18, "schema")]
    assert (again[0].end_line, again[0].end_column) == (first[0].end_line, first[0].end_column)


def test_an_edit_checks_again(base, runs):
    context = check.Context.from_settings(None)
    assert remembered.check_path(base, context) == ([], True)
    broken(base)
    problems, typed = remembered.check_path(base, context)
    assert len(runs) == 2 and not typed
    assert [(p.line, p.rule) for p in problems] == [(52, "schema")]


def test_other_rule_settings_check_again(base, runs):
    remembered.check_path(base, check.Context.from_settings(None))
    remembered.check_path(base, check.Context(locales=check.Context.from_settings(None).locales,
                                              options={"credibility-basis": {"best_rating": 2}}))
    assert len(runs) == 2


def test_an_edited_catalog_checks_again(base, runs, tmp_path):
    desk = tmp_path / "locales"
    (desk / "nl" / "LC_MESSAGES").mkdir(parents=True)
    catalog = desk / "nl" / "LC_MESSAGES" / "messages.po"
    catalog.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    context = check.Context(locales=(desk,))
    remembered.check_path(base, context)
    remembered._files_state.cache_clear()  # a new process sees the file as it is now
    catalog.write_text('msgid ""\nmsgstr "Language: nl\\n"\n', encoding="utf-8")
    os.utime(catalog, ns=(1, 1))  # another modification time, whatever the clock's resolution
    remembered.check_path(base, context)
    assert len(runs) == 2


def test_another_tool_checks_again(base, runs, monkeypatch):
    context = check.Context.from_settings(None)
    remembered.check_path(base, context)
    monkeypatch.setattr(remembered, "_tool_state", lambda: "another version")
    remembered.check_path(base, context)
    assert len(runs) == 2


@pytest.mark.parametrize("damage", [lambda raw: raw[:-5], lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),
                                    lambda raw: b"junk"])
def test_a_damaged_result_is_ignored(base, runs, damage):
    broken(base)
    context = check.Context.from_settings(None)
    first = remembered.check_path(base, context)
    [entry] = (base.parent / cache.FOLDER).glob("*-result-*")
    entry.write_bytes(damage(entry.read_bytes()))
    assert remembered.check_path(base, context) == first
    assert len(runs) == 2


def test_no_result_is_kept_with_the_cache_turned_off(base, runs, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    context = check.Context.from_settings(None)
    remembered.check_path(base, context)
    remembered.check_path(base, context)
    assert len(runs) == 2 and not (base.parent / cache.FOLDER).exists()


def test_the_command_selects_among_remembered_problems_as_among_fresh_ones(base):
    broken(base)  # a schema error: reported whatever the selection
    command = [sys.executable, "-m", "briefing", "check", "--format", "json", "--select", "unused-record", str(base)]
    fresh = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "BRIEFING_CACHE": "0"})
    first = subprocess.run(command, capture_output=True, text=True)
    again = subprocess.run(command, capture_output=True, text=True)
    assert fresh.returncode == first.returncode == again.returncode == 1
    assert fresh.stdout == first.stdout == again.stdout
    assert [p["rule"] for p in json.loads(again.stdout)] == ["schema"]


def test_an_edited_previous_edition_checks_again(base, runs):
    """The previous edition is read by the check too: a result about it stands only while it
    is the same file (found by a desk: check stayed red after the file was put in place)."""
    text = base.read_text(encoding="utf-8").replace("  edition: 1\n", '  edition: 2\n  previous: "facts-1.yaml"\n')
    base.write_text(text, encoding="utf-8")
    context = check.Context.from_settings(None)
    missing, _ = remembered.check_path(base, context)
    assert [(p.rule, p.line) for p in missing] == [("previous-edition", 6)]
    (base.parent / "facts-1.yaml").write_text(HARBOUR, encoding="utf-8")
    assert remembered.check_path(base, context) == ([], True)
    (base.parent / "facts-1.yaml").write_text("meta: [\n", encoding="utf-8")
    broken_previous, _ = remembered.check_path(base, context)  # reported at the "[" left open in it
    assert [(p.rule, p.file.endswith("facts-1.yaml"), p.line) for p in broken_previous] == [("previous-edition", True, 1)]
    assert len(runs) == 3


def test_a_previous_edition_that_is_a_pipe_is_never_read(base):
    """Remembering what the check read must not block on a FIFO named as the previous edition."""
    text = base.read_text(encoding="utf-8").replace("  edition: 1\n", '  edition: 2\n  previous: "facts-1.yaml"\n')
    base.write_text(text, encoding="utf-8")
    os.mkfifo(base.parent / "facts-1.yaml")
    for _ in range(2):  # the second run answers from the remembered result
        result = subprocess.run([sys.executable, "-m", "briefing", "check", str(base)], capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 1 and "not a regular file" in result.stdout, result.stdout + result.stderr
