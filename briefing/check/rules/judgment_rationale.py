"""judgment-rationale: a moderate or high confidence judgment that does not say why.

What it does
    Reports a judgment held at ``moderate`` or ``high`` confidence that has no
    ``rationale``: the few sentences saying why the confidence is what it is (the quality
    and independence of the basis, what corroborates it, what is missing). A judgment at
    ``low`` confidence needs none: low is what a basis earns by default.

Why is this bad?
    ICD 203 (Analytic Standards, 2015), standard 1 and standard 2, asks every analytic
    product to express and explain its confidence in each key judgment: "the basis for
    the confidence, including the quality and reliability of sources". A confidence level
    without its reason cannot be checked by the reader, and a level above low is a claim
    that the sourcing is better than scant; the reader should see why. This is a warning,
    not an error: it does not block the build.

Example
    ```yaml
    judgments:
      - id: jd-1
        text: {en: The accord will likely be ratified.}
        term: likely
        confidence: moderate
        rests_on: [accord]
    ```

Use instead
    ```yaml
        confidence: moderate
        rationale: {en: "The gazette (graded B) prints the accord; the parties' own statements agree."}
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "judgment-rationale"
SEVERITY = "warning"
SUMMARY = "a moderate or high confidence judgment gives no rationale for its confidence"
STAGE = "model"

_NEEDS_RATIONALE = ("moderate", "high")


def check(facts, document) -> Iterator[Finding]:
    for judgment in facts.judgments:
        if judgment.confidence in _NEEDS_RATIONALE and not judgment.rationale:
            yield Finding(judgment.path + ("confidence",),
                          f"judgment {judgment.id!r} is held at {judgment.confidence} confidence but gives no "
                          "rationale: say why (quality and independence of its sources, corroboration, gaps), "
                          "or lower it to low")
