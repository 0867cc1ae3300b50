"""The checker never crashes: whatever the file holds, it reports problems or one clear message.

A few examples run in `make test`; `make fuzz` runs many more (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import contextlib
import io
import os

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from briefing.cli import main
from conftest import FACTS

settings.register_profile("default", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SHIPPED = FACTS.read_text(encoding="utf-8")
DATA = yaml.safe_load(SHIPPED)
LINES = SHIPPED.splitlines(keepends=True)


def run_check(tmp_path, content: bytes) -> tuple[int, str]:
    facts = tmp_path / "facts.yaml"
    facts.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(facts)])
    return code, out.getvalue() + err.getvalue()


def assert_handled(code: int, output: str) -> None:
    assert code in (0, 1, 2)
    assert "internal error" not in output and "Traceback" not in output, output[-2000:]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


PATHS = [p for p in _paths(DATA) if p]
# Values near the edges of what a field's type allows: they slip past a loose validator and
# reach the rules (huge and negative numbers, ISO spellings other than the usual, odd URLs).
EDGE = st.one_of(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from([
    10**400, -1, 0, "20230914", "2023-W37-4", "2023-09-14 09:13+02:00", "2023-02-29", "9999-12-31",
    "0001-01-01", "2023-09-14T25:99", "http://[abc/x", "javascript:alert(1)", "//example.org", " https://x",
    "\u200b", "«", "\U0010ffff"]))
JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
                 EDGE, EDGE, EDGE)


def _set(data, path, value, delete=False):
    target = data
    for part in path[:-1]:
        target = target[part]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value


@given(st.lists(st.tuples(st.sampled_from(PATHS), st.booleans(), JUNK), min_size=1, max_size=4))
def test_structural_mutations_never_crash(tmp_path_factory, edits):
    import copy

    data = copy.deepcopy(DATA)
    for path, delete, value in edits:
        try:
            _set(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue
    content = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    assert_handled(*run_check(tmp_path_factory.mktemp("f"), content))


@given(st.integers(0, len(SHIPPED.encode())), st.binary(max_size=8))
def test_truncation_and_junk_bytes_never_crash(tmp_path_factory, cut, junk):
    content = SHIPPED.encode("utf-8")[:cut] + junk
    assert_handled(*run_check(tmp_path_factory.mktemp("f"), content))


@given(st.integers(0, len(LINES) - 1), st.sampled_from(["dup", "unicode", "markup", "drop"]), st.text(max_size=12))
def test_line_edits_never_crash(tmp_path_factory, index, how, text):
    lines = list(LINES)
    if how == "dup":
        lines.insert(index, lines[index])
    elif how == "unicode":
        lines[index] = lines[index].rstrip("\n") + text + "\n"
    elif how == "markup":
        lines[index] = lines[index].replace(": ", ': "<script>{{ 7*7 }}</script>" #', 1)
    else:
        del lines[index]
    assert_handled(*run_check(tmp_path_factory.mktemp("f"), "".join(lines).encode("utf-8", "surrogatepass")))


@given(st.integers(0, len(LINES) - 1), st.sampled_from(["dup", "unicode", "markup", "drop"]), st.text(max_size=12))
@settings(max_examples=int(os.environ.get("FUZZ_BUILDS", "8")))
def test_builds_of_mutated_fact_bases_are_complete_or_change_nothing(tmp_path_factory, index, how, text):
    lines = list(LINES)
    if how == "dup":
        lines.insert(index, lines[index])
    elif how == "unicode":
        lines[index] = lines[index].rstrip("\n") + text + "\n"
    elif how == "markup":
        lines[index] = lines[index].replace(": ", ': "<b>{{ 7*7 }}</b>" #', 1)
    else:
        del lines[index]
    folder = tmp_path_factory.mktemp("b")
    facts, out = folder / "facts.yaml", folder / "out"
    facts.write_bytes("".join(lines).encode("utf-8", "surrogatepass"))
    out.mkdir()
    before = {"brief.fr.html": b"old fr", "brief.en.html": b"old en"}
    for name, content in before.items():
        (out / name).write_bytes(content)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["build", "--facts", str(facts), "--out", str(out), "--format", "html"])
    assert_handled(code, stdout.getvalue() + stderr.getvalue())
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    if code == 0:
        assert set(before) <= set(after) and all(after[n] != before[n] for n in before)
        assert not [n for n in after if n.endswith((".tmp", ".bak"))]  # no temporary file left
    else:
        assert after == before
