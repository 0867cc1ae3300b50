"""invisible-character: a control, zero-width or other invisible character in a text.

What it does
    Reports control characters (other than tab and line feed), zero-width spaces and
    joiners, byte-order marks and bidirectional-override characters inside any value.

Why is this bad?
    They are invisible in an editor but change what a text means to a machine: two ids
    that look equal differ, a search misses a name, a bidirectional override reorders
    what a reader sees in the brief.

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
import unicodedata
from typing import Iterator

from briefing.check.problem import Finding
from briefing.errors import Position

ID = "invisible-character"
SEVERITY = "error"
SUMMARY = "a text contains a control, zero-width or bidirectional-override character"
STAGE = "document"

_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def check_document(document) -> Iterator[Finding]:
    for path, text in document.strings:
        match = _INVISIBLE.search(text)
        if match:
            char = match.group()
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            yield Finding(path, f"invisible character U+{ord(char):04X} ({name}) at offset {match.start()} "
                                "of this text: delete it", position=_position(document, path, text, match.start()))


def _position(document, path, text, offset) -> Position:
    start = document.position(path)
    lines = document.text.splitlines()
    line = lines[start.line - 1] if 0 < start.line <= len(lines) else ""
    prefix = text[:offset]
    where = line.find(prefix, start.column - 1) if prefix else start.column - 1
    if "\n" not in prefix and where >= 0 and prefix + text[offset] in line:
        return Position(start.line, where + len(prefix) + 1)
    return start
