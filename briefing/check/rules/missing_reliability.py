"""missing-reliability: a source without a reliability grade.

What it does
    Reports a source with no Admiralty reliability grade (A completely reliable … F
    reliability cannot be judged), or a grade without the reason for it.

Why is this bad?
    A reader weighs a claim by the reliability of its sources. Without a grade the brief
    cannot say how far to trust what the source reports; without a reason, nobody can
    review the grade later.

Example
    ```yaml
    sources:
      - id: src-wire
        publisher: Some site
    ```

Use instead
    ```yaml
        reliability: F
        reliability_reason: {en: "Unidentified site; no track record."}
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "missing-reliability"
SEVERITY = "error"
SUMMARY = "a source has no reliability grade, or no reason for it"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    for source in facts.sources:
        if source.reliability is None:
            yield Finding(source.path + ("id",), f"source {source.id!r} has no reliability grade (A–F)")
        elif not source.reliability_reason:
            yield Finding(source.path + ("reliability",), f"source {source.id!r} gives no reason for its grade")
