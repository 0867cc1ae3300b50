"""duplicate-id: every id is defined once in the whole fact base.

What it does
    Reports a second record (of any kind) that reuses an id, naming the line of the first.

Why is this bad?
    Citations, conflicts and judgments point at ids; with two records behind one id a
    reference silently lands on the wrong one and the brief cites the wrong thing.

Example
    ```yaml
    sources:
      - id: electoral-commission
      ...
    participants:
      - id: electoral-commission
    ```

Use instead
    Give each record its own id (``src-electoral-commission`` for the source).
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import Record, record_id

ID = "duplicate-id"
SEVERITY = "error"
SUMMARY = "an id is defined more than once"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    first: dict[str, Record] = {}
    for record in facts.records():
        found = record_id(record)
        if not isinstance(found, str):
            continue
        if found in first:
            path = record.path + ("id",)
            line = document.where(first[found].path + ("id",), path)
            yield Finding(path, f"id {found!r} is already defined (first defined at {line})")
        else:
            first[found] = record
