"""How wide a figure label will be, measured from the fonts' own advance widths.

Figure labels are HTML text placed over a drawing, so the layout must know their width before
the browser or WeasyPrint sets them. The widths come from a table written once from the font
files (tools/text_widths.py → theme/figures/text-widths.json), not from the fonts installed
where the brief is built: the same fact base gives the same layout, and the same bytes, on
every machine. Kerning and Arabic joining only ever make text narrower than the sum of its
advances, so the estimate errs towards more room.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache

from briefing.paths import THEME

_WIDE = 1000      # Han, kana, Hangul and other wide characters: one em in Noto Sans CJK
_DEFAULT = 620    # a character the table does not list: about the widest Latin lower case


@cache
def _table(weight: str) -> dict[int, int]:
    data = json.loads((THEME / "figures" / "text-widths.json").read_text(encoding="utf-8"))
    return {first + i: width for first, widths in data[weight] for i, width in enumerate(widths)}


def advance(char: str, bold: bool = False) -> int:
    """One character's advance in thousandths of an em."""
    table = _table("bold" if bold else "regular")
    code = ord(char)
    if code in table:
        return table[code]
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0      # combining marks and format controls take no room of their own
    if unicodedata.east_asian_width(char) in "WF":
        return _WIDE
    return _DEFAULT


# Measured texts are remembered (they are pure functions of their arguments): the live preview
# lays out the same thousands of figure labels again after every save.
@lru_cache(maxsize=1 << 16, typed=True)  # typed: a Markup label stays apart from a str one
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in px of ``text`` set at ``size`` px on one line."""
    return sum(advance(char, bold) for char in text) * size / 1000


@lru_cache(maxsize=1 << 16, typed=True)  # typed: a Markup label stays apart from a str one
def shorten(text: str, room: float, size: float, bold: bool = False) -> str:
    """``text`` cut with "…" to fit ``room`` px: the full text stays in the linked table."""
    if text_width(text, size, bold) <= room:
        return text
    # the longest prefix that leaves room for the ellipsis, in one pass (a label of a big base
    # is shortened thousands of times: re-measuring each shorter prefix was quadratic)
    left = room * 1000 / size - advance("…", bold)
    end = 0
    while end < len(text) and left - advance(text[end], bold) >= 0:
        left -= advance(text[end], bold)
        end += 1
    return text[:end].rstrip() + "…"
