"""unmarked-conflict: two versions of one fact that disagree, with no conflict recorded.

What it does
    Claims that share an ``about`` key are versions of the same fact. When two of them
    differ (in anything but their sources, rating and notes) and no entry of
    ``conflicts`` lists both, the rule reports the later one and names the first.

Why is this bad?
    Sources disagree; the desk's job is to show it. An unmarked disagreement lets the
    brief state two facts as if both were true, or lets one silently win.

Example
    ```yaml
    - {id: dur-a, about: talks-length, value: 5, unit: hour, ...}
    - {id: dur-b, about: talks-length, value: 2, unit: hour, ...}
    ```

Use instead
    ```yaml
    conflicts:
      - id: cf-talks-length
        claims: [dur-a, dur-b]
        status: disputed
        reason: {en: "..."}
    ```
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from briefing.check.problem import Finding

ID = "unmarked-conflict"
SEVERITY = "error"
SUMMARY = "claims about the same fact disagree and no conflict records it"
STAGE = "model"

_BOOKKEEPING = {"id", "sources", "credibility", "note", "about", "exceptions"}


def _content(claim) -> dict:
    return {k: v for k, v in claim.model_dump().items() if k not in _BOOKKEEPING}


def check(facts, document) -> Iterator[Finding]:
    marked = [set(conflict.claims) for conflict in facts.conflicts]
    # per key, one claim for each distinct version seen: each claim is dumped once and compared
    # with the versions (not with every earlier claim), so many agreeing claims cost linear work
    versions: dict[str, list[tuple[str, Any]]] = {}
    for claim in facts.claims():
        if not claim.about:
            continue
        content = json.dumps(_content(claim), sort_keys=True, default=str)
        seen = versions.setdefault(claim.about, [])
        for other, earlier in seen:
            if other != content and not any({earlier.id, claim.id} <= m for m in marked):
                yield Finding(claim.path + ("about",),
                              f"{claim.id!r} and {earlier.id!r} ({document.where(earlier.path, claim.path)}) "
                              f"are both about {claim.about!r} and disagree; record them in a conflict")
        if all(other != content for other, _ in seen):
            seen.append((content, claim))
