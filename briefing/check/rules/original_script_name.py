"""original-script-name: a person without a name in its original script.

What it does
    Reports a person (not a delegation or organization) with no ``original_name``.

Why is this bad?
    Names reach the desk transliterated several ways (Kim Jong-un, Kim Jong Un, Kim
    Jong-Un). The name in its own script (김정은) is the one fixed point a reader, a
    translator or a search can rely on.

Example
    ```yaml
    - id: peskov
      name: {fr: Dmitri Peskov, en: Dmitry Peskov}
    ```

Use instead
    ```yaml
      original_name: {text: Дмитрий Песков, lang: ru}
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
