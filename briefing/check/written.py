"""The text of the files a fact base was read from, as a quick reject for the text rules.

A text rule that looks for something a clean fact base never holds (an invisible character,
a word mixing alphabets, a weekday name) can look for it once in the whole text of each file,
at C speed, instead of in every string value one by one; only when the files hold it does it
walk the values (``document.strings``) to report it where it is.

That is exact because every character of a string value is written as it is in the file's
text, unless an escape sequence (``\\u200b``, ``\\x41``, a backslash at a line end) made it:
escapes exist only in double-quoted scalars and always start with a backslash. So a file with
no backslash at all holds, in its text, every value's characters, in the same order, and each
word of a value as part of a word of the file (a value is bounded by quotes, spaces, line
breaks, commas or brackets; folding a line turns the break into a space or a break, never
into nothing). YAML line breaks (CR, CRLF) become line feeds in values: a CR in the file is
never a CR in a value; nor is a byte-order mark at its start.
"""

from __future__ import annotations

from briefing.load import Document


def texts(document: Document) -> list[str] | None:
    """The text of each file of ``document`` (one, or each part of a folder) when every string
    value in it is written there as it is; None when that cannot be said (a backslash in a
    file, or a document whose text is not at hand), and the rule must walk the values."""
    parts = getattr(document, "parts", None) or [document]  # a folder (merge.Merged) keeps its parts
    found = [part.text[1:] if part.text.startswith("\ufeff") else part.text for part in parts]  # a BOM is no value's
    if any(not text or "\\" in text for text in found):
        return None
    return found
