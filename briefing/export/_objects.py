"""The STIX objects of a fact base: one ``Exporter`` walks the records and builds, with the
``stix2`` library, the object each one becomes (see :mod:`briefing.export.stix` for the mapping).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any

import stix2
from stix2.confidence.scales import admiralty_credibility_to_value, none_low_med_high_to_value

from briefing.estimative import RANGES, scale_used
from briefing.export._text import Texts, plain
from briefing.model import Claim, Conflict, FactBase, Judgment, Participant, Record, Source, Venue, references

NAMESPACE = uuid.UUID("5d1c7a52-3f0e-4b8a-9c61-2b8e0f4a7d39")
"""The fixed namespace of every UUIDv5 the export makes (chosen once; never change it)."""

DEFAULT_MARKING = "UNCLASSIFIED // OPEN SOURCE"
TLP = {"TLP:CLEAR": stix2.TLP_WHITE, "TLP:WHITE": stix2.TLP_WHITE, "TLP:GREEN": stix2.TLP_GREEN,
       "TLP:AMBER": stix2.TLP_AMBER, "TLP:RED": stix2.TLP_RED}
ADMIRALTY = {1: "1 - Confirmed by other sources", 2: "2 - Probably True", 3: "3 - Possibly True",
             4: "4 - Doubtful", 5: "5 - Improbable", 6: "6 - Truth cannot be judged"}
ANALYTIC_CONFIDENCE = {"low": "Low", "moderate": "Med", "high": "High"}
IDENTITY_CLASS = {"person": "individual", "organization": "organization", "delegation": "group"}


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def credibility_confidence(credibility: int) -> int | None:
    """STIX 2.1 Appendix A, Admiralty credibility → confidence: 1 → 90, 2 → 70, 3 → 50, 4 → 30,
    5 → 10; 6 (truth cannot be judged) has no value, so the property is left out."""
    try:
        return admiralty_credibility_to_value(ADMIRALTY[credibility])
    except ValueError:
        return None


def stix_type(record: Record) -> str | None:
    """The STIX object a record becomes (None: a source, exported as external references)."""
    if isinstance(record, Source):
        return None
    if isinstance(record, Participant):
        return "identity"
    if isinstance(record, Venue):
        return "location"
    if isinstance(record, Conflict):
        return "grouping"
    return "note"  # claims of every type, judgments, and any other declared record with an id


class Exporter:
    def __init__(self, facts: FactBase, facts_bytes: bytes, default_marking: dict[str, str] | None = None) -> None:
        self.facts, self.t = facts, Texts(facts)
        self.default_marking = default_marking  # the desk's (briefing.toml), used when the fact base sets none
        self.time = dt.datetime.combine(facts.meta.as_of.first_day, dt.time(), dt.timezone.utc)  # type: ignore[attr-defined]
        self.digest = hashlib.sha256(facts_bytes).hexdigest()
        self.records = [r for r in facts.records() if r.declared and isinstance(getattr(r, "id", None), str)]
        self.ids = {r.id: stix_id(kind, r.id) for r in self.records  # type: ignore[attr-defined]
                    if (kind := stix_type(r)) is not None}
        # The brief and its desk have no record id: they are named by their texts in the first locale.
        self.report_id = stix_id("report", "meta:" + self.t.text(facts.meta.title, self.t.main))
        self.desk_id = stix_id("identity", "desk:" + self.t.text(facts.meta.desk, self.t.main))
        self.extension_id = stix_id("extension-definition", "briefing:" + self.desk_id)
        self.by_path = {r.path: r for r in facts.records()}
        self.children: dict[tuple, list[Record]] = {}  # nested claims (an agreement's provisions) by parent path
        for record in self.records:
            if len(record.path) > 2 and isinstance(self.by_path.get(record.path[:-2]), Claim):
                self.children.setdefault(record.path[:-2], []).append(record)
        self.links: dict[tuple, list[tuple[str, str]]] = {}  # record path → [(field, target id)]
        for path, name, target, _ref in references(facts):
            owner = path[:-1] if isinstance(path[-1], str) else path[:-2]
            self.links.setdefault(owner, []).append((name, target))
        self.objects: list[Any] = []
        self.translations: dict[str, dict[str, dict[str, Any]]] = {}
        self.marking = self._marking()

    # --- common pieces -------------------------------------------------------------------

    def common(self, object_id: str, **custom: Any) -> dict[str, Any]:
        props = {"id": object_id, "created": self.time, "modified": self.time, "created_by_ref": self.desk_id,
                 "object_marking_refs": [self.marking.id], "lang": self.t.main, "allow_custom": True}
        custom = {f"x_briefing_{key}": value for key, value in custom.items() if value not in (None, [], {})}
        if custom:
            props.update(custom, extensions={self.extension_id: {"extension_type": "toplevel-property-extension"}})
        return props

    def localized(self, object_id: str, props: dict[str, Any], name: str, value: Any, as_list: bool = False) -> None:
        """Set a property in the fact base's language; keep the other locales for language-content."""
        if value is None:
            return
        props[name] = [self.t.text(value, self.t.main)] if as_list else self.t.text(value, self.t.main)
        for locale in self.t.others:
            if isinstance(value, dict) and value.get(locale):
                text = self.t.text(value, locale)
                self.translations.setdefault(object_id, {}).setdefault(locale, {})[name] = [text] if as_list else text

    def sources(self, object_id: str, source_ids: list[str]) -> list[stix2.ExternalReference]:
        found: list[stix2.ExternalReference] = []
        translated: dict[str, list[dict[str, str]]] = {locale: [] for locale in self.t.others}
        for source_id in source_ids:
            source = self.t.index.get(source_id)
            if not isinstance(source, Source):
                continue
            reason = source.reliability_reason
            found.append(stix2.ExternalReference(
                source_name=source.publisher, description=source.title, external_id=source.id,
                **({"url": source.url} if source.url else {}), allow_custom=True,
                **{f"x_briefing_{k}": v for k, v in plain(source, {"id", "publisher", "title", "url"}).items()},
                **({"x_briefing_reliability_reason": self.t.text(reason, self.t.main)} if reason else {})))
            for locale in self.t.others:
                text = reason.get(locale) if reason else None
                translated[locale].append({"x_briefing_reliability_reason": text} if text else {})
        for locale, entries in translated.items():
            if any(entries):
                self.translations.setdefault(object_id, {}).setdefault(locale, {})["external_references"] = entries
        return found

    def refs(self, record: Record) -> list[tuple[str, str]]:
        """(field, STIX id) of every record this one references, sources left out."""
        return [(name, self.ids[target]) for name, target in self.links.get(record.path, []) if target in self.ids]

    def add(self, cls: type, props: dict[str, Any]) -> None:
        self.objects.append(cls(**props))

    # --- the objects ---------------------------------------------------------------------

    def _marking(self) -> Any:
        meta = self.facts.meta
        given = meta.marking or self.default_marking
        text = (self.t.text(given, self.t.main) if given else "") or DEFAULT_MARKING
        tlp = TLP.get(text.strip().upper().replace(" ", ""))
        if tlp is not None:
            return tlp
        return stix2.MarkingDefinition(id=stix_id("marking-definition", text), created=self.time,
                                       created_by_ref=self.desk_id, name=text, definition_type="statement",
                                       definition=stix2.StatementMarking(statement=text))

    def participant(self, record: Participant) -> None:
        object_id = self.ids[record.id]
        props = self.common(object_id, id=record.id, type="participant", country=record.country,
                            spellings=record.spellings, exceptions=self._exceptions(record),
                            original_name=record.original_name.model_dump() if record.original_name else None,
                            **self._entity_refs(record))
        props["identity_class"] = IDENTITY_CLASS[record.kind]
        self.localized(object_id, props, "name", record.name)
        self.localized(object_id, props, "roles", record.role, as_list=True)
        if record.sources:  # the sources that name the participant in this role
            props["external_references"] = self.sources(object_id, record.sources)
        self.add(stix2.Identity, props)

    def venue(self, record: Venue) -> None:
        object_id = self.ids[record.id]
        props = self.common(object_id, id=record.id, type="venue", timezone=record.timezone,
                            spellings=record.spellings, exceptions=self._exceptions(record),
                            original_name=record.original_name.model_dump() if record.original_name else None,
                            **self._entity_refs(record))
        props["country"] = record.country
        if record.coordinates is not None:
            props.update(latitude=record.coordinates.lat, longitude=record.coordinates.lon)
        self.localized(object_id, props, "name", record.name)
        self.localized(object_id, props, "description", record.region)
        if record.sources:
            props["external_references"] = self.sources(object_id, record.sources)
        self.add(stix2.Location, props)

    def note(self, record: Record, parent: Record | None) -> None:
        """A claim (of any type), a judgment, or any other declared record: a ``note``."""
        object_id = self.ids[record.id]  # type: ignore[attr-defined]
        noun = record.declared.noun  # type: ignore[union-attr]
        refs = [ref for _name, ref in self.refs(record)]
        refs += [self.ids[child.id] for child in self.children.get(record.path, [])]  # type: ignore[attr-defined]
        if parent is not None:
            refs.append(self.ids[parent.id])  # type: ignore[attr-defined]
        custom: dict[str, Any] = {"id": record.id, "type": noun, "exceptions": self._exceptions(record),  # type: ignore[attr-defined]
                                  "fields": plain(record, {"id", "exceptions", "note", "sources", "credibility"})}
        if isinstance(record, Claim):
            custom["credibility"] = record.credibility
        if isinstance(record, Judgment):
            scale = scale_used([judgment.term for judgment in self.facts.judgments])
            span = RANGES.get(scale or "", {}).get(record.term)
            custom.update(estimative_term=record.term, analytic_confidence=record.confidence, scale=scale,
                          probability_range=list(span) if span else None)
        props = self.common(object_id, **custom)
        props["object_refs"] = list(dict.fromkeys(refs)) or [self.report_id]
        self.localized(object_id, props, "abstract", self._label(record))
        contents = {locale: self.t.account(record, locale) for locale in self.t.locales}
        self.localized(object_id, props, "content", contents)
        self.localized(object_id, props, "x_briefing_analyst_note", getattr(record, "note", None))
        if isinstance(record, Claim):
            confidence = credibility_confidence(record.credibility)
            if confidence is not None:
                props["confidence"] = confidence
            if record.sources:
                props["external_references"] = self.sources(object_id, record.sources)
        elif isinstance(record, Judgment):
            props["confidence"] = none_low_med_high_to_value(ANALYTIC_CONFIDENCE[record.confidence])
        self.add(stix2.Note, props)

    def conflict(self, record: Conflict) -> None:
        object_id = self.ids[record.id]
        props = self.common(object_id, id=record.id, type="conflict", status=record.status,
                            preferred_ref=self.ids.get(record.preferred) if record.preferred else None,
                            exceptions=self._exceptions(record))
        props.update(context="unspecified", object_refs=[self.ids[c] for c in record.claims if c in self.ids])
        self.localized(object_id, props, "name", record.topic)
        self.localized(object_id, props, "description", record.reason)
        self.add(stix2.Grouping, props)

    def report(self) -> None:
        meta = self.facts.meta
        summary = [{"text": self.t.text(point.text, self.t.main),
                    "claim_refs": [self.ids[c] for c in point.claims if c in self.ids]} for point in meta.summary_points]
        vocabulary = self.facts.vocabulary.model_dump(mode="json")
        props = self.common(self.report_id, edition=meta.edition, locales=list(meta.locales), facts_sha256=self.digest,
                            summary=summary, previous=meta.previous, marking=meta.marking,
                            portion_mark=meta.portion_mark, vocabulary={k: v for k, v in vocabulary.items() if v})
        props.update(published=self.time, report_types=["threat-report"],
                     object_refs=[o.id for o in self.objects if o.type in ("identity", "location", "note", "grouping")],
                     external_references=self.sources(self.report_id, [s.id for s in self.facts.sources]))
        self.localized(self.report_id, props, "name", meta.title)
        self.localized(self.report_id, props, "description", meta.subject)
        for locale in self.t.others:
            entries = [{"text": point.text[locale]} if point.text.get(locale) else {} for point in meta.summary_points]
            if any(entries):
                self.translations.setdefault(self.report_id, {}).setdefault(locale, {})["x_briefing_summary"] = entries
        self.add(stix2.Report, props)

    def bundle(self) -> stix2.Bundle:
        desk = self.facts.meta.desk
        props = self.common(self.desk_id, type="desk")
        props["identity_class"] = "organization"
        self.localized(self.desk_id, props, "name", desk)
        self.add(stix2.Identity, props)
        for record in self.records:
            parent = self.by_path.get(record.path[:-2]) if len(record.path) > 2 else None
            kind = stix_type(record)
            if isinstance(record, Participant):
                self.participant(record)
            elif isinstance(record, Venue):
                self.venue(record)
            elif isinstance(record, Conflict):
                self.conflict(record)
            elif kind == "note":
                self.note(record, parent if isinstance(parent, Claim) else None)
        self.report()
        extension = stix2.ExtensionDefinition(
            id=self.extension_id, created=self.time, modified=self.time, created_by_ref=self.desk_id,
            name="briefing x_briefing properties", version="1.0", extension_types=["toplevel-property-extension"],
            description="Properties of the briefing fact base that STIX 2.1 has no place for.",
            schema="The x_briefing_* properties carry the fact base's record ids, fields, reliability grades, "
                   "credibility ratings, estimative terms and conflict status (see the briefing README).",
            extension_properties=sorted({key for o in self.objects for key in o if key.startswith("x_briefing_")}),
            object_marking_refs=[self.marking.id])
        contents = [stix2.LanguageContent(
            id=stix_id("language-content", object_id), created=self.time, modified=self.time,
            created_by_ref=self.desk_id, object_marking_refs=[self.marking.id], object_ref=object_id,
            object_modified=self.time, contents=dict(sorted(by_locale.items())), allow_custom=True)
            for object_id, by_locale in self.translations.items()]
        head = [self.marking, extension]
        return stix2.Bundle(*head, *self.objects, *contents, id=stix_id("bundle", self.digest), allow_custom=True)

    # --- helpers -------------------------------------------------------------------------

    def _label(self, record: Record) -> dict[str, str]:
        return {locale: self.t.label(record, locale) for locale in self.t.locales}

    def _exceptions(self, record: Record) -> list[dict[str, Any]]:
        return [e.model_dump(exclude_none=True) for e in getattr(record, "exceptions", [])]

    def _entity_refs(self, record: Record) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, ref in self.refs(record):
            found.setdefault(f"{name}_refs", []).append(ref)
        return found
