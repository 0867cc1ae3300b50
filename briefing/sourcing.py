"""How independent a set of sources is: shared by the checker and the brief's source summary."""

from __future__ import annotations

from briefing.model import Source, outlet_key


def same_origin(a: Source, b: Source) -> bool:
    """Whether two sources may rest on one underlying origin.

    Sources with the same ``relays`` are one origin; so are two sources sharing an outlet
    when either relays nothing else (it only repeats that outlet). Sources that relay
    nothing are their own origin, unless they have the same publisher.
    """
    relays_a, relays_b = {outlet_key(r) for r in a.relays}, {outlet_key(r) for r in b.relays}
    if not relays_a or not relays_b:
        return a.publisher == b.publisher
    if relays_a == relays_b:
        return True
    return bool(relays_a & relays_b) and (len(relays_a) == 1 or len(relays_b) == 1)


def origin_groups(sources: list[Source]) -> list[list[Source]]:
    """Sources grouped so that each group is one origin (connected by :func:`same_origin`)."""
    groups: list[list[Source]] = []
    for source in sources:
        joined = [g for g in groups if any(same_origin(source, other) for other in g)]
        merged = [source] + [s for g in joined for s in g]
        groups = [g for g in groups if g not in joined] + [merged]
    return groups
