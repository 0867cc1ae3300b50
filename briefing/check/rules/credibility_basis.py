"""credibility-basis: a claim's credibility rating is not what its sources can support.

What it does
    Holds each claim's information-credibility rating (Admiralty scale of STANAG 2511 /
    AJP-2.1: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable,
    6 cannot be judged) to its sources, in two ways:

    - a claim rated 1 or 2 whose sources are all graded F (reliability cannot be judged) and
      make one origin (one source, or several relaying one outlet) is reported: without
      corroboration nothing supports "probably true". The grades that count as weak and the
      best rating they may carry are settings;
    - two claims of one ``disputed`` conflict (the desk retains no version) rated differently
      are reported at the conflict: if no version is settled, none is more credible than
      another. When the desk does hold one version likelier while keeping the conflict open,
      it says why in an exception on the conflict.

    ```toml
    [rules.options.credibility-basis]
    weak = ["F"]       # reliability grades that cannot corroborate by themselves
    best_rating = 3    # the best credibility a claim resting on them alone may have
    ```

Why is this bad?
    ICD 206 asks that the reader can see what each fact rests on, and ICD 203 that the
    desk's expressions of uncertainty are consistent. A "probably true" on a page the desk
    could not assess, or two unsettled versions graded apart, tells the reader more than the
    sources do.

Example
    ```yaml
    - id: ev-1
      sources: [src-unknown-site]   # reliability F
      credibility: 2
    ```

Use instead
    ```yaml
      credibility: 3                # possibly true: uncorroborated
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import Source
from briefing.sourcing import origin_groups

ID = "credibility-basis"
SEVERITY = "error"
SUMMARY = "a claim's credibility rating is better than its sources support, or unsettled versions are rated apart"
STAGE = "model"
USES_CONTEXT = True
OPTIONS = {"weak": ["F"], "best_rating": 3}


def check(facts, document, context) -> Iterator[Finding]:
    option = context.settings(ID, OPTIONS)
    weak, best = set(option["weak"]), option["best_rating"]
    index = facts.index()
    for claim in facts.claims():
        sources = [index[s] for s in claim.sources if isinstance(index.get(s), Source)]
        if not sources or claim.credibility >= best:
            continue
        grades = {s.reliability.value if s.reliability else "?" for s in sources}
        if grades <= weak and len(origin_groups(sources)) == 1:
            yield Finding(claim.path + ("credibility",),
                          f"claim {claim.id!r} is rated {claim.credibility}, but it rests only on "
                          f"{', '.join(s.id for s in sources)} (graded {'/'.join(sorted(grades))}), one origin "
                          f"without corroboration: rate it {best} or lower, or cite a source the desk can grade")
    for conflict in facts.conflicts:
        if conflict.status != "disputed":
            continue
        rated = [(i, index[c]) for i, c in enumerate(conflict.claims) if hasattr(index.get(c), "credibility")]
        if len({claim.credibility for _, claim in rated}) < 2:
            continue
        first = rated[0][1]
        for i, claim in rated[1:]:
            if claim.credibility != first.credibility:
                yield Finding(conflict.path + ("claims", i),
                              f"conflict {conflict.id!r} is disputed (no version retained), but {claim.id!r} is "
                              f"rated {claim.credibility} and {first.id!r} {first.credibility}: rate unsettled "
                              "versions alike, or excuse it on the conflict with the reason one is likelier")
