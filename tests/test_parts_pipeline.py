"""A fact base folder through the whole pipeline: the same brief as its single file, a PDF that
carries every part with its path and verifies, diff, the live preview and the pre-commit hook."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import parts
from briefing.build import build
from briefing.split import split
from conftest import FACTS, ROOT, SMALL


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def split_facts(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("split")
    split(FACTS, root / "facts", size=6, by_year=True)
    return root / "facts"


def _fingerprint(html: str) -> str:
    return re.search(r'class="fingerprint"[^>]*>sha256:([0-9a-f]{16})<', html).group(1)  # type: ignore[union-attr]


def test_the_folder_gives_the_same_html_brief_as_the_file(tmp_path, split_facts):
    build(FACTS, tmp_path / "file", ["en", "ko"], ("html",), stream=io.StringIO())
    build(split_facts, tmp_path / "folder", ["en", "ko"], ("html",), stream=io.StringIO())
    bundle = parts.bundle({p.relative_to(split_facts).as_posix(): p.read_bytes()
                           for p in parts.part_paths(split_facts)})
    for locale in ("en", "ko"):
        one = (tmp_path / "file" / f"brief.{locale}.html").read_text(encoding="utf-8")
        other = (tmp_path / "folder" / f"brief.{locale}.html").read_text(encoding="utf-8")
        # the fingerprint is each input's own digest; everything else is the same brief
        assert _fingerprint(one) == hashlib.sha256(FACTS.read_bytes()).hexdigest()[:16]
        assert _fingerprint(other) == hashlib.sha256(bundle).hexdigest()[:16]
        assert one.replace(_fingerprint(one), "X") == other.replace(_fingerprint(other), "X")


@pytest.mark.pipeline
def test_the_pdf_carries_every_part_with_its_path_and_verifies(tmp_path, split_facts):
    import pikepdf

    build(split_facts, tmp_path / "out", ["fr"], ("pdf",), stream=io.StringIO())
    pdf = tmp_path / "out" / "brief.fr.pdf"
    with pikepdf.open(pdf) as document:
        attached = {name: spec.get_file().read_bytes() for name, spec in document.attachments.items()}
    expected = {"facts/" + p.relative_to(split_facts).as_posix(): p.read_bytes()
                for p in parts.part_paths(split_facts)}
    assert "facts/meta.yaml" in expected and "facts/events/001-2019.yaml" in expected
    assert attached == expected
    result = run("verify", str(pdf), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical" in result.stdout


def test_diff_compares_a_folder_with_its_file_and_with_its_committed_self(tmp_path, split_facts):
    result = run("diff", str(FACTS), str(split_facts))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"{split_facts}: 0 added, 0 removed, 0 changed")
    repo = tmp_path / "repo"
    facts = repo / "facts"
    facts.mkdir(parents=True)
    (facts / "a.yaml").write_text("".join(SMALL.splitlines(True)[:18]), encoding="utf-8")
    (facts / "b.yaml").write_text("".join(SMALL.splitlines(True)[18:]), encoding="utf-8")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=repo, check=True, capture_output=True)
    (facts / "b.yaml").write_text((facts / "b.yaml").read_text().replace("Harbour board talks", "Quay talks"))
    result = run("diff", "--since", "HEAD", "facts", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "ev-1" in result.stdout and "Harbour board talks" in result.stdout and "Quay talks" in result.stdout


def test_the_preview_rebuilds_from_the_folder_when_one_part_changes(tmp_path, monkeypatch):
    from briefing.watch import Preview

    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "a.yaml").write_text("".join(SMALL.splitlines(True)[:18]), encoding="utf-8")
    (facts / "b.yaml").write_text("".join(SMALL.splitlines(True)[18:]), encoding="utf-8")
    preview = Preview(facts, tmp_path / "build", io.StringIO())
    monkeypatch.setattr(preview, "_rebuild_pdfs", lambda: None)  # HTML only here
    preview.refresh()
    assert "Harbour board talks" in preview.page(None) and preview.problems == []
    (facts / "b.yaml").write_text((facts / "b.yaml").read_text().replace("credibility: 2", "credibility: 9"))
    preview.refresh()
    assert preview.problems and preview.problems[0].startswith(f"{facts}/b.yaml:14:18: error [schema]")
    (facts / "b.yaml").write_text((facts / "b.yaml").read_text().replace("credibility: 9", "credibility: 2")
                                  .replace("Harbour board talks", "Quay talks"))
    preview.refresh()
    assert "Quay talks" in preview.page(None) and preview.problems == []


def test_a_part_passed_by_pre_commit_checks_the_whole_configured_folder(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "a.yaml").write_text("".join(SMALL.splitlines(True)[:18]), encoding="utf-8")
    (facts / "b.yaml").write_text("".join(SMALL.splitlines(True)[18:]), encoding="utf-8")
    (tmp_path / "briefing.toml").write_text('facts = "facts"\n')
    result = run("check", "facts/b.yaml", "facts/a.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    # one fact base, named once, from the working folder (as the configuration gives it, relative to it)
    assert result.stdout.strip() == "0 errors, 0 warnings in facts"
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text()
    pattern = re.search(r"files: (\S+)", hook).group(1)  # type: ignore[union-attr]
    assert re.search(pattern, "desk/facts/events/001.yaml") and re.search(pattern, "facts.yaml")
    assert not re.search(pattern, "notes/other.yaml")


def test_the_watcher_sees_an_edit_to_any_part_and_a_new_part(tmp_path):
    from briefing.watch import _state

    facts = tmp_path / "facts"
    (facts / "events").mkdir(parents=True)
    (facts / "a.yaml").write_text("".join(SMALL.splitlines(True)[:18]), encoding="utf-8")
    (facts / "events" / "b.yaml").write_text("".join(SMALL.splitlines(True)[18:]), encoding="utf-8")
    before = _state(facts, [], [])
    assert set(before) == {facts / "a.yaml", facts / "events" / "b.yaml"}
    (facts / "events" / "b.yaml").write_text("".join(SMALL.splitlines(True)[18:]) + "# edited\n")
    after = _state(facts, [], [])
    assert after != before
    (facts / "events" / "c.yaml").write_text("events: []\n")
    assert facts / "events" / "c.yaml" in _state(facts, [], [])
