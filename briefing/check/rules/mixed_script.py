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
from itertools import repeat
from typing import Iterator

from briefing.check import characters
from briefing.check.facts_index import column_of
from briefing.check.problem import Finding

ID = "mixed-script"
SEVERITY = "error"
SUMMARY = "a word mixes Latin, Cyrillic or Greek letters"
STAGE = "document"

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_HEADS = {script[:5] for script in _SCRIPTS}


@lru_cache(maxsize=4096)
def _script(letter: str) -> str | None:
    if letter.isascii():
        return "LATIN" if letter.isalpha() else None
    return _named(letter)


@lru_cache(maxsize=1)
def _letters() -> dict[str | None, re.Pattern]:
    """For each script, one letter (of a word) of another script, or any character beyond the
    Basic Multilingual Plane (not classified here); key None: any letter of a script other
    than Latin. Built once per process from ``unicodedata`` (~20 ms): one C-speed scan of a
    text then tells whether its words can mix scripts at all."""
    by_script: dict[str, list[str]] = {script: [] for script in _SCRIPTS}
    letters = _LETTER.findall(characters.bmp())
    for letter, name in zip(letters, map(unicodedata.name, letters, repeat("")), strict=True):
        if name[:5] in _HEADS:  # a cheap first look; the full test is _script's
            script = _script(letter)
            if script is not None:
                by_script[script].append(letter)
    astral = "\U00010000-\U0010ffff"

    def other_than(*scripts: str) -> re.Pattern:
        chosen = characters.char_class(c for script in _SCRIPTS if script not in scripts for c in by_script[script])
        return re.compile(f"[{chosen}{astral}]")

    return {None: other_than("LATIN"), **{script: other_than(script) for script in _SCRIPTS}}


def _named(letter: str) -> str | None:
    name = unicodedata.name(letter, "")
    return next((script for script in _SCRIPTS if name.startswith(script)), None)


def check_document(document) -> Iterator[Finding]:
    letters = None
    for path, text in document.strings:
        if text.isascii():
            continue
        # quick reject: a text whose word letters are all Latin, or all of one other script
        letters = letters or _letters()
        found = letters[None].search(text)
        if found is None or (found[0] <= "\uffff" and not letters[_script(found[0])].search(text)):
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
