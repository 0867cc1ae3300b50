"""The shipped fact base: clean, and its sources' disagreements visible as marked conflicts."""

from __future__ import annotations

import pytest

from briefing.check import run_file
from conftest import FACTS


@pytest.fixture(scope="module")
def shipped():
    problems, facts = run_file(FACTS)
    return problems, facts


def test_shipped_fact_base_is_clean(shipped):
    problems, facts = shipped
    assert [p.format() for p in problems] == []
    assert facts is not None


# The disagreements a reader of the five articles finds (written from the sources):
# 000 and 004 give talks of "plus de cinq heures", 002 "plus de deux heures";
# 001 has Putin give "un gant de scaphandre", 004 "une paire de gants";
# 000 (KCNA) places Kim's invitation after the banquet, 004 during the bilateral talks.
@pytest.mark.parametrize("versions", [
    {("hour", 5.0, "more-than"), ("hour", 2.0, "more-than")},
])
def test_talk_length_disagreement_is_a_marked_conflict(shipped, versions):
    _, facts = shipped
    index = facts.index()
    found = []
    for conflict in facts.conflicts:
        claims = [index[c] for c in conflict.claims]
        if all(type(c).__name__ == "Duration" for c in claims):
            found.append({(c.unit, c.value, c.qualifier) for c in claims})
    assert versions in found


def test_every_disagreement_between_the_sources_is_marked(shipped):
    _, facts = shipped
    index = facts.index()
    by_sources = []
    for conflict in facts.conflicts:
        cited = [set(index[c].sources) for c in conflict.claims]
        by_sources.append((conflict.status, cited))
    src = {"000": "src-vietnamvn", "001": "src-sputnik-afrique", "002": "src-lome-presstv", "004": "src-afp-relay"}
    wanted = [
        [{src["000"], src["004"]}, {src["002"]}],     # talk length
        [{src["001"]}, {src["004"]}],                 # one glove or a pair
        [{src["000"]}, {src["004"]}],                 # when the invitation was made
    ]
    for versions in wanted:
        assert any(cited == versions for _, cited in by_sources), versions
    assert all(status in ("disputed", "resolved") for status, _ in by_sources)


# Values the model accepts loosely elsewhere, or that overflow Python's conversions: the
# checker answers with a problem at the value, never an internal error.
@pytest.mark.parametrize("old, new, rule", [
    ('    published: "2024-06-19"', '    published: "20240619"', "schema"),           # a compact ISO date
    ('    published: "2024-06-19"', '    published: "2024-W25-3"', "schema"),         # an ISO week date
    ("    nth_in_years: {n: 2, years: 4}", "    nth_in_years: {n: 2, years: 5000}", "schema"),
    ('    url: "https://en.wikipedia.org/wiki/Pyongyang"', '    url: "http://[abc/x"', "url-scheme"),
    ("  edition: 1", "  edition: " + "9" * 5000, "schema"),
])
def test_odd_values_are_problems_not_crashes(tmp_path, old, new, rule):
    text = FACTS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "facts.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems, _ = run_file(path)
    assert rule in {p.rule for p in problems if p.severity == "error"}
    assert all(len(p.message) < 400 for p in problems)
