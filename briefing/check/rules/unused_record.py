"""unused-record: a source, participant or venue that nothing refers to.

What it does
    Reports entities (sources, participants, venues: any record type that is not a
    claim) that no other record refers to.

Why is this bad?
    An unused source suggests a claim lost its citation; an unused participant or venue
    suggests an event lost a reference. Either way the brief is missing something the
    analyst meant to say, or the base carries dead weight.

Example
    ```yaml
    sources:
      - id: src-old-wire      # no claim cites it
    ```

Use instead
    Cite it from the claims it supports, or remove it.
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import is_entity, links

ID = "unused-record"
SEVERITY = "warning"
SUMMARY = "a source, participant or venue that nothing refers to"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    used = {target for _, _, _, target, _ in links(facts)}
    for record in facts.records():
        if is_entity(record) and record.id not in used:
            yield Finding(record.path + ("id",), f"{record.declared.noun} {record.id!r} is not referred to anywhere")
