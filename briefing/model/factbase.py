"""The fact base as a whole, and what every later stage derives from the record declarations:
the record types it holds, what a reference may name, how a record is dated."""

from __future__ import annotations

import typing
from functools import lru_cache
from typing import Any, Callable, Iterator

from pydantic import Field, PrivateAttr

from briefing.model.analysis import Conflict, Judgment, Meta, Vocabulary
from briefing.model.base import Entity, PartialDate, Record, RecordType, Ref
from briefing.model.claims import Agreement, Claim, Duration, Event, Gift, Quantity, Statement
from briefing.model.entities import Participant, Source, Venue


class FactBase(Record):
    """A curated fact base: sources, participants, venues, events, durations, quantities, gifts,
    agreements, statements, judgments and conflicts, each claim citing its sources."""

    meta: Meta = Field(description="The brief's title, subject, desk, edition, date, locales and bottom line.")
    vocabulary: Vocabulary = Field(default_factory=Vocabulary, description="Event and statement kinds this fact base "
                                                                           "declares, with their labels.")
    sources: list[Source] = Field(min_length=1, description="The documents the claims come from, with their "
                                                           "reliability.")
    participants: list[Participant] = Field(default_factory=list, description="People, delegations and "
                                                                              "organizations.")
    venues: list[Venue] = Field(default_factory=list, description="Places named in the reporting.")
    events: list[Event] = Field(default_factory=list, description="Events, each with its date and, where known, "
                                                                  "its time, place and participants.")
    durations: list[Duration] = Field(default_factory=list, description="Every reported duration, attached to the "
                                                                        "event it measures.")
    quantities: list[Quantity] = Field(default_factory=list, description="Reported figures: counts, amounts, "
                                                                         "tonnages, votes.")
    gifts: list[Gift] = Field(default_factory=list, description="Gifts exchanged, with giver, recipient and occasion.")
    agreements: list[Agreement] = Field(default_factory=list, description="Agreements signed, with their provisions.")
    statements: list[Statement] = Field(default_factory=list, description="Statements, announcements, quotations, "
                                                                          "reactions and allegations.")
    judgments: list[Judgment] = Field(default_factory=list, description="The analysts' own assessments, kept apart "
                                                                        "from reported facts.")
    conflicts: list[Conflict] = Field(default_factory=list, description="Where sources disagree, and how each "
                                                                        "disagreement stands.")

    # The fact base is not changed after validation, so the walk and the index are kept.
    _records: list[Record] | None = PrivateAttr(default=None)
    _index: dict[str, Record] | None = PrivateAttr(default=None)
    _references: list[tuple] | None = PrivateAttr(default=None)

    # (read through kept(): made once, from __pydantic_private__ directly)
    def records(self) -> list[Record]:
        """Every record, depth first, in document order."""
        return kept(self, "_records", lambda: list(_walk(self)))

    def claims(self) -> Iterator[Claim]:
        return (r for r in self.records() if isinstance(r, Claim))

    def index(self) -> dict[str, Record]:
        """Records by id (the first one wins when an id is duplicated)."""
        def made() -> dict[str, Record]:
            found: dict[str, Record] = {}
            for record in self.records():
                found_id = record_id(record)
                if isinstance(found_id, str):
                    found.setdefault(found_id, record)
            return found

        return kept(self, "_index", made)

    def of_type(self, record_type: type[Record]) -> list[Record]:
        """Every record of one declared type, wherever it sits (provisions inside agreements too)."""
        return [r for r in self.records() if type(r) is record_type]


def record_id(record: Record) -> Any:
    """A record's ``id`` (None for a record type without one). Read from the record's values
    first: ``getattr`` on a missing attribute goes through pydantic's slow ``__getattr__``."""
    values = record.__dict__
    return values["id"] if "id" in values else getattr(record, "id", None)


@lru_cache(maxsize=None)
def record_types(model: type[Record] = FactBase) -> tuple[type[Record], ...]:
    """Every declared record type a fact-base model holds, in declaration order: found by
    following its fields, so a type added to the model is found without being listed here."""
    found: list[type[Record]] = []

    def visit(cls: type[Record]) -> None:
        for info in cls.model_fields.values():
            for candidate in _model_classes(info.annotation):
                if candidate not in found:
                    if candidate.declared is not None:
                        found.append(candidate)
                    visit(candidate)

    visit(model)
    return tuple(found)


def _model_classes(annotation: Any) -> Iterator[type[Record]]:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        yield annotation
        return
    for argument in typing.get_args(annotation):
        yield from _model_classes(argument)


def declaration(record: Any) -> RecordType | None:
    return getattr(type(record), "declared", None)


def kind_of(record: Record) -> set[str]:
    """The reference kinds a record can answer to: its type's noun, and "claim" for claims."""
    kinds = {record.declared.noun} if record.declared else set()
    if isinstance(record, Claim):
        kinds.add("claim")
    return kinds


def is_entity(record: Any) -> bool:
    return isinstance(record, Entity)


def date_of(record: Record, index: dict[str, Record], depth: int = 0) -> PartialDate | None:
    """The date a record reports, from the fields its declaration dates it by: a date of its
    own, or the date of the record a reference names (a duration is dated by its event)."""
    declared = record.declared
    if declared is None or depth > 8:  # a chain of references never loops for long
        return None
    for name in declared.dated_by:
        value = getattr(record, name, None)
        if not value:
            continue
        if name not in _reference_names(type(record)):
            return PartialDate(value)
        target = index.get(value)
        found = date_of(target, index, depth + 1) if target is not None else None
        if found is not None:
            return found
    return None


@lru_cache(maxsize=None)
def reference_fields(model: type[Record]) -> tuple[tuple[str, Ref], ...]:
    """The fields of a record type that hold references, with their markers."""
    found = []
    for name, info in model.model_fields.items():
        ref = _ref_of(info.annotation, info.metadata)
        if ref is not None:
            found.append((name, ref))
    return tuple(found)


@lru_cache(maxsize=None)
def _reference_names(model: type[Record]) -> frozenset[str]:
    return frozenset(name for name, _ in reference_fields(model))


def _ref_of(annotation: Any, metadata: list) -> Ref | None:
    """The Ref marker carried by a field's type, looking through Optional and list."""
    for item in metadata:
        if isinstance(item, Ref):
            return item
    stack = [annotation]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is typing.Annotated:
            for item in typing.get_args(current)[1:]:
                if isinstance(item, Ref):
                    return item
        stack.extend(arg for arg in typing.get_args(current) if not isinstance(arg, Ref))
    return None


Link = tuple[Record, str, "int | None", str, Ref]
"""A reference as :func:`links` lists it: (record, field name, index in the field's list or
None, target id, Ref marker)."""


def references(facts: FactBase) -> Iterator[tuple[tuple, str, str, Ref]]:
    """Every reference in the fact base: (path, field name, target id, Ref marker)."""
    for record, name, i, target, ref in links(facts):
        yield record.path + ((name,) if i is None else (name, i)), name, target, ref


def links(facts: FactBase) -> list[Link]:
    """Every reference in the fact base, as :data:`Link`: the same, in the same order, as
    :func:`references`, without building a path for each (most are never reported). Listed
    once per fact base (it is not changed after validation): several rules follow them."""
    return kept(facts, "_references", lambda: list(_links(facts)))


def kept(facts: FactBase, name: str, make: Callable[[], Any]) -> Any:
    """A fact base's private cache ``name``, made on first use. Read from
    ``__pydantic_private__`` directly: a private attribute goes through pydantic's
    ``__getattr__``, slow for methods that rules call once per record."""
    private = facts.__pydantic_private__
    assert private is not None
    found = private[name]
    if found is None:
        found = private[name] = make()
    return found


def _links(facts: FactBase) -> Iterator[Link]:
    for record in facts.records():
        fields = reference_fields(type(record))
        if not fields:
            continue
        values = record.__dict__  # the fields' values: getattr goes through pydantic's machinery
        for name, ref in fields:
            value = values[name]
            if isinstance(value, str):
                yield record, name, None, value, ref
            else:
                for i, item in enumerate(value or []):
                    yield record, name, i, item, ref


@lru_cache(maxsize=None)
def field_names(model: type[Record]) -> tuple[str, ...]:
    """A record type's field names, in declaration order (``model_fields`` is slow to ask
    for in a loop over every record)."""
    return tuple(model.model_fields)


@lru_cache(maxsize=None)
def _nesting_fields(model: type[Record]) -> tuple[str, ...]:
    """The fields whose type holds a record type (directly or in a list): the only ones
    that can hold records, since validation makes a record only where the type says so."""
    return tuple(name for name, info in model.model_fields.items() if any(_model_classes(info.annotation)))


def _walk(record: Record) -> Iterator[Record]:
    yield record
    values = record.__dict__
    for name in _nesting_fields(type(record)):
        value = values[name]
        if isinstance(value, Record):
            yield from _walk(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Record):
                    yield from _walk(item)


def attach_paths(record: Record, path: tuple = (), found: list[Record] | None = None) -> None:
    """Record in each object where it came from, so problems can point into the file (and
    list, in ``found``, every record it reaches: depth first, in document order)."""
    record.__pydantic_private__["_path"] = path  # type: ignore[index]  # direct: __setattr__ is slow
    if found is not None:
        found.append(record)
    values = record.__dict__
    for name in _nesting_fields(type(record)):
        value = values[name]
        if isinstance(value, Record):
            attach_paths(value, path + (name,), found)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Record):
                    attach_paths(item, path + (name, i), found)


def parse(data: Any, model: type[FactBase] = FactBase) -> FactBase:
    """Validate plain data into a fact base (raises pydantic's ValidationError)."""
    facts = model.model_validate(data)
    found: list[Record] = []
    attach_paths(facts, (), found)
    facts.__pydantic_private__["_records"] = found  # type: ignore[index]  # the same walk as records()
    return facts


__all__ = ["Agreement", "Conflict", "Duration", "Event", "FactBase", "Gift", "Judgment", "Meta", "Participant",
           "Quantity", "Source", "Statement", "Venue", "Vocabulary", "attach_paths", "date_of", "declaration",
           "field_names", "is_entity", "kind_of", "links", "parse", "record_id", "record_types", "reference_fields",
           "references"]
