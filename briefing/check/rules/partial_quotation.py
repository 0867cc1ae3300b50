"""partial-quotation: a judgment rests on a quotation the fact base marks as cut short.

What it does
    A statement's ``quote`` may be marked ``truncated: true`` when it stops (or starts)
    inside a longer remark the source prints; the brief then marks the cut ("[…]") after the
    quotation. This rule reports every judgment that rests on such a statement, at that
    entry of its ``rests_on``, so that an analyst checks the judgment against the whole
    remark. When the rest of the remark does not bear on the judgment, an exception on the
    judgment says so.

Why is this bad?
    ICD 203 asks that analysis consider alternatives and represent its sources accurately;
    ICD 206 that quoted sourcing not be altered in meaning. A judgment resting on the
    reassuring half of a remark ("we respect the restrictions") whose other half qualifies it
    ("but there are prospects") may say the opposite of what the speaker said.

Example
    ```yaml
    statements:
      - id: st-1
        quote: {text: "We respect every restriction.", lang: en, truncated: true}
    judgments:
      - id: jd-1
        rests_on: [st-1]
    ```

Use instead
    ```yaml
        quote: {text: "We respect every restriction. But there are prospects.", lang: en}
    # or, when the cut part does not bear on the judgment:
        exceptions:
          - {rule: partial-quotation, reason: "The rest of the remark concerns another topic."}
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "partial-quotation"
SEVERITY = "warning"
SUMMARY = "a judgment rests on a quotation marked as truncated"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    cut = {s.id for s in facts.statements if s.quote is not None and s.quote.truncated}
    if not cut:
        return
    for judgment in facts.judgments:
        for i, claim_id in enumerate(judgment.rests_on):
            if claim_id in cut:
                yield Finding(judgment.path + ("rests_on", i),
                              f"judgment {judgment.id!r} rests on {claim_id!r}, whose quotation is truncated: "
                              "review the judgment against the whole remark, quote it whole, or excuse it with "
                              "the reason the rest does not bear on it")
