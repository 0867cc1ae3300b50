"""Script-aware touches on a rendered brief that the templates cannot express.

Both work on the HTML the theme printed, on text and on ``lang`` attributes only, never
inside ``<style>``, ``<script>``, ``<title>`` or inline SVG:

- :func:`mark_directions` gives an element whose ``lang`` reads in the other direction than
  the page a ``dir`` of its own (a French quotation in an Arabic brief, an Arabic name in an
  English one), so its punctuation and numbers stay in its own order.
- :func:`keep_korean_words` is for the PDF only. A Korean line breaks between words
  (eojeol), which browsers do from ``word-break: keep-all``; WeasyPrint 70 ignores that
  property and breaks between any two syllables. So every character of a word that holds
  Hangul is joined to the next by U+2060 WORD JOINER, which forbids a break there. HarfBuzz
  draws the joiner as nothing and WeasyPrint writes no glyph for it, so the PDF's text
  (copy, search, pdftotext) holds the words as written. A word wider than its box still
  breaks, through the stylesheet's ``overflow-wrap: break-word``. Text the engine copies
  as a string rather than draws (the bookmarks' titles) is cleaned by :func:`drop_joiners`.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

WORD_JOINER = "\u2060"

# What the theme prints, in order: markup that is never text, tags, and text. Attribute values
# never hold ">" (autoescape writes &gt;), so a tag ends at the first one.
_PIECES = re.compile(
    r"(?P<skip><!--.*?-->|<!DOCTYPE[^>]*>|<(?P<raw>style|script|title|svg|textarea)\b.*?</(?P=raw)\s*>)"
    r"|(?P<tag><[^>]*>)|(?P<text>[^<]+)",
    re.S | re.I)
# One character of text, a character reference counting as one.
_UNITS = re.compile(r"&#?\w+;|.", re.S)
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]")
# Tags that start or end a line of their own: a word never runs across them.
_BLOCK_TAG = re.compile(r"</?(?:address|article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|"
                        r"h[1-6]|header|hr|li|main|nav|ol|p|section|table|tbody|td|tfoot|th|thead|tr|ul)\b", re.I)
_LANG_TAG = re.compile(r'<(?!html\b)([a-zA-Z][\w-]*)\b([^>]*?)\slang="([^"]*)"([^>]*)>')


def language_tag(locale: str) -> str:
    """A locale as HTML's ``lang`` wants it (BCP 47): ``zh_Hant`` becomes ``zh-Hant``."""
    return str(locale).replace("_", "-")


@cache
def direction(locale: str) -> str:
    """``rtl`` or ``ltr``: the direction Babel (CLDR) gives the locale's script; an unknown
    locale reads left to right."""
    try:
        return "rtl" if Locale.parse(str(locale).replace("-", "_")).text_direction == "rtl" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


def mark_directions(html: str, locale: str) -> str:
    """Add ``dir`` to each element (but the root) whose ``lang`` is written in the other
    direction than the page's and that has no ``dir`` yet."""
    page = direction(locale)

    def marked(match: re.Match[str]) -> str:
        tag = match.group(0)
        if " dir=" in tag or not match.group(3):
            return tag
        own = direction(match.group(3))
        return tag if own == page else tag[:-1] + f' dir="{own}">'

    return _LANG_TAG.sub(marked, html)


def keep_korean_words(html: str) -> str:
    """Join the characters of every word that holds Hangul with WORD JOINERs (see the module
    documentation). A word may run across inline tags (``<strong>러시아</strong>는``): those
    are transparent; white space, block tags and non-text markup end a word. Nothing changes in a brief
    without Hangul."""
    if not _HANGUL.search(html):
        return html
    pieces: list[str | list[str]] = []  # markup as it is; text as its characters
    word: list[tuple[list[str], int]] = []  # where the characters of the current word are
    joined: set[tuple[int, int]] = set()  # (piece, character) to be preceded by a joiner

    def end_word() -> None:
        if any(_HANGUL.match(units[i]) for units, i in word):
            for units, i in word[1:]:
                joined.add((id(units), i))
        word.clear()

    for match in _PIECES.finditer(html):
        if match.group("text") is None:
            pieces.append(match.group(0))
            if match.group("skip") is not None or _BLOCK_TAG.match(match.group(0)):
                end_word()
            continue
        units = _UNITS.findall(match.group("text"))
        pieces.append(units)
        for i, unit in enumerate(units):
            if unit.isspace() or unit in ("&nbsp;", "&#160;"):
                end_word()
            else:
                word.append((units, i))
    end_word()
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        key = id(piece)
        out.extend(WORD_JOINER + unit if (key, i) in joined else unit for i, unit in enumerate(piece))
    return "".join(out)


def drop_joiners(document) -> None:
    """Remove the joiners from the bookmarks of a laid-out WeasyPrint document (the PDF
    outline is text a reader sees and searches, not drawn glyphs)."""
    for page in document.pages:
        page.bookmarks = [(level, label.replace(WORD_JOINER, ""), target, state)
                          for level, label, target, state in page.bookmarks]
