"""The typed fact base: what ``facts.yaml`` holds, as objects the checker and templates use.

Two kinds of records:

- *entities* (sources, participants, venues) are things the brief talks about;
- *claims* (events, durations, gifts, agreements and their provisions, statements) are
  things a source says. Every claim cites ``sources`` and carries an Admiralty
  information-credibility rating (1-6). Claims and entities share one id namespace.

Analytic *judgments* rest on claims and are kept apart from them; *conflicts* record
where claims disagree and how the disagreement stands.

Fields that point at other records are annotated with :class:`Ref`, so rules can find
every reference without knowing the schema by heart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to a record of ``kind`` (``claim`` = any sourced record)."""

    kind: str


SourceRef = Annotated[str, Ref("source")]
ParticipantRef = Annotated[str, Ref("participant")]
VenueRef = Annotated[str, Ref("venue")]
EventRef = Annotated[str, Ref("event")]
ClaimRef = Annotated[str, Ref("claim")]

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Identifier, unique in the fact base: lowercase letters, digits, hyphens.")]
LocaleCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code.")]

Localized = dict[LocaleCode, str]
"""A text given once per configured locale, e.g. ``{fr: ..., en: ...}``."""

OutletName = str | Localized
"""An agency or outlet: a proper name written the same in every locale (``TASS``), or a
description given per locale (``{en: North Korean state media, fr: ...}``)."""


def outlet_key(outlet: OutletName) -> str | tuple:
    """A hashable identity for an outlet: equal names are one outlet."""
    return outlet if isinstance(outlet, str) else tuple(sorted(outlet.items()))


def outlet_label(outlet: OutletName) -> str:
    """The outlet's name for messages (English where given)."""
    return outlet if isinstance(outlet, str) else outlet.get("en") or next(iter(outlet.values()), "")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)
    _path: tuple = PrivateAttr(default=())

    @property
    def path(self) -> tuple:
        """Where this record sits in the YAML document (keys and list indices)."""
        return self.__pydantic_private__["_path"]  # direct: pydantic's __getattr__ is slow in hot loops


class RuleException(BaseModel):
    """A deliberate exception to a checker rule, kept next to the record it excuses."""

    model_config = ConfigDict(extra="forbid")
    rule: str = Field(description="The id of the rule excused here.")
    reason: str | None = Field(default=None, description="Why this is not a problem (required by the checker).")


class Excusable(Record):
    exceptions: list[RuleException] = Field(default_factory=list, description="Deliberate exceptions to checker rules for this record.")


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$")


class PartialDate(str):
    """An ISO date that may stop at the year (``2019``) or month (``2023-09``)."""

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        parts = self.count("-")
        return ("year", "month", "day")[parts]

    @property
    def first_day(self) -> dt.date:
        match = _PARTIAL_DATE.match(self)
        assert match
        year, month, day = match.groups()
        return dt.date(int(year), int(month or 1), int(day or 1))

    @property
    def last_day(self) -> dt.date:
        first = self.first_day
        if self.precision == "year":
            return dt.date(first.year, 12, 31)
        if self.precision == "month":
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return first

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        """Chronological order: an event known only to the month sorts after the dated
        days of that month ("sometime in September" comes after 13 September)."""
        return (self.last_day, ("day", "month", "year").index(self.precision))


def _partial_date(value: Any) -> PartialDate:
    if not isinstance(value, str):
        raise ValueError("a date must be written as text: YYYY, YYYY-MM or YYYY-MM-DD")
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date: {exc}") from None
    return PartialDate(value)


DateText = Annotated[str, Field(description="YYYY, YYYY-MM or YYYY-MM-DD.")]


class OriginalName(Record):
    """A name in its original script, with the language it is written in."""

    text: str
    lang: LocaleCode


class Coordinates(Record):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Reliability(str, Enum):
    """Admiralty source-reliability grade."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class SummaryPoint(Record):
    """One sentence of the bottom line; it is cited through the claims it rests on."""

    text: Localized
    claims: list[ClaimRef] = Field(min_length=1)


class Meta(Record):
    title: Localized
    subject: Localized
    summary: list[SummaryPoint] = Field(min_length=1, description="Bottom line up front: reported facts only, each point resting on claims.")
    desk: str | Localized
    edition: int = Field(ge=1, le=1_000_000)
    as_of: DateText = Field(description="Information as of this date.")
    locales: list[LocaleCode] = Field(min_length=1, description="Locales the brief is built in; the first is the fact base's own language.")
    marking: Localized | None = Field(default=None, description="Handling marking shown at the top and bottom of every page. Default: an unclassified open-source marking.")
    portion_mark: Localized | None = Field(default=None, description="Short marking put before each paragraph, table and figure. Default: (U//OS).")
    previous: str | None = Field(default=None, description="The previous edition's fact base, a path relative to this file; the brief then lists what changed since it.")

    _check_as_of = field_validator("as_of")(lambda cls, v: _partial_date(v))


class Source(Excusable):
    id: Id
    kind: Literal["reporting", "reference"] = Field(default="reporting", description="reporting: collected reporting on the events; reference: gazetteers and encyclopaedias used for background data such as coordinates.")
    publisher: str
    title: str
    author: str | None = None
    published: str = Field(description="ISO 8601 date or date-time with offset, as the page gives it.")
    updated: str | None = None
    language: LocaleCode
    url: str | None = None
    relays: list[OutletName] = Field(default_factory=list, description="Agencies or outlets this document relays: a proper name, or a description per locale.")
    reliability: Reliability | None = Field(default=None, description="Admiralty source reliability, A (completely reliable) to F (cannot be judged).")
    reliability_reason: Localized | None = None
    archive: str | None = Field(default=None, description="Where the captured copy is kept.")
    note: Localized | None = None

    @field_validator("published", "updated")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if _PARTIAL_DATE.match(value):
            _partial_date(value)
            return value
        # One spelling of a date-time, so every later stage can read it: Python would also
        # accept "20230914" or "2023-W37-4", which nothing downstream expects.
        if not _DATE_TIME.match(value):
            raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or a date-time "
                             "(YYYY-MM-DDTHH:MM with an optional offset such as +02:00)")
        try:
            dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real date-time: {exc}") from None
        return value


class Participant(Excusable):
    id: Id
    kind: Literal["person", "delegation", "organization"] = "person"
    name: Localized
    original_name: OriginalName | None = None
    role: Localized
    country: CountryCode
    members: list[ParticipantRef] = Field(default_factory=list)
    spellings: list[str] = Field(default_factory=list, description="Other spellings the sources use.")


class Venue(Excusable):
    id: Id
    name: Localized
    original_name: OriginalName | None = None
    region: Localized | None = None
    country: CountryCode
    coordinates: Coordinates | None = None
    timezone: str | None = Field(default=None, description="IANA time zone, e.g. Asia/Pyongyang.")
    part_of: VenueRef | None = None
    spellings: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list, description="Reference sources for coordinates and time zone.")


class Claim(Excusable):
    """Anything a source says. Cites its sources and rates the information's credibility."""

    id: Id
    sources: list[SourceRef] = Field(default_factory=list)
    credibility: int = Field(ge=1, le=6, description="Admiralty information credibility: 1 confirmed ... 6 cannot be judged.")
    about: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$", description="What the claim is about: claims sharing this key are versions of one fact and must agree or be listed in a conflict.")
    note: Localized | None = None


class Recurrence(Record):
    n: int = Field(ge=1)
    years: int = Field(ge=1, le=1000)


class Event(Claim):
    kind: Literal["summit", "visit", "travel", "talks", "ceremony", "tour", "banquet", "signing", "other"]
    name: Localized
    summary: Localized | None = None
    date: DateText
    end_date: DateText | None = None
    time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$")
    status: Literal["occurred", "announced"] = "occurred"
    venue: VenueRef | None = None
    part_of: EventRef | None = None
    participants: list[ParticipantRef] = Field(default_factory=list)
    first_since: DateText | None = Field(default=None, description="The sources call it the first such event since this date.")
    nth_in_years: Recurrence | None = Field(default=None, description="The sources call it the n-th such event in so many years.")

    _check_dates = field_validator("date", "end_date", "first_since")(lambda cls, v: v if v is None else _partial_date(v))

    def date_sort_key(self) -> tuple[dt.date, int]:
        return PartialDate(self.date).sort_key


class Duration(Claim):
    event: EventRef
    measures: Localized = Field(description="What was measured, e.g. 'the talks'.")
    value: float = Field(gt=0)
    unit: Literal["second", "minute", "hour", "day"]
    qualifier: Literal["exact", "about", "more-than", "less-than"] = "exact"


class Gift(Claim):
    event: EventRef | None = None
    giver: ParticipantRef
    recipient: ParticipantRef
    item: Localized
    details: Localized | None = None


class Provision(Claim):
    text: Localized


class Agreement(Claim):
    name: Localized
    other_names: list[str] = Field(default_factory=list)
    date: DateText
    venue: VenueRef
    event: EventRef | None = None
    parties: list[CountryCode] = Field(min_length=2)
    signatories: list[ParticipantRef] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)

    _check_date = field_validator("date")(lambda cls, v: _partial_date(v))


class Quotation(Record):
    """A short quotation as the source printed it, in the source's language."""

    text: str = Field(max_length=300)
    lang: LocaleCode


class Statement(Claim):
    kind: Literal["quotation", "invitation", "acceptance", "reaction", "allegation", "announcement"]
    speaker: ParticipantRef | None = None
    speaker_label: Localized | None = Field(default=None, description="Who spoke, when not a participant in the base (a government, an agency).")
    concerns: list[ParticipantRef] = Field(default_factory=list, description="Participants the statement is about.")
    event: EventRef | None = None
    date: DateText | None = None
    text: Localized = Field(description="What was said, in the analyst's words.")
    quote: Quotation | None = None
    carried_by: list[OutletName] = Field(default_factory=list, description="Outlets or agencies that carried it: a proper name, or a description per locale.")

    _check_date = field_validator("date")(lambda cls, v: v if v is None else _partial_date(v))


class Judgment(Excusable):
    id: Id
    text: Localized
    term: str = Field(description="Estimative term from one scale: ICD 203 (e.g. likely, very-likely) or the UK PHIA yardstick (e.g. realistic-possibility, highly-likely).")
    confidence: Literal["low", "moderate", "high"]
    rests_on: list[ClaimRef] = Field(default_factory=list)


class Conflict(Excusable):
    id: Id
    topic: Localized
    claims: list[ClaimRef] = Field(min_length=2)
    status: Literal["disputed", "resolved"]
    preferred: ClaimRef | None = None
    reason: Localized | None = None


class FactBase(Record):
    meta: Meta
    sources: list[Source] = Field(min_length=1)
    participants: list[Participant] = Field(default_factory=list)
    venues: list[Venue] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    durations: list[Duration] = Field(default_factory=list)
    gifts: list[Gift] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    judgments: list[Judgment] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)

    # The fact base is not changed after validation, so the walk and the index are kept.
    _records: list[Record] | None = PrivateAttr(default=None)
    _index: dict[str, Record] | None = PrivateAttr(default=None)

    def records(self) -> list[Record]:
        """Every record, depth first, in document order."""
        if self._records is None:
            self._records = list(_walk(self))
        return self._records

    def claims(self) -> Iterator[Claim]:
        return (r for r in self.records() if isinstance(r, Claim))

    def index(self) -> dict[str, Record]:
        """Records by id (the first one wins when an id is duplicated)."""
        if self._index is None:
            found: dict[str, Record] = {}
            for record in self.records():
                record_id = getattr(record, "id", None)
                if isinstance(record_id, str):
                    found.setdefault(record_id, record)
            self._index = found
        return self._index


def kind_of(record: Record) -> set[str]:
    """The reference kinds a record can answer to."""
    kinds = {type(record).__name__.lower()}
    if isinstance(record, Claim):
        kinds.add("claim")
    return kinds


def _walk(record: Record) -> Iterator[Record]:
    yield record
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, Record):
            yield from _walk(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Record):
                    yield from _walk(item)


def attach_paths(record: Record, path: tuple = ()) -> None:
    """Record in each object where it came from, so problems can point into the file."""
    record._path = path
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, Record):
            attach_paths(value, path + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Record):
                    attach_paths(item, path + (name, i))


def parse(data: Any) -> FactBase:
    """Validate plain data into a :class:`FactBase` (raises pydantic's ValidationError)."""
    facts = FactBase.model_validate(data)
    attach_paths(facts)
    return facts
