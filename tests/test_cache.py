"""The cache of parsed parts: used when sound, rebuilt after any edit, upgrade, deletion or damage."""

from __future__ import annotations

import marshal
import subprocess
from pathlib import Path

import pytest

from briefing import cache, check, parallel, parts
from conftest import SMALL

LINES = SMALL.splitlines(True)


@pytest.fixture
def base(tmp_path) -> Path:
    root = tmp_path / "facts"
    root.mkdir()
    (root / "a.yaml").write_text("".join(LINES[:10]), encoding="utf-8")
    (root / "b.yaml").write_text("".join(LINES[10:18]), encoding="utf-8")
    (root / "c.yaml").write_text("".join(LINES[18:]), encoding="utf-8")
    return root


def load(root: Path) -> tuple[cache.PartCache, object]:
    source = parts.read(root)
    parsed = cache.for_source(source)
    document, errors = parts.load(source, parsed.parse)
    assert errors == []
    parsed.prune()
    return parsed, document


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root.parent / cache.FOLDER).iterdir() if not p.name.startswith("."))


def test_a_second_run_parses_nothing_and_an_edit_parses_only_its_part(base):
    first, _ = load(base)
    assert (first.hits, first.misses) == (0, 3) and len(entries(base)) == 3
    again, _ = load(base)
    assert (again.hits, again.misses) == (3, 0)
    (base / "b.yaml").write_text("".join(LINES[10:18]).replace("Harbour Gazette", "Port Gazette"))
    edited, document = load(base)
    assert (edited.hits, edited.misses) == (2, 1)
    assert document.data["sources"][0]["publisher"] == "Port Gazette"  # type: ignore[attr-defined]
    assert len(entries(base)) == 3  # the former b.yaml's entry is gone


def test_cached_parts_give_the_same_problems_and_positions(base):
    (base / "c.yaml").write_text("".join(LINES[18:]).replace("credibility: 2", "credibility: 9"))
    cold, _ = check.run_file(base)
    warm, _ = check.run_file(base)
    assert cold == warm and len(cold) == 1
    assert (cold[0].file, cold[0].line, cold[0].column) == (f"{base}/c.yaml", 14, 18)
    assert (cold[0].end_line, cold[0].end_column) == (warm[0].end_line, warm[0].end_column)


def test_another_tool_version_does_not_use_the_entries(base, monkeypatch):
    load(base)
    import briefing

    monkeypatch.setattr(briefing, "__version__", "99.0.0")
    cache.tool_key.cache_clear()
    try:
        upgraded, _ = load(base)
        assert (upgraded.hits, upgraded.misses) == (0, 3)
    finally:
        cache.tool_key.cache_clear()


def test_a_deleted_cache_is_rebuilt(base):
    load(base)
    subprocess.run(["rm", "-r", str(base.parent / cache.FOLDER)], check=True)
    rebuilt, _ = load(base)
    assert (rebuilt.hits, rebuilt.misses) == (0, 3) and len(entries(base)) == 3


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "empty", "another shape", "not marshal"])
def test_a_damaged_entry_is_ignored_and_rebuilt(base, damage):
    load(base)
    entry = entries(base)[0]
    raw = entry.read_bytes()
    header = len(b"briefing-parsed-part 1\n")
    if damage == "flip a byte":
        raw = raw[:-5] + bytes([raw[-5] ^ 0x40]) + raw[-4:]
    elif damage == "truncate":
        raw = raw[: len(raw) // 2]
    elif damage == "empty":
        raw = b""
    else:  # a sound digest over a payload that is not a parsed part: the shape is checked too
        import hashlib

        payload = marshal.dumps({"meta": 1}) if damage == "another shape" else b"\xff\x00garbage"
        raw = raw[:header] + hashlib.sha256(payload).digest() + payload
    entry.write_bytes(raw)
    damaged, _ = load(base)
    assert (damaged.hits, damaged.misses) == (2, 1)
    problems, facts = check.run_file(base)
    assert problems == [] and facts is not None and [e.id for e in facts.events] == ["ev-1"]
    assert load(base)[0].hits == 3  # rebuilt sound


def test_the_cache_is_ignored_by_git_and_can_be_turned_off(base, monkeypatch):
    load(base)
    assert (base.parent / cache.FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"
    subprocess.run(["git", "init", "-q"], cwd=base.parent, check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=base.parent,
                            capture_output=True, text=True, check=True).stdout
    assert cache.FOLDER not in status and "facts/a.yaml" in status
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    subprocess.run(["rm", "-r", str(base.parent / cache.FOLDER)], check=True)
    check.run_file(base)
    assert not (base.parent / cache.FOLDER).exists()


def test_a_single_file_base_is_cached_too(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text(SMALL, encoding="utf-8")
    check.run_file(facts)
    assert len(list((tmp_path / cache.FOLDER).glob("*-*"))) == 1
    source = parts.read(facts)
    warm = cache.for_source(source)
    parts.load(source, warm.parse)
    assert (warm.hits, warm.misses) == (1, 0)


def test_the_preview_keeps_parts_in_memory_and_parses_only_the_changed_one(base):
    memory = cache.Memory()
    for _ in range(2):
        check.run_file(base, parse=memory.parse)
        memory.done()
    assert memory.parsed == 3
    (base / "a.yaml").write_text("".join(LINES[:10]).replace("Harbour talks", "Quay talks"))
    _, facts = check.run_file(base, parse=memory.parse)
    memory.done()
    assert memory.parsed == 4 and facts is not None and facts.meta.title["en"] == "Quay talks"


def test_parts_parsed_side_by_side_give_what_one_process_gives(base, monkeypatch):
    (base / "c.yaml").write_text("".join(LINES[18:]).replace("credibility: 2", "credibility: 9"))
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    alone, _ = check.run_file(base)
    monkeypatch.setattr(cache, "PARALLEL_BYTES", 0)  # the three small parts are worth the workers
    source = parts.read(base)
    store = cache.for_source(source)
    store.prefetch(source.parts)
    assert len(store.prefetched) == (3 if parallel.cores() > 1 else 0)
    side_by_side, _ = check.run_file(base, source=source, parse=store.parse)
    assert side_by_side == alone and [(p.line, p.column) for p in alone] == [(14, 18)]
    assert store.prefetched == {}  # every part taken


def test_a_part_that_fails_in_a_worker_is_reported_by_this_process(base, monkeypatch):
    (base / "b.yaml").write_text("sources: [\n")
    found = parallel.parse_all(parts.read(base).parts)
    if parallel.cores() > 1:
        assert found[1] is None and found[0][0]["meta"]["title"]["en"] and found[2] is not None
    monkeypatch.setattr(cache, "PARALLEL_BYTES", 0)
    problems, facts = check.run_file(base)
    assert facts is None and [(p.file.endswith("b.yaml"), p.line, p.rule) for p in problems] == [(True, 1, "yaml-syntax")]
