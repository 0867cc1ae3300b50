"""invisible-character: a control, format, bidirectional, tag, filler, private-use or unassigned character in a text.

What it does
    Reports, at its own position, every character of a value that a fact base may not
    carry (one definition, :mod:`briefing.check.characters`): control characters other
    than tab and line feed; format characters such as zero-width spaces, the Arabic letter
    mark, bidirectional marks, embeddings, overrides and isolates, byte-order marks and tag
    characters (U+E0000–E007F); line and paragraph separators; Hangul and other fillers;
    noncharacters (U+FDD0–FDEF, U+xFFFE, U+xFFFF), surrogates and unassigned code points;
    and private-use characters. The zero-width joiner and non-joiner are allowed between
    two non-ASCII letters or symbols, where Persian, Indic scripts and emoji need them.

Why is this bad?
    They are invisible in an editor but change what a text means to a machine: two names
    that look equal differ, a search misses a name, a bidirectional override reorders
    what a reader sees in the brief. Private-use characters show only with the font
    that defines them: excuse one with an exception to this rule when the desk's font
    draws it.

Example
    ```yaml
    name: {en: "Rosa Ferr\u200beira"}    # a zero-width space inside the name
    ```

Use instead
    ```yaml
    name: {en: "Rosa Ferreira"}
    ```
"""

from __future__ import annotations

import re
from typing import Iterator

from briefing.check import characters, written
from briefing.check.problem import Finding
from briefing.errors import Position

ID = "invisible-character"
SEVERITY = "error"
SUMMARY = "a text contains a control, format, bidirectional, filler, private-use or unassigned character"
STAGE = "document"

MAX_PER_TEXT = 20
"""Characters reported in one text; the rest are counted in the last message."""


def check_document(document) -> Iterator[Finding]:
    if _clean(document):
        return
    split: dict[str, list[str]] = {}  # each file split once, and only when something is found in it
    for path, text in document.strings:
        found = characters.find(text)
        for count, (offset, char, kind) in enumerate(found, start=1):
            advice = ("excuse it with an exception to this rule if the desk's font draws it, or delete it"
                      if kind == "private use" else "delete it")
            if count == MAX_PER_TEXT:
                rest = sum(1 for _ in found)
                advice += f" ({rest} more in this text)" if rest else ""
            lines = split.get(document.file_of(path))
            if lines is None:
                lines = split[document.file_of(path)] = document.text_of(path).splitlines()
            yield Finding(path, f"{kind} character {characters.describe(char)} at offset {offset} of this "
                                f"text: {advice}", position=_position(document, lines, path, text, offset))
            if count == MAX_PER_TEXT:
                break


def _clean(document) -> bool:
    """No file of ``document`` holds a character to report (see :mod:`briefing.check.written`):
    one scan of each file's text instead of one per value. A CR in a file is a line break (a
    line feed in a value). A joiner between two letters of the file is between the same two
    letters in its value (a value's edges are ASCII quotes, spaces or breaks in the file)."""
    files = written.texts(document)
    if files is None:
        return False
    for text in files:
        for char in characters.suspects(text):
            if char in characters.JOINERS:
                if not all(characters.joined(text, m.start()) for m in re.finditer(char, text)):
                    return False
            elif char != "\r" and characters.kind(char):
                return False
    return True


def _position(document, lines: list[str], path, text, offset) -> Position:
    """The character's own position when the text sits on one line of the file as written
    (no escapes before it); else the position of the value."""
    start = document.position(path)
    line = lines[start.line - 1] if 0 < start.line <= len(lines) else ""
    prefix = text[:offset]
    where = line.find(prefix + text[offset], start.column - 1)
    if "\n" not in prefix and where >= 0:
        return Position(start.line, where + len(prefix) + 1)
    return start
