"""unbalanced-quotes: a text opens a quotation it does not close, or the reverse.

What it does
    Counts the opening and closing marks of each kind of quotation (« », “ ”, and „ closed
    by “ as in German or by ” as in Polish) and the straight double quote ", and reports a
    text where they do not pair up.

Why is this bad?
    An unclosed quotation in a brief makes the reader unsure what the source said and what
    the analyst wrote: exactly the line a brief must never blur.

Example
    ```yaml
    text: {fr: "Selon le capitaine du port, le feu est « sous contrôle depuis l'aube."}
    ```

Use instead
    ```yaml
    text: {fr: "Selon le capitaine du port, le feu est « sous contrôle » depuis l'aube."}
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check import written
from briefing.check.problem import Finding

ID = "unbalanced-quotes"
SEVERITY = "warning"
SUMMARY = "quotation marks in a text do not pair up"
STAGE = "document"

_CURLY = "«»“”„"
_STRAIGHT = 'an odd number of straight double quotes (") in this text'


def check_document(document) -> Iterator[Finding]:
    files = written.texts(document)
    # no curly quotes in any file (see briefing.check.written): only straight ones can be odd
    if files is not None and not any(mark in text for text in files for mark in _CURLY):
        for path, text in document.strings:
            if '"' in text and text.count('"') % 2:
                yield Finding(path, _STRAIGHT)
        return
    for path, text in document.strings:
        if text.isascii() and '"' not in text:
            continue
        if text.count("«") != text.count("»"):
            yield Finding(path, f"{text.count('«')} « but {text.count('»')} » in this text")
        elif "„" in text:
            if not _low_quotes_close(text):
                yield Finding(path, "a quotation opened with „ is not closed (with “ or ”) in this text")
        elif text.count("“") != text.count("”"):
            yield Finding(path, f"{text.count('“')} “ but {text.count('”')} ” in this text")
        elif text.count('"') % 2:
            yield Finding(path, _STRAIGHT)


def _low_quotes_close(text: str) -> bool:
    """Whether every „ is closed, by “ (German) or ” (Polish, Hungarian), with English “ ”
    quotations allowed beside or inside: “ closes an open „, or else opens an English quotation."""
    open_marks: list[str] = []
    for mark in text:
        if mark == "„":
            open_marks.append(mark)
        elif mark == "“":
            if open_marks and open_marks[-1] == "„":
                open_marks.pop()
            else:
                open_marks.append(mark)
        elif mark == "”":
            if not open_marks:
                return False
            open_marks.pop()
    return not open_marks
