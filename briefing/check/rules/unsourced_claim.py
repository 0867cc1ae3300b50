"""unsourced-claim: every claim cites at least one source.

What it does
    Reports an event, duration, gift, agreement, provision or statement whose
    ``sources`` list is missing or empty.

Why is this bad?
    A brief states only what a source says. A claim without a source cannot be
    verified by a reader or defended by an archivist; it is an assertion, not reporting.

Example
    ```yaml
    durations:
      - id: outage-length
        event: ev-ransomware-outage
        value: 5
        unit: day
        credibility: 2
    ```

Use instead
    ```yaml
        sources: [src-council-notice]
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "unsourced-claim"
SEVERITY = "error"
SUMMARY = "a claim cites no source"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    for claim in facts.claims():
        if not claim.sources:
            key = "sources" if (claim.path + ("sources",)) in document.key_positions else "id"
            yield Finding(claim.path + (key,), f"claim {claim.id!r} cites no source", at_key=True)
