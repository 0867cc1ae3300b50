"""What a template sees: the fact base, resolved and ordered for one locale.

Nothing here knows the topic of the fact base; it only follows the schema. Templates
receive objects (records from :mod:`briefing.model`) plus a few helpers: ``text`` picks a
localized text, ``cite`` gives the numbered sources of a claim, ``ref`` resolves an id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable

from briefing.model import Claim, Event, FactBase, Meta, Record, Source, Statement
from briefing.render import figures
from briefing.render.formatting import Formatter
from briefing.sourcing import origin_groups


@dataclass
class GiftGroup:
    occasion: Event | None
    directions: list[tuple[str, str, list[Any]]] = field(default_factory=list)


class Brief:
    """The fact base as one locale's brief presents it."""

    def __init__(self, facts: FactBase, locale: str, formatter: Formatter, facts_bytes: bytes,
                 previous=None) -> None:
        self.facts = facts
        self.previous, self.changes = previous[:2] if previous else (None, None)
        self.meta = facts.meta
        self.locale = locale
        self.fmt = formatter
        self.fingerprint = hashlib.sha256(facts_bytes).hexdigest()
        self._index = facts.index()
        self.reporting_sources = [s for s in facts.sources if s.kind == "reporting"]
        self.reference_sources = [s for s in facts.sources if s.kind == "reference"]
        ordered = self.reporting_sources + self.reference_sources
        self.source_number = {source.id: n for n, source in enumerate(ordered, start=1)}

    # --- lookup and text ---------------------------------------------------------
    def ref(self, record_id: str | None) -> Any:
        return self._index.get(record_id) if record_id else None

    def text(self, localized: dict[str, str] | str | None) -> str:
        if not localized:
            return ""
        text = localized if isinstance(localized, str) else localized.get(self.locale, "")
        if self.locale.split("_")[0] == "fr":  # French guillemets hold their text with no-break spaces
            text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        return text

    @property
    def desk(self) -> str:
        return self.text(self.meta.desk)

    def outlets(self, outlets: Iterable[Any]) -> str:
        """Outlet names, each a proper name or a per-locale description, as a list."""
        return self.fmt.list(o if isinstance(o, str) else self.text(o) for o in outlets)

    def name(self, record_id: str) -> str:
        record = self.ref(record_id)
        return self.text(getattr(record, "name", None)) if record else record_id

    def names(self, record_ids: Iterable[str]) -> str:
        return self.fmt.list(self.name(i) for i in record_ids)

    # --- citations -------------------------------------------------------------
    def cite(self, *records: Any) -> list[tuple[int, Source]]:
        """Numbered sources behind the given claims (or claim ids), in number order."""
        found: dict[int, Source] = {}
        for record in records:
            for source_id in self._source_ids(record):
                source = self.ref(source_id)
                if isinstance(source, Source):
                    found[self.source_number[source.id]] = source
        return sorted(found.items())

    def _source_ids(self, record: Any) -> list[str]:
        if isinstance(record, str):
            record = self.ref(record)
        if record is None:
            return []
        if hasattr(record, "claims") and not isinstance(record, FactBase):  # summary point
            return [s for claim_id in record.claims for s in self._source_ids(claim_id)]
        if hasattr(record, "rests_on"):
            return [s for claim_id in record.rests_on for s in self._source_ids(claim_id)]
        return list(getattr(record, "sources", []))

    @property
    def keywords(self) -> str:
        """Document keywords: the people and places of the fact base, in this locale."""
        names = [self.text(p.name) for p in self.people] + [self.text(v.name) for v in self.facts.venues]
        return ", ".join(dict.fromkeys(n for n in names if n))

    # --- marking -----------------------------------------------------------------
    @property
    def marking(self) -> str:
        """The handling marking; by default an unclassified open-source one, localized."""
        return self.text(self.meta.marking) or self.fmt._("UNCLASSIFIED // OPEN SOURCE")

    @property
    def portion(self) -> str:
        return self.text(self.meta.portion_mark) or self.fmt._("(U//OS)")

    @property
    def page_label(self) -> tuple[str, str, str]:
        """'Page N of M' split around the two numbers, so CSS counters can fill them in."""
        text = self.fmt._("Page %(page)s of %(pages)s")
        before, rest = text.split("%(page)s", 1)
        middle, after = rest.split("%(pages)s", 1)
        return before, middle, after

    # --- source summary ----------------------------------------------------------
    @property
    def reliability_spread(self) -> list[tuple[str, int]]:
        """How many reporting sources have each grade, A to F (ungraded last)."""
        counts: dict[str, int] = {}
        for source in self.reporting_sources:
            grade = source.reliability.value if source.reliability else "?"
            counts[grade] = counts.get(grade, 0) + 1
        return [(grade, counts[grade]) for grade in "ABCDEF?" if grade in counts]

    def basis(self, judgment: Any) -> tuple[int, int]:
        """(number of sources, number of independent origins) a judgment rests on."""
        sources = [self.ref(n) for n in dict.fromkeys(self._source_ids(judgment))]
        sources = [s for s in sources if isinstance(s, Source)]
        return len(sources), len(origin_groups(sources))

    @property
    def fragile_judgments(self) -> list[tuple[Any, int, int]]:
        """Judgments resting on a single source or a single origin."""
        found = []
        for judgment in self.facts.judgments:
            count, origins = self.basis(judgment)
            if count <= 1 or origins <= 1:
                found.append((judgment, count, origins))
        return found

    # --- figures -------------------------------------------------------------------
    @property
    def timeline(self) -> figures.Timeline | None:
        def date_label(event: Event) -> str:
            return self.fmt.date_range(event.date, event.end_date)

        return figures.timeline(self.chronology, lambda e: self.text(e.name), date_label,
                                lambda day: self.fmt.date(str(day.year)))

    @property
    def locator(self) -> figures.Locator | None:
        def degrees(value: float, axis: str) -> str:
            if axis == "lat":
                return (self.fmt._("%(degrees)s° N") if value >= 0 else self.fmt._("%(degrees)s° S")) % {
                    "degrees": self.fmt.number(abs(value))}
            return (self.fmt._("%(degrees)s° E") if value >= 0 else self.fmt._("%(degrees)s° W")) % {
                "degrees": self.fmt.number(abs(value))}

        return figures.locator(self.facts.venues, lambda v: self.text(v.name), degrees)

    # --- sections --------------------------------------------------------------
    @cached_property
    def chronology(self) -> list[Event]:
        """Events in date order; an event dated only to the month or year sorts at its end."""
        return sorted(self.facts.events, key=lambda e: (e.date_sort_key(), e.end_date or "", e.path))

    def events_of_kind(self, kind: str) -> list[Event]:
        return [e for e in self.chronology if e.kind == kind]

    @cached_property
    def _durations_by_event(self) -> dict[str, list[Any]]:
        # One pass, not one scan per event: a large base has thousands of both.
        found: dict[str, list[Any]] = {}
        for duration in self.facts.durations:
            found.setdefault(duration.event, []).append(duration)
        return found

    def durations_of(self, event: Event) -> list[Any]:
        return self._durations_by_event.get(event.id, [])

    @property
    def talks(self) -> list[Event]:
        """Events that have durations or are talks, in date order."""
        measured = self._durations_by_event
        return [e for e in self.chronology if e.kind == "talks" or e.id in measured]

    @property
    def people(self) -> list[Any]:
        return [p for p in self.facts.participants if p.kind != "delegation"]

    @property
    def groups(self) -> list[Any]:
        return [p for p in self.facts.participants if p.kind == "delegation"]

    @property
    def gift_groups(self) -> list[GiftGroup]:
        """Gifts by occasion (in date order, unspecified occasions last), then by direction."""
        groups: dict[str | None, GiftGroup] = {}
        for gift in self.facts.gifts:
            group = groups.setdefault(gift.event, GiftGroup(self.ref(gift.event)))
            for giver, recipient, items in group.directions:
                if (giver, recipient) == (gift.giver, gift.recipient):
                    items.append(gift)
                    break
            else:
                group.directions.append((gift.giver, gift.recipient, [gift]))
        return sorted(groups.values(), key=lambda g: (g.occasion is None,
                                                      g.occasion.date_sort_key() if g.occasion else None))

    @property
    def quotations(self) -> list[Statement]:
        return [s for s in self.facts.statements if s.kind in ("quotation", "invitation", "acceptance", "announcement")]

    @property
    def reactions(self) -> list[Statement]:
        return [s for s in self.facts.statements if s.kind in ("reaction", "allegation")]

    def speaker(self, statement: Statement) -> str:
        if statement.speaker:
            return self.name(statement.speaker)
        return self.text(statement.speaker_label)

    def describe(self, claim: Claim) -> str:
        """A one-line account of any claim, for the discrepancies table."""
        kind = type(claim).__name__
        if kind == "Duration":
            return self.fmt.labelled(self.text(claim.measures),
                                     self.fmt.duration(claim.value, claim.unit, claim.qualifier))
        if kind == "Gift":
            return self.fmt.labelled(f"{self.name(claim.giver)} → {self.name(claim.recipient)}", self.text(claim.item))
        if kind in ("Statement", "Provision"):
            return self.text(claim.text)
        if kind == "Event":
            return "{} ({})".format(self.text(claim.name), self.fmt.date(claim.date))
        return self.text(getattr(claim, "name", None)) or claim.id

    def describe_any(self, record: Any) -> str:
        """A one-line account of any record, for the changes since the previous edition."""
        if isinstance(record, Claim):
            return self.describe(record)
        if isinstance(record, Source):
            return f"{record.publisher}, {record.title}"
        if isinstance(record, Meta):
            return self.fmt._("Edition details")
        text = getattr(record, "text", None) or getattr(record, "name", None) or getattr(record, "topic", None)
        return self.text(text) if isinstance(text, dict) else (text or getattr(record, "id", ""))

    def conflict_claims(self, conflict: Any) -> list[Claim]:
        return [c for c in (self.ref(i) for i in conflict.claims) if isinstance(c, Claim)]

    def reliability_of(self, sources: Iterable[tuple[int, Source]]) -> str:
        return ", ".join(self.fmt.labelled(str(n), s.reliability.value) for n, s in sources)


def is_record(value: Any) -> bool:
    return isinstance(value, Record)
