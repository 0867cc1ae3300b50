"""term-collision: within one locale, a word names values of two different scales.

What it does
    For each locale of ``meta.locales``, takes the words the brief prints for its four
    grading scales, as the interface catalogs translate them (the desk's catalogs first,
    then the built-in ones): ICD 203 estimative terms (with the PHIA yardstick's), analytic
    confidence levels, Admiralty source reliability (A–F) and Admiralty information
    credibility (1–6), the last two from STANAG 2511 / AJP-2.1. A value whose whole label
    is another scale's label, or appears as whole words inside one ("improbable" as both an
    estimative term and a credibility rating; "вероятно" inside "вероятно, верно"), is
    reported at its entry in the catalog (file, line of the ``msgstr``, column of the word),
    naming the other scale's entries. When two labels are equal, the entry of the later scale
    in the order above is reported.

    It is a warning: the catalogs are the desk's (or the tool's), not the fact base's, and a
    fact base's author may not be the one to mend them; a desk that owns its catalogs can
    make it an error (``[rules] severity = {term-collision = "error"}``).

Why is this bad?
    ICD 203 gives each estimative term a probability range and keeps it apart from
    confidence; the Admiralty system grades the source and the information on separate
    scales. A reader who meets one word for two of them cannot tell a judgment's
    probability from a source's grade, and reads one as the other.

Example
    ```po
    msgid "unlikely"
    msgstr "improbable"

    msgid "improbable"
    msgstr "improbable"
    ```

Use instead
    ```po
    msgid "improbable"
    msgstr "invraisemblable"
    ```
"""

from __future__ import annotations

import re
from typing import Iterator

from briefing.check.problem import Finding
from briefing.check.scales import SCALES, Label, labels
from briefing.errors import Position

ID = "term-collision"
SEVERITY = "warning"
SUMMARY = "within one locale, a word names values of two different grading scales"
STAGE = "model"
USES_CONTEXT = True

_ORDER = {scale: i for i, scale in enumerate(SCALES)}


def check(facts, document, context) -> Iterator[Finding]:
    for i, locale in enumerate(facts.meta.locales):
        shown = labels(locale, context.locales)
        for label in shown:
            word = _words(label.text)
            if not word:
                continue
            inside = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
            others = [other for other in shown if other.scale != label.scale and inside.search(_words(other.text))
                      and not (_words(other.text) == word and _ORDER[other.scale] > _ORDER[label.scale])]
            if not others:
                continue
            uses = "; ".join(f"{other.scale} {other.value!r} (msgid {other.msgid!r}, "
                             f"{other.file.name if other.file else 'untranslated'}:{other.line})" for other in others)
            message = (f"in {locale!r}, {label.text!r} is {label.scale} {label.value!r} (msgid {label.msgid!r}) and "
                       f"is also used for {uses}: give each scale its own words")
            if label.file is None:
                yield Finding(("meta", "locales", i), message)
            else:
                yield Finding(("meta", "locales", i), message, position=_position(label), file=str(label.file))


def _words(text: str) -> str:
    """A label as words: case and spacing aside (a comma or a full stop still separates)."""
    return " ".join(text.casefold().split())


def _position(label: Label) -> Position:
    assert label.file is not None
    line = label.file.read_text(encoding="utf-8").splitlines()[label.line - 1]
    column = line.casefold().find(label.text.casefold())
    return Position(label.line, column + 1 if column >= 0 else 1)
