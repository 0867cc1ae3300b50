"""The quick rejects of the text rules (one scan of a file's text, or of all texts at once)
let through every base the rules report on: cases that reach the edge of each shortcut.

The base is tests/data/harbour.yaml, as in test_rules.py: it holds no backslash and no curly
quotation mark, so a variant without them goes through the quick reject first. Positions were
counted by hand: "    name: {en: " is 15 characters, so a value on line 30 starts at column 16.
"""

from __future__ import annotations

from briefing.check import characters, run_file
from tests.rules.test_rules import BASE, found, variant


def _lines(replace: dict[int, str]) -> list[str]:
    return variant(replace).splitlines(keepends=True)


def test_a_file_with_crlf_line_ends_is_clean_and_its_characters_are_found(tmp_path):
    # a CR ends each line (a line break, never a CR in a value): not a reason to look further
    clean = variant().replace("\n", "\r\n")
    assert found(tmp_path, clean, "invisible-character")[0] == []
    dirty = variant({30: "    name: {en: Alice\u200bMartin}"}).replace("\n", "\r\n")
    assert found(tmp_path, dirty, "invisible-character")[0] == [(30, 21)]


def test_a_byte_order_mark_is_not_a_character_of_a_value(tmp_path):
    assert found(tmp_path, "\ufeff" + variant(), "invisible-character")[0] == []


def test_a_joiner_at_the_edge_of_a_value_is_found_though_a_letter_follows_it(tmp_path):
    # in the file the joiner stands between a quote and a Cyrillic letter; in the value it is
    # the first character, joining nothing (column 17: just after the opening quote)
    text = variant({30: '    name: {en: "\u200dАлиса"}'})
    assert found(tmp_path, text, "invisible-character")[0] == [(30, 17)]


def test_a_character_made_by_an_escape_is_found_in_a_file_without_it(tmp_path):
    # the file holds only ASCII: the zero-width space exists only in the value (reported at the
    # value, column 16, as the text is not on the line as written)
    text = variant({30: '    name: {en: "Alice\\u200bMartin"}'})
    assert found(tmp_path, text, "invisible-character")[0] == [(30, 16)]


def test_a_character_in_one_part_of_a_folder_is_found_in_that_part(tmp_path):
    lines = _lines({30: "    name: {en: Alice\u200bMartin}"})
    root = tmp_path / "facts"
    root.mkdir()
    (root / "a.yaml").write_text("".join(lines[:27]), encoding="utf-8")  # meta and sources
    (root / "b.yaml").write_text("".join(lines[27:]), encoding="utf-8")  # participants (line 28) on
    problems, _ = run_file(root)
    assert [(p.file, p.line, p.column) for p in problems if p.rule == "invisible-character"] == \
        [(str(root / "b.yaml"), 3, 21)]


def test_ascii_controls_and_a_cr_are_judged_in_a_value():
    # the one scan that passes a plain text must not pass these
    assert list(characters.find("a\rb\x7fc\x85")) == [(1, "\r", "control"), (3, "\x7f", "control"),
                                                        (5, "\x85", "control")]
    assert list(characters.find("tab\tand\nline feed, é, ж, 한")) == []


def test_a_word_mixing_greek_and_cyrillic_is_found(tmp_path):
    # "κарта": a Greek kappa, then Cyrillic letters ("An old " ends at column 22)
    assert found(tmp_path, variant({76: "    item: {en: An old κарта}"}), "mixed-script")[0] == [(76, 23)]


def test_words_of_three_scripts_apart_are_not_mixed(tmp_path):
    assert found(tmp_path, variant({76: "    item: {en: A карта, a χάρτης}"}), "mixed-script")[0] == []


def test_a_letter_beyond_the_basic_plane_is_judged_by_its_script(tmp_path):
    # U+1DF00 is a Latin letter (Latin Extended-G): with a Cyrillic letter it mixes scripts, with
    # Latin letters it does not
    mixed = variant({76: "    item: {en: An old к\U0001df00}"})
    assert found(tmp_path, mixed, "mixed-script")[0] == [(76, 23)]
    latin = variant({76: "    item: {en: An old a\U0001df00}"})
    assert found(tmp_path, latin, "mixed-script")[0] == []


def test_an_odd_straight_quote_is_found_in_a_base_without_curly_ones(tmp_path):
    # single-quoted: the double quote is a character of the value (column 16: the opening quote)
    odd = variant({101: "    text: {en: 'Bob welcomes \"the envoy.'}"})
    assert found(tmp_path, odd, "unbalanced-quotes")[0] == [(101, 16)]
    paired = variant({101: "    text: {en: 'Bob welcomes \"the envoy\".'}"})
    assert found(tmp_path, paired, "unbalanced-quotes")[0] == []


def test_a_curly_quote_elsewhere_does_not_hide_an_odd_straight_one(tmp_path):
    text = variant({101: "    text: {en: 'Bob welcomes \"the envoy.'}", 76: "    item: {en: « An old map »}"})
    assert found(tmp_path, text, "unbalanced-quotes")[0] == [(101, 16)]


def test_the_base_holds_no_backslash_nor_curly_quote():
    # what makes the cases above go through the quick rejects first
    assert "\\" not in BASE and not any(mark in BASE for mark in "«»“”„")
