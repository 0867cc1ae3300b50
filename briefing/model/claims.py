"""Claims: what a source says. Every claim cites its sources and carries an Admiralty
information-credibility rating (1-6); claims and entities share one id namespace."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, field_validator

from briefing.model.base import (DATE_RANGE, ID_PATTERN, MAX_ID, MAX_ITEMS, CountryCode, DateText, EventRef,
                                 Excusable, Id, Localized, LocalizedName, LocaleCode, Name, OutletName,
                                 ParticipantRef, Qualifier, Record, RecordType, SourceRef, TimeZoneText, VenueRef,
                                 partial_date, time_of_day, zone_name)


def _optional_date(value: str | None) -> str | None:
    return value if value is None else partial_date(value)


class Claim(Excusable):
    """Anything a source says. Cites its sources and rates the information's credibility."""

    id: Id
    sources: list[SourceRef] = Field(default_factory=list, max_length=MAX_ITEMS,
                                     description=f"Ids of the sources that report this claim (at most {MAX_ITEMS:,}).",
                                     examples=[["src-coastal-daily", "src-wire"]])
    credibility: int = Field(ge=1, le=6, strict=True, examples=[2],
                             description="Admiralty information credibility: 1 confirmed by independent sources, "
                                         "2 probably true, 3 possibly true, 4 doubtful, 5 improbable, "
                                         "6 cannot be judged.")
    about: str | None = Field(default=None, pattern=ID_PATTERN, max_length=MAX_ID, examples=["injured-count"],
                              description="What the claim is about: claims sharing this key are versions of one fact "
                                          "and must agree or be listed in a conflict.")
    note: Localized | None = Field(default=None, description="An analyst's remark on this record, per locale.",
                                   examples=[{"en": "Dated from 'last night' in the article."}])


class Recurrence(Record):
    n: int = Field(ge=1, le=MAX_ITEMS, strict=True, examples=[2],
                   description=f"The rank in the series (2 for 'the second'), a whole number from 1 to {MAX_ITEMS:,}.")
    years: int = Field(ge=1, le=1000, strict=True, examples=[4],
                       description="The span of the series, in whole years from 1 to 1000; it may not reach back "
                                   "before year 1000.")


class Event(Claim):
    """Something that happened, or was announced, at a time and (often) a place."""

    declared: ClassVar = RecordType(noun="event", section="chronology", dated_by=("date",), label="name")

    kind: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, examples=["meeting"],
                      description="What kind of event: a built-in kind (summit, visit, travel, talks, ceremony, "
                                  "tour, banquet, signing, meeting, incident, other) or one the fact base declares "
                                  "under vocabulary.event_kinds.")
    name: LocalizedName = Field(description="Name shown to readers, per locale.",
                                examples=[{"en": "Evacuation of the terminal", "fr": "Évacuation du terminal"}])
    summary: Localized | None = Field(default=None, description="A sentence or two on what happened, per locale.",
                                      examples=[{"en": "Crews evacuate the terminal as the fire spreads."}])
    date: DateText = Field(description=f"Date it began (local date): YYYY, YYYY-MM or YYYY-MM-DD (quote it), "
                                       f"{DATE_RANGE}.",
                           examples=["2021-03-14"])
    end_date: DateText | None = Field(default=None, description=f"Last day, for events over several days; {DATE_RANGE}.",
                                      examples=["2021-03-16"])
    time: str | None = Field(default=None, max_length=5,
                             description="Local time it began, HH:MM from 00:00 to 23:59 (read in the event's time zone).",
                             examples=["23:30"])
    end_time: str | None = Field(default=None, max_length=5,
                                 description="Local time it ended, HH:MM from 00:00 to 23:59, on end_date (or on date).",
                                 examples=["04:20"])
    timezone: TimeZoneText | None = Field(default=None, examples=["+01:00"], description="Time zone of time and end_time when neither "
                                                                    "its venue nor the event it is part of gives one: "
                                                                    "an IANA zone or a UTC offset such as +02:00.")
    status: Literal["occurred", "announced"] = Field(default="occurred", examples=["occurred"],
                                                     description="Whether the event took place or was only announced.")
    outcome: Literal["occurred", "cancelled", "not-reported"] | None = Field(
        default=None, examples=["not-reported"],
        description="For an announced event whose date has passed: whether it then took place, was cancelled, or "
                    "no source the desk holds reports what became of it.")
    venue: VenueRef | None = Field(default=None, description="Id of the venue.", examples=["north-terminal"])
    part_of: EventRef | None = Field(default=None, description="Id of the larger event this one is part of.",
                                     examples=["ev-fire"])
    participants: list[ParticipantRef] = Field(default_factory=list, max_length=MAX_ITEMS,
                                               description=f"Ids of the participants taking part (at most {MAX_ITEMS:,}).",
                                               examples=[["port-authority"]])
    first_since: DateText | None = Field(default=None, examples=["2019"],
                                         description=f"The sources call it the first such event since this date; "
                                                     f"{DATE_RANGE}.")
    nth_in_years: Recurrence | None = Field(default=None, examples=[{"n": 2, "years": 4}],
                                            description="The sources call it the n-th such event in so many years.")

    _dates = field_validator("date", "end_date", "first_since")(lambda cls, value: _optional_date(value))
    _times = field_validator("time", "end_time")(lambda cls, value: time_of_day(value))
    _zone = field_validator("timezone")(lambda cls, value: zone_name(value))


class Duration(Claim):
    """How long something lasted, as a source reports it."""

    declared: ClassVar = RecordType(noun="duration", section="durations", dated_by=("event",), label="measures")

    event: EventRef = Field(description="Id of the event this record belongs to.", examples=["ev-evacuation"])
    measures: LocalizedName = Field(description="What the duration measures, per locale.",
                                examples=[{"en": "Evacuation of the terminal"}])
    value: float = Field(gt=0, le=1_000_000, strict=True, allow_inf_nan=False, examples=[6],
                         description="The number as reported, in the unit below: more than 0, at most 1,000,000.")
    unit: Literal["second", "minute", "hour", "day", "week", "month"] = Field(description="Unit of the value.",
                                                                               examples=["hour"])
    qualifier: Qualifier = Field(default="exact", examples=["about"],
                                 description="How the source qualifies the number: exact, about, more-than, "
                                             "less-than, at-least or at-most.")


class Quantity(Claim):
    """A reported figure: a count, an amount, a tonnage, a share of votes."""

    declared: ClassVar = RecordType(noun="quantity", section="quantities", dated_by=("date", "event"),
                                    label="measures")

    measures: LocalizedName = Field(description="What is counted or measured, per locale.",
                                examples=[{"en": "People injured", "fr": "Blessés"}])
    value: float = Field(ge=0, le=1e15, strict=True, allow_inf_nan=False, examples=[12],
                         description="The number as reported: from 0 to 10^15.")
    unit: str | None = Field(default=None, max_length=100, examples=["mass-tonne"],
                             description="Unit of the value: a CLDR unit (mass-tonne, length-kilometer, "
                                         "volume-cubic-meter, area-hectare, …) or an ISO 4217 currency code (EUR); "
                                         "none for a plain count.")
    qualifier: Qualifier = Field(default="exact", examples=["at-least"],
                                 description="How the source qualifies the number: exact, about, more-than, "
                                             "less-than, at-least or at-most.")
    event: EventRef | None = Field(default=None, description="Id of the event the figure belongs to.",
                                   examples=["ev-explosion"])
    date: DateText | None = Field(default=None, description=f"Date the figure refers to, when it is not its event's; "
                                                          f"{DATE_RANGE}.",
                                  examples=["2021-03-15"])

    _date = field_validator("date")(lambda cls, value: _optional_date(value))
    _unit = field_validator("unit")(lambda cls, value: _unit_name(value))


def _unit_name(value: str | None) -> str | None:
    if value is None:
        return value
    from babel import numbers, units

    if len(value) == 3 and value.isupper():
        if value not in numbers.list_currencies():
            raise ValueError(f"{value!r} is not an ISO 4217 currency code")
        return value
    # Babel finds a unit by suffix: "tonne" is mass-tonne, but "person" would be duration-day-person
    # and print "2,400 days". Only the unit itself, or its name without the category, is taken.
    found = units._find_unit_pattern(value, locale="en")
    if found is None or value not in (found, found.split("-", 1)[1]):
        raise ValueError(f"{value!r} is not a CLDR unit (such as mass-tonne or length-kilometer) "
                         "nor an ISO 4217 currency code (such as EUR); for a count (people, ships) "
                         "give no unit and say what is counted in `measures`")
    return value


class Gift(Claim):
    """Something given by one participant to another."""

    declared: ClassVar = RecordType(noun="gift", section="gifts", dated_by=("event",), label="item")

    event: EventRef | None = Field(default=None, description="Id of the occasion.", examples=["ev-reception"])
    giver: ParticipantRef = Field(description="Id of the participant who gave the gift.", examples=["mayor"])
    recipient: ParticipantRef = Field(description="Id of the participant who received it.", examples=["ambassador"])
    item: LocalizedName = Field(description="What was given, per locale.", examples=[{"en": "A book of local history"}])
    details: Localized | None = Field(default=None, description="Further details the sources give, per locale.",
                                      examples=[{"en": "Signed by the author."}])


class Provision(Claim):
    """One provision of an agreement, as the sources report it."""

    declared: ClassVar = RecordType(noun="provision", dated_by=(), label="text")

    text: Localized = Field(description="The provision as the sources report it, per locale.",
                            examples=[{"en": "Joint patrols of the border river."}])


class Agreement(Claim):
    """An agreement signed, with its provisions."""

    declared: ClassVar = RecordType(noun="agreement", section="agreement", dated_by=("date",), label="name")

    name: LocalizedName = Field(description="Name shown to readers, per locale.",
                                examples=[{"en": "Fisheries Cooperation Agreement"}])
    other_names: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS,
                                    description=f"Other names found in the sources (at most {MAX_ITEMS:,}).",
                                   examples=[["Fisheries Accord"]])
    date: DateText = Field(description=f"Date of signing: YYYY-MM-DD, {DATE_RANGE}.", examples=["2021-06-02"])
    venue: VenueRef = Field(description="Id of the venue.", examples=["city-hall"])
    event: EventRef | None = Field(default=None, description="Id of the signing event.", examples=["ev-signing"])
    parties: list[CountryCode] = Field(min_length=2, max_length=MAX_ITEMS,
                                       description=f"Country codes of the parties (2 to {MAX_ITEMS:,}).",
                                       examples=[["PT", "ES"]])
    signatories: list[ParticipantRef] = Field(default_factory=list, max_length=MAX_ITEMS,
                                              description=f"Ids of the participants who signed (at most {MAX_ITEMS:,}).",
                                              examples=[["minister-a", "minister-b"]])
    provisions: list[Provision] = Field(default_factory=list, max_length=MAX_ITEMS,
                                        description="Provisions as the sources report them, each a sourced claim "
                                                    f"(at most {MAX_ITEMS:,}).",
                                        examples=[[{"id": "prov-patrols", "text": {"en": "Joint patrols."},
                                                    "sources": ["src-wire"], "credibility": 2}]])

    _date = field_validator("date")(lambda cls, value: partial_date(value))


class Quotation(Record):
    """A short quotation as the source printed it, in the source's language."""

    text: str = Field(max_length=300, description="The quotation, verbatim.", examples=["no one is missing"])
    lang: LocaleCode = Field(description="Language code of the quotation.", examples=["en"])
    truncated: bool = Field(default=False, strict=True, examples=[True],
                            description="True when the quotation stops (or starts) inside a longer remark the "
                                        "source prints: the brief marks the cut, and judgments resting on it are "
                                        "flagged for review.")


class Statement(Claim):
    """What someone said: a quotation, an announcement, a reaction, an allegation."""

    declared: ClassVar = RecordType(noun="statement", section="statements", dated_by=("date",), label="text")

    kind: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, examples=["announcement"],
                      description="What kind of statement: a built-in kind (quotation, invitation, acceptance, "
                                  "reaction, allegation, announcement) or one the fact base declares under "
                                  "vocabulary.statement_kinds.")
    speaker: ParticipantRef | None = Field(default=None, description="Id of the participant who spoke.",
                                           examples=["port-authority"])
    speaker_label: LocalizedName | None = Field(default=None, examples=[{"en": "The regional government"}],
                                            description="Who spoke, when not a participant in the base.")
    concerns: list[ParticipantRef] = Field(default_factory=list, max_length=MAX_ITEMS,
                                           description=f"Participants the statement is about (at most {MAX_ITEMS:,}).",
                                           examples=[["operator"]])
    event: EventRef | None = Field(default=None, description="Id of the event the statement belongs to.",
                                   examples=["ev-press-conference"])
    date: DateText | None = Field(default=None, description=f"When it was said: YYYY, YYYY-MM or YYYY-MM-DD, "
                                                          f"{DATE_RANGE}.",
                                  examples=["2021-03-15"])
    text: Localized = Field(description="What was said, in the analyst's words.",
                            examples=[{"en": "The authority says the fire is contained."}])
    quote: Quotation | None = Field(default=None, examples=[{"text": "no one is missing", "lang": "en"}],
                                    description="A short verbatim quotation, in the source's language "
                                                "(at most 300 characters).")
    carried_by: list[OutletName] = Field(default_factory=list, max_length=MAX_ITEMS, examples=[["Wire Service"]],
                                         description="Outlets or agencies that carried it: a proper name, or a "
                                                     f"description per locale (at most {MAX_ITEMS:,}).")
    direct_sources: list[SourceRef] = Field(
        default_factory=list, max_length=MAX_ITEMS, examples=[["src-coastal-daily"]],
        description="Ids of cited sources that report the statement first-hand or through another channel, not "
                    f"through the carried_by outlets (at most {MAX_ITEMS:,}).")

    _date = field_validator("date")(lambda cls, value: _optional_date(value))
