"""signatory-present: an agreement's signatory was not at its signing.

What it does
    For an agreement whose ``event`` is its signing, reports a signatory who is not among
    that event's participants (delegations count with their members).

Why is this bad?
    Who signed, and where, is what a reader of a pact needs to get right first.

Example
    ```yaml
    - id: agr-fisheries
      event: ev-signing            # participants: [minister-pt, minister-es]
      signatories: [minister-pt, secretary-es]
    ```

Use instead
    List only those present, or add the missing participant to the signing with a source.
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.facts_index import event_of, expand_participants
from briefing.check.problem import Finding

ID = "signatory-present"
SEVERITY = "error"
SUMMARY = "an agreement's signatory is not a participant of its signing"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for agreement in facts.agreements:
        event = event_of(facts, agreement)
        if event is None:
            continue
        present = expand_participants(facts, event.participants)
        for i, person in enumerate(agreement.signatories):
            if person in index and person not in present:  # undefined ids: unknown-reference
                yield Finding(agreement.path + ("signatories", i),
                              f"signatory {person!r} is not a participant of {event.id!r} "
                              f"({document.where(event.path, agreement.path)})")
