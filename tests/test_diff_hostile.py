"""briefing diff against hostile input: its output cannot be forged by a value, a changed
value is never cut to look unchanged, a side that cannot be trusted is refused with the
checker's positions, and every operand is read like a fact base (regular file, size cap
first), so nothing hangs. Each case: exit code, one clear message, no traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from briefing import diff
from conftest import ROOT

BASE = (Path(__file__).parent / "data" / "harbour.yaml").read_text(encoding="utf-8")
ITEM = "item: {en: An old map}"
POSITION = re.compile(r"^\S+:\d+:\d+: error")


def run(*args, timeout: float = 60):
    result = subprocess.run([sys.executable, "-m", "briefing", "diff", *map(str, args)], cwd=ROOT,
                            capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in result.stderr + result.stdout
    return result


def with_item(text: str) -> str:
    """The base with the gift's item set to ``text`` (a YAML double-quoted string, escaped)."""
    quoted = "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}" for c in text)
    return BASE.replace(ITEM, 'item: {en: "' + quoted + '"}')


def pair(tmp_path, old: str, new: str) -> tuple[Path, Path]:
    a, b = tmp_path / "old.yaml", tmp_path / "new.yaml"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    return a, b


def hidden(text: str) -> list[str]:
    return [c for c in text if c != "\n" and (unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co")
                                              or c in "\u3164\u115f\u1160\uffa0")]


# --- output that cannot lie ------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    ("An old map\n+ source src-fake", r'"An old map\n+ source src-fake"'),
    ("An old map\r\x1b[2K~ nothing changed", r'"An old map\r\x1b[2K~ nothing changed"'),
    ("An old \u202emap", r'"An old \u202emap"'),
    ("An old map\u2028+ source src-fake", r'"An old map\u2028+ source src-fake"'),
    ("An old map\U000e0041\U000e0042", r'"An old map\U000e0041\U000e0042"'),
    ("An old\u3164map", r'"An old\u3164map"'),
    ("An old map ", '"An old map "'),  # a trailing space is shown by the quotes
    ("An old map → a new map", '"An old map → a new map"'),  # cannot fake the arrow
    ("C:\\maps\\old", r'"C:\\maps\\old"'),
])
def test_hidden_and_misleading_characters_are_escaped(tmp_path, value, shown):
    old, new = pair(tmp_path, BASE, with_item(value))
    result = run(old, new)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [f"{old} → {new}: 0 added, 0 removed, 1 changed", "~ gift gift-map",
                     f"    item.en: An old map → {shown}"]
    assert not hidden(result.stdout)


def test_json_output_escapes_hidden_characters_and_keeps_the_value(tmp_path):
    value = "map\u202e\U000e0041\x1b[2K"
    old, new = pair(tmp_path, BASE, with_item(value))
    result = run(old, new, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert not hidden(result.stdout)
    assert json.loads(result.stdout)["changed"][0]["fields"]["item.en"]["new"] == value


def test_a_long_value_changed_at_its_end_reads_as_changed(tmp_path):
    text = "The harbour board met the envoy and discussed " + "the dredging of the northern channel, " * 3
    old, new = pair(tmp_path, with_item(text + "in March."), with_item(text + "in May."))
    result = run(old, new)
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[2]
    before, after = line.split(": ", 1)[1].split(" → ")
    assert before != after
    assert before.endswith("channel, in Ma[rch].") and after.endswith("channel, in Ma[y].")
    assert before.startswith("…") and len(line) < 140


def test_a_long_change_in_the_middle_is_shown_with_context_and_counted(tmp_path):
    old_text, new_text = "A" * 50 + "B" * 300 + "C" * 50, "A" * 50 + "D" * 300 + "C" * 50
    old, new = pair(tmp_path, with_item(old_text), with_item(new_text))
    line = run(old, new).stdout.splitlines()[2]
    assert line == (f"    item.en: …{'A' * 20}[{'B' * 40}…(+260 more)]{'C' * 20}… → "
                    f"…{'A' * 20}[{'D' * 40}…(+260 more)]{'C' * 20}…")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120))
def test_two_different_values_never_print_alike(old, new):
    shown = diff._pair(old, new)
    assert "\n" not in shown and not hidden(shown)
    left, right = shown.split(" → ") if shown.count(" → ") == 1 else (None, None)
    if old != new and left is not None:
        assert left != right


@pytest.mark.parametrize("old, new", [("true", True), ("2", 2), (None, "null"), ([], "[]"), (1.0, 1)])
def test_values_of_different_types_print_differently(old, new):
    left, right = diff._pair(old, new).split(" → ")
    assert left != right


def test_a_file_name_cannot_forge_the_header(tmp_path):
    folder = tmp_path / "x\n+ source src-fake"
    folder.mkdir()
    old, new = pair(folder, BASE, BASE)
    result = run(old, new)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 and "x\\n+ source src-fake" in result.stdout


# --- a side that cannot be trusted is refused ---------------------------------------------

DUPLICATE = BASE.replace("participants:\n", "  - id: src-courier\n    publisher: Another\n    title: Other\n"
                                            '    published: "2020-01-07"\n    language: en\n    reliability: C\n'
                                            "    reliability_reason: {en: Other.}\nparticipants:\n", 1)


@pytest.mark.parametrize("broken, rule", [
    (DUPLICATE, "duplicate-id"),
    (BASE.replace("credibility: 3", "credibility: lots", 1), "schema"),
    (BASE.replace("    credibility: 3\n", "", 1), "schema"),
    (BASE.replace("credibility: 3", "credibility: [3", 1), None),  # YAML syntax
    (BASE.replace(ITEM, "item: {en: !!python/object:os.system An old map}"), None),  # a tag
    (BASE + "ids: &x [a]\nother: *x\n", None),
])
@pytest.mark.parametrize("side", ["old", "new"])
def test_a_side_that_fails_to_load_or_check_is_refused_with_positions(tmp_path, broken, rule, side):
    old, new = pair(tmp_path, *((broken, BASE) if side == "old" else (BASE, broken)))
    bad = old if side == "old" else new
    result = run(old, new)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert all(POSITION.match(line) and line.startswith(f"{bad}:") for line in lines[:-1]) and len(lines) >= 2
    if rule:
        assert f"[{rule}]" in lines[0]
    assert lines[-1] == (f"error: {bad}: {len(lines) - 1} error(s) in this fact base; it cannot be compared "
                         "(run 'briefing check' on it)")


def test_a_duplicate_id_names_both_places(tmp_path):
    old, new = pair(tmp_path, BASE, DUPLICATE)
    first = run(old, new).stderr.splitlines()[0]
    assert re.match(rf"{re.escape(str(new))}:\d+:9: error \[duplicate-id\] id 'src-courier' is already defined "
                    r"\(first defined at line 20\)", first)


# --- every operand read like a fact base ---------------------------------------------------

def _one_message(result, code: int) -> str:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("side", [0, 1])
def test_a_device_is_refused_at_once(tmp_path, side):
    ok = tmp_path / "ok.yaml"
    ok.write_text(BASE, encoding="utf-8")
    operands = [ok, ok]
    operands[side] = Path("/dev/zero")
    message = _one_message(run(*operands, timeout=20), 2)
    assert message == "/dev/zero: error: fact base is not a regular file (a device or a pipe?)"


@pytest.mark.parametrize("side", [0, 1])
def test_a_fifo_is_refused_without_blocking(tmp_path, side):
    ok, fifo = tmp_path / "ok.yaml", tmp_path / "fifo.yaml"
    ok.write_text(BASE, encoding="utf-8")
    os.mkfifo(fifo)
    operands = [ok, ok]
    operands[side] = fifo
    message = _one_message(run(*operands, timeout=20), 2)  # a block fails here, by the timeout
    assert message == f"{fifo}: error: fact base is not a regular file (a device or a pipe?)"


def test_a_folder_without_parts_and_a_missing_file_are_one_message_each(tmp_path):
    ok = tmp_path / "ok.yaml"
    ok.write_text(BASE, encoding="utf-8")
    (tmp_path / "empty").mkdir()  # a folder is a fact base of parts (briefing.parts); this one has none
    assert _one_message(run(tmp_path / "empty", ok), 2) == (f"{tmp_path / 'empty'}: error: this folder holds no "
                                                            "*.yaml file: a fact base folder has one file per part")
    assert _one_message(run(ok, tmp_path / "no.yaml"), 2) == f"{tmp_path / 'no.yaml'}: error: fact base not found"


def test_a_70_mb_file_is_refused_before_it_is_read(tmp_path):
    big, ok = tmp_path / "big.yaml", tmp_path / "ok.yaml"
    ok.write_text(BASE, encoding="utf-8")
    with open(big, "wb") as stream:  # sparse: 70 MB that cost nothing to make
        stream.truncate(70 * 1024 * 1024)
    message = _one_message(run(big, ok, timeout=30), 2)
    assert message == f"{big}:1:1: error: fact base is larger than 64 MiB"
    from briefing.errors import LoadError
    from briefing.load import read_bytes

    tracemalloc.start()
    with pytest.raises(LoadError, match="larger than 64 MiB"):
        read_bytes(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1024 * 1024  # refused by its size, not after reading 64 MiB of it


# --- git revisions ---------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    (folder / "facts.yaml").write_text(BASE, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(git + ["add", "facts.yaml"], cwd=folder, check=True)
    subprocess.run(git + ["commit", "-qm", "edition 1"], cwd=folder, check=True)
    return folder


@pytest.mark.parametrize("form", ["--since=--output={out}", "--since=-o{out}", "--since=--output={out}:x"])
def test_a_revision_cannot_be_an_option_to_git(repo, tmp_path, form):
    written = tmp_path / "written"
    result = run(form.format(out=written), repo / "facts.yaml")
    message = _one_message(result, 2)
    assert message.startswith("error: not a git revision: '-")
    assert not written.exists() and not list(repo.glob("*written*"))


def test_a_revision_that_does_not_exist_is_one_message(repo):
    message = _one_message(run("--since", "nope", repo / "facts.yaml"), 2)
    assert message == f"error: cannot read {repo / 'facts.yaml'} at revision nope: fatal: invalid object name 'nope'."


def test_a_committed_side_is_refused_like_a_file(repo):
    (repo / "facts.yaml").write_text(DUPLICATE, encoding="utf-8")
    subprocess.run(["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qam", "dup"],
                   cwd=repo, check=True)
    (repo / "facts.yaml").write_text(BASE, encoding="utf-8")
    result = run("--since", "HEAD", repo / "facts.yaml")
    assert result.returncode == 1
    assert re.match(rf"{re.escape(str(repo / 'facts.yaml'))}@HEAD:\d+:9: error \[duplicate-id\]", result.stderr)


def test_a_committed_file_over_the_limit_is_refused_by_its_size(repo, monkeypatch):
    from briefing import load
    from briefing.errors import LoadError

    monkeypatch.setattr(load, "MAX_BYTES", 1000)  # the committed base is larger than this
    with pytest.raises(LoadError, match="larger than") as info:
        diff.read_revision(repo / "facts.yaml", "HEAD")
    assert info.value.format().startswith(f"{repo / 'facts.yaml'}@HEAD:1:1: error:")


# --- the previous edition is read the same way ----------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda p: os.mkfifo(p), "is not a file in the fact base's folder"),
    (lambda p: p.write_text(DUPLICATE, encoding="utf-8"), "[duplicate-id]"),
    (lambda p: p.write_text(BASE.replace("credibility: 3", "credibility: [3", 1), encoding="utf-8"),
     "YAML syntax error"),
])
def test_a_previous_edition_is_refused_like_any_side(tmp_path, make, message):
    from briefing.errors import BriefingError
    from briefing.load import load_bytes
    from briefing.model import parse

    make(tmp_path / "facts-1.yaml")
    current = BASE.replace("  edition: 1\n", '  edition: 2\n  previous: "facts-1.yaml"\n')
    facts = parse(load_bytes(current.encode(), "facts.yaml").data)
    with pytest.raises(BriefingError) as info:
        diff.since_previous(facts, tmp_path / "facts.yaml")
    assert message in info.value.format()
