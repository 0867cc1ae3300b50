"""A fact base kept as a folder of parts: merged like one file, problems at PART:LINE:COL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import check, load, parts, schema
from briefing.split import split
from conftest import FACTS, ROOT, SMALL

META, SOURCES, REST = "".join(SMALL.splitlines(True)[:10]), "".join(SMALL.splitlines(True)[10:18]), \
    "".join(SMALL.splitlines(True)[18:])


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "facts"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def formatted(path: Path) -> list[str]:
    problems, _ = check.run_file(path)
    return [p.format() for p in problems]


def test_a_folder_of_parts_checks_like_the_file_it_was_cut_from(tmp_path):
    (tmp_path / "one.yaml").write_text(SMALL, encoding="utf-8")
    root = folder(tmp_path, {"a-meta.yaml": META, "b/sources.yaml": SOURCES, "c.yaml": REST})
    problems, facts = check.run_file(root)
    assert problems == [] and facts is not None
    assert [s.id for s in facts.sources] == ["src-1"] and [e.id for e in facts.events] == ["ev-1"]


def test_list_sections_concatenate_in_path_order_and_an_id_is_unique_across_parts(tmp_path):
    second = 'sources:\n  - id: src-2\n    publisher: P\n    title: T\n    published: "2020-01-01"\n' \
             "    language: en\n    reliability: B\n    reliability_reason: {en: Known.}\n"
    again = second.replace("src-2", "src-1")
    root = folder(tmp_path, {"1.yaml": META, "2.yaml": SOURCES, "3/x.yaml": second, "4.yaml": again + REST})
    _, facts = check.run_file(root)
    problems = [p for p in formatted(root) if "[duplicate-id]" in p]
    # written by hand: src-1 is on line 2 of 2.yaml (id value at column 9) and of 4.yaml
    assert problems == [f"{root}/4.yaml:2:9: error [duplicate-id] id 'src-1' is already defined "
                        f"(first defined at {root}/2.yaml:2)"]


def test_merged_sources_keep_their_order(tmp_path):
    second = SOURCES.replace("src-1", "src-0")
    root = folder(tmp_path, {"a.yaml": META + SOURCES, "b.yaml": second + REST})
    _, facts = check.run_file(root)
    assert facts is not None and [s.id for s in facts.sources] == ["src-1", "src-0"]


def test_a_problem_in_a_later_part_is_reported_at_that_part(tmp_path):
    root = folder(tmp_path, {"a.yaml": META + SOURCES, "b.yaml": REST.replace("credibility: 2", "credibility: 9")})
    # REST's events: `credibility` is on line 14 of b.yaml, its value at column 18
    assert any(p.startswith(f"{root}/b.yaml:14:18: error [schema]") for p in formatted(root))


def test_meta_in_two_parts_names_both_places(tmp_path):
    root = folder(tmp_path, {"a.yaml": META, "b.yaml": SOURCES + REST + META})
    problems = formatted(root)
    assert problems == [f"{root}/b.yaml:23:1: error [duplicate-key] section 'meta' is already defined "
                        f"(first defined at {root}/a.yaml:1); this section sits in exactly one part"]


def test_a_list_section_that_is_not_a_list_in_one_part_is_refused(tmp_path):
    root = folder(tmp_path, {"a.yaml": META + SOURCES, "b.yaml": "sources: {}\n" + REST})
    assert formatted(root) == [f"{root}/b.yaml:1:1: error [duplicate-key] section 'sources' is already defined "
                               f"(first defined at {root}/a.yaml:11); a list section may be split across parts, "
                               "but each part's must be a list"]


def test_syntax_errors_of_every_part_are_reported(tmp_path):
    root = folder(tmp_path, {"a.yaml": META + "  bad: [\n", "b.yaml": SOURCES, "c.yaml": REST + "x: {\n"})
    problems = formatted(root)
    assert [p.split(": error")[0].rsplit(":", 2)[0] for p in problems] == [f"{root}/a.yaml", f"{root}/c.yaml"]
    assert all("[yaml-syntax]" in p for p in problems)


def test_hidden_names_links_and_other_files_are_not_parts(tmp_path):
    root = folder(tmp_path, {"a.yaml": SMALL, ".cache/x.yaml": "not: [valid", "notes.txt": "x: [",
                             ".hidden.yaml": "x: [", "b.yml": "x: ["})
    (root / "link.yaml").symlink_to(root / "a.yaml")
    assert [p.relative for p in parts.read(root).parts] == ["a.yaml"]
    assert formatted(root) == []


def test_an_empty_folder_is_refused_in_one_line(tmp_path):
    (tmp_path / "facts").mkdir()
    result = subprocess.run([sys.executable, "-m", "briefing", "check", str(tmp_path / "facts")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{tmp_path}/facts: error: this folder holds no *.yaml file: a fact base " \
                                    "folder has one file per part"


def test_the_size_limit_applies_to_each_part(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "MAX_BYTES", len(REST) + 10)
    root = folder(tmp_path, {"a.yaml": META, "b.yaml": SOURCES, "c.yaml": REST})
    assert formatted(root) == []  # the whole is larger than the limit, each part is not
    (root / "c.yaml").write_text(REST + "# " + "x" * 20 + "\n", encoding="utf-8")
    assert formatted(root) == [f"{root}/c.yaml:1:1: error [yaml-limits] fact base is larger than 0 MiB"]


# --- split: a file into a folder, nothing lost ------------------------------------------------

def _kept_lines(root: Path) -> list[str]:
    """Every line of every part in path order, the section line that opens a later chunk of a
    cut section left out (it repeats the key), and each part's schema line (checked here: it
    names the shipped part schema from where the part is)."""
    lines: list[str] = []
    for part in parts.part_paths(root):
        text = part.read_text(encoding="utf-8").split("\n")[:-1]
        named = text.pop(0).removeprefix("# yaml-language-server: $schema=")
        assert (part.parent / named).resolve() == ROOT / "schema" / "part.schema.json", part
        chunk = part.relative_to(root).parts
        repeated = len(chunk) > 1 and not chunk[-1].startswith("001")
        lines += text[1:] if repeated else text
    return lines


@pytest.mark.parametrize("options", [{}, {"size": 7}, {"size": 7, "by_year": True}])
def test_split_keeps_every_line_and_gives_the_same_facts(tmp_path, options):
    written = split(FACTS, tmp_path / "facts", **options)
    root = tmp_path / "facts"
    assert sorted(written) == parts.part_paths(root)
    original = FACTS.read_text(encoding="utf-8")
    # sections land in alphabetical path order; every line is there exactly once
    # the file's schema line is the one line not kept as it was (each part names the part schema)
    assert original.startswith("# yaml-language-server: $schema=schema/facts.schema.json\n")
    assert sorted(_kept_lines(root)) == sorted(original.split("\n")[1:-1])
    problems, facts = check.run_file(root)
    _, whole = check.run_file(FACTS)
    assert problems == [] and facts is not None and whole is not None
    assert facts.model_dump() == whole.model_dump()


def test_split_by_year_names_the_parts_after_their_records_year(tmp_path):
    split(FACTS, tmp_path / "facts", size=1000, by_year=True)
    events = sorted(p.name for p in (tmp_path / "facts" / "events").iterdir())
    # facts.yaml lists the 2019 Vladivostok summit first, then the 2023 and the 2024 events
    assert events == ["001-2019.yaml", "002-2023.yaml", "003-2024.yaml"]
    assert (tmp_path / "facts" / "meta.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_split_reads_a_file_over_the_part_limit_up_to_its_own(tmp_path, monkeypatch):
    # split is how a file grown past the 64 MiB of one part becomes a folder: it reads up to
    # SPLIT_LIMIT (1 GiB); here both limits are made small to try the rule without 64 MiB of YAML
    from briefing import split as splitting

    size = FACTS.stat().st_size
    monkeypatch.setattr(splitting, "SPLIT_LIMIT", size - 1)
    with pytest.raises(load.LoadError, match=f"larger than {(size - 1) // (1024 * 1024)} MiB"):
        split(FACTS, tmp_path / "refused")
    monkeypatch.setattr(splitting, "SPLIT_LIMIT", size)
    assert split(FACTS, tmp_path / "facts") and load.MAX_BYTES > size  # the per-part limit is not the one used
    assert splitting.SPLIT_LIMIT == size and not (tmp_path / "refused").exists()


def test_split_refuses_a_folder_that_holds_files(tmp_path):
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "x.yaml").write_text("x: 1\n")
    result = subprocess.run([sys.executable, "-m", "briefing", "split", str(FACTS), str(tmp_path / "facts")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "not empty" in result.stderr and "Traceback" not in result.stderr


def _with_problems(kind: str) -> str:
    """The shipped fact base with a problem: an event reuses the first source's id (its
    references then break too), or the last event's credibility is out of the scale."""
    text = FACTS.read_text(encoding="utf-8")
    if kind == "model":
        return text.replace("  - id: ev-2019-vladivostok\n", "  - id: src-vietnamvn\n", 1)
    cut = text.index("\ndurations:")
    last = text.rindex("    credibility: ", 0, cut)
    return text[:last] + "    credibility: 7" + text[text.index("\n", last):]


@pytest.mark.parametrize("kind", ["model", "schema"])
def test_a_split_base_reports_the_same_problems_at_the_same_lines_of_text(tmp_path, kind):
    whole = tmp_path / "facts.yaml"
    whole.write_text(_with_problems(kind), encoding="utf-8")
    split(whole, tmp_path / "facts", size=5)
    single, _ = check.run_file(whole)
    folded, _ = check.run_file(tmp_path / "facts")
    assert single and len(single) == len(folded)

    def seen(problem) -> tuple:
        text = Path(problem.file).read_text(encoding="utf-8").split("\n")[problem.line - 1]
        message = re.sub(r"(line |\S+\.yaml:)\d+", "LINE", problem.message)
        return problem.rule, problem.column, text, message

    assert sorted(map(seen, single)) == sorted(map(seen, folded))
    if kind == "model":  # the event's id is in events/001.yaml, the source's in sources/001.yaml
        assert [p.file for p in folded if p.rule == "duplicate-id"] == [f"{tmp_path}/facts/events/001.yaml"]
        # sources/001.yaml: its schema line, "sources:", a comment, then the first source (line 4)
        assert any(f"first defined at {tmp_path}/facts/sources/001.yaml:4" in p.message for p in folded)
    else:
        assert [(p.file, p.rule) for p in folded] == [(f"{tmp_path}/facts/events/005.yaml", "schema")]


@pytest.mark.parametrize("name", ["facts/../evil.yaml", "facts//x.yaml", "facts/.hidden/x.yaml", "facts/x.sh",
                                  "facts/a/./b.yaml", "facts/a\\..\\b.yaml"])
def test_a_pdf_part_name_that_leads_elsewhere_is_refused(name):
    with pytest.raises(load.LoadError, match="is not a part's name"):
        parts.from_attachments({name: b"x: 1\n", "facts/meta.yaml": b"meta: {}\n"})


def test_a_pdf_without_parts_and_one_with_parts():
    assert parts.from_attachments({"facts.yaml": b"x"}) is None
    found = parts.from_attachments({"facts/b/c.yaml": b"2", "facts/a.yaml": b"1", "previous/old.yaml": b"0"})
    assert found == {"b/c.yaml": b"2", "a.yaml": b"1"}
    # the digest input: each part's path and length before its bytes, in path order
    assert parts.bundle(found) == b"a.yaml\x001\x001b/c.yaml\x001\x002"


def test_a_part_that_is_a_pipe_is_one_message(tmp_path):
    import os

    root = folder(tmp_path, {"a.yaml": SMALL})
    os.mkfifo(root / "b.yaml")
    result = subprocess.run([sys.executable, "-m", "briefing", "check", str(root)], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{root}/b.yaml: error: fact base is not a regular file (a device or a pipe?)"


def test_the_strings_of_a_folder_come_part_by_part_at_their_merged_paths(tmp_path):
    root = folder(tmp_path, {"a.yaml": "sources:\n  - {id: s1, name: A}\nmeta: {title: T}\n",
                             "b.yaml": "sources:\n  - id: s2\n    name: B\n    tags: [x, 3]\n"})
    document, errors = parts.load(parts.read(root))
    assert errors == []
    assert document.strings == [(("sources", 0, "id"), "s1"), (("sources", 0, "name"), "A"),
                                (("meta", "title"), "T"), (("sources", 1, "id"), "s2"),
                                (("sources", 1, "name"), "B"), (("sources", 1, "tags", 0), "x")]
    assert document.position(("sources", 1, "tags", 0)) == load.Position(4, 12)
    assert document.file_of(("sources", 1, "name")).endswith("facts/b.yaml")


def test_split_gives_every_part_a_schema_line_that_editors_can_follow(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    facts = desk / "facts.yaml"
    facts.write_text("# yaml-language-server: $schema=facts.schema.json\n" + SMALL, encoding="utf-8")
    (desk / "facts.schema.json").write_text(schema.text(), encoding="utf-8")
    written = split(facts, desk / "facts", size=1)
    beside = desk / "part.schema.json"
    assert beside.read_text(encoding="utf-8") == schema.text(part=True)
    for part in written:
        first = part.read_text(encoding="utf-8").split("\n")[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (part.parent / first.split("=", 1)[1]).resolve() == beside.resolve()
    # an independent validator: each part passes the part schema; the fact base's schema
    # flags a part without meta and sources
    validator = [sys.executable, "-m", "check_jsonschema", "--schemafile"]
    assert subprocess.run(validator + [str(beside)] + [str(p) for p in written], capture_output=True).returncode == 0
    events = next(p for p in written if "events" in p.as_posix())
    assert subprocess.run(validator + [str(desk / "facts.schema.json"), str(events)], capture_output=True).returncode == 1


def test_the_shipped_part_schema_is_current():
    assert (ROOT / "schema" / "part.schema.json").read_text(encoding="utf-8") == schema.text(part=True), \
        "run 'make schema' and commit the result"


def test_split_keeps_the_comment_above_a_section_with_that_section(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text(META + "# --- the sources we read ---\n" + SOURCES + REST, encoding="utf-8")
    split(facts, tmp_path / "facts")
    assert (tmp_path / "facts" / "sources.yaml").read_text(encoding="utf-8").startswith("# --- the sources we read ---\n")
    assert "the sources we read" not in (tmp_path / "facts" / "meta.yaml").read_text(encoding="utf-8")
