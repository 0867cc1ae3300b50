"""The command line: one clear message with file:line:col, exit codes, no traceback, no partial output."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import FACTS, ROOT, SMALL, edit


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_check_clean_fact_base_exits_0():
    result = run("check", str(FACTS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_version_is_the_package_version():
    # pyproject.toml declares the version; the installed package's metadata says the same
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"briefing {declared}")


def test_quiet_has_a_short_form():
    result = run("check", "-q", str(FACTS))
    assert (result.returncode, result.stdout) == (0, "")  # a clean base: nothing fails, nothing printed


def test_check_reports_dangling_reference(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text(edit(SMALL, 30, "    participants: [bob]"), encoding="utf-8")
    result = run("check", str(facts))
    assert result.returncode == 1
    assert f"{facts}:30:20: error [unknown-reference]" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("content, expected", [
    ("a: [1, 2\n", ":1:4: error [yaml-syntax] YAML syntax error: the list opened with '[' at line 1, column 4 "
                   "is not closed (or lacks a ','): a ',' or ']' was expected at line 2, column 1"),
    ("a: 1\na: 2\n", ":2:1: error [duplicate-key] duplicate key 'a' (first defined at line 1)"),
])
def test_broken_yaml_is_one_clear_message(tmp_path, content, expected):
    facts = tmp_path / "facts.yaml"
    facts.write_text(content, encoding="utf-8")
    result = run("check", str(facts))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{facts}{expected}" or expected in result.stdout.splitlines()[0]
    assert result.stdout.splitlines()[1] == f"1 error, 0 warnings in {facts}"
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_fact_base(tmp_path):
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "fact base not found" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.pipeline
@pytest.mark.parametrize("line, new, rule", [
    (30, "    participants: [bob]", "unknown-reference"),
    (31, "    sources: []", "unsourced-claim"),
])
def test_build_is_blocked_and_previous_outputs_stay(tmp_path, line, new, rule):
    out = tmp_path / "build"
    out.mkdir()
    previous = {"brief.en.html": b"<p>last good brief</p>", "brief.en.pdf": b"%PDF-previous"}
    for name, content in previous.items():
        (out / name).write_bytes(content)
    facts = tmp_path / "facts.yaml"
    facts.write_text(edit(SMALL, line, new), encoding="utf-8")
    result = run("build", "--facts", str(facts), "--out", str(out))
    assert result.returncode == 1
    assert f"error [{rule}]" in result.stderr
    assert "nothing was built" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == previous


@pytest.mark.pipeline
def test_build_of_a_small_fact_base_about_another_meeting(tmp_path):
    facts = tmp_path / "facts.yaml"
    # without her original-script name, Alice (from Greece here) is a warning: printed, but the build goes on
    facts.write_text(SMALL.replace("    original_name: {text: Alice Martin, lang: en}\n", "")
                     .replace("    country: FR\n", "    country: GR\n"), encoding="utf-8")
    result = run("build", "--facts", str(facts), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert f"{facts}:21:11: warning [original-script-name]" in result.stderr
    html = (tmp_path / "out" / "brief.en.html").read_text(encoding="utf-8")
    assert "Harbour board talks" in html and "Alice Martin" in html
    assert "Putin" not in html and "Vostochny" not in html
    from pypdf import PdfReader

    pdf = " ".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "brief.en.pdf").pages)
    assert "Harbour board talks" in pdf and "Test Desk" in pdf
    for topic_word in ("Putin", "Kim", "Pyongyang", "Vostochny", "Korea", "Russia"):
        assert topic_word not in pdf


def test_outputs_are_readable_by_others_like_any_new_file(tmp_path):
    import os

    from briefing.outputs import write_all

    old = os.umask(0o022)
    try:
        write_all({tmp_path / "brief.en.html": b"<p>x</p>"})
    finally:
        os.umask(old)
    assert (tmp_path / "brief.en.html").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["brief.en.html"]


def test_unchanged_outputs_are_not_rebuilt_and_progress_is_reported(tmp_path):
    facts, out = tmp_path / "facts.yaml", tmp_path / "out"
    facts.write_text(SMALL, encoding="utf-8")
    first = run("build", "--facts", str(facts), "--out", str(out), "--format", "html")
    assert re.search(r"^brief\.en\.html +\d+\.\d s$", first.stdout, re.M), first.stdout
    stamp = (out / "brief.en.html").stat().st_mtime_ns
    second = run("build", "--facts", str(facts), "--out", str(out), "--format", "html")
    assert "brief.en.html" not in second.stdout and "is up to date" in second.stdout
    assert (out / "brief.en.html").stat().st_mtime_ns == stamp
    facts.write_text(SMALL.replace("Harbour board talks", "Harbour board meeting"), encoding="utf-8")
    third = run("build", "--facts", str(facts), "--out", str(out), "--format", "html", "--quiet")
    assert third.stdout == "" and third.returncode == 0
    assert "Harbour board meeting" in (out / "brief.en.html").read_text(encoding="utf-8")


def test_a_damaged_or_replaced_output_is_rendered_again(tmp_path):
    """The manifest keeps what was written, by its SHA-256: "up to date" is never said over an
    output that is no longer the one written (found by a desk trial)."""
    facts, out = tmp_path / "facts.yaml", tmp_path / "out"
    facts.write_text(SMALL, encoding="utf-8")
    run("build", "--facts", str(facts), "--out", str(out), "--format", "html")
    good = (out / "brief.en.html").read_bytes()
    (out / "brief.en.html").write_text("garbage\n", encoding="utf-8")
    again = run("build", "--facts", str(facts), "--out", str(out), "--format", "html")
    assert again.returncode == 0 and "brief.en.html" in again.stdout, again.stdout
    assert (out / "brief.en.html").read_bytes() == good
    then = run("build", "--facts", str(facts), "--out", str(out), "--format", "html")
    assert "is up to date" in then.stdout


def test_a_configured_fact_base_is_named_from_the_working_folder(tmp_path):
    """briefing.toml gives the fact base as an absolute path: the problems still name it as a CI
    annotation or an editor wants it, relative to where check runs (found by a desk trial)."""
    (tmp_path / "briefing.toml").write_text('facts = "facts.yaml"\n', encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(SMALL.replace("    credibility: 2", "    credibility: 9", 1), encoding="utf-8")
    result = run("check", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=facts.yaml,line="), result.stdout
    # and build names it the same way (it printed the absolute path)
    built = run("build", "--out", "out", cwd=tmp_path)
    assert built.returncode == 1
    assert built.stderr.startswith("facts.yaml:") and str(tmp_path) not in built.stderr, built.stderr
