"""Entities: the sources claims come from, the participants they name, the places they happen."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar, Literal

from pydantic import Field, field_validator

from briefing.model.base import (DATE_RANGE, MAX_ADDRESS, MAX_ITEMS, CountryCode, Entity, Localized,
                                 LocalizedName, LocaleCode, Name, OutletName, Record, RecordType, SourceRef,
                                 TimeZoneText, VenueRef, ParticipantRef, date_time, zone_name)


class Reliability(str, Enum):
    """Admiralty source-reliability grade."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class OriginalName(Record):
    """A name in its original script, with the language it is written in."""

    text: Name = Field(description="The name in its own script.", examples=["София"])
    lang: LocaleCode = Field(description="Language code of the name.", examples=["bg"])


class Coordinates(Record):
    lat: float = Field(ge=-90, le=90, strict=True, allow_inf_nan=False, description="Latitude, decimal degrees (north positive).", examples=[38.70])
    lon: float = Field(ge=-180, le=180, strict=True, allow_inf_nan=False, description="Longitude, decimal degrees (east positive).",
                       examples=[-9.16])


class Source(Entity):
    """A document the claims come from, graded for reliability."""

    declared: ClassVar = RecordType(noun="source", section="sources", label="title")

    kind: Literal["reporting", "reference"] = Field(
        default="reporting", examples=["reporting"],
        description="reporting: collected reporting on the events; reference: gazetteers and encyclopaedias "
                    "used for background data such as coordinates.")
    publisher: Name = Field(description="Publisher as the page shows it.", examples=["Coastal Daily"])
    title: Name = Field(description="Title as published.", examples=["Warehouse fire forces evacuation"])
    author: Name | None = Field(default=None, description="Author, when the page names one.",
                               examples=["A. Reporter"])
    published: str = Field(max_length=40, description=f"ISO 8601 date or date-time with offset, as the page gives "
                                                      f"it; {DATE_RANGE}.",
                           examples=["2021-03-14T09:13+01:00"])
    updated: str | None = Field(default=None, max_length=40,
                                description=f"When the page was last updated, ISO 8601 with offset; {DATE_RANGE}.",
                                examples=["2021-03-14T13:29+01:00"])
    language: LocaleCode = Field(description="Language of the document.", examples=["en"])
    url: str | None = Field(default=None, max_length=MAX_ADDRESS,
                            description=f"Address of the page (http or https only), at most {MAX_ADDRESS:,} characters.",
                            examples=["https://example.org/news/2021/03/14/fire"])
    relays: list[OutletName] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        examples=[["Reuters", {"en": "state television", "fr": "télévision d'État"}]],
        description="Agencies or outlets this document relays: a proper name, or a description per locale "
                    f"(at most {MAX_ITEMS:,}).")
    reliability: Reliability | None = Field(
        default=None, examples=["C"],
        description="Admiralty source reliability, A (completely reliable) to F (cannot be judged).")
    reliability_reason: Localized | None = Field(default=None, description="Why the source has this grade, per locale.",
                                                 examples=[{"en": "Regional daily with a record of corrections."}])
    archive: str | None = Field(default=None, max_length=MAX_ADDRESS, description="Where the captured copy is kept.",
                                examples=["captures/2021-03-14-coastal-daily.html"])
    note: Localized | None = Field(default=None, description="An analyst's remark on this source, per locale.",
                                   examples=[{"en": "Undated page."}])

    _iso = field_validator("published", "updated")(lambda cls, value: date_time(value))


class Participant(Entity):
    """A person, delegation or organization the reporting names."""

    declared: ClassVar = RecordType(noun="participant", section="participants", label="name")

    kind: Literal["person", "delegation", "organization"] = Field(
        default="person", description="person, delegation or organization.", examples=["organization"])
    name: LocalizedName = Field(description="Name per locale, as readers of that language write it.",
                            examples=[{"en": "Port Authority", "fr": "Autorité portuaire"}])
    original_name: OriginalName | None = Field(default=None, description="The name in its original script, with its "
                                                                          "language.",
                                               examples=[{"text": "Ἀθηνᾶ", "lang": "el"}])
    role: LocalizedName = Field(description="Function or title, per locale.", examples=[{"en": "Harbour master"}])
    country: CountryCode | None = Field(default=None, examples=["NO"],
                                        description="ISO 3166-1 alpha-2 code of the participant's country; omitted "
                                                    "when the sources do not say (a group of unknown origin), "
                                                    "never guessed.")
    members: list[ParticipantRef] = Field(default_factory=list, max_length=MAX_ITEMS, examples=[["harbour-master"]],
                                          description="Ids of the delegation's members named in the sources "
                                                      f"(at most {MAX_ITEMS:,}).")
    spellings: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS,
                                  description=f"Other spellings the sources use (at most {MAX_ITEMS:,}).",
                                 examples=[["Harbor Master"]])
    sources: list[SourceRef] = Field(default_factory=list, max_length=MAX_ITEMS, examples=[["src-wire"]],
                                     description="Sources that name the participant with this role: the brief cites "
                                                 f"them beside it (at most {MAX_ITEMS:,}).")


class Venue(Entity):
    """A place named in the reporting."""

    declared: ClassVar = RecordType(noun="venue", section="venues", label="name")

    name: LocalizedName = Field(description="Name shown to readers, per locale.",
                            examples=[{"en": "North Terminal", "fr": "Terminal nord"}])
    original_name: OriginalName | None = Field(default=None, description="The name in its original script, with its "
                                                                          "language.",
                                               examples=[{"text": "Terminal Norte", "lang": "pt"}])
    region: LocalizedName | None = Field(default=None, description="Region and country description, per locale.",
                                     examples=[{"en": "Lisbon District"}])
    country: CountryCode
    coordinates: Coordinates | None = Field(default=None, description="Latitude and longitude in decimal degrees.",
                                            examples=[{"lat": 38.70, "lon": -9.16}])
    timezone: TimeZoneText | None = Field(default=None, examples=["Europe/Lisbon"], description="Time zone of the place: an IANA zone "
                                                                    "(Region/City) or a UTC offset such as +02:00; "
                                                                    "events here read their times in it.")
    part_of: VenueRef | None = Field(default=None, description="Id of the larger place this one is in.",
                                     examples=["north-terminal"])
    spellings: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS,
                                  description=f"Other spellings of the name found in the sources (at most {MAX_ITEMS:,}).",
                                 examples=[["Nth Terminal"]])
    sources: list[SourceRef] = Field(default_factory=list, max_length=MAX_ITEMS, examples=[["ref-gazetteer"]],
                                     description="Reference sources for coordinates and time zone "
                                                 f"(at most {MAX_ITEMS:,}).")

    _zone = field_validator("timezone")(lambda cls, value: zone_name(value))
