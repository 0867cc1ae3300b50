"""The one definition of the characters a fact base may not carry in a text.

Refused, by Unicode general category (of the Unicode version Python's ``unicodedata`` holds):

- ``Cc`` control characters, except tab and line feed (which block scalars hold);
- ``Cf`` format characters: zero-width space, bidirectional marks, embeddings, overrides and
  isolates, the Arabic letter mark U+061C, the word joiner, invisible operators, the soft
  hyphen, the byte-order mark, tag characters U+E0000–E007F, interlinear annotation marks;
- ``Cs`` surrogates and ``Cn`` unassigned code points, which include the noncharacters
  U+FDD0–FDEF and U+xFFFE/U+xFFFF of every plane (no font draws an unassigned code point);
- ``Zl`` and ``Zp``, the line and paragraph separators U+2028/U+2029: a line break that
  editors and git do not show as one;
- ``Co`` private use (U+E000–F8FF, planes 15 and 16): its meaning depends on a font the
  reader may not have; a record may excuse it with an exception to ``invisible-character``;
- fillers that render as blank letters: the Hangul fillers U+115F, U+1160, U+3164, U+FFA0,
  the combining grapheme joiner U+034F and the Khmer inherent vowels U+17B4, U+17B5.

Allowed, although in ``Cf``: the zero-width non-joiner U+200C and the zero-width joiner
U+200D, which Persian, the Indic scripts and emoji sequences need, but only between two
characters that are neither ASCII nor spaces (between two Latin letters they only hide a
difference between two equal-looking names). Variation selectors (``Mn``) are allowed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Co", "Zl", "Zp"})
ALLOWED = frozenset("\t\n")
JOINERS = frozenset("\u200c\u200d")
FILLERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


@lru_cache(maxsize=4096)
def kind(char: str) -> str | None:
    """Why ``char`` may not be in a text ("control", "private use", ...), or None when it may
    (the joiners are judged by :func:`find`, which sees their neighbours)."""
    if char in ALLOWED or char in JOINERS:
        return None
    if char in FILLERS:
        return "filler"
    category = unicodedata.category(char)
    if category not in REFUSED_CATEGORIES:
        return None
    if category == "Cn":
        code = ord(char)
        return "noncharacter" if (0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE) else "unassigned"
    if category == "Cf" and 0xE0000 <= ord(char) <= 0xE007F:
        return "tag"
    return {"Cc": "control", "Cf": "format", "Cs": "surrogate", "Co": "private use",
            "Zl": "line separator", "Zp": "paragraph separator"}[category]


def joined(text: str, offset: int) -> bool:
    """A joiner at ``offset`` stands between two characters that are neither ASCII nor spaces."""
    if offset == 0 or offset + 1 >= len(text):
        return False
    before, after = text[offset - 1], text[offset + 1]
    return not (before.isascii() or after.isascii() or before.isspace() or after.isspace())


@lru_cache(maxsize=1)
def bmp() -> str:
    """Every character of the Basic Multilingual Plane but the surrogates, in order: what
    the quick rejects of the text rules are built from, once per process."""
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


@lru_cache(maxsize=1)
def _suspect() -> re.Pattern:
    """One character that may need judging: one :func:`kind` refuses, a joiner, or any
    character beyond the Basic Multilingual Plane. Built once per process from
    ``unicodedata`` (~15 ms), so that a clean text is passed in one C-speed scan."""
    plane = bmp()
    refused = [char for char, category in zip(plane, map(unicodedata.category, plane), strict=True)
               if category in REFUSED_CATEGORIES and char not in ALLOWED]
    return re.compile("[" + char_class({*refused, *FILLERS, *JOINERS}) + "\U00010000-\U0010ffff]")


def char_class(chars) -> str:
    """The inside of a regular expression's ``[...]`` matching ``chars``, as ranges (a class of
    thousands of single characters takes far longer to compile)."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, chars)):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)


def suspects(text: str) -> set[str]:
    """The distinct characters of ``text`` that :func:`find` would have to judge: empty for a
    text it passes without a look."""
    return set(_suspect().findall(text))


def find(text: str) -> Iterator[tuple[int, str, str]]:
    """Every character of ``text`` a fact base may not carry: (offset, character, kind).
    Fast on plain text: one scan rejects a text whose characters are all plainly allowed;
    otherwise only the distinct characters of a text are classified."""
    if not _suspect().search(text):
        return
    distinct = set(text)
    refused = {c for c in distinct if c in JOINERS or kind(c)}
    if not refused:
        return
    for match in re.finditer("[" + "".join(re.escape(c) for c in sorted(refused)) + "]", text):
        char, offset = match.group(), match.start()
        if char in JOINERS:
            if not joined(text, offset):
                yield offset, char, "zero-width joiner" if char == "\u200d" else "zero-width non-joiner"
            continue
        yield offset, char, kind(char) or ""


def describe(char: str) -> str:
    """``U+200B (ZERO WIDTH SPACE)``: a character as a message names it."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"
