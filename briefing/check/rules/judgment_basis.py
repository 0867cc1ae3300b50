"""judgment-basis: a judgment that rests on no claim.

What it does
    Reports a judgment whose ``rests_on`` list is missing or empty.

Why is this bad?
    An analytic judgment is only as good as the evidence under it. Without the claims it
    rests on, a reader cannot weigh it and an archivist cannot reconstruct why it was made.

Example
    ```yaml
    - id: jd-1
      term: likely
      confidence: moderate
    ```

Use instead
    ```yaml
      rests_on: [st-2022-cert-advisory, ev-ransomware-outage]
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "judgment-basis"
SEVERITY = "error"
SUMMARY = "a judgment rests on no claim"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    for judgment in facts.judgments:
        if not judgment.rests_on:
            yield Finding(judgment.path + ("id",), f"judgment {judgment.id!r} rests on no claim")
