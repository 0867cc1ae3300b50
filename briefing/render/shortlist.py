"""The printed brief's short lists: a long section prints its first records, in its own order,
and says how many more the full listing (the HTML brief) holds.

A brief for a reader with two minutes does not grow to hundreds of pages because the fact
base is large. What the reader must not miss is never cut: the bottom line, the judgments,
the discrepancies and the numbered sources (every citation of a printed record still
finds its source there). ``limit`` 0 prints everything; so does the HTML brief.
"""

from __future__ import annotations

from typing import Any, Sequence


def cut(limit: int, *lists: Sequence[Any]) -> tuple[Any, ...]:
    """The lists as one section prints them, sharing ``limit`` records in their order, then
    how many records were left out: ``(first, second, ..., more)``."""
    budget = limit if limit > 0 else None
    kept: list[list[Any]] = []
    more = 0
    for items in lists:
        room = len(items) if budget is None else min(budget, len(items))
        kept.append(list(items[:room]))
        more += len(items) - room
        if budget is not None:
            budget -= room
    return (*kept, more)


def cut_groups(limit: int, groups: Sequence[Any], items_of, with_items) -> tuple[list[Any], int]:
    """Grouped records (durations by event, gifts by occasion) cut to ``limit`` records in all:
    a group keeps its first records while there is room and is dropped when none is left.
    ``items_of(group)`` gives a group's records, ``with_items(group, records)`` the group
    holding only those."""
    if limit <= 0:
        return list(groups), 0
    budget, kept, more = limit, [], 0
    for group in groups:
        items = list(items_of(group))
        room = min(budget, len(items))
        if room:
            kept.append(group if room == len(items) else with_items(group, items[:room]))
        more += len(items) - room
        budget -= room
    return kept, more
