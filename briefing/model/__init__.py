"""The typed fact base: what ``facts.yaml`` holds, as objects the checker and templates use.

Two kinds of records:

- *entities* (sources, participants, venues) are things the brief talks about;
- *claims* (events, durations, quantities, gifts, agreements and their provisions,
  statements) are things a source says. Every claim cites ``sources`` and carries an
  Admiralty information-credibility rating (1-6). Claims and entities share one id namespace.

Analytic *judgments* rest on claims and are kept apart from them; *conflicts* record
where claims disagree and how the disagreement stands.

Each record type is declared once, by its class (see :mod:`briefing.model.base`); the
schema, references, diff, date rules and the brief derive from those declarations.
"""

from briefing.model.analysis import Conflict, Judgment, Meta, SummaryPoint, Vocabulary
from briefing.model.base import (MAX_ID, MAX_ITEMS, MAX_LOCALES, MAX_NAME, MAX_TEXT, MAX_YEAR, MIN_YEAR, ClaimRef,
                                 Entity, EventRef, Excusable, LOCALE_PATTERN, LocaleCode, Localized, LocalizedName, OutletName, PartialDate,
                                 ParticipantRef, Record, RecordType, Ref, RuleException, SourceRef, VenueRef,
                                 is_date_time, outlet_key, outlet_label, parse_time, partial_date, zone)
from briefing.model.claims import (Agreement, Claim, Duration, Event, Gift, Provision, Quantity, Quotation,
                                   Recurrence, Statement)
from briefing.model.entities import Coordinates, OriginalName, Participant, Reliability, Source, Venue
from briefing.model.factbase import (FactBase, attach_paths, date_of, declaration, field_names, is_entity, kind_of,
                                     links, parse, record_id, record_types, reference_fields, references)

__all__ = [
    "MAX_ID", "MAX_ITEMS", "MAX_LOCALES", "MAX_NAME", "MAX_TEXT", "MAX_YEAR", "MIN_YEAR", "LocalizedName",
    "Agreement", "Claim", "ClaimRef", "Conflict", "Coordinates", "Duration", "Entity", "Event", "EventRef",
    "Excusable", "FactBase", "Gift", "Judgment", "LOCALE_PATTERN", "LocaleCode", "Localized", "Meta", "OriginalName", "OutletName", "PartialDate",
    "Participant", "ParticipantRef", "Provision", "Quantity", "Quotation", "Record", "RecordType", "Recurrence",
    "Ref", "Reliability", "RuleException", "Source", "SourceRef", "Statement", "SummaryPoint", "Venue", "VenueRef",
    "Vocabulary", "attach_paths", "date_of", "declaration", "field_names", "is_entity", "kind_of", "links",
    "is_date_time", "outlet_key", "outlet_label", "parse", "parse_time", "partial_date", "record_id", "record_types",
    "reference_fields", "references", "zone",
]
