"""conflict-resolution: a conflict entry that does not say how it stands.

What it does
    A ``resolved`` conflict must name a ``preferred`` claim that is one of its ``claims`` and
    give a ``reason``; a ``disputed`` one must give a ``reason`` and name no preferred claim.

Why is this bad?
    The reader of the discrepancies section needs to know which version the desk believes
    and why, or that it does not know: a resolution without a reason cannot be reviewed.

Example
    ```yaml
    - id: cf-talks-length
      claims: [dur-a, dur-b]
      status: resolved          # but which one, and why?
    ```

Use instead
    ```yaml
      preferred: dur-a
      reason: {en: "Two sources with different channels give it."}
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "conflict-resolution"
SEVERITY = "error"
SUMMARY = "a conflict lacks its preferred claim or its reason"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    for conflict in facts.conflicts:
        where = conflict.path + ("status",)
        if conflict.status == "resolved":
            if not conflict.preferred:
                yield Finding(where, f"conflict {conflict.id!r} is resolved but names no preferred claim")
            elif conflict.preferred not in conflict.claims:
                yield Finding(conflict.path + ("preferred",),
                              f"preferred claim {conflict.preferred!r} is not one of this conflict's claims")
        elif conflict.preferred:
            yield Finding(conflict.path + ("preferred",),
                          f"conflict {conflict.id!r} is disputed but names a preferred claim; mark it resolved")
        if not conflict.reason:
            yield Finding(where, f"conflict {conflict.id!r} gives no reason for how it stands")
