"""venue-country: places whose countries contradict each other.

What it does
    Reports a venue that is ``part_of`` a venue in another country; an event whose venue
    is in another country than the venue of the event it is part of; and an agreement
    signed at a venue in another country than its signing event's venue.

Why is this bad?
    A working session in Lisbon that is part of a ministerial meeting in Madrid is a wrong
    venue id or a wrong ``part_of``: the brief would place the event in the wrong country.

Example
    ```yaml
    - id: ev-working-session
      part_of: ev-ministerial    # at madrid-palace, ES
      venue: lisbon-hall         # PT
    ```

Use instead
    ```yaml
      venue: madrid-palace
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import Event, Venue

ID = "venue-country"
SEVERITY = "error"
SUMMARY = "a venue's country contradicts the event or place it belongs to"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()

    def venue(venue_id):
        found = index.get(venue_id) if venue_id else None
        return found if isinstance(found, Venue) else None

    for place in facts.venues:
        outer = venue(place.part_of)
        if outer and outer.country != place.country:
            yield Finding(place.path + ("country",), f"{place.id!r} is in {place.country} but part of "
                                                     f"{outer.id!r}, in {outer.country}")
    for item in list(facts.events) + list(facts.agreements):
        own = venue(item.venue)
        if own is None:
            continue
        parent_id = item.part_of if isinstance(item, Event) else item.event
        parent = index.get(parent_id) if parent_id else None
        other = venue(parent.venue) if isinstance(parent, Event) else None
        if parent is not None and other and other.country != own.country:
            yield Finding(item.path + ("venue",), f"{item.id!r} is at {own.id!r} ({own.country}) but "
                                                  f"{parent.id!r} is at {other.id!r} ({other.country})")
