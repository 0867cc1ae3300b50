"""The first checker rules: each reports the exact rule, line and column, and stays silent on good input."""

from __future__ import annotations

import pytest

from briefing import check
from briefing.load import load_text
from conftest import FACTS, SMALL, edit


def problems(text: str):
    found, _ = check.run(load_text(text, "facts.yaml"))
    return [(p.rule, p.line, p.column) for p in found]


def test_small_fact_base_is_clean():
    assert problems(SMALL) == []


def test_shipped_fact_base_is_clean():
    from briefing.load import load_file

    found, facts = check.run(load_file(FACTS))
    assert [p.format() for p in found] == []
    assert facts is not None


def test_dangling_reference_is_an_error_at_the_reference():
    text = edit(SMALL, 29, "    participants: [bob]")
    assert problems(text) == [("unknown-reference", 29, 20)]


def test_reference_to_a_record_of_the_wrong_kind():
    text = edit(SMALL, 29, "    participants: [src-1]")
    found, _ = check.run(load_text(text, "facts.yaml"))
    assert [(p.rule, p.line, p.column) for p in found] == [("unknown-reference", 29, 20)]
    assert "not a participant" in found[0].message


def test_claim_with_empty_sources_is_unsourced():
    text = edit(SMALL, 30, "    sources: []")
    assert problems(text) == [("unsourced-claim", 30, 5)]


def test_claim_without_sources_key_is_unsourced_at_its_id():
    text = edit(SMALL, 30, "    status: occurred")
    assert problems(text) == [("unsourced-claim", 25, 5)]


def test_duplicate_id_names_the_first_definition():
    text = edit(SMALL, 20, "  - id: src-1")
    found, _ = check.run(load_text(text, "facts.yaml"))
    dupes = [p for p in found if p.rule == "duplicate-id"]
    assert [(p.line, p.column) for p in dupes] == [(20, 9)]
    assert "first defined at line 12" in dupes[0].message


def test_unknown_key_suggests_the_right_one():
    text = edit(SMALL, 31, "    credibilty: 2")
    found, _ = check.run(load_text(text, "facts.yaml"))
    keyed = [(p.rule, p.line, p.column) for p in found]
    assert ("schema", 31, 5) in keyed
    message = next(p.message for p in found if p.line == 31)
    assert "did you mean 'credibility'" in message


def test_wrong_type_is_a_schema_error_at_the_value():
    text = edit(SMALL, 31, "    credibility: high")
    assert problems(text) == [("schema", 31, 18)]


def test_missing_locale_text():
    text = edit(SMALL, 7, "  locales: [en, fr]")
    assert ("missing-locale", 2, 10) in problems(text)


@pytest.mark.parametrize("line, new", [
    (28, '    date: "2020-02-30"'),   # not a real day
    (17, "    reliability: G"),        # not an Admiralty grade
])
def test_invalid_values_are_schema_errors(line, new):
    assert [rule for rule, l, _ in problems(edit(SMALL, line, new))] == ["schema"]
