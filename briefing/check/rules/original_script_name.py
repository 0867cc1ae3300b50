"""original-script-name: a person without a name in its original script.

What it does
    Reports a person (not a delegation or organization) with no ``original_name``.

Why is this bad?
    Names reach the desk transliterated several ways (Giorgos, Yiorgos, Georgios
    Papadopoulos). The name in its own script (Γιώργος Παπαδόπουλος) is the one fixed
    point a reader, a translator or a search can rely on.

Example
    ```yaml
    - id: harbour-master
      name: {fr: Yórgos Papadópoulos, en: Giorgos Papadopoulos}
    ```

Use instead
    ```yaml
      original_name: {text: Γιώργος Παπαδόπουλος, lang: el}
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "original-script-name"
SEVERITY = "warning"
SUMMARY = "a person has no name in its original script"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    for person in facts.participants:
        if person.kind == "person" and person.original_name is None:
            yield Finding(person.path + ("name",), f"{person.id!r} has no original_name (the name in its own script)")
