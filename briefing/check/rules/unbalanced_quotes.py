"""unbalanced-quotes: a text opens a quotation it does not close, or the reverse.

What it does
    Counts the opening and closing marks of each kind of quotation (« », “ ”, ‘ ’ only as
    a pair with an opening ‘, „ “) and the straight double quote ", and reports a text
    where they do not pair up.

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

from briefing.check.problem import Finding

ID = "unbalanced-quotes"
SEVERITY = "warning"
SUMMARY = "quotation marks in a text do not pair up"
STAGE = "document"

_PAIRS = (("«", "»"), ("“", "”"), ("„", "“"))


def check_document(document) -> Iterator[Finding]:
    for path, text in document.strings:
        if text.isascii() and '"' not in text:
            continue
        if "„" not in text and text.count("«") != text.count("»"):
            yield Finding(path, f"{text.count('«')} « but {text.count('»')} » in this text")
        elif "„" not in text and text.count("“") != text.count("”"):
            yield Finding(path, f"{text.count('“')} “ but {text.count('”')} ” in this text")
        elif text.count('"') % 2:
            yield Finding(path, 'an odd number of straight double quotes (") in this text')
