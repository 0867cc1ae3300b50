"""The hostile-input suite of issue 14: one row per input, run through the real command line.

Every row makes a desk folder holding the small valid fact base of ``conftest.SMALL`` and a
previous good build in ``out/`` (built once per session, HTML only, and copied), breaks
something, runs ``python -m briefing ...`` in that folder with a time limit (a hang is a
failure), and asserts:

- the exit status (problems in a fact base: 1; an input that cannot be read, a bad option
  or a bad configuration: 2);
- a fragment of the message, and for a problem in a fact base (or in briefing.toml) a
  ``FILE:LINE:COL:`` prefix counted by hand (``SMALL``'s lines are numbered in conftest.py);
- no traceback and no "internal error";
- ``out/`` byte-identical afterwards (every file, dotfiles included), and no file left
  behind anywhere in the desk.

Rows are grouped by the kinds the issue lists. The positions refer to ``SMALL``:
line 4 ``  desk: Test Desk``, 5 ``edition``, 21 ``    name: {en: Alice Martin}`` (the value's
text starts at column 16), 29 ``    date: "2020-01-01"`` (value at column 11), 32
``    credibility: 2`` (value at column 18); line 33 is the first one appended.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SMALL, edit

Make = Callable[[Path], None]

CHECK = ("check", "facts.yaml")
BUILD = ("build", "--facts", "facts.yaml", "--out", "out", "--format", "html")
EXPORT = ("export", "facts.yaml", "--out", "bundle.json")
DIFF = ("diff", "facts.yaml", "new.yaml")
BIG = 70 * 1024 * 1024  # over the 64 MiB limit; sparse, so it costs nothing to make


# --- how inputs are made ----------------------------------------------------------------

def write(text: str | bytes, name: str = "facts.yaml") -> Make:
    """Write ``text`` (str as UTF-8, bytes as they are) to ``name`` in the desk."""
    def make(desk: Path) -> None:
        path = desk / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return make


def line(number: int, new: str) -> Make:
    """The fact base with one line of SMALL replaced."""
    return write(edit(SMALL, number, new))


def plus(extra: str) -> Make:
    """The fact base with lines appended (the first appended line is line 33)."""
    return write(SMALL + extra)


def replace(old: str, new: str) -> Make:
    assert old in SMALL
    return write(SMALL.replace(old, new, 1))


def fifo(name: str = "facts.yaml") -> Make:
    def make(desk: Path) -> None:
        (desk / name).unlink(missing_ok=True)
        os.mkfifo(desk / name)
    return make


def symlink(target: str, name: str = "facts.yaml") -> Make:
    def make(desk: Path) -> None:
        (desk / name).unlink(missing_ok=True)
        os.symlink(target, desk / name)
    return make


def directory(name: str = "facts.yaml") -> Make:
    def make(desk: Path) -> None:
        (desk / name).unlink(missing_ok=True)
        (desk / name).mkdir()
    return make


def sparse(name: str = "facts.yaml", size: int = BIG) -> Make:
    def make(desk: Path) -> None:
        with open(desk / name, "wb") as stream:
            stream.truncate(size)
    return make


def remove(name: str = "facts.yaml") -> Make:
    return lambda desk: (desk / name).unlink()


def both(*makes: Make) -> Make:
    def make(desk: Path) -> None:
        for one in makes:
            one(desk)
    return make


def git_repo(desk: Path) -> None:
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q"], ["add", "facts.yaml"], ["commit", "-qm", "edition 1"]):
        subprocess.run(git + command, cwd=desk, check=True, capture_output=True, timeout=60)


# fact bases used by several rows ----------------------------------------------------------

TWIN = SMALL.replace("    country: FR\n", "    country: FR\n  - id: alice\n    name: {en: Alice Twin}\n"
                     "    role: {en: Twin}\n    country: FR\n", 1)  # the second 'alice' at line 25
DURATION = SMALL + ("durations:\n  - id: dur-1\n    event: ev-1\n    measures: {en: Talks}\n"
                    "    value: 2\n    unit: hour\n    sources: [src-1]\n    credibility: 2\n")  # value: line 37


def duration(value: str) -> Make:
    return write(edit(DURATION, 37, f"    value: {value}"))


def zone(name: str) -> Make:  # the zone's value at 34:15
    return plus(f'    time: "10:00"\n    timezone: "{name}"\n')


def venue(extra: str) -> Make:  # venue v-1 at line 34, its fields from line 37
    return plus("venues:\n  - id: v-1\n    name: {en: Quay}\n    country: FR\n" + extra)


def name(character: str) -> Make:  # the character at 21:21, after "Alice"
    return line(21, "    name: {en: Alice" + character + " Martin}")


def url(value: str) -> Make:  # the URL's value at 16:10
    return replace("    language: en\n", f'    url: "{value}"\n    language: en\n')


EVENT = ('  - id: {id}\n    kind: talks\n    name: {{en: Talks {id}}}\n    date: "2020-01-01"\n'
         '    part_of: {parent}\n    time: "10:00"\n    timezone: UTC\n    participants: [alice]\n'
         '    sources: [src-1]\n    credibility: 2\n')  # 10 lines, part_of on the 5th

# ev-1 part of ev-2 (lines 33-35), ev-2 from line 36 with its part_of at line 40
TWO_CYCLE = SMALL + '    part_of: ev-2\n    time: "10:00"\n    timezone: UTC\n' + EVENT.format(id="ev-2", parent="ev-1")
# ev-1 -> ev-3 -> ev-2 -> ev-1: ev-2 from line 36 (part_of at 40), ev-3 from line 46
THREE_CYCLE = (SMALL + '    part_of: ev-3\n    time: "10:00"\n    timezone: UTC\n'
               + EVENT.format(id="ev-2", parent="ev-1") + EVENT.format(id="ev-3", parent="ev-2"))

# the current edition names a previous one: line 6, its value at column 13
WITH_PREVIOUS = SMALL.replace("  edition: 1\n", '  edition: 2\n  previous: "PREVIOUS"\n')


def previous(target: str, *makes: Make) -> Make:
    return both(write(WITH_PREVIOUS.replace("PREVIOUS", target)), *makes)


OLD_EVENT = ('  - id: ev-old\n    kind: talks\n    name: {en: Old\u202e talks}\n    date: "2020-01-01"\n'
             '    participants: [alice]\n    sources: [src-1]\n    credibility: 2\n')  # U+202E at 35:19

TEMPLATES = write('templates = ["templates"]\n', "briefing.toml")


def template(text: str | bytes, name: str = "brief.html.j2") -> Make:
    return both(TEMPLATES, write(text, f"templates/{name}"))


def template_link(target: str, name: str = "brief.html.j2") -> Make:
    def make(desk: Path) -> None:
        (desk / "templates").mkdir(exist_ok=True)
        os.symlink(target, desk / "templates" / name)
    return both(TEMPLATES, make)


def toml(text: str | bytes) -> Make:
    return write(text, "briefing.toml")


# --- the table ---------------------------------------------------------------------------

def case(id: str, make: Make, command: tuple[str, ...], code: int, message: str, at: str | re.Pattern | None = None,
         *, lines: list[str] | None = None, absent: tuple[str, ...] = (), timeout: float = 60,
         xfail: str | None = None):
    """One row: ``at`` is the ``FILE:LINE:COL`` a message must start with (after any folder),
    or a pattern; ``lines``, the exact standard output; ``absent``, files that must not exist."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(make, command, code, message, at, lines, absent, timeout, id=id, marks=marks)


ANY = re.compile(r"(?m)^facts\.yaml:\d+:\d+: ")

CASES = [
    # YAML tricks ----------------------------------------------------------------------------
    case("tag-python-object", line(4, "  desk: !!python/object:os.system x"), BUILD, 1, "explicit tag", "facts.yaml:4:9"),
    case("tag-custom", line(4, "  desk: !secret x"), CHECK, 1, "explicit tag '!secret'", "facts.yaml:4:9"),
    case("tag-binary", line(4, "  desk: !!binary eA=="), CHECK, 1, "explicit tag", "facts.yaml:4:9"),
    case("tag-str-on-mapping", line(1, "meta: !!str"), CHECK, 1, "explicit tag", "facts.yaml:1:7"),
    case("anchor-on-scalar", line(4, "  desk: &a x"), BUILD, 1, "anchors (&name) are not allowed", "facts.yaml:4:9"),
    case("anchor-on-mapping", line(2, "  title: &t {en: Harbour talks}"), CHECK, 1, "anchors", "facts.yaml:2:10"),
    case("alias-undefined", line(4, "  desk: *a"), CHECK, 1, "aliases (*name) are not allowed", "facts.yaml:4:9"),
    case("alias-bomb", write("a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"), BUILD, 1,
         "anchors", "facts.yaml:1:4"),
    case("merge-key", line(4, "  <<: {desk: X}"), BUILD, 1, "merge keys (<<) are not allowed", "facts.yaml:4:3"),
    case("duplicate-key", line(5, "  desk: Again"), BUILD, 1, "duplicate key 'desk' (first defined at line 4)",
         "facts.yaml:5:3"),
    case("duplicate-section", plus("events: []\n"), CHECK, 1, "duplicate key 'events' (first defined at line 25)",
         "facts.yaml:33:1"),
    case("duplicate-key-flow", line(21, "    name: {en: Alice, en: Bob}"), CHECK, 1, "duplicate key 'en'",
         "facts.yaml:21:23"),
    case("bad-utf8", write(SMALL.encode().replace(b"Test Desk", b"Test \xff Desk")), BUILD, 1, "not valid UTF-8",
         "facts.yaml:4:14"),
    case("bad-utf8-after-accent", write(SMALL.encode().replace(b"Test Desk", "T\u00e9st \xff Desk".encode("latin-1")
                                                               .replace(b"\xe9", b"\xc3\xa9"))),
         CHECK, 1, "not valid UTF-8", "facts.yaml:4:14"),
    case("truncated-utf8-at-end", write(SMALL.encode() + b"\xe2\x82"), CHECK, 1, "not valid UTF-8", "facts.yaml:33:1"),
    case("utf16-file", write(SMALL.encode("utf-16")), BUILD, 1, "not valid UTF-8", "facts.yaml:1:1"),
    case("nul", replace("Test Desk", "Test \x00 Desk"), BUILD, 1, "U+0000 is not allowed", "facts.yaml:4:14"),
    case("bel", replace("Test Desk", "Test \x07 Desk"), CHECK, 1, "U+0007 is not allowed", "facts.yaml:4:14"),
    case("esc", replace("Test Desk", "Test \x1b Desk"), CHECK, 1, "U+001B is not allowed", "facts.yaml:4:14"),
    case("del", replace("Test Desk", "Test \x7f Desk"), CHECK, 1, "U+007F is not allowed", "facts.yaml:4:14"),
    case("noncharacter-fffe", name("\ufffe"), CHECK, 1, "U+FFFE is not allowed", "facts.yaml:21:21"),
    case("escaped-bel-in-quotes", line(4, '  desk: "Test\\x07Desk"'), BUILD, 1, "control character U+0007",
         "facts.yaml:4:9"),
    case("bom-tolerated", write("\ufeff" + SMALL), CHECK, 0, "0 errors, 0 warnings"),
    case("bom-then-error-keeps-positions", write("\ufeff" + edit(SMALL, 29, '    date: "999"')), BUILD, 1,
         "not a date", "facts.yaml:29:11"),
    case("bom-inside-text", name("\ufeff"), BUILD, 1, "U+FEFF", "facts.yaml:21:21"),
    case("second-document", plus("---\nfoo: 1\n"), BUILD, 1, "one YAML document", "facts.yaml:33:1"),
    case("document-end-then-text", plus("...\nfoo: 1\n"), CHECK, 1, "YAML syntax error", "facts.yaml:34:1"),
    case("empty-file", write(""), BUILD, 1, "fact base is empty", "facts.yaml:1:1"),
    case("comment-only-file", write("# nothing here\n"), CHECK, 1, "fact base is empty", "facts.yaml:1:1"),
    case("top-level-list", write("- a\n- b\n"), CHECK, 1, "valid dictionary", "facts.yaml:1:1"),
    case("top-level-scalar", write("hello\n"), CHECK, 1, "valid dictionary", "facts.yaml:1:1"),
    # "a: " then the 64th bracket (column 67) opens the 65th level
    case("deep-flow-nesting", write("a: " + "[" * 100 + "]" * 100 + "\n"), BUILD, 1, "nesting deeper than 64 levels",
         "facts.yaml:1:67"),
    case("deep-flow-nesting-in-meta", line(4, "  desk: " + "[" * 70 + "]" * 70), CHECK, 1, "nesting deeper",
         "facts.yaml:4:71"),
    # line n is "  " * (n - 1) + "a:": the 65th mapping starts at line 65, column 129
    case("deep-block-nesting", write("".join("  " * i + "a:\n" for i in range(70)) + "  " * 70 + "x\n"), CHECK, 1,
         "nesting deeper", "facts.yaml:65:129"),
    case("tab-indent", line(4, "\tdesk: Test Desk"), CHECK, 1, "cannot start any token", "facts.yaml:4:1"),
    case("unterminated-quote", line(4, '  desk: "Test Desk'), BUILD, 1, "YAML syntax error", ANY),
    # a line separator is no line break to an editor or git: later positions must not move
    case("line-separator-in-comment", write(edit(edit(SMALL, 29, '    date: "999"'), 4,
                                                 "  desk: Test Desk  # note\u2028 ")), CHECK, 1, "not a date",
         "facts.yaml:29:11"),
    case("next-line-in-comment", write(edit(edit(SMALL, 29, '    date: "999"'), 4, "  desk: Test Desk  # note\x85 ")),
         CHECK, 1, "not a date", "facts.yaml:29:11"),

    # schema violations at the bounds --------------------------------------------------------
    case("year-999", line(29, '    date: "999"'), BUILD, 1, "is not a date of the form", "facts.yaml:29:11"),
    case("year-0999", line(29, '    date: "0999-12-31"'), BUILD, 1, "years from 1000 to 9998", "facts.yaml:29:11"),
    case("year-9999", line(29, '    date: "9999-01-01"'), BUILD, 1, "years from 1000 to 9998", "facts.yaml:29:11"),
    case("as-of-9999", line(6, '  as_of: "9999"'), BUILD, 1, "years from 1000 to 9998", "facts.yaml:6:10"),
    case("february-30", line(29, '    date: "2020-02-30"'), CHECK, 1, "not a real date", "facts.yaml:29:11"),
    case("first-since-0999", plus('    first_since: "0999"\n'), BUILD, 1, "years from 1000", "facts.yaml:33:18"),
    # "    nth_in_years: {n: 5, years: " is 32 characters
    case("nth-in-years-before-year-1", plus("    nth_in_years: {n: 5, years: 3000}\n"), BUILD, 1,
         "less than or equal to 1000", "facts.yaml:33:33"),
    case("time-24-00", plus('    time: "24:00"\n'), BUILD, 1, "not a time of day", "facts.yaml:33:11"),
    case("time-23-60", plus('    time: "23:60"\n'), BUILD, 1, "not a time of day", "facts.yaml:33:11"),
    case("end-time-24-30", plus('    time: "10:00"\n    end_time: "24:30"\n    timezone: UTC\n'), CHECK, 1,
         "not a time of day", "facts.yaml:34:15"),
    case("zone-path-traversal", zone("../../etc/passwd"), BUILD, 1, "is not an IANA time zone", "facts.yaml:34:15"),
    case("zone-zone-tab", zone("zone.tab"), BUILD, 1, "is not an IANA time zone", "facts.yaml:34:15"),
    case("zone-posixrules", zone("posixrules"), BUILD, 1, "is not an IANA time zone", "facts.yaml:34:15"),
    case("zone-mars", zone("Mars/Olympus"), BUILD, 1, "is not an IANA time zone", "facts.yaml:34:15"),
    case("zone-absolute-path", zone("/etc/localtime"), CHECK, 1, "is not an IANA time zone", "facts.yaml:34:15"),
    case("zone-dotdot-inside", zone("Europe/../Europe/Oslo"), CHECK, 1, "is not an IANA time zone",
         "facts.yaml:34:15"),
    case("zone-empty", zone(""), CHECK, 1, "is not an IANA time zone", "facts.yaml:34:15"),
    case("offset-plus-15", zone("+15:00"), BUILD, 1, "-14:00 to +14:00", "facts.yaml:34:15"),
    case("venue-zone-tab", venue("    timezone: zone.tab\n"), BUILD, 1, "is not an IANA time zone", "facts.yaml:37:15"),
    case("number-dot-inf", duration(".inf"), BUILD, 1, "valid number", "facts.yaml:37:12"),
    case("number-minus-dot-inf", duration("-.inf"), CHECK, 1, "valid number", "facts.yaml:37:12"),
    case("number-dot-nan", duration(".nan"), BUILD, 1, "valid number", "facts.yaml:37:12"),
    case("number-1e400", duration("1e400"), BUILD, 1, "finite number", "facts.yaml:37:12"),
    case("number-1e300", duration("1e300"), BUILD, 1, "less than or equal to", "facts.yaml:37:12"),
    case("number-minus-1", duration("-1"), BUILD, 1, "greater than 0", "facts.yaml:37:12"),
    case("number-zero", duration("0"), CHECK, 1, "greater than 0", "facts.yaml:37:12"),
    case("number-boolean", duration("true"), BUILD, 1, "valid number", "facts.yaml:37:12"),
    case("number-quoted", duration('"2"'), CHECK, 1, "valid number", "facts.yaml:37:12"),
    # "    coordinates: {lat: " is 23 characters
    case("latitude-91", venue("    coordinates: {lat: 91, lon: 0}\n"), CHECK, 1, "less than or equal to 90",
         "facts.yaml:37:24"),
    case("latitude-1e400", venue("    coordinates: {lat: 1e400, lon: 0}\n"), BUILD, 1, "finite number",
         "facts.yaml:37:24"),
    case("edition-true", line(5, "  edition: true"), BUILD, 1, "valid integer (got True)", "facts.yaml:5:12"),
    case("edition-minus-1", line(5, "  edition: -1"), CHECK, 1, "greater than or equal to 1", "facts.yaml:5:12"),
    case("edition-1e400", line(5, "  edition: 1e400"), BUILD, 1, "valid integer", "facts.yaml:5:12"),
    case("edition-dot-inf", line(5, "  edition: .inf"), CHECK, 1, "valid integer", "facts.yaml:5:12"),
    case("credibility-true", line(32, "    credibility: true"), BUILD, 1, "valid integer (got True)", "facts.yaml:32:18"),
    case("credibility-float", line(32, "    credibility: 2.0"), CHECK, 1, "valid integer", "facts.yaml:32:18"),
    case("credibility-7", line(32, "    credibility: 7"), CHECK, 1, "less than or equal to 6", "facts.yaml:32:18"),
    case("name-501", line(4, "  desk: " + "x" * 501), BUILD, 1, "at most 500 characters", "facts.yaml:4:9"),
    case("text-10001", line(9, "    - text: {en: " + "x" * 10_001 + "}"), BUILD, 1, "at most 10000 characters",
         "facts.yaml:9:18"),
    case("id-201", line(26, "  - id: ev-" + "x" * 198), CHECK, 1, "at most 200 characters", "facts.yaml:26:9"),
    case("list-1001", line(30, "    participants: [" + ", ".join(["alice"] * 1001) + "]"), BUILD, 1,
         "at most 1000 items", "facts.yaml:30:19"),
    case("country-three-letters", line(24, "    country: FRA"), CHECK, 1, "should match pattern", "facts.yaml:24:14"),
    case("locales-empty", line(7, "  locales: []"), BUILD, 1, "at least 1 item", "facts.yaml:7:12"),
    case("locale-path", line(7, '  locales: [en, "../../x"]'), BUILD, 1, "should match pattern", "facts.yaml:7:17"),

    # references -----------------------------------------------------------------------------
    case("dangling-source", line(31, "    sources: [src-9]"), BUILD, 1, "'src-9', which is not defined",
         "facts.yaml:31:15"),
    case("wrong-kind-participant", line(30, "    participants: [src-1]"), BUILD, 1,
         "which is a source, not a participant", "facts.yaml:30:20"),
    case("wrong-kind-claim", line(10, "      claims: [alice]"), CHECK, 1, "which is a participant, not a claim",
         "facts.yaml:10:16"),
    case("wrong-kind-venue", plus("    venue: alice\n"), CHECK, 1, "which is a participant, not a venue",
         "facts.yaml:33:12"),
    case("wrong-kind-part-of", plus("    part_of: src-1\n"), CHECK, 1, "which is a source, not an event",
         "facts.yaml:33:14"),
    case("dangling-duration-event", write(edit(DURATION, 35, "    event: ev-9")), BUILD, 1, "which is not defined",
         "facts.yaml:35:12"),
    case("event-part-of-itself", plus("    part_of: ev-1\n"), BUILD, 1, "part of itself", "facts.yaml:33:14"),
    case("event-part-of-itself-with-time", plus('    part_of: ev-1\n    time: "10:00"\n    timezone: UTC\n'), BUILD, 1,
         "part of itself", "facts.yaml:33:14"),
    case("events-part-of-each-other", write(TWO_CYCLE), BUILD, 1, "break the loop", "facts.yaml:40:14"),
    case("events-three-cycle", write(THREE_CYCLE), BUILD, 1, "break the loop", "facts.yaml:40:14"),
    case("venue-part-of-itself", venue("    part_of: v-1\n"), BUILD, 1, "part of itself", "facts.yaml:37:14"),
    case("venues-part-of-each-other", venue("    part_of: v-2\n  - id: v-2\n    name: {en: Port}\n    country: FR\n"
                                            "    part_of: v-1\n"), BUILD, 1, "break the loop", "facts.yaml:41:14"),
    case("delegation-member-of-itself", replace("    country: FR\n", "    country: FR\n  - id: deleg\n"
                                                "    kind: delegation\n    name: {en: Delegation}\n"
                                                "    role: {en: Delegation}\n    country: FR\n    members: [deleg]\n"),
         BUILD, 1, "lists itself in its members", "facts.yaml:30:15"),

    # invisible, bidirectional, tag and filler characters -----------------------------------
    case("rlo-u202e", name("\u202e"), BUILD, 1, "U+202E (RIGHT-TO-LEFT OVERRIDE)", "facts.yaml:21:21"),
    case("arabic-letter-mark-u061c", name("\u061c"), BUILD, 1, "U+061C", "facts.yaml:21:21"),
    case("tag-character-ue0041", name("\U000e0041"), BUILD, 1, "U+E0041", "facts.yaml:21:21"),
    case("hangul-filler-u3164", name("\u3164"), BUILD, 1, "U+3164", "facts.yaml:21:21"),
    case("hangul-choseong-filler-u115f", name("\u115f"), CHECK, 1, "U+115F", "facts.yaml:21:21"),
    case("zero-width-space-u200b", name("\u200b"), BUILD, 1, "U+200B", "facts.yaml:21:21"),
    case("zwj-between-latin", name("\u200d"), CHECK, 1, "U+200D", "facts.yaml:21:21"),
    case("isolate-u2066", name("\u2066"), CHECK, 1, "U+2066", "facts.yaml:21:21"),
    case("private-use-ue000", name("\ue000"), CHECK, 1, "U+E000", "facts.yaml:21:21"),
    case("soft-hyphen-u00ad", name("\u00ad"), CHECK, 1, "U+00AD", "facts.yaml:21:21"),
    case("escaped-rlo", line(21, '    name: {en: "Alice\\u202e Martin"}'), BUILD, 1, "U+202E", "facts.yaml:21:16"),
    case("escaped-tag-in-reason", line(18, '    reliability_reason: {en: "Long record\\U000E0041 of accurate reporting."}'),
         BUILD, 1, "U+E0041", "facts.yaml:18:30"),
    case("line-separator-in-text", line(2, '  title: {en: "Harbour\u2028 talks"}'), BUILD, 1, "U+2028",
         re.compile(r"(?m)^facts\.yaml:2:\d+: ")),

    # URL schemes: only http(s), whatever the case or exceptions -------------------------------
    case("url-javascript", url("javascript:alert(1)"), BUILD, 1, "not an http(s) address", "facts.yaml:16:10"),
    case("url-javascript-mixed-case", url("JaVaScRiPt:alert(1)"), CHECK, 1, "not an http(s) address",
         "facts.yaml:16:10"),
    case("url-javascript-leading-space", url(" javascript:alert(1)"), CHECK, 1, "not an http(s) address",
         "facts.yaml:16:10"),
    case("url-file", url("file:///etc/passwd"), BUILD, 1, "not an http(s) address", "facts.yaml:16:10"),
    case("url-data", url("data:text/html,<b>x</b>"), BUILD, 1, "not an http(s) address", "facts.yaml:16:10"),
    case("url-ftp", url("ftp://x.example/a"), CHECK, 1, "not an http(s) address", "facts.yaml:16:10"),
    case("url-excused", replace("    language: en\n", '    url: "javascript:alert(1)"\n    exceptions: [{rule: '
                                "url-scheme, reason: needed}]\n    language: en\n"), BUILD, 1, "[url-scheme]",
         "facts.yaml:16:10"),

    # unknown kinds and keys -----------------------------------------------------------------
    case("unknown-event-kind", line(27, "    kind: coronation"), BUILD, 1, "unknown event kind 'coronation'",
         "facts.yaml:27:11"),
    case("unknown-reliability", line(17, "    reliability: Z"), CHECK, 1, "[schema]", "facts.yaml:17:18"),
    case("unknown-meta-key", line(1, "meta:\n  extra: 1"), BUILD, 1, "unknown key 'extra'", "facts.yaml:2:3"),
    case("unknown-section", plus("unknown_section: []\n"), BUILD, 1, "unknown key 'unknown_section'",
         "facts.yaml:33:1"),

    # duplicate ids --------------------------------------------------------------------------
    case("duplicate-participant-id", write(TWIN), BUILD, 1, "id 'alice' is already defined (first defined at line 20)",
         "facts.yaml:25:9"),
    case("duplicate-id-across-sections", replace("    country: FR\n", "    country: FR\n  - id: ev-1\n"
                                                 "    name: {en: Twin}\n    role: {en: Twin}\n    country: FR\n"),
         BUILD, 1, "id 'ev-1' is already defined (first defined at line 25)", "facts.yaml:30:9"),
    case("duplicate-source-id", replace("participants:\n", "  - id: src-1\n    publisher: Other\n    title: Other\n"
                                        '    published: "2020-01-01"\n    language: en\n    reliability: C\n'
                                        "    reliability_reason: {en: Other.}\nparticipants:\n"), CHECK, 1,
         "id 'src-1' is already defined (first defined at line 12)", "facts.yaml:19:9"),

    # the previous edition (read by build) ----------------------------------------------------
    case("previous-outside-folder", previous("../outside.yaml", write(SMALL, "../outside.yaml")), BUILD, 1,
         "meta.previous", "facts.yaml:6:13"),
    case("previous-absolute", previous("/etc/passwd"), BUILD, 1, "meta.previous", "facts.yaml:6:13"),
    case("previous-missing", previous("facts-0.yaml"), BUILD, 1, "does not exist", "facts.yaml:6:13"),
    # what the build cannot compare with is refused by check already (exit 1, before anything is built)
    case("previous-fifo", previous("facts-1.yaml", fifo("facts-1.yaml")), BUILD, 1,
         "the previous edition cannot be read: previous edition is not a regular file", "facts.yaml:6:13"),
    # a symlink is followed before the folder is checked: /dev/zero is outside it
    case("previous-dev-zero", previous("facts-1.yaml", symlink("/dev/zero", "facts-1.yaml")), BUILD, 1,
         "leads outside", "facts.yaml:6:13"),
    case("previous-directory", previous("facts-1.yaml", directory("facts-1.yaml")), BUILD, 1,
         "previous edition is a directory", "facts.yaml:6:13"),
    case("previous-70mb", previous("facts-1.yaml", sparse("facts-1.yaml")), BUILD, 1,
         "previous edition is larger than 64 MiB", "facts-1.yaml:1:1"),
    case("previous-fails-schema", previous("facts-1.yaml", write(edit(SMALL, 32, "    credibility: lots"),
                                                                 "facts-1.yaml")),
         BUILD, 1, "it cannot be compared", "facts-1.yaml:32:18"),
    case("previous-duplicate-id", previous("facts-1.yaml", write(TWIN, "facts-1.yaml")), BUILD, 1, "[duplicate-id]",
         "facts-1.yaml:25:9"),
    case("previous-yaml-tag", previous("facts-1.yaml", write(edit(SMALL, 4, "  desk: !!binary eA=="), "facts-1.yaml")),
         BUILD, 1, "explicit tag", "facts-1.yaml:4:9"),
    # reported at meta.previous, naming the previous file's own line and column
    case("previous-bidi-text", previous("facts-1.yaml", write(SMALL + OLD_EVENT, "facts-1.yaml")), BUILD, 1,
         "in the previous edition, facts-1.yaml:35:19: format character U+202E", "facts.yaml:6:13"),

    # unreadable inputs ----------------------------------------------------------------------
    case("check-directory", directory(), CHECK, 2, "this folder holds no *.yaml file"),  # a folder is a base of parts
    case("check-fifo", fifo(), CHECK, 2, "not a regular file"),
    case("check-dev-zero", symlink("/dev/zero"), CHECK, 2, "not a regular file"),
    case("check-missing", remove(), CHECK, 2, "fact base not found"),
    # check reports the size as a yaml-limits problem (exit 1, README: 2 is "could not run")
    case("check-70mb", sparse(), CHECK, 1, "[yaml-limits] fact base is larger than 64 MiB", "facts.yaml:1:1"),
    case("check-symlink-loop", symlink("facts.yaml"), CHECK, 2, "Too many levels of symbolic links"),
    case("check-dangling-symlink", symlink("nowhere.yaml"), CHECK, 2, "fact base not found"),
    case("build-directory", directory(), BUILD, 2, "this folder holds no *.yaml file"),  # a folder is a base of parts
    case("build-fifo", fifo(), BUILD, 2, "not a regular file"),
    case("build-dev-zero", symlink("/dev/zero"), BUILD, 2, "not a regular file"),
    case("build-missing", remove(), BUILD, 2, "fact base not found"),
    case("build-70mb", sparse(), BUILD, 2, "fact base is larger than 64 MiB", "facts.yaml:1:1"),
    case("export-fifo", fifo(), EXPORT, 2, "not a regular file", absent=("bundle.json",)),
    case("export-dev-zero", symlink("/dev/zero"), EXPORT, 2, "not a regular file", absent=("bundle.json",)),

    # diff: what it prints cannot lie, what it cannot trust it refuses -------------------------
    case("diff-newline-in-value", write(edit(SMALL, 21, '    name: {en: "Alice Martin\\n+ source src-fake"}'),
                                        "new.yaml"),
         DIFF, 0, "1 changed",
         lines=["facts.yaml → new.yaml: 0 added, 0 removed, 1 changed", "~ participant alice",
                r'    name.en: Alice Martin → "Alice Martin\n+ source src-fake"']),
    case("diff-escape-sequence-in-value", write(edit(SMALL, 21, '    name: {en: "Alice Martin\\r\\e[2K~ nothing"}'),
                                                "new.yaml"), DIFF, 0, "1 changed",
         lines=["facts.yaml → new.yaml: 0 added, 0 removed, 1 changed", "~ participant alice",
                r'    name.en: Alice Martin → "Alice Martin\r\x1b[2K~ nothing"']),
    case("diff-rlo-in-value", write(edit(SMALL, 21, "    name: {en: Alice\u202e Martin}"), "new.yaml"), DIFF, 0,
         "1 changed", lines=["facts.yaml → new.yaml: 0 added, 0 removed, 1 changed", "~ participant alice",
                             r'    name.en: Alice Martin → "Alice\u202e Martin"']),
    case("diff-duplicate-id-new", write(TWIN, "new.yaml"), DIFF, 1, "it cannot be compared", "new.yaml:25:9"),
    case("diff-duplicate-id-old", both(write(TWIN), write(SMALL, "new.yaml")), DIFF, 1, "[duplicate-id]",
         "facts.yaml:25:9"),
    case("diff-schema-side", write(edit(SMALL, 32, "    credibility: 9"), "new.yaml"), DIFF, 1, "[schema]",
         "new.yaml:32:18"),
    case("diff-tag-side", write(edit(SMALL, 4, "  desk: !!python/object:os.system x"), "new.yaml"), DIFF, 1,
         "explicit tag", "new.yaml:4:9"),
    case("diff-fifo-side", both(write(SMALL, "new.yaml"), fifo("new.yaml")), DIFF, 2, "not a regular file"),
    case("diff-dev-zero-side", symlink("/dev/zero", "new.yaml"), DIFF, 2, "not a regular file"),
    case("diff-70mb-side", sparse("new.yaml"), DIFF, 2, "larger than 64 MiB", "new.yaml:1:1"),
    case("diff-since-output-option", git_repo, ("diff", "--since=--output=written", "facts.yaml"), 2,
         "not a git revision", absent=("written",)),
    case("diff-since-short-option", git_repo, ("diff", "--since=-owritten", "facts.yaml"), 2, "not a git revision",
         absent=("written",)),
    case("diff-since-unknown-revision", git_repo, ("diff", "--since", "nope", "facts.yaml"), 2,
         "cannot read facts.yaml at revision nope"),
    case("diff-one-operand", lambda desk: None, ("diff", "facts.yaml"), 2, "give two files"),

    # configuration: exit 2 with briefing.toml:LINE:COL ----------------------------------------
    case("config-unknown-key", toml('facts = "facts.yaml"\nbogus = 1\n'), BUILD, 2, "unknown setting 'bogus'",
         "briefing.toml:2:1"),
    case("config-wrong-type-out", toml('facts = "facts.yaml"\nout = 3\n'), BUILD, 2, "out must be a path",
         "briefing.toml:2:1"),
    case("config-wrong-type-facts", toml("facts = 3\n"), CHECK, 2, "facts must be a list of paths", "briefing.toml:1:1"),
    case("config-wrong-type-marking", toml('marking = "SECRET"\n'), BUILD, 2, "marking must be a table",
         "briefing.toml:1:1"),
    case("config-templates-escape", toml('templates = ["../elsewhere"]\n'), BUILD, 2, "leads outside the desk's folder",
         "briefing.toml:1:1"),
    case("config-out-escape", toml('out = "../../tmp/x"\n'), BUILD, 2, "leads outside the desk's folder",
         "briefing.toml:1:1"),
    case("config-facts-absolute", toml('facts = "/etc/passwd"\n'), CHECK, 2, "leads outside the desk's folder",
         "briefing.toml:1:1"),
    case("config-missing-template-folder", toml('templates = ["templates"]\n'), BUILD, 2, "does not exist",
         "briefing.toml:1:1"),
    case("config-missing-stylesheet", toml('stylesheets = ["house.css"]\n'), BUILD, 2, "does not exist",
         "briefing.toml:1:1"),
    case("config-unknown-rule", toml('[rules]\nignore = ["no-such-rule"]\n'), CHECK, 2, "unknown rule id(s)",
         "briefing.toml:2:1"),
    case("config-bad-severity", toml('[rules]\nseverity = {unused-record = "fatal"}\n'), BUILD, 2,
         'must be "error" or "warning"', "briefing.toml:2:1"),
    case("config-rules-not-table", toml("rules = 1\n"), CHECK, 2, "rules must be a table", "briefing.toml:1:1"),
    case("config-bad-toml", toml('facts = "facts.yaml\n'), BUILD, 2, "not valid TOML", "briefing.toml:1:20"),
    case("config-nul", toml('facts = "facts.yaml"\x00\n'), CHECK, 2, "not valid TOML", "briefing.toml:1:21"),
    case("config-70mb", sparse("briefing.toml"), CHECK, 2, "configuration is larger than 64 MiB", "briefing.toml:1:1"),
    case("config-bad-utf8", toml(b'facts = "facts\xff.yaml"\n'), CHECK, 2, "UTF-8", "briefing.toml:1:15"),
    case("pyproject-unknown-key", write('[project]\nname = "x"\n\n[tool.briefing]\nbogus = 1\n', "pyproject.toml"),
         CHECK, 2, "unknown setting 'bogus'", "pyproject.toml:5:1"),

    # templates in the desk's folder: exit 1, the message names the template ----------------------
    case("template-syntax-error", template("<p>ok</p>\n<p>{% if %}</p>\n"), BUILD, 1, "template syntax error",
         "templates/brief.html.j2:2:1"),
    case("template-missing-include", template('<p>ok</p>\n{% include "nope.j2" %}\n'), BUILD, 1,
         "templates/brief.html.j2: error: template not found: 'nope.j2'"),
    case("template-include-dotdot", template('<p>{% include "../../../etc/passwd" %}</p>\n'), BUILD, 1,
         "templates/brief.html.j2: error: template not found"),
    case("template-symlink-outside", template_link("/etc/passwd"), BUILD, 1, "leads outside templates/"),
    case("stylesheet-symlink-outside", template_link("/etc/hostname", "brief.css"), BUILD, 1,
         "templates/brief.css: error: refused to read 'brief.css': it leads outside templates/"),
    case("template-undefined", template("<p>{{ facts.nope.deeper }}</p>\n"), BUILD, 1,
         "templates/brief.html.j2: error: template error"),
    case("template-division-by-zero", template("<p>ok</p>\n<p>{{ 1 / 0 }}</p>\n"), BUILD, 1, "templates/brief.html.j2"),
    case("template-extends-itself", template('{% extends "brief.html.j2" %}\n'), BUILD, 1, "templates/brief.html.j2"),
    case("template-bad-utf8", template(b"<p>\xff</p>\n"), BUILD, 1, "templates/brief.html.j2"),

    # export and verify on bad inputs ------------------------------------------------------------
    case("export-schema-error", line(32, "    credibility: 9"), EXPORT, 1, "nothing was built", "facts.yaml:32:18",
         absent=("bundle.json",)),
    case("export-dangling-reference", line(31, "    sources: [nope]"), EXPORT, 1, "which is not defined",
         "facts.yaml:31:15", absent=("bundle.json",)),
    case("export-yaml-tag", line(4, "  desk: !!python/object:os.system x"), EXPORT, 1, "explicit tag", "facts.yaml:4:9",
         absent=("bundle.json",)),
    case("export-bidi", name("\u202e"), EXPORT, 1, "U+202E", "facts.yaml:21:21", absent=("bundle.json",)),
    case("export-to-stdout-broken", line(32, "    credibility: 9"), ("export", "facts.yaml"), 1, "nothing was built",
         "facts.yaml:32:18"),
    case("export-missing", remove(), EXPORT, 2, "fact base not found", absent=("bundle.json",)),
    case("export-bad-format", lambda desk: None, (*EXPORT, "--format", "csv"), 2, "invalid choice: 'csv'",
         absent=("bundle.json",)),
    case("verify-yaml-not-pdf", lambda desk: None, ("verify", "facts.yaml"), 2, "not a readable PDF"),
    case("verify-fake-pdf", write(b"%PDF-1.7\n garbage\n", "brief.pdf"), ("verify", "brief.pdf"), 2,
         "not a readable PDF"),
    case("verify-empty", write(b"", "brief.pdf"), ("verify", "brief.pdf"), 2, "not a readable PDF"),
    case("verify-missing", lambda desk: None, ("verify", "brief.pdf"), 2, "no such file"),
    case("verify-html", lambda desk: None, ("verify", "out/brief.en.html"), 2, "not a readable PDF"),
    # a hang fails by the time limit, kept short here so that the known hangs stay cheap
    case("verify-dev-zero", symlink("/dev/zero", "brief.pdf"), ("verify", "brief.pdf"), 2, "not a regular file",
         timeout=10),
    case("verify-fifo", fifo("brief.pdf"), ("verify", "brief.pdf"), 2, "not a regular file", timeout=10),

    # bad options ------------------------------------------------------------------------------
    case("build-unknown-locale", lambda desk: None, (*BUILD, "--locale", "xx"), 2, "not configured in meta.locales"),
    case("build-locale-path", lambda desk: None, (*BUILD, "--locale", "../../etc/passwd"), 2,
         "not configured in meta.locales"),
    case("build-jobs-not-a-number", lambda desk: None, (*BUILD, "--jobs", "many"), 2, "is not a number of processes"),
    case("build-jobs-negative", lambda desk: None, (*BUILD, "--jobs", "-3"), 2, "--jobs"),
    case("build-out-is-a-file", lambda desk: None, ("build", "--facts", "facts.yaml", "--out", "facts.yaml",
                                                    "--format", "html"), 2, "cannot write outputs"),
    case("check-unknown-rule", lambda desk: None, ("check", "--select", "nope", "facts.yaml"), 2, "unknown rule id"),
    case("check-bad-format", lambda desk: None, ("check", "--format", "xml", "facts.yaml"), 2, "invalid choice"),
]


# --- running a row ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def good_build(tmp_path_factory) -> Path:
    """The small fact base built once (HTML): each row starts from a copy of its ``out/``."""
    folder = tmp_path_factory.mktemp("good")
    (folder / "facts.yaml").write_text(SMALL, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", *BUILD, "--quiet"], cwd=folder, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (folder / "out" / "brief.en.html").is_file()
    return folder / "out"


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (dotfiles included) by relative path."""
    found = {}
    for top, _, files in os.walk(folder):
        for file in files:
            path = Path(top, file)
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def listing(desk: Path) -> set[str]:
    """Every name in the desk (not followed through symlinks, not read), but git's own folder and
    the parse cache (kept on purpose, ignored by git, safe to delete: briefing.cache)."""
    names = set()
    for top, folders, files in os.walk(desk):
        folders[:] = [f for f in folders if f not in (".git", ".briefing-cache")]
        names.update(str(Path(top, name).relative_to(desk)) for name in folders + files)
    return names


def test_the_table_covers_enough_cases():
    assert len(CASES) >= 110
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("make, command, code, message, at, lines, absent, timeout", CASES)
def test_hostile_input(tmp_path, good_build, make, command, code, message, at, lines, absent, timeout):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "facts.yaml").write_text(SMALL, encoding="utf-8")
    shutil.copytree(good_build, desk / "out", symlinks=True)
    make(desk)
    before, names = contents(desk / "out"), listing(desk)

    result = subprocess.run([sys.executable, "-m", "briefing", *command], cwd=desk, capture_output=True,
                            timeout=timeout)  # a hang fails here
    out = result.stdout.decode("utf-8", "backslashreplace")
    err = result.stderr.decode("utf-8", "backslashreplace")
    both_streams = out + err

    assert "Traceback" not in both_streams and "internal error" not in both_streams, both_streams
    assert result.returncode == code, both_streams
    assert message in both_streams, both_streams
    if at is not None:
        pattern = at if isinstance(at, re.Pattern) else re.compile(rf"(?m)^(?:\S*/)?{re.escape(at)}: ")
        assert pattern.search(both_streams), f"no {pattern.pattern} in:\n{both_streams}"
    if lines is not None:
        assert out.splitlines() == lines
    assert contents(desk / "out") == before  # byte-identical, nothing added or left over
    for name in absent:
        assert not (desk / name).exists() and not (tmp_path / name).exists()
    assert listing(desk) - names == set(), "files left behind"
