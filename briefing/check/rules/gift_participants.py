"""gift-participants: a gift's giver or recipient did not take part in the occasion.

What it does
    For a gift given at an event, reports a giver or recipient who is not among the
    event's participants (delegations count with their members).

Why is this bad?
    A gift handed over by someone who was not there is a wrong occasion, a wrong person, or
    a missing participant: the brief's "gifts by occasion" would mislead.

Example
    ```yaml
    - id: gift-book
      event: ev-reception        # participants: [mayor, ambassador]
      giver: deputy-mayor
    ```

Use instead
    Name the right giver, or add the participant to the event with a source.
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.facts_index import event_of, expand_participants
from briefing.check.problem import Finding

ID = "gift-participants"
SEVERITY = "error"
SUMMARY = "a gift's giver or recipient is not a participant of its occasion"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for gift in facts.gifts:
        event = event_of(facts, gift)
        if event is None:
            continue
        present = expand_participants(facts, event.participants)
        for role in ("giver", "recipient"):
            person = getattr(gift, role)
            if person in index and person not in present:  # undefined ids: unknown-reference
                yield Finding(gift.path + (role,), f"{role} {person!r} is not a participant of {event.id!r} "
                                                   f"({document.where(event.path, gift.path)})")
