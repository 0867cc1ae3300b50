"""What the desk adds to the reporting: the brief's metadata and bottom line, its own
vocabulary, its judgments, and where the sources disagree."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, TypeAdapter, ValidationInfo, WrapValidator, field_validator

from briefing.model.base import (DATE_RANGE, MAX_ADDRESS, MAX_ID, MAX_ITEMS, MAX_LOCALES, ClaimRef, DateText, Excusable,
                                 Id, Localized, LocalizedName, LocaleCode, Name, Record, RecordType, Ref, partial_date)

JudgmentRef = Annotated[str, Ref("judgment"), Field(max_length=MAX_ID)]


class SummaryPoint(Record):
    """One sentence of the bottom line; it is cited through the claims it rests on."""

    text: Localized = Field(description="One sentence of the bottom line, per locale.",
                            examples=[{"en": "A fire destroyed the north terminal's warehouse on 14 March."}])
    claims: list[ClaimRef] = Field(min_length=1, max_length=MAX_ITEMS, examples=[["ev-fire"]],
                                   description="Ids of the claims this sentence rests on; its citations come from "
                                               f"them (at most {MAX_ITEMS:,}).")


class BottomLine(Record):
    """The bottom line led by the desk's "so what": one of its judgments, printed first and
    apart, then the reported facts that support it."""

    lead: JudgmentRef = Field(description="Id of the judgment that leads the brief: the desk's answer to \"so "
                                          "what?\". It keeps its estimative term, confidence and basis, so the "
                                          "checker holds it to the same standards as every other judgment.",
                              examples=["jd-terminal-out-of-service"])
    points: list[SummaryPoint] = Field(min_length=1, max_length=MAX_ITEMS,
                                       examples=[[{"text": {"en": "A fire broke out on 14 March."},
                                                   "claims": ["ev-fire"]}]],
                                       description="The reported facts behind the lead judgment, each resting on "
                                                   f"claims (at most {MAX_ITEMS:,} points).")


Points = Annotated[list[SummaryPoint], Field(min_length=1, max_length=MAX_ITEMS)]
_POINTS: TypeAdapter[list[SummaryPoint]] = TypeAdapter(Points)


def _bottom_line(value: Any, _union: Any) -> BottomLine | list[SummaryPoint]:
    # One shape chosen by the value's own type, not the union tried both ways (its handler,
    # left unused): a mistake is then reported once, at its own place.
    if isinstance(value, (BottomLine, list)):
        return value if isinstance(value, BottomLine) else _POINTS.validate_python(value)
    if isinstance(value, dict):
        return BottomLine.model_validate(value)
    raise ValueError("give a list of points, or a mapping with the lead judgment and its points")


Summary = Annotated[BottomLine | Points, WrapValidator(_bottom_line)]


class Meta(Record):
    """What the brief is: title, subject, desk, edition, date, locales, bottom line."""

    declared: ClassVar = RecordType(noun="metadata")

    title: LocalizedName = Field(description="Title of the brief, per locale.",
                             examples=[{"en": "Fire at the North Terminal", "fr": "Incendie au terminal nord"}])
    subject: Localized = Field(description="What the brief is about, per locale.",
                               examples=[{"en": "The fire of 14–16 March 2021 and its consequences."}])
    summary: Summary = Field(
        examples=[{"lead": "jd-terminal-out-of-service",
                   "points": [{"text": {"en": "A fire broke out on 14 March."}, "claims": ["ev-fire"]}]},
                  [{"text": {"en": "A fire broke out on 14 March."}, "claims": ["ev-fire"]}]],
        description="Bottom line up front: a lead judgment (`lead`, a judgment id) with the reported facts behind "
                    "it (`points`), or a list of reported facts only, each point resting on claims "
                    f"(at most {MAX_ITEMS:,} points).")
    desk: Name | LocalizedName = Field(description="The producing desk, one name or one per locale.",
                                  examples=["Open-Source Desk"])
    edition: int = Field(ge=1, le=1_000_000, strict=True, description="Edition number of the brief.", examples=[1])
    as_of: DateText = Field(description=f"Information as of this date; {DATE_RANGE}.", examples=["2021-03-17"])
    locales: list[LocaleCode] = Field(min_length=1, max_length=MAX_LOCALES, examples=[["en", "fr"]],
                                      description="Locales the brief is built in; the first is the fact base's own "
                                                  f"language (at most {MAX_LOCALES}).")
    portion_mark: LocalizedName | None = Field(default=None, examples=[{"en": "(U//OS)"}],
                                           description="Short marking put before each paragraph, table and figure. "
                                                       "Default: (U//OS).")
    marking: LocalizedName | None = Field(default=None, examples=[{"en": "UNCLASSIFIED // OPEN SOURCE"}],
                                      description="Handling marking shown at the top and bottom of every page. "
                                                  "Default: an unclassified open-source marking.")
    previous: str | None = Field(default=None, max_length=MAX_ADDRESS, examples=["editions/facts-1.yaml"],
                                 description="The previous edition's fact base, a path relative to this file; the "
                                             "brief then lists what changed since it.")

    _as_of = field_validator("as_of")(lambda cls, value: partial_date(value))

    @property
    def summary_points(self) -> list[SummaryPoint]:
        """The bottom line's reported facts, whichever shape the summary has."""
        return self.summary.points if isinstance(self.summary, BottomLine) else self.summary

    @property
    def lead(self) -> str | None:
        """The id of the judgment that leads the bottom line, if the desk names one."""
        return self.summary.lead if isinstance(self.summary, BottomLine) else None

    @field_validator("marking")
    @classmethod
    def _marked_alike(cls, marking, info: ValidationInfo):
        # the default portion mark, (U//OS), would contradict the fact base's own marking
        # (portion_mark is declared first, so it is known here)
        if marking and not info.data.get("portion_mark"):
            raise ValueError("marking is set but portion_mark is not: give the short form that goes before "
                             "each paragraph too")
        return marking


KindLabels = Annotated[dict[Id, LocalizedName], Field(max_length=MAX_ITEMS)]


class Vocabulary(Record):
    """Kinds a fact base adds to the built-in ones, each with its label per locale."""

    event_kinds: KindLabels = Field(default_factory=dict, examples=[{"fire": {"en": "Fire", "fr": "Incendie"}}],
                                    description="Event kinds beyond the built-in ones: id → label per locale "
                                                f"(at most {MAX_ITEMS:,}).")
    statement_kinds: KindLabels = Field(default_factory=dict,
                                        examples=[{"warning": {"en": "Warning", "fr": "Mise en garde"}}],
                                        description="Statement kinds beyond the built-in ones: id → label per "
                                                    f"locale (at most {MAX_ITEMS:,}).")


class Judgment(Excusable):
    """An analytic judgment: the desk's own assessment, resting on claims."""

    declared: ClassVar = RecordType(noun="judgment", label="text")

    id: Id
    text: Localized = Field(description="The judgment, per locale, in the analyst's words.",
                            examples=[{"en": "The fire probably started in the fuel depot."}])
    term: Name = Field(examples=["likely"],
                      description="Estimative term from one scale: ICD 203 (e.g. likely, very-likely) or the UK PHIA "
                                  "yardstick (e.g. realistic-possibility, highly-likely).")
    confidence: Literal["low", "moderate", "high"] = Field(description="Analytic confidence: low, moderate or high.",
                                                           examples=["moderate"])
    rests_on: list[ClaimRef] = Field(default_factory=list, max_length=MAX_ITEMS,
                                     description=f"Ids of the claims the judgment rests on (at most {MAX_ITEMS:,}).",
                                     examples=[["ev-explosion", "st-operator"]])
    # What ICD 203 asks an assessment to show besides its conclusion (standards 2, 4 and 5).
    rationale: Localized | None = Field(default=None, examples=[{"en": "Two independent sources, one of them the "
                                                                      "operator, report the damage."}],
                                        description="Why the confidence is what it is: the quality of the basis, "
                                                    "corroboration and gaps, per locale.")
    key_assumptions: list[Localized] = Field(default_factory=list, max_length=MAX_ITEMS,
                                             examples=[[{"en": "The operator's damage report is complete."}]],
                                             description="Assumptions the judgment depends on, which would change "
                                                         f"it if wrong (at most {MAX_ITEMS:,}), per locale.")
    implications: list[Localized] = Field(default_factory=list, max_length=MAX_ITEMS,
                                          examples=[[{"en": "Fuel deliveries move to the south terminal."}]],
                                          description="What follows for the reader if the judgment holds "
                                                      f"(at most {MAX_ITEMS:,}), per locale.")
    indicators: list[Localized] = Field(default_factory=list, max_length=MAX_ITEMS,
                                        examples=[[{"en": "A reopening date announced by the operator."}]],
                                        description="What to watch for that would confirm or overturn the "
                                                    f"judgment (at most {MAX_ITEMS:,}), per locale.")


class Conflict(Excusable):
    """Claims that disagree, and how the disagreement stands."""

    declared: ClassVar = RecordType(noun="conflict", section="discrepancies", label="topic")

    id: Id
    topic: LocalizedName = Field(description="What the sources disagree about, per locale.",
                             examples=[{"en": "Number of people injured"}])
    claims: list[ClaimRef] = Field(min_length=2, max_length=MAX_ITEMS,
                                   description=f"Ids of the claims involved (2 to {MAX_ITEMS:,}).",
                                   examples=[["q-injured-12", "q-injured-15"]])
    status: Literal["disputed", "resolved"] = Field(examples=["resolved"],
                                                    description="disputed (no version retained) or resolved "
                                                                "(one preferred, with a reason).")
    preferred: ClaimRef | None = Field(default=None, examples=["q-injured-15"],
                                       description="For a resolved conflict, the id of the version the desk retains.")
    reason: Localized | None = Field(default=None, description="Why the conflict stands as it does, per locale.",
                                     examples=[{"en": "The later figure comes from the hospital's own count."}])
