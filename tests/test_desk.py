"""A desk's own project (issue 13): `briefing init`, configuration found from the working
folder upward, rule selection from the configuration, template / stylesheet / catalog
overrides, a new locale without Python, and `briefing verify`.

Every command runs as a user would run it: `python -m briefing …` in a subprocess whose
working folder is the desk (or one of its subfolders), so configuration discovery is
exercised. Expected values are written by hand from the issue; line and column numbers
of the files written here are counted by hand (noted next to each file).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import SMALL, normalize

TIMEOUT = 300

# The files `briefing init` creates, and nothing else.
SCAFFOLD_FILES = {
    "facts.yaml",
    "facts.schema.json",  # what the starter's modeline names, for editors
    "briefing.toml",
    ".pre-commit-config.yaml",
    ".github/workflows/brief.yml",
    ".gitignore",
    "templates/README.md",
    "locale/README.md",
}

# SMALL (tests/conftest.py) is 32 lines; this venue is referred to by nothing.
#   33 venues:
#   34   - id: quay          <- the id's value starts at column 9
#   35     name: {en: The quay}
#   36     country: FR
UNUSED_VENUE = SMALL + """\
venues:
  - id: quay
    name: {en: The quay}
    country: FR
"""
UNUSED_AT = "facts.yaml:34:9"


def run(*args, cwd: Path, timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def init_desk(parent: Path, name: str = "desk") -> Path:
    """A fresh desk made by `briefing init` (a cheap subprocess, no build)."""
    parent.mkdir(parents=True, exist_ok=True)
    result = run("init", name, cwd=parent)
    assert result.returncode == 0, output(result)
    return (parent / name).resolve()


def small_desk(folder: Path, facts: str, config: str | None) -> Path:
    """A desk written by hand: a fact base, a templates/ folder and (if given) briefing.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "facts.yaml").write_text(facts, encoding="utf-8")
    (folder / "templates").mkdir(exist_ok=True)
    if config is not None:
        (folder / "briefing.toml").write_text(config, encoding="utf-8")
    return folder.resolve()


def section(html: str, anchor: str) -> str:
    found = re.search(rf'<section id="{re.escape(anchor)}">(.*?)</section>', html, re.S)
    assert found, f"no <section id={anchor!r}> in the brief"
    return found[1]


def without_section(html: str, anchor: str) -> str:
    return re.sub(rf'(<section id="{re.escape(anchor)}">).*?(</section>)', r"\1…\2", html, count=1, flags=re.S)


# --------------------------------------------------------------------------------------
# Fixtures: one real PDF build of the starter desk, one HTML-only build as a baseline.
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    """`briefing init DIR` in an empty folder, then `briefing check` and `briefing build` in it."""
    root = tmp_path_factory.mktemp("starter")
    empty = root / "desk"
    empty.mkdir()
    init = run("init", "desk", cwd=root)
    desk = empty.resolve()
    check = run("check", cwd=desk)
    build = run("build", cwd=desk)
    return {"desk": desk, "init": init, "check": check, "build": build}


@pytest.fixture(scope="module")
def baseline_html(tmp_path_factory) -> str:
    """The starter's English HTML with the built-in theme only (no PDF: cheap)."""
    desk = init_desk(tmp_path_factory.mktemp("baseline"))
    result = run("build", "--format", "html", cwd=desk)
    assert result.returncode == 0, output(result)
    return (desk / "build" / "brief.en.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------
# 1. briefing init, then check and build in the new desk
# --------------------------------------------------------------------------------------


@pytest.mark.pipeline
def test_init_creates_the_desk_files_and_nothing_else(starter):
    assert starter["init"].returncode == 0, output(starter["init"])
    desk = starter["desk"]
    # what check and build then made: the outputs, and the parse cache (which ignores itself in git)
    created = files_under(desk) - {p for p in files_under(desk) if p.startswith(("build/", ".briefing-cache/"))}
    assert created == SCAFFOLD_FILES


@pytest.mark.pipeline
def test_starter_fact_base_starts_with_the_schema_modeline(starter):
    first = (starter["desk"] / "facts.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=facts.schema.json"
    schema = json.loads((starter["desk"] / "facts.schema.json").read_text(encoding="utf-8"))
    assert "events" in schema["properties"] and "quantities" in schema["properties"]
    assert first.endswith("facts.schema.json")


@pytest.mark.pipeline
def test_starter_checks_clean(starter):
    result = starter["check"]
    assert result.returncode == 0, output(result)
    assert "0 errors, 0 warnings" in result.stdout


@pytest.mark.pipeline
def test_starter_builds_english_html_and_pdf(starter):
    from pypdf import PdfReader

    result = starter["build"]
    assert result.returncode == 0, output(result)
    build = starter["desk"] / "build"
    assert sorted(p.name for p in build.iterdir() if not p.name.startswith(".")) == [
        "brief.en.html", "brief.en.pdf"]
    pdf = build / "brief.en.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    facts_bytes = (starter["desk"] / "facts.yaml").read_bytes()
    title = yaml.safe_load(facts_bytes)["meta"]["title"]["en"]
    text = normalize(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
    assert title in text
    html = (build / "brief.en.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in html


@pytest.mark.pipeline
def test_starter_pdf_carries_the_desk_fact_base(starter):
    import pikepdf

    with pikepdf.open(starter["desk"] / "build" / "brief.en.pdf") as pdf:
        attached = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
    assert attached["facts.yaml"] == (starter["desk"] / "facts.yaml").read_bytes()


def test_init_again_refuses_and_overwrites_nothing(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    first = run("init", cwd=desk)  # DIR defaults to the working folder
    assert first.returncode == 0, output(first)
    assert files_under(desk) == SCAFFOLD_FILES
    (desk / "facts.yaml").write_text("# my own fact base\n", encoding="utf-8")
    (desk / "templates" / "README.md").unlink()
    before = {name: (desk / name).read_bytes() for name in files_under(desk)}

    again = run("init", cwd=desk)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert "Traceback" not in output(again)
    after = {name: (desk / name).read_bytes() for name in files_under(desk)}
    assert after == before  # the edited file kept, the removed one not written back


def test_scaffolded_ci_installs_the_tool_with_pip_and_checks_and_builds(tmp_path):
    desk = init_desk(tmp_path)
    workflow = yaml.safe_load((desk / ".github" / "workflows" / "brief.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    assert any(re.search(r"\bpip install\b", r) for r in runs)
    # It does not fetch the briefing repository: no checkout of another repository, no clone.
    for step in steps:
        if step.get("uses", "").startswith("actions/checkout"):
            assert "repository" not in (step.get("with") or {})
    assert not any("git clone" in r for r in runs)
    assert any("briefing check --format github" in r for r in runs)
    assert any("briefing check --format sarif" in r for r in runs)
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)
    assert any(re.search(r"\bbriefing build\b", r) for r in runs)
    assert (desk / ".pre-commit-config.yaml").is_file()
    assert "build" in (desk / ".gitignore").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------
# 2. Configuration discovery and errors
# --------------------------------------------------------------------------------------

# Line numbers:          1                 2                     3   4               5
DESK_TOML = ('# settings of the harbour desk\nfacts = "facts.yaml"\n\nout = "output"\ntemplates = ["templates"]\n'
             #  6                              7                              8          9
             'marking = {en = "OFFICIAL"}\nportion_mark = {en = "(O)"}\n[rules]\nignore = ["unused-record"]\n')


def config_rows(text: str) -> dict[str, tuple[str, str]]:
    """`key = value  # origin` lines of `briefing config`, by key."""
    rows = {}
    for line in text.splitlines():
        found = re.fullmatch(r"(\S+) = (.*)  # (.*)", line)
        if found:
            rows[found[1]] = (found[2], found[3])
    return rows


def test_config_in_a_subfolder_finds_the_desk_and_says_where_each_setting_comes_from(tmp_path):
    desk = small_desk(tmp_path / "desk", SMALL, DESK_TOML)
    deeper = desk / "notes" / "2024"
    deeper.mkdir(parents=True)
    result = run("config", cwd=deeper)
    assert result.returncode == 0, output(result)
    assert result.stdout.splitlines()[0] == f"# configuration: {desk / 'briefing.toml'}"
    rows = config_rows(result.stdout)
    assert rows["facts"] == (repr([str(desk / "facts.yaml")]), "briefing.toml:2")
    assert rows["out"] == (repr(str(desk / "output")), "briefing.toml:4")
    assert rows["templates"][0].startswith(f"[{str(desk / 'templates')!r}, ")  # then the built-in theme
    assert rows["templates"][1] == "briefing.toml:5"
    assert rows["stylesheets"] == ("[]", "default")
    assert rows["locales"][1] == "default"
    assert rows["marking"] == ("{'en': 'OFFICIAL'}", "briefing.toml:6")
    assert rows["portion_mark"] == ("{'en': '(O)'}", "briefing.toml:7")
    assert rows["rules.select"][1] == "default"
    assert rows["rules.ignore"] == ("['unused-record']", "briefing.toml:9")
    assert rows["rules.severity"] == ("{}", "default")
    assert rows["brief.pdf_section_limit"] == ("40", "default")
    assert set(rows) == {"facts", "out", "templates", "stylesheets", "locales", "marking", "portion_mark",
                         "rules.select", "rules.ignore", "rules.severity", "brief.pdf_section_limit"}
    assert "command line" not in result.stdout  # `config` takes no options


# Line numbers:    1            2                         3            4   5
PYPROJECT = ('[project]\nname = "harbour-desk"\nversion = "1"\n\n[tool.briefing]\n'
             #  6                     7              8   9                        10
             'facts = "facts.yaml"\nout = "pdfs"\n\n[tool.briefing.rules]\nseverity = {unused-record = "error"}\n')


def test_tool_briefing_in_pyproject_is_found_the_same_way(tmp_path):
    desk = small_desk(tmp_path / "desk", UNUSED_VENUE, None)
    (desk / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    notes = desk / "notes"
    notes.mkdir()
    # A pyproject.toml without a [tool.briefing] table is not a configuration: the search goes on up.
    (notes / "pyproject.toml").write_text('[project]\nname = "notes"\n', encoding="utf-8")

    result = run("config", cwd=notes)
    assert result.returncode == 0, output(result)
    assert result.stdout.splitlines()[0] == f"# configuration: {desk / 'pyproject.toml'}"
    rows = config_rows(result.stdout)
    assert rows["facts"] == (repr([str(desk / "facts.yaml")]), "pyproject.toml:6")
    assert rows["out"] == (repr(str(desk / "pdfs")), "pyproject.toml:7")
    assert rows["rules.severity"] == ("{'unused-record': 'error'}", "pyproject.toml:10")
    assert rows["templates"][1] == "default"

    # The table's rules apply to check run from the subfolder, on the desk's fact base.
    check = run("check", cwd=notes)
    assert check.returncode == 1, output(check)
    assert f"{desk / UNUSED_AT}: error [unused-record]" in check.stdout
    assert "1 error, 0 warnings" in check.stdout


BAD_CONFIGS = {
    # name: (file name, text, line, column, words the message must contain)
    "unknown-key": ("briefing.toml", 'facts = "facts.yaml"\nout = "build"\ncolour = "red"\n', 3, 1, ["colour"]),
    "wrong-type": ("briefing.toml", '# house settings\ntemplates = "templates"\n', 2, 1, ["templates", "list"]),
    "out-escapes": ("briefing.toml", 'facts = "facts.yaml"\n\nout = "../elsewhere"\n', 3, 1, ["out", "outside"]),
    "no-such-template-folder": ("briefing.toml", 'templates = ["nowhere"]\n', 1, 1, ["nowhere", "does not exist"]),
    "unknown-rule-in-select": ("briefing.toml", '[rules]\nselect = ["schema", "no-such-rule"]\n', 2, 1,
                               ["no-such-rule"]),
    "unknown-rule-in-ignore": ("briefing.toml", 'facts = "facts.yaml"\n\n[rules]\nselect = ["schema"]\n'
                               'ignore = ["unused-recrod"]\n', 5, 1, ["unused-recrod"]),
    "unknown-rule-in-severity": ("briefing.toml", '[rules]\nignore = []\n    severity = {no-such-rule = "error"}\n',
                                 3, 5, ["no-such-rule"]),
    "invalid-toml": ("briefing.toml", 'facts = "facts.yaml"\ncolour red\n', 2, 8, ["TOML"]),
    "unknown-key-in-pyproject": ("pyproject.toml", '[project]\nname = "desk"\n\n[tool.briefing]\nout = "build"\n'
                                 'colour = "red"\n', 6, 1, ["colour"]),
}


@pytest.mark.parametrize("command", [["check"], ["build"], ["config"]], ids=["check", "build", "config"])
@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_configuration_is_one_message_at_its_position(tmp_path, case, command):
    name, text, line, column, words = BAD_CONFIGS[case]
    desk = small_desk(tmp_path / "desk", SMALL, None)
    (desk / name).write_text(text, encoding="utf-8")
    sub = desk / "sub"
    sub.mkdir()
    result = run(*command, cwd=sub)
    assert result.returncode == 2, output(result)
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{desk / name}:{line}:{column}: error: "), lines[0]
    for word in words:
        assert word in lines[0]
    # Nothing written, inside the desk or next to it.
    assert not (desk / "build").exists()
    assert not (tmp_path / "elsewhere").exists()
    assert files_under(desk) == {"facts.yaml", name}


def test_unknown_rule_under_a_dotted_key_is_reported_at_its_line(tmp_path):
    """`rules.ignore = [...]` at the top level is the same TOML as `ignore` under `[rules]`."""
    # Line numbers: 1, 2 (blank), 3
    desk = small_desk(tmp_path / "desk", SMALL, 'facts = "facts.yaml"\n\nrules.ignore = ["nope"]\n')
    result = run("check", cwd=desk)
    assert result.returncode == 2, output(result)
    assert result.stderr.startswith(f"{desk / 'briefing.toml'}:3:1: error: "), result.stderr
    assert "nope" in result.stderr


# --------------------------------------------------------------------------------------
# 3. Rule selection from the configuration applies to check and build
# --------------------------------------------------------------------------------------


def test_unused_venue_is_a_warning_by_default(tmp_path):
    desk = small_desk(tmp_path / "desk", UNUSED_VENUE, "")
    result = run("check", cwd=desk)
    assert result.returncode == 0, output(result)
    assert f"{UNUSED_AT}: warning [unused-record]" in result.stdout
    assert "0 errors, 1 warning" in result.stdout


def test_defaults_are_relative_to_the_desk_not_the_working_folder(tmp_path):
    """A briefing.toml that sets only rules: facts.yaml and build/ are still the desk's,
    whichever subfolder the command runs in (the configuration's paths are relative to its folder)."""
    desk = small_desk(tmp_path / "desk", UNUSED_VENUE, '[rules]\nignore = ["unused-record"]\n')
    sub = desk / "drafts"
    sub.mkdir()
    config = run("config", cwd=sub)
    assert config.returncode == 0, output(config)
    rows = config_rows(config.stdout)
    assert rows["facts"] == (repr([str(desk / "facts.yaml")]), "default")
    assert rows["out"] == (repr(str(desk / "build")), "default")

    check = run("check", cwd=sub)
    assert check.returncode == 0, output(check)
    assert "0 errors, 0 warnings" in check.stdout

    build = run("build", "--format", "html", cwd=sub)
    assert build.returncode == 0, output(build)
    assert (desk / "build" / "brief.en.html").is_file()
    assert not (sub / "build").exists()


SEVERITY_TOML = '[rules]\nseverity = {unused-record = "error"}\n'


def test_severity_from_configuration_makes_check_fail(tmp_path):
    desk = small_desk(tmp_path / "desk", UNUSED_VENUE, SEVERITY_TOML)
    result = run("check", cwd=desk)
    assert result.returncode == 1, output(result)
    assert f"{UNUSED_AT}: error [unused-record]" in result.stdout
    assert "1 error, 0 warnings" in result.stdout


def test_severity_from_configuration_blocks_the_build(tmp_path):
    desk = small_desk(tmp_path / "desk", UNUSED_VENUE, SEVERITY_TOML)
    result = run("build", "--format", "html", cwd=desk)
    assert result.returncode == 1, output(result)
    assert f"{UNUSED_AT}: error [unused-record]" in result.stderr
    assert not (desk / "build").exists()


def test_command_line_ignore_still_works_over_the_configuration(tmp_path):
    desk = small_desk(tmp_path / "desk", UNUSED_VENUE, SEVERITY_TOML)
    result = run("check", "--ignore", "unused-record", cwd=desk)
    assert result.returncode == 0, output(result)
    assert "unused-record" not in result.stdout
    assert "0 errors, 0 warnings" in result.stdout


def test_ignore_from_configuration_silences_check_and_build(tmp_path):
    desk = small_desk(tmp_path / "desk", UNUSED_VENUE, '[rules]\nignore = ["unused-record"]\n')
    check = run("check", cwd=desk)
    assert check.returncode == 0, output(check)
    assert "unused-record" not in check.stdout
    assert "0 errors, 0 warnings" in check.stdout

    build = run("build", "--format", "html", cwd=desk)
    assert build.returncode == 0, output(build)
    assert "unused-record" not in output(build)
    assert (desk / "build" / "brief.en.html").is_file()


def test_select_from_configuration_reports_only_those_rules(tmp_path):
    desk = small_desk(tmp_path / "desk", UNUSED_VENUE, '[rules]\nselect = ["unsourced-claim"]\n')
    check = run("check", cwd=desk)
    assert check.returncode == 0, output(check)
    assert "unused-record" not in check.stdout
    assert "0 errors, 0 warnings" in check.stdout


# --------------------------------------------------------------------------------------
# 4. Overrides: a section, a stylesheet, a block of the skeleton, a catalog entry
# --------------------------------------------------------------------------------------

MARKER = '<p class="desk-chronology">DESK CHRONOLOGY</p>'


def build_html(desk: Path) -> str:
    result = run("build", "--format", "html", cwd=desk)
    assert result.returncode == 0, output(result)
    return (desk / "build" / "brief.en.html").read_text(encoding="utf-8")


def test_desk_section_template_replaces_only_the_chronology(tmp_path, baseline_html):
    desk = init_desk(tmp_path)
    partial = desk / "templates" / "sections" / "chronology.html.j2"
    partial.parent.mkdir()
    partial.write_text(MARKER + "\n", encoding="utf-8")
    html = build_html(desk)

    assert MARKER in section(html, "chronology")
    assert '<table class="chronology">' not in html
    assert '<table class="chronology">' in section(baseline_html, "chronology")  # it was there before
    publisher = yaml.safe_load((desk / "facts.yaml").read_text(encoding="utf-8"))["sources"][0]["publisher"]
    assert publisher in section(html, "sources")
    assert section(html, "sources") == section(baseline_html, "sources")
    # Everything outside the chronology section is as the built-in theme makes it.
    assert without_section(html, "chronology") == without_section(baseline_html, "chronology")


def test_desk_skeleton_extending_the_builtin_one_changes_only_the_footer(tmp_path, baseline_html):
    desk = init_desk(tmp_path)
    (desk / "templates" / "brief.html.j2").write_text(
        '{% extends "builtin/brief.html.j2" %}\n{% block footer %}<p>DESK FOOTER</p>{% endblock %}\n',
        encoding="utf-8")
    html = build_html(desk)

    def parts(text: str) -> tuple[str, str, str]:
        found = re.fullmatch(r"(.*<footer>)(.*?)(</footer>.*)", text, re.S)
        assert found, "no <footer> in the brief"
        return found[1], found[2], found[3]

    before, footer, after = parts(html)
    base_before, base_footer, base_after = parts(baseline_html)
    # The footer landmark holds the block, then the bottom marking banner (a block of its own).
    banner = '<div class="banner banner-bottom" role="note" aria-label="Handling marking">UNCLASSIFIED // OPEN SOURCE</div>'
    assert footer.strip() == "<p>DESK FOOTER</p>" + banner
    assert base_footer.rstrip().endswith(banner)
    assert "DESK FOOTER" not in base_footer
    assert before == base_before
    assert after == base_after


PO_CHRONOLOGY = """\
msgid ""
msgstr ""
"Project-Id-Version: harbour desk\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

msgid "Chronology"
msgstr "Timeline of events"
"""


def test_desk_catalog_rewords_one_builtin_english_label(tmp_path, baseline_html):
    desk = init_desk(tmp_path)
    po = desk / "locale" / "en" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO_CHRONOLOGY, encoding="utf-8")
    html = build_html(desk)

    assert "<h2>Timeline of events</h2>" in section(html, "chronology")
    assert '<a href="#chronology">Timeline of events</a>' in html
    assert "<h2>Chronology</h2>" not in html
    assert '<a href="#chronology">Chronology</a>' in baseline_html  # the built-in wording before
    # The other labels stay built-in.
    assert "<h2>Sources</h2>" in section(html, "sources")
    assert '<a href="#sources">Sources</a>' in html


@pytest.fixture(scope="module")
def house_desk(tmp_path_factory) -> Path:
    """A desk with an extra stylesheet making headings red, built to HTML and PDF."""
    desk = init_desk(tmp_path_factory.mktemp("house"))
    (desk / "templates" / "house.css").write_text("h2 { color: #c0392b; }\n", encoding="utf-8")
    (desk / "briefing.toml").write_text(
        'facts = "facts.yaml"\ntemplates = ["templates"]\nstylesheets = ["templates/house.css"]\n', encoding="utf-8")
    result = run("build", cwd=desk)
    assert result.returncode == 0, output(result)
    return desk


@pytest.mark.pipeline
def test_extra_stylesheet_is_appended_after_the_builtin_css(house_desk):
    from briefing.paths import THEME

    html = (house_desk / "build" / "brief.en.html").read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style
    builtin = (THEME / "brief.css").read_text(encoding="utf-8").strip()
    css = style[1]
    assert builtin in css
    assert "h2 { color: #c0392b; }" in css
    assert css.index(builtin) + len(builtin) <= css.index("h2 { color: #c0392b; }")


def red_pixels(pdf: Path, folder: Path) -> int:
    """Pixels of the house red #c0392b (192, 57, 43), plain or blended with white by
    anti-aliasing: much more red than green, green and blue about equal."""
    from PIL import Image

    folder.mkdir()
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(folder / "page")], check=True,
                   capture_output=True, timeout=TIMEOUT)
    count = 0
    pages = sorted(folder.glob("page*.png"))
    assert pages
    for page in pages:
        with Image.open(page) as image:
            data = image.convert("RGB").tobytes()
        for i in range(0, len(data), 3):
            r, g, b = data[i], data[i + 1], data[i + 2]
            if r - g > 80 and abs(g - b) < 30:
                count += 1
    return count


@pytest.mark.pipeline
def test_extra_stylesheet_colours_the_pdf_headings(house_desk, starter, tmp_path):
    assert starter["build"].returncode == 0, output(starter["build"])
    house = red_pixels(house_desk / "build" / "brief.en.pdf", tmp_path / "house")
    plain = red_pixels(starter["desk"] / "build" / "brief.en.pdf", tmp_path / "plain")
    assert plain == 0  # the built-in theme has no such red
    assert house > 100


def test_a_changed_default_marking_in_the_configuration_rebuilds_the_brief(tmp_path):
    """The desk's default marking is an input of the brief like its templates: changing it
    in briefing.toml must not leave the previous outputs standing as "up to date"."""
    desk = small_desk(tmp_path / "desk", SMALL, 'facts = "facts.yaml"\n')
    first = build_html(desk)
    assert "DESK MARKING" not in first
    (desk / "briefing.toml").write_text('facts = "facts.yaml"\nmarking = {en = "DESK MARKING"}\nportion_mark = {en = "(D)"}\n',
                                        encoding="utf-8")
    second = build_html(desk)
    assert '<div class="banner banner-top" role="note" aria-label="Handling marking">DESK MARKING</div>' in second


# --------------------------------------------------------------------------------------
# 5. A new locale without Python: briefing i18n init
# --------------------------------------------------------------------------------------

# A fact base in English and Dutch, a locale with no built-in catalog. meta.locales is line 7;
# "nl" starts at column 17.
DUTCH = """\
meta:
  title: {en: Harbour talks, nl: Havenoverleg}
  subject: {en: A meeting about a harbour., nl: Een overleg over een haven.}
  desk: Test Desk
  edition: 1
  as_of: "2020-01-02"
  locales: [en, nl]
  summary:
    - text: {en: Alice met the harbour board., nl: Alice sprak met het havenbestuur.}
      claims: [ev-1]
sources:
  - id: src-1
    publisher: Harbour Gazette
    title: Board meets envoy
    published: "2020-01-01"
    language: en
    reliability: B
    reliability_reason: {en: Long record of accurate reporting., nl: Lange reeks nauwkeurige berichten.}
participants:
  - id: alice
    name: {en: Alice Martin, nl: Alice Martin}
    original_name: {text: Alice Martin, lang: en}
    role: {en: Envoy, nl: Gezant}
    country: FR
events:
  - id: ev-1
    kind: talks
    name: {en: Harbour board talks, nl: Overleg met het havenbestuur}
    date: "2020-01-01"
    participants: [alice]
    sources: [src-1]
    credibility: 2
"""


def test_new_locale_needs_only_briefing_i18n_init(tmp_path):
    from babel.messages.pofile import read_po

    desk = init_desk(tmp_path)
    (desk / "facts.yaml").write_text(DUTCH, encoding="utf-8")

    before = run("check", cwd=desk)
    assert before.returncode == 1, output(before)
    assert before.stdout.startswith("facts.yaml:7:17: error [missing-catalog]")  # named from the desk folder
    assert "1 error, 0 warnings" in before.stdout

    sub = desk / "drafts"
    sub.mkdir()
    made = run("i18n", "init", "nl", cwd=sub)  # from a subfolder: the desk's locale folder is found
    assert made.returncode == 0, output(made)
    po = desk / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
    assert po.is_file()
    assert not (sub / "locale").exists()
    with po.open("rb") as handle:
        catalog = read_po(handle)
    assert str(catalog.locale) == "nl"
    assert catalog.num_plurals == 2
    assert catalog.plural_expr == "(n != 1)"
    assert "nplurals=2" in po.read_text(encoding="utf-8")
    messages = [m for m in catalog if m.id]
    assert any(m.id == "Chronology" for m in messages)  # the built-in interface strings, to translate
    for message in messages:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s == "" for s in strings), message.id

    after = run("check", cwd=desk)
    assert after.returncode == 0, output(after)
    assert "missing-catalog" not in after.stdout
    # the new catalog is still to translate: every message of the template, said once, in the
    # catalog at its first entry's msgstr (the header's is the first 'msgstr ""' of the file)
    first = [n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1) if text == 'msgstr ""'][1]
    assert f"{po.resolve()}:{first}:1: warning [untranslated-catalog] {len(messages)} of {len(messages)} " \
           "interface messages have no 'nl' translation" in after.stdout
    assert "0 errors, 1 warning" in after.stdout

    again = run("i18n", "init", "nl", cwd=desk)
    assert again.returncode == 2
    assert "already exists" in again.stderr


# --------------------------------------------------------------------------------------
# 6. briefing verify
# --------------------------------------------------------------------------------------


@pytest.fixture
def copied_pdf(starter, tmp_path) -> Path:
    """The starter's PDF, copied to a folder outside the desk."""
    assert starter["build"].returncode == 0, output(starter["build"])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "brief.en.pdf"
    shutil.copyfile(starter["desk"] / "build" / "brief.en.pdf", target)
    return target


def lines_of(result: subprocess.CompletedProcess) -> list[str]:
    return output(result).splitlines()


@pytest.mark.pipeline
def test_verify_a_fresh_pdf_elsewhere_is_identical(copied_pdf):
    result = run("verify", copied_pdf.name, cwd=copied_pdf.parent)
    assert result.returncode == 0, output(result)
    assert any(line.startswith("identical") for line in lines_of(result)), output(result)


@pytest.mark.pipeline
def test_verify_refuses_a_swapped_fact_base(copied_pdf):
    import pikepdf

    with pikepdf.open(copied_pdf, allow_overwriting_input=True) as pdf:
        pdf.attachments["facts.yaml"] = pikepdf.AttachedFileSpec(pdf, b"meta: {}\n", filename="facts.yaml")
        pdf.save(copied_pdf)
    result = run("verify", copied_pdf.name, cwd=copied_pdf.parent)
    assert result.returncode == 1, output(result)
    different = [line for line in lines_of(result) if line.startswith("different")]
    assert different, output(result)
    assert "fact base" in different[0]
    assert "Traceback" not in output(result)


@pytest.mark.pipeline
def test_verify_says_another_tool_version(copied_pdf):
    import pikepdf

    with pikepdf.open(copied_pdf, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata() as meta:
            meta["{https://briefing.invalid/ns/provenance/1.0/}tool_version"] = "0.0.1"
        pdf.save(copied_pdf)
    result = run("verify", copied_pdf.name, cwd=copied_pdf.parent)
    assert result.returncode == 3, output(result)
    assert "0.0.1" in output(result)
    assert "Traceback" not in output(result)


@pytest.mark.pipeline
def test_verify_a_pdf_made_with_a_desk_stylesheet_names_the_templates(house_desk, tmp_path):
    pdf = tmp_path / "brief.en.pdf"
    shutil.copyfile(house_desk / "build" / "brief.en.pdf", pdf)
    result = run("verify", pdf.name, cwd=tmp_path)
    assert result.returncode == 1, output(result)
    different = [line for line in lines_of(result) if line.startswith("different")]
    assert different and "templates" in different[0], output(result)


@pytest.mark.pipeline
def test_verify_a_pdf_made_with_a_desk_default_marking_does_not_claim_every_input_matches(tmp_path):
    """The desk's default marking (briefing.toml) changes the PDF: verify cannot rebuild it with
    the built-in theme, and must not say the PDF was made from the built-in theme alone."""
    desk = init_desk(tmp_path)
    (desk / "briefing.toml").write_text('facts = "facts.yaml"\nmarking = {en = "DESK MARKING"}\nportion_mark = {en = "(D)"}\n',
                                        encoding="utf-8")
    built = run("build", "--format", "pdf", cwd=desk)
    assert built.returncode == 0, output(built)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(desk / "build" / "brief.en.pdf", elsewhere / "brief.en.pdf")
    result = run("verify", "brief.en.pdf", cwd=elsewhere)
    assert result.returncode == 1, output(result)
    assert "every recorded input matches" not in output(result)
    # in the desk's own folder, where that theme is installed, the same PDF is proven
    inside = run("verify", str(elsewhere / "brief.en.pdf"), cwd=desk / "templates")
    assert inside.returncode == 0 and "identical" in inside.stdout, output(inside)


def no_provenance_pikepdf(path: Path) -> None:
    import pikepdf

    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path)


def no_provenance_weasyprint(path: Path) -> None:
    import weasyprint

    weasyprint.HTML(string="<p>Not a brief.</p>").write_pdf(path)


@pytest.mark.parametrize("make", [
    pytest.param(no_provenance_pikepdf, id="pikepdf"),
    pytest.param(no_provenance_weasyprint, id="weasyprint", marks=pytest.mark.pipeline),
])
def test_verify_a_pdf_without_provenance_is_one_message(tmp_path, make):
    pdf = tmp_path / "other.pdf"
    make(pdf)
    result = run("verify", pdf.name, cwd=tmp_path)
    assert result.returncode == 2, output(result)
    lines = [line for line in lines_of(result) if line.strip()]
    assert len(lines) == 1, output(result)
    assert "provenance" in lines[0]
    assert "other.pdf" in lines[0]
    assert "Traceback" not in output(result)


@pytest.mark.parametrize("content", [b"just some notes\n", b"", b"%PDF-1.7\n%garbage"], ids=["text", "empty", "truncated"])
def test_verify_a_file_that_is_not_a_pdf_is_one_message(tmp_path, content):
    (tmp_path / "notes.pdf").write_bytes(content)
    result = run("verify", "notes.pdf", cwd=tmp_path)
    assert result.returncode == 2, output(result)
    lines = [line for line in lines_of(result) if line.strip()]
    assert len(lines) == 1, output(result)
    assert "notes.pdf" in lines[0]
    assert "Traceback" not in output(result)


def test_verify_a_missing_file_is_one_message(tmp_path):
    result = run("verify", "absent.pdf", cwd=tmp_path)
    assert result.returncode == 2, output(result)
    lines = [line for line in lines_of(result) if line.strip()]
    assert len(lines) == 1, output(result)
    assert "absent.pdf" in lines[0]


def test_a_desk_marking_needs_its_portion_mark_and_every_locale_built(tmp_path):
    """A desk's own marking with the built-in portion mark, or missing for a locale the brief
    is built in, would print an unclassified marking next to it: both are refused."""
    alone = small_desk(tmp_path / "alone", SMALL, 'marking = {en = "OFFICIAL"}\n')
    result = run("build", "--format", "html", cwd=alone)
    assert result.returncode == 2 and not (alone / "build").exists()
    assert result.stderr.startswith(f"{alone / 'briefing.toml'}:1:1: error: marking is set but portion_mark is not")
    french = SMALL.replace("  locales: [en]", "  locales: [en, fr]").replace("{en: ", "{fr: Texte, en: ")
    partial = small_desk(tmp_path / "partial", french,
                         'portion_mark = {en = "(O)", fr = "(O)"}\nmarking = {en = "OFFICIAL"}\n')
    result = run("build", "--format", "html", cwd=partial)
    assert result.returncode == 2 and not (partial / "build").exists(), output(result)
    assert result.stderr.startswith(f"{partial / 'briefing.toml'}:2:1: error: marking has no text for locale(s) fr")
