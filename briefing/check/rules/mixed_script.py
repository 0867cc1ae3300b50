"""mixed-script: a word that mixes alphabets, such as a Latin word with a Cyrillic letter.

What it does
    Reports any word (a run of letters) that contains letters from more than one of the
    Latin, Cyrillic and Greek scripts, and points at the word.

Why is this bad?
    Look-alike letters (Cyrillic ``у`` for Latin ``y``, Greek ``ο`` for Latin ``o``) come
    with text pasted from captured pages. They look right on screen, but break search,
    sorting and copy-paste, and can be set in the wrong font in the PDF.

Example
    ```yaml
    item: {fr: "livre d'histoire lоcale"}   # the о of "locale" is Cyrillic
    ```

Use instead
    ```yaml
    item: {fr: "livre d'histoire locale"}
    ```
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from briefing.check.facts_index import column_of
from briefing.check.problem import Finding

ID = "mixed-script"
SEVERITY = "error"
SUMMARY = "a word mixes Latin, Cyrillic or Greek letters"
STAGE = "document"

_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


@lru_cache(maxsize=4096)
def _script(letter: str) -> str | None:
    if letter.isascii():
        return "LATIN" if letter.isalpha() else None
    name = unicodedata.name(letter, "")
    return next((script for script in _SCRIPTS if name.startswith(script)), None)


def check_document(document) -> Iterator[Finding]:
    for path, text in document.strings:
        if text.isascii():
            continue
        # a text whose letters all belong to at most one of the scripts cannot mix them in a word
        if len({s for s in map(_script, set(text)) if s}) < 2:
            continue
        for word in _WORD.findall(text):
            if word.isascii():
                continue
            scripts = {s for s in map(_script, word) if s}
            if len(scripts) > 1:
                odd = [c for c in word if _script(c) != _majority(word)]
                names = ", ".join(f"{c!r} ({unicodedata.name(c, '?').title()})" for c in odd[:3])
                yield Finding(path, f"the word {word!r} mixes {' and '.join(sorted(s.title() for s in scripts))} "
                                    f"letters: {names}", position=column_of(document, path, word))


def _majority(word: str) -> str | None:
    counts: dict[str | None, int] = {}
    for letter in word:
        script = _script(letter)
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda script: counts[script])
