"""Questions several rules ask of a fact base: who took part, what contains what, when."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from briefing.errors import Position
from briefing.model import Claim, Event, FactBase, PartialDate, date_of


def expand_participants(facts: FactBase, ids: list[str]) -> set[str]:
    """Participant ids with each delegation's members added."""
    index = facts.index()
    found = set(ids)
    for participant_id in ids:
        group = index.get(participant_id)
        found.update(getattr(group, "members", []) or [])
    return found


def event_of(facts: FactBase, claim: Claim) -> Event | None:
    """The event a claim is about: itself, or the event it names."""
    if isinstance(claim, Event):
        return claim
    target = getattr(claim, "event", None)
    found = facts.index().get(target) if target else None
    return found if isinstance(found, Event) else None


def claim_date(facts: FactBase, claim: Claim) -> PartialDate | None:
    """The date a claim reports, directly or through the record it is about (its type's
    declaration says which fields date it)."""
    return date_of(claim, facts.index())


@lru_cache(maxsize=65536)
def period(value: str) -> tuple[dt.date, dt.date]:
    """First and last day a (partial) date can mean. Memoised: dates repeat across claims."""
    partial = PartialDate(value)
    return partial.first_day, partial.last_day


def column_of(document, path: tuple, needle: str) -> Position:
    """Position of ``needle`` inside the string at ``path`` when it sits on the first line."""
    start = document.position(path)
    lines = document.text_of(path).splitlines()
    if 0 < start.line <= len(lines):
        line = lines[start.line - 1]
        where = line.find(needle, start.column - 1)
        if where >= 0:
            return Position(start.line, where + 1)
    return start

