"""confidence-basis: a judgment's confidence is higher than the claims it rests on support.

What it does
    Weighs the claims a judgment rests on (``rests_on``) by the Admiralty grades of STANAG
    2511 / AJP-2.1: a basis claim is *credibly sourced* when it cites at least one source whose
    reliability is A, B or C (completely, usually or fairly reliable) and its own credibility
    is 1, 2 or 3 (confirmed, probably true, possibly true). Then, as ICD 203 (analytic
    standards: confidence in the sources and the reasoning) and ICD 206 (sourcing) ask:

    - **high** confidence needs credibly sourced basis claims whose reliable sources come
      from at least two independent origins (sources grouped by what they relay, as
      ``single-origin`` groups them): independent corroboration from reliable sources;
    - **moderate** confidence needs at least one credibly sourced basis claim;
    - **low** confidence needs nothing more.

    The message names every basis claim with its sources' grades and its credibility.
    A desk may set the thresholds in ``briefing.toml``:

    ```toml
    [rules.options.confidence-basis]
    reliable = ["A", "B", "C"]   # reliability grades that count
    credible = [1, 2, 3]         # credibility ratings that count
    moderate_bases = 1           # credibly sourced bases moderate confidence needs
    high_origins = 2             # independent origins high confidence needs
    ```

Why is this bad?
    Confidence tells the reader how far to trust the judgment. "Moderate" on evidence that
    all comes from sources whose reliability cannot be judged says more than the desk knows,
    and the annex of the brief (moderate: "credibly sourced") would contradict it.

Example
    ```yaml
    judgments:
      - id: jd-1
        confidence: moderate
        rests_on: [st-rumour]        # one source graded F, credibility 3
    ```

Use instead
    ```yaml
        confidence: low              # or rest it on a claim from a source graded A to C
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import Source
from briefing.sourcing import origin_groups

ID = "confidence-basis"
SEVERITY = "error"
SUMMARY = "a judgment's confidence is higher than its basis claims' sources and ratings support"
STAGE = "model"
USES_CONTEXT = True
OPTIONS = {"reliable": ["A", "B", "C"], "credible": [1, 2, 3], "moderate_bases": 1, "high_origins": 2}


def check(facts, document, context) -> Iterator[Finding]:
    option = context.settings(ID, OPTIONS)
    reliable, credible = set(option["reliable"]), set(option["credible"])
    index = facts.index()
    for judgment in facts.judgments:
        if judgment.confidence == "low":
            continue
        bases = [index[c] for c in judgment.rests_on if c in index and hasattr(index[c], "credibility")]
        strong = []  # (claim, its reliable sources)
        for claim in bases:
            good = [s for s in _sources(claim, index) if _grade(s) in reliable]
            if good and claim.credibility in credible:
                strong.append((claim, good))
        origins = origin_groups(list({s.id: s for _, good in strong for s in good}.values()))
        if judgment.confidence == "moderate" and len(strong) >= option["moderate_bases"]:
            continue
        if judgment.confidence == "high" and len(origins) >= option["high_origins"]:
            continue
        need = (f"at least {option['moderate_bases']} credibly sourced basis claim(s)"
                if judgment.confidence == "moderate" else
                f"credibly sourced basis claims from at least {option['high_origins']} independent origins "
                f"(it has {len(origins)})")
        yield Finding(judgment.path + ("confidence",),
                      f"judgment {judgment.id!r} is held at {judgment.confidence} confidence, which needs {need}: "
                      f"a source graded {'/'.join(sorted(reliable))} and a credibility of "
                      f"{'/'.join(str(c) for c in sorted(credible))}; its bases are "
                      f"{_describe(bases, index)}; lower the confidence or add a better-sourced basis")


def _sources(claim, index) -> list[Source]:
    return [index[s] for s in claim.sources if isinstance(index.get(s), Source)]


def _grade(source: Source) -> str:
    return source.reliability.value if source.reliability is not None else "?"


def _describe(bases, index) -> str:
    if not bases:
        return "none"
    return ", ".join(f"{c.id} (sources {'/'.join(_grade(s) for s in _sources(c, index)) or 'none'}, "
                     f"credibility {c.credibility})" for c in bases)

