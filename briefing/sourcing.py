"""How independent a set of sources is, and what the bottom line's sourcing is worth: shared
by the checker, the brief's source summary and the sourcing note under the bottom line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

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


def claim_origins(claim: Any, sources: list[Source]) -> int:
    """How many independent origins one claim rests on: a statement that names the outlet
    that carried it has that one origin however many sources repeat it (as ``single-origin``
    counts it); otherwise its sources' origin groups."""
    if getattr(claim, "carried_by", None):
        return 1
    return len(origin_groups(sources))


@dataclass(frozen=True)
class Basis:
    """What a claim or a judgment rests on: its sources and how many independent origins they make."""

    record: Any
    sources: list[Source]
    origins: int

    @property
    def single_source(self) -> bool:
        return len(self.sources) == 1

    @property
    def single_origin(self) -> bool:
        """Several sources, but one origin (one wire, one spokesman)."""
        return len(self.sources) > 1 and self.origins <= 1


@dataclass(frozen=True)
class SourcingNote:
    """The numbers behind the note under the bottom line, all counted from the fact base
    (ICD 206 asks a product to tell the reader what its sourcing is worth)."""

    reporting: list[Source]
    grades: list[tuple[str | None, int]]
    """How many reporting sources have each reliability grade, A to F, ungraded (None) last."""
    relaying: int
    """Reporting sources that relay other outlets rather than report first-hand."""
    key_claims: list[Basis]
    """The claims the bottom line and its lead judgment rest on, in the order they are cited."""
    origins: int
    """Independent origins of the key claims' sources, taken together."""
    lead: Basis | None
    """The lead judgment's basis, when the bottom line has a lead."""
    without_text: list[Any]
    """Key agreements whose own text is not among the sources: every source cited for them
    or their provisions relays other outlets, so none of them is the text."""

    @property
    def single_source(self) -> list[Basis]:
        return [b for b in self.key_claims if b.single_source]

    @property
    def single_origin(self) -> list[Basis]:
        return [b for b in self.key_claims if b.single_origin]


def sourcing_note(facts: Any) -> SourcingNote:
    """Count what the bottom line's sourcing is worth (see :class:`SourcingNote`)."""
    index = facts.index()

    def sources_of(claim_ids: Iterable[str]) -> list[Source]:
        found = [index.get(s) for c in claim_ids for s in getattr(index.get(c), "sources", [])]
        return list({s.id: s for s in found if isinstance(s, Source)}.values())

    def basis(claim_id: str) -> Basis:
        claim = index[claim_id]
        sources = sources_of([claim_id])
        return Basis(claim, sources, claim_origins(claim, sources))

    reporting = [s for s in facts.sources if s.kind == "reporting"]
    counts = Counter(s.reliability.value if s.reliability else None for s in reporting)
    grades = [(g, counts[g]) for g in (*"ABCDEF", None) if counts.get(g)]
    judgment = index.get(facts.meta.lead) if facts.meta.lead else None
    lead_claims = [c for c in getattr(judgment, "rests_on", []) if c in index]
    point_claims = [c for point in facts.meta.summary_points for c in point.claims if c in index]
    key_ids = list(dict.fromkeys(lead_claims + point_claims))
    lead = None
    if judgment is not None:
        lead_sources = sources_of(lead_claims)
        lead = Basis(judgment, lead_sources, len(origin_groups(lead_sources)))
    provisions = {p.id: a for a in facts.agreements for p in a.provisions}
    agreements = [a for a in facts.agreements if a.id in key_ids or any(p.id in key_ids for p in a.provisions)]
    agreements += [provisions[c] for c in key_ids if c in provisions and provisions[c] not in agreements]
    without_text = [a for a in agreements if _all_relayed(sources_of([a.id] + [p.id for p in a.provisions]))]
    return SourcingNote(reporting, grades, sum(1 for s in reporting if s.relays), [basis(c) for c in key_ids],
                        len(origin_groups(sources_of(key_ids))), lead, without_text)


def _all_relayed(sources: list[Source]) -> bool:
    return bool(sources) and all(source.relays for source in sources)
