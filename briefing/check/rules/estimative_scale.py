"""estimative-scale: a judgment's term is unknown, or judgments mix estimative scales.

What it does
    Every judgment's ``term`` must come from one recognised scale: the US ICD 203 scale
    (almost-no-chance, very-unlikely, unlikely, roughly-even-chance, likely, very-likely,
    almost-certain) or the UK PHIA yardstick (remote-chance, highly-unlikely, unlikely,
    realistic-possibility, likely, highly-likely, almost-certain), and all judgments of one
    fact base must use the same scale. Terms both scales share fit either.

Why is this bad?
    Each term stands for a probability range, and the ranges differ between scales. A
    brief that mixes them tells the reader two different things with similar words.

Example
    ```yaml
    - {id: jd-1, term: very-likely, ...}          # ICD 203
    - {id: jd-2, term: realistic-possibility, ...} # PHIA
    ```

Use instead
    Use one scale throughout (``roughly-even-chance`` instead of ``realistic-possibility``).
"""

from __future__ import annotations

from typing import Any, Iterator

from briefing.check.problem import Finding, indefinite as _a
from briefing.estimative import SCALES, scales_of

ID = "estimative-scale"
SEVERITY = "error"
SUMMARY = "a judgment's term is unknown, or judgments mix estimative scales"
STAGE = "model"



def check(facts, document) -> Iterator[Finding]:
    chosen: tuple[str, Any] | None = None
    for judgment in facts.judgments:
        scales = scales_of(judgment.term)
        where = judgment.path + ("term",)
        if not scales:
            known = sorted({t for terms in SCALES.values() for t in terms})
            yield Finding(where, f"unknown estimative term {judgment.term!r}; use one of: {', '.join(known)}")
            continue
        if len(scales) > 1:
            continue
        scale = next(iter(scales))
        if chosen is None:
            chosen = (scale, judgment)
        elif scale != chosen[0]:
            first = chosen[1]
            yield Finding(where, f"{judgment.term!r} is {_a(scale)} term, but {first.id!r} ("
                                 f"{document.where(first.path, judgment.path)}) uses the {chosen[0]} scale: "
                                 "use one scale throughout")
