"""The loader's two ways (briefing.yamlread): the values alone first, positions only when asked.

What the fast way accepts, the way with positions accepts with the same values; what it gives
up on, the other refuses or reports with a position. Positions found later, on demand, are the
ones a parse with positions gives at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from briefing import yamlread
from briefing.errors import LoadError, Position
from briefing.load import _with_positions, load_text

ROOT = Path(__file__).resolve().parent.parent
BASES = [ROOT / "facts.yaml", ROOT / "tests" / "data" / "harbour.yaml", *sorted(ROOT.glob("examples/*/facts.yaml"))]


@pytest.mark.parametrize("path", BASES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_base_gives_the_same_values_both_ways(path):
    text = path.read_text(encoding="utf-8")
    exact = _with_positions(text, path.name)
    try:
        fast = yamlread.values(text)
    except yamlread.GaveUp:  # a base with a YAML 1.1 reading to report: the exact way is the one used
        assert exact.yaml11, "the fast way gave up on a base the exact way finds nothing to report in"
        return
    assert fast == exact.data
    assert not exact.yaml11


def test_positions_are_found_on_demand_and_match_a_parse_with_positions():
    text = (ROOT / "facts.yaml").read_text(encoding="utf-8")
    lazy = load_text(text, "facts.yaml")
    assert lazy._tables is None  # nothing asked yet: no position made
    exact = _with_positions(text, "facts.yaml")
    assert lazy.strings == exact.strings  # derived from the values, in document order
    assert lazy._tables is None  # the strings need no position either
    assert lazy.position(("sources", 2, "id")) == exact.position(("sources", 2, "id"))
    assert lazy.positions == exact.positions
    assert lazy.key_positions == exact.key_positions
    assert lazy.ends == exact.ends


def test_a_hand_placed_value_is_found_where_it_was_written():
    doc = load_text("meta:\n  title: x\nitems:\n  - a: 1\n    b: 'yes'\n", "f.yaml")
    assert doc.position(("items", 0, "b")) == Position(5, 8)
    assert doc.key_position(("items", 0, "b")) == Position(5, 5)
    assert doc.end(("items", 0, "b")) == Position(5, 13)


@pytest.mark.parametrize("text, why", [
    ("a: !!str 1\n", "tag"),
    ("a: &x 1\n", "anchor"),
    ("a: [1]\nb: *x\n", "alias"),
    ("a:\n  <<: {b: 1}\n", "merge key"),
    ("a: 1\na: 2\n", "duplicate key"),
    ("? [a]\n: 1\n", "key that is not a scalar"),
    ("a: 1\n---\nb: 2\n", "second document"),
    ("", "empty"),
    ("a: yes\n", "YAML 1.1 reading"),
    ("a: [1\n", "syntax error"),
    ("[" * 70 + "]" * 70 + "\n", "too deep"),
])
def test_the_fast_way_gives_up_on_what_the_other_refuses_or_reports(text, why):
    with pytest.raises(yamlread.GaveUp):
        yamlread.values(text)


def test_a_yaml_1_1_reading_still_reaches_its_rule_with_a_position():
    doc = load_text("a: 1\nb: no\n", "f.yaml")
    assert doc.yaml11 == {("b",): ("no", "boolean")}
    assert doc.position(("b",)) == Position(2, 4)


def test_a_refusal_found_by_the_fast_way_is_reported_by_the_other_with_its_position():
    with pytest.raises(LoadError) as info:
        load_text("a: 1\nb:\n  c: &x 2\n", "f.yaml")
    assert info.value.position == Position(3, 6)
    assert "anchors" in info.value.message


# Values that read differently plain and quoted, or in YAML 1.1 and 1.2.
_TRICKY = st.sampled_from(["no", "yes", "on", "1:30", "2023-09-13", "017", "0x1F", ".inf", "1_000", "~", "null",
                           "true", "<<", "-", "a: b", "#x", "", " lead", "tab\there", "é", "日本", "1e3", "+1",
                           "12.", ".5", "- x", "? y", "'q'", '"d"', "&a", "*b", "!t", "%p", "@", "`"])
_SCALARS = st.one_of(_TRICKY, st.text(max_size=12), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                     st.booleans(), st.none())
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(_TRICKY, st.text(max_size=8)), inner, max_size=4)),
    max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(value=_VALUES, flow=st.sampled_from([None, True, False]), style=st.sampled_from([None, '"', "'", "|", ">"]))
def test_any_dumped_document_gives_the_same_values_both_ways(value, flow, style):
    text = yaml.safe_dump(value, default_flow_style=flow, default_style=style, allow_unicode=True)
    _same_both_ways(text)


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab: -'\"\n#[]{},&*!|>?~01.\t")), max_size=40))
def test_any_text_gives_the_same_values_or_a_refusal_both_ways(text):
    _same_both_ways(text)


def _same_both_ways(text: str) -> None:
    try:
        exact = _with_positions(text, "f.yaml")
    except LoadError:
        with pytest.raises(yamlread.GaveUp):
            yamlread.values(text)
        return
    try:
        fast = yamlread.values(text)
    except yamlread.GaveUp:
        assert exact.yaml11, f"gave up on {text!r}, which loads with nothing to report"
        return
    assert fast == exact.data and repr(fast) == repr(exact.data)  # repr: 1 and 1.0 and True differ
    assert not exact.yaml11
