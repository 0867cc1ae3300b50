"""unknown-kind: an event or statement kind that is neither built in nor declared.

What it does
    Event and statement kinds are an open vocabulary: the built-in kinds (``briefing
    rules unknown-kind`` lists them below) plus those the fact base declares under
    ``vocabulary.event_kinds`` and ``vocabulary.statement_kinds``, each with a label per
    locale. A kind that is neither is reported, with the closest known kind when one is
    close ("did you mean").

    Built-in event kinds: summit, visit, travel, talks, ceremony, tour, banquet, signing,
    meeting, incident, other. Built-in statement kinds: quotation, invitation, acceptance,
    reaction, allegation, announcement.

Why is this bad?
    The brief labels every event and statement with its kind in the reader's language.
    An undeclared kind has no label to show, and a misspelt one (``explosoin``) splits one
    kind into two.

Example
    ```yaml
    events:
      - id: ev-blast
        kind: explosion      # not built in, not declared
    ```

Use instead
    ```yaml
    vocabulary:
      event_kinds:
        explosion: {en: Explosion, fr: Explosion}
    ```
"""

from __future__ import annotations

import difflib
from typing import Iterator

from briefing.check.problem import Finding
from briefing.vocabulary import kinds

ID = "unknown-kind"
SEVERITY = "error"
SUMMARY = "an event or statement kind that is neither built in nor declared in the vocabulary"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    for records, field, noun in ((facts.events, "event_kinds", "event"),
                                 (facts.statements, "statement_kinds", "statement")):
        known = kinds(facts, field)
        for record in records:
            if record.kind in known:
                continue
            close = difflib.get_close_matches(record.kind, list(known), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            yield Finding(record.path + ("kind",),
                          f"unknown {noun} kind {record.kind!r}; {hint}declare it under vocabulary.{field} "
                          f"with a label per locale, or use one of: {', '.join(sorted(known))}")
