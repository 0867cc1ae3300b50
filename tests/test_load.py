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
    ("a: [1, 2\n", 1, 4, "the list opened with '[' at line 1, column 4 is not closed"),
    ("meta:\n\ttitle: x\n", 2, 1, "a tab character"),  # libyaml alone does not say "tab"
    ("a: [1, , 2]\n", 1, 8, "node content"),  # a closed list with a stray comma: where the parser stopped
])
def test_unsafe_or_broken_yaml_is_refused_with_position(text, line, column, words):
    with pytest.raises(LoadError) as info:
        load_text(text, "f.yaml")
    assert info.value.position == Position(line, column)
    assert words in info.value.message


@pytest.mark.parametrize("text, line, column, message", [
    # the closing brace forgotten: placed at the "{" (column 9), and naming where the parser
    # stopped, the next key (line 3, column 3)
    ('meta:\n  name: {en: "x"\n  b: 1\n', 2, 9,
     "YAML syntax error: the mapping opened with '{' at line 2, column 9 is not closed (or lacks a ','): "
     "a ',' or '}' was expected at line 3, column 3"),
    # the same at the end of the file, two blank lines later
    ("a: {x: 1\n\n\n", 1, 4, "YAML syntax error: the mapping opened with '{' at line 1, column 4 is not closed "
                           "(or lacks a ','): a ',' or '}' was expected at line 4, column 1"),
    # a list inside a mapping, closed by the wrong bracket: the list is the one left open
    ("a: {x: 1, y: [1}\n", 1, 14, "YAML syntax error: the list opened with '[' at line 1, column 14 is not "
                                  "closed (or lacks a ','): a ',' or ']' was expected at line 1, column 16"),
    # the file ends right after the "[" or a ",": the parser names no bracket, the innermost open one is found
    ("meta: [\n", 1, 7, "YAML syntax error: the list opened with '[' at line 1, column 7 is not closed: "
                       "the file ends at line 2, column 1 before its ']'"),
    ("a: {x: [1,\n\n", 1, 8, "YAML syntax error: the list opened with '[' at line 1, column 8 is not closed: "
                            "the file ends at line 3, column 1 before its ']'"),
    # a quotation left open runs to the end of the file: placed at its opening mark
    ('meta:\n  title: {en: "Harbour talks}\n  desk: X\n', 2, 15,
     "YAML syntax error: the quoted text opened at line 2, column 15 is not closed: the file ends at line 4, "
     "column 1 before its closing quotation mark"),
    ("a: 'it''s\nb: 1\n", 1, 4, "YAML syntax error: the quoted text opened at line 1, column 4 is not closed: "
                                 "the file ends at line 3, column 1 before its closing quotation mark"),
    # lines broken by CR alone are one line for editors: both places are given in their count
    ("a: {x: 1\r\rb: 2\n", 1, 4, "YAML syntax error: the mapping opened with '{' at line 1, column 4 is not "
                                "closed (or lacks a ','): a ',' or '}' was expected at line 1, column 12"),
])
def test_an_unclosed_bracket_or_quotation_is_placed_where_it_opened(text, line, column, message):
    with pytest.raises(LoadError) as info:
        load_text(text, "f.yaml")
    assert (info.value.position, info.value.message) == (Position(line, column), message)


@pytest.mark.parametrize("text, line, column, message", [
    # the publisher's closing quote forgotten: its text runs on to the title's opening quote,
    # and the parser fails on the title's words (line 4, column 13); the message names line 3
    ('s:\n  - id: a\n    publisher: "Radio Nordland\n    title: "Hospitals hit"\n', 4, 13,
     "YAML syntax error: did not find expected key (is the quotation opened at line 3, column 16 closed?)"),
    # single quotes: a doubled quote is part of the text, so line 3 is the one left open
    ("s:\n  - id: 'it''s'\n    title: 'Nordland: hospitals\n    url: 'x'\n", 4, 11,
     "YAML syntax error: did not find expected key (is the quotation opened at line 3, column 12 closed?)"),
    # an escaped double quote does not close the text: line 1 is left open
    ('a: "say \\"hi\nb: "c"\n', 2, 5,
     "YAML syntax error: did not find expected key (is the quotation opened at line 1, column 4 closed?)"),
    # closed texts, escapes and all: no guess is offered
    ('a: "say \\"hi\\""\nb: c: d\n', 2, 5, "YAML syntax error: mapping values are not allowed in this context"),
])
def test_a_quotation_left_open_earlier_is_named_in_the_message(text, line, column, message):
    with pytest.raises(LoadError) as info:
        load_text(text, "f.yaml")
    assert (info.value.position, info.value.message) == (Position(line, column), message)


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
