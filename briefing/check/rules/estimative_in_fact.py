"""estimative-in-fact: a reported fact's text uses the words of the estimative scale.

What it does
    Looks in every text of every claim (events, durations, figures, gifts, agreements and
    their provisions, statements; not the analysts' ``note``) for the estimative vocabulary
    of ICD 203 (and of the UK PHIA yardstick), in each locale of ``meta.locales``: the terms
    as that locale's interface catalogs translate them ("likely", "probable", "вероятно",
    "가능성 높음"…), a one-word term also as the start of a longer word ("probable" finds
    "probablement"), and the adverbs a desk lists in its settings, which default to English
    "probably" and "almost certainly" (the catalogs translate the scale's adjectives only):

    ```toml
    [rules.options.estimative-in-fact]
    words = {en = ["probably", "almost certainly"], fr = ["sans doute"]}
    ```

    A statement that reports someone else's estimate in their words may be excused with
    an exception and a reason.

Why is this bad?
    ICD 203 asks that analytic judgments be kept apart from the information they rest on, and
    that estimative words be used for the desk's own probability statements only. "Likely"
    inside a reported fact is a judgment without a confidence, a basis, or a place in the
    key judgments, and the reader takes it for what the source said.

Example
    ```yaml
    events:
      - id: ev-1
        summary: {en: "The fire probably started in the depot."}
    ```

Use instead
    ```yaml
        summary: {en: "The fire started in the depot, according to the operator."}
    judgments:
      - {id: jd-1, text: {en: "The fire probably started in the depot."}, term: likely, ...}
    ```
"""

from __future__ import annotations

import re
from typing import Iterator

from briefing.check.problem import Finding
from briefing.check.scales import ESTIMATIVE, labels

ID = "estimative-in-fact"
SEVERITY = "error"
SUMMARY = "a reported fact's text uses estimative words, which belong in judgments"
STAGE = "model"
USES_CONTEXT = True
OPTIONS: dict = {"words": {"en": ["probably", "almost certainly"]}}


def check(facts, document, context) -> Iterator[Finding]:
    extra = context.settings(ID, OPTIONS)["words"]
    patterns = {locale: _pattern(locale, context, extra.get(locale, [])) for locale in facts.meta.locales}
    for claim in facts.claims():
        for name, value in claim.__dict__.items():  # the fields, as iterating the model gives them (no extras)
            if name == "note" or not isinstance(value, dict):
                continue
            for locale, text in value.items():
                pattern = patterns.get(locale)
                found = pattern.search(text) if pattern is not None and isinstance(text, str) else None
                if found:
                    yield Finding(claim.path + (name, locale),
                                  f"{claim.id!r} ({name}, {locale}) says {found[0]!r}, an estimative word: state "
                                  "what the sources report and put the desk's estimate in a judgment")


def _pattern(locale: str, context, extra: list[str]) -> re.Pattern | None:
    words = [label.text for label in labels(locale, context.locales, (ESTIMATIVE,))] + list(extra)
    parts = []
    terms = {w.strip().casefold() for w in words if w.strip()}
    for word in sorted(terms, key=len, reverse=True):
        escaped = r"\s+".join(map(re.escape, word.split()))
        # a one-word term also begins longer words of its family (probable → probablement)
        parts.append(escaped + (r"\w*" if " " not in word else ""))
    if not parts:
        return None
    # the lookahead for a term's first letter only makes the scan faster: most places fail it at once
    firsts = "".join(sorted({re.escape(term[0]) for term in terms}))
    return re.compile(rf"(?=[{firsts}])(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
