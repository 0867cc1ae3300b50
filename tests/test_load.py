"""The loader: strict YAML, positions of every value, clear refusals."""

from __future__ import annotations

import pytest

from briefing.errors import LoadError, Position
from briefing.load import load_bytes, load_text


def test_positions_of_values_and_keys_are_recorded():
    doc = load_text("a:\n  - x: 1\n    y: [2, 3]\n", "f.yaml")
    assert doc.position(("a", 0, "y", 1)) == Position(3, 12)
    assert doc.key_position(("a", 0, "y")) == Position(3, 5)
    assert doc.data == {"a": [{"x": 1, "y": [2, 3]}]}


@pytest.mark.parametrize("text, expected", [
    ("v: no", "no"),             # YAML 1.1 would give False
    ("v: on", "on"),
    ("v: 1:30", "1:30"),         # YAML 1.1 would give 90
    ("v: 2023-09-13", "2023-09-13"),  # not a date object
    ("v: true", True),
    ("v: 017", 17),
    ("v: 1.5", 1.5),
    ("v: ~", None),
    ("v: '5'", "5"),
])
def test_plain_scalars_resolve_yaml_1_2_style(text, expected):
    assert load_text(text, "f.yaml").data["v"] == expected


def test_duplicate_key_is_refused_with_both_lines():
    with pytest.raises(LoadError) as info:
        load_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert info.value.position == Position(3, 1)
    assert "first defined at line 1" in info.value.message


@pytest.mark.parametrize("text, line, column, words", [
    ("a: !!python/object:os.system x\n", 1, 4, "tag"),
    ("a: &x [1]\nb: *x\n", 1, 4, "anchors"),  # refused where the anchor is set
    ("a: x\nb: *x\n", 2, 4, "aliases"),
    ("c:\n  <<: {k: 1}\n", 2, 3, "merge"),
    ("a: [1, 2\n", 2, 1, "syntax"),
    ("meta:\n\ttitle: x\n", 2, 1, "a tab character"),  # libyaml alone does not say "tab"
])
def test_unsafe_or_broken_yaml_is_refused_with_position(text, line, column, words):
    with pytest.raises(LoadError) as info:
        load_text(text, "f.yaml")
    assert info.value.position == Position(line, column)
    assert words in info.value.message


def test_invalid_utf8_names_the_byte_offset():
    with pytest.raises(LoadError) as info:
        load_bytes(b"a: ok\nb: caf\xe9\n", "f.yaml")
    assert "byte offset 12" in info.value.message
    assert info.value.position == Position(2, 7)


def test_byte_order_mark_is_tolerated():
    assert load_bytes(b"\xef\xbb\xbfa: 1\n", "f.yaml").data == {"a": 1}


def test_empty_file_is_a_clear_error():
    with pytest.raises(LoadError, match="empty"):
        load_text("", "f.yaml")
