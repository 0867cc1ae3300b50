"""unknown-reference: every reference names an existing record of the right kind.

What it does
    Follows each field that refers to another record (a claim's ``sources``, an event's
    ``venue``, a gift's ``giver``, a judgment's ``rests_on``, ...) and reports ids that
    are not defined, or that name a record of another kind.

Why is this bad?
    A dangling reference is a citation to nothing: the brief would show a claim whose
    source cannot be found, or drop a participant from an event.

Example
    ```yaml
    gifts:
      - id: gift-book
        giver: mayr          # no participant has this id
    ```

Use instead
    ```yaml
        giver: mayor
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding, indefinite as _a
from briefing.model import kind_of, links

ID = "unknown-reference"
SEVERITY = "error"
SUMMARY = "a reference names no record, or a record of the wrong kind"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    kinds: dict[type, set[str]] = {}  # a record's kinds depend on its type only
    for record, name, i, target, ref in links(facts):
        found = index.get(target)
        if found is None:
            yield Finding(_path(record, name, i), f"{name} refers to {target!r}, which is not defined")
            continue
        answers = kinds.get(type(found))
        if answers is None:
            answers = kinds[type(found)] = kind_of(found)
        if ref.kind not in answers:
            noun = found.declared.noun if found.declared else type(found).__name__.lower()
            yield Finding(_path(record, name, i), f"{name} refers to {target!r}, which is {_a(noun)}, "
                                                  f"not {_a(ref.kind)}")


def _path(record, name: str, i: int | None) -> tuple:
    return record.path + ((name,) if i is None else (name, i))
