"""The building blocks every record type is made of: the record base class, the declaration
each record type carries, references, localized texts, partial dates, times and zones.

A record type is declared once, by its class: its fields (with their documentation and
examples, which become the JSON Schema), and a :class:`RecordType` that says how messages
name it, which field dates it, which field names it in one line and which brief section
shows it. Everything else (schema, references, diff, date rules, the brief) reads that.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr


@dataclass(frozen=True)
class RecordType:
    """What a record type is, for every stage that is not the model itself."""

    noun: str
    """How messages and ``Ref`` markers name it: "event", "source"."""
    section: str | None = None
    """The id of the brief section that shows records of this type (None: shown elsewhere)."""
    dated_by: tuple[str, ...] = ()
    """Fields that date it, tried in order: a date field, or a reference to a dated record."""
    label: str | None = None
    """The field that names a record of this type in one line (a localized text)."""
    heading: str | None = None
    """The heading of its own brief section (an English catalog message), for a record type
    whose section is not one of the brief's built-in sections."""


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to a record whose type's noun is ``kind``
    (``claim`` = any sourced record)."""

    kind: str


# --- bounds ------------------------------------------------------------------------
# Everything the brief computes on is bounded here, so that a fact base that passes the
# checker renders in bounded time and never overflows date arithmetic. The fact base as a
# whole is bounded by the loader's file-size limit (64 MiB), which bounds the number of records.

MIN_YEAR = 1000
"""The earliest year a date may have: Babel formats only four-digit years safely."""
MAX_YEAR = 9998
"""The latest year a date may have: the brief adds a day's padding and time zones up to
14 hours to dates, which must stay within Python's year 9999."""
MAX_ID = 200
"""Characters in an id (and in a reference to one)."""
MAX_NAME = 500
"""Characters in a name, title, label, spelling or other one-line text."""
MAX_TEXT = 10_000
"""Characters in a localized text (a summary, a note, a statement, a judgment): per locale."""
MAX_LOCALES = 100
"""Locales one localized text may be given in."""
MAX_ITEMS = 1_000
"""Items in any list inside a record (participants, members, sources, spellings, ...)."""
MAX_ADDRESS = 2_000
"""Characters in a web address or a file path."""

SourceRef = Annotated[str, Ref("source"), Field(max_length=MAX_ID)]
ParticipantRef = Annotated[str, Ref("participant"), Field(max_length=MAX_ID)]
VenueRef = Annotated[str, Ref("venue"), Field(max_length=MAX_ID)]
EventRef = Annotated[str, Ref("event"), Field(max_length=MAX_ID)]
ClaimRef = Annotated[str, Ref("claim"), Field(max_length=MAX_ID)]

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_ID,
                          description="Identifier, unique in the whole fact base: lowercase letters, digits and "
                                      f"hyphens, at most {MAX_ID} characters.",
                          examples=["ev-fire-start"])]

LOCALE_PATTERN = r"^[a-z]{2,3}(_[A-Z]{2})?$"
"""A locale code as meta.locales and every text per locale write it (``fr``, ``de_AT``)."""

LocaleCode = Annotated[str, Field(pattern=LOCALE_PATTERN, description="A locale code.",
                                  examples=["en"])]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code "
                                                                      "(quote NO for Norway).", examples=["PT"])]

Name = Annotated[str, Field(max_length=MAX_NAME, description=f"One line of text, at most {MAX_NAME} characters.")]
"""A name, title, label or spelling."""
Text = Annotated[str, Field(max_length=MAX_TEXT, description=f"A text of at most {MAX_TEXT:,} characters.")]
"""A sentence or a paragraph."""
Address = Annotated[str, Field(max_length=MAX_ADDRESS)]
"""A web address or a file path."""

Localized = Annotated[dict[LocaleCode, Text], Field(max_length=MAX_LOCALES)]
"""A text given once per configured locale, e.g. ``{fr: ..., en: ...}`` (at most 10,000
characters per locale)."""

LocalizedName = Annotated[dict[LocaleCode, Name], Field(max_length=MAX_LOCALES)]
"""A name or label given once per configured locale (at most 500 characters per locale)."""

OutletName = Name | LocalizedName
"""An agency or outlet: a proper name written the same in every locale (``Reuters``), or a
description given per locale (``{en: state television, fr: ...}``)."""

Qualifier = Literal["exact", "about", "more-than", "less-than", "at-least", "at-most"]
"""How a source qualifies a number."""


def outlet_key(outlet: OutletName) -> str | tuple:
    """A hashable identity for an outlet: equal names are one outlet."""
    return outlet if isinstance(outlet, str) else tuple(sorted(outlet.items()))


def outlet_label(outlet: OutletName) -> str:
    """The outlet's name for messages (English where given)."""
    return outlet if isinstance(outlet, str) else outlet.get("en") or next(iter(outlet.values()), "")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)
    declared: ClassVar[RecordType | None] = None
    _path: tuple = PrivateAttr(default=())

    @property
    def path(self) -> tuple:
        """Where this record sits in the YAML document (keys and list indices)."""
        return self.__pydantic_private__["_path"]  # type: ignore[index]  # direct: __getattr__ is slow in hot loops


class RuleException(BaseModel):
    """A deliberate exception to a checker rule, kept next to the record it excuses."""

    model_config = ConfigDict(extra="forbid")
    rule: Name = Field(description="The id of the rule excused here.", examples=["original-script-name"])
    reason: Text | None = Field(default=None, description="Why this is not a problem (required by the checker).",
                               examples=["The name is written in Latin script in the original."])


class Excusable(Record):
    exceptions: list[RuleException] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description=f"Deliberate exceptions to checker rules for this record (at most {MAX_ITEMS:,}).",
        examples=[[{"rule": "original-script-name", "reason": "Latin script is the original."}]])


class Entity(Excusable):
    """Something the brief talks about (a source, a participant, a venue): not itself a claim."""

    id: Id


# --- dates -----------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$")
_PRECISIONS = ("year", "month", "day")


class PartialDate(str):
    """An ISO date that may stop at the year (``2019``) or month (``2023-09``)."""

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return _PRECISIONS[self.count("-")]  # type: ignore[return-value]

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
            if first.month == 12:
                return dt.date(first.year, 12, 31)
            return dt.date(first.year, first.month + 1, 1) - dt.timedelta(days=1)
        return first

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        """Chronological order: an event known only to the month sorts after the dated
        days of that month ("sometime in September" comes after 13 September)."""
        return (self.last_day, ("day", "month", "year").index(self.precision))


def _check_year(value: str, year: int) -> None:
    # Before 1000 Babel has no safe four-digit form; from 9999 on, the end of a day in a zone
    # east of UTC (and the timeline's padding) falls past the last year Python can hold.
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{value!r}: years from {MIN_YEAR} to {MAX_YEAR} are supported")


def partial_date(value: Any) -> PartialDate:
    if not isinstance(value, str):
        raise ValueError("a date must be written as text: YYYY, YYYY-MM or YYYY-MM-DD")
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    _check_year(value, int(year))
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date: {exc}") from None
    return PartialDate(value)


def is_date_time(value: str) -> bool:
    """Whether ``value`` is written as a date and time of day (what a date-only field must not hold)."""
    return _DATE_TIME.match(value) is not None


def date_time(value: str | None) -> str | None:
    """A date, or a date-time in the one spelling every later stage reads."""
    if value is None:
        return value
    if _PARTIAL_DATE.match(value):
        partial_date(value)
        return value
    # Python would also accept "20230914" or "2023-W37-4", which nothing downstream expects.
    if len(value) > 40 or not _DATE_TIME.match(value):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or a date-time "
                         "(YYYY-MM-DDTHH:MM with an optional offset such as +02:00)")
    try:
        dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date-time: {exc}") from None
    _check_year(value, int(value[:4]))
    return value


DATE_RANGE = f"years {MIN_YEAR} to {MAX_YEAR}"
DateText = Annotated[str, Field(max_length=10, description=f"YYYY, YYYY-MM or YYYY-MM-DD (quote it), {DATE_RANGE}.",
                                examples=["2021-03-14"])]


# --- times of day and zones --------------------------------------------------------

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{2}):?(\d{2})$")
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$")


def time_of_day(value: str | None) -> str | None:
    if value is not None and not _TIME.match(value):
        raise ValueError(f"{value!r} is not a time of day HH:MM (00:00 to 23:59)")
    return value


def parse_time(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


_NOT_ZONES = frozenset({"localtime", "Factory", "posixrules", "posix", "right"})
"""Entries of the zone database that read as zones but name none (``localtime`` is the
machine's own; ``posix/`` and ``right/`` are copies under other rules)."""


@lru_cache(maxsize=512)
def zone(name: str) -> dt.tzinfo:
    """The time zone a fact base names: an IANA zone, or a UTC offset (``+02:00``, ``UTC``).
    Raises ValueError for anything else, so a typo never reaches the brief."""
    if name in ("UTC", "Z"):
        return dt.timezone.utc
    offset = _OFFSET.match(name)
    if offset:
        sign, hours, minutes = offset.groups()
        delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
        if delta > dt.timedelta(hours=14) or int(minutes) >= 60:
            raise ValueError(f"{name!r} is not a UTC offset (-14:00 to +14:00)")
        return dt.timezone(-delta if sign == "-" else delta)
    # The pattern keeps file-system paths ("../../etc/passwd", "zone.tab") away from zoneinfo,
    # and the list keeps out the files of the zone database that are no zone ("posixrules",
    # "localtime", "Factory"), which the brief's formatting could not name.
    if _ZONE_NAME.match(name) and name.split("/")[0] not in _NOT_ZONES:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise ValueError(f"{name!r} is not an IANA time zone (such as Europe/Lisbon) or a UTC offset (such as +02:00)")


def zone_name(value: str | None) -> str | None:
    if value is not None:
        zone(value)
    return value


TimeZoneText = Annotated[str, Field(max_length=100, description="IANA time zone (Region/City) or a UTC offset such as +02:00.",
                                    examples=["Europe/Lisbon"])]
