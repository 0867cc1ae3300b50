"""The brief's sections, in order: one list feeds both the table of contents and the body, so
a section can never be in one and not the other, and a section with nothing to show is in
neither.

Each section is one partial under ``templates/sections/``. A record type whose declaration
names a section that is not listed here gets one of its own, placed before the
discrepancies, titled by its declaration's ``heading``: adding a record type takes the
model and one partial (plus catalogs), not an edit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from briefing.model import record_types

if TYPE_CHECKING:
    from briefing.render.view import Brief

Title = Callable[["Brief", Callable[[str], str]], str]


@dataclass(frozen=True)
class Section:
    id: str
    title: Title
    shows: Callable[["Brief"], bool]
    per_record: bool = False
    """One section per record of this section's type (each agreement is its own section)."""

    @property
    def partial(self) -> str:
        return f"sections/{self.id}.html.j2"


@dataclass(frozen=True)
class Entry:
    """A section as one brief shows it: its anchor, its heading, its partial, and for a
    per-record section the record it shows."""

    id: str
    anchor: str
    title: str
    partial: str
    record: Any = None
    more: int = 0
    """After the last printed section of a per-record kind: how many more the full listing has."""


def _records(section_id: str) -> Callable[["Brief"], bool]:
    """A section shows when the fact base has records of the types it presents."""
    return lambda brief: any(brief.facts.of_type(t) for t in record_types(type(brief.facts))
                             if t.declared and t.declared.section == section_id)


SECTIONS: list[Section] = [
    Section("summary", lambda b, _: _("Bottom line and key judgments") if b.facts.judgments else _("Bottom line"),
            lambda b: True),
    Section("changes", lambda b, _: _("Changes since edition %(edition)s of %(date)s") % {
        "edition": b.fmt.number(b.previous.meta.edition) if b.previous else "",
        "date": b.fmt.date(b.previous.meta.as_of) if b.previous else ""},
            lambda b: b.changes is not None),
    Section("chronology", lambda b, _: _("Chronology"), _records("chronology")),
    Section("participants", lambda b, _: _("Participants and delegations") if b.groups else _("Participants"),
            _records("participants")),
    Section("venues", lambda b, _: _("Venues"), _records("venues")),
    Section("durations", lambda b, _: _("Reported durations"), _records("durations")),
    Section("quantities", lambda b, _: _("Reported figures"), _records("quantities")),
    Section("gifts", lambda b, _: _("Gifts exchanged"), _records("gifts")),
    Section("agreement", lambda b, _: "", _records("agreement"), per_record=True),
    Section("statements", lambda b, _: _("Statements and reactions") if b.reactions and b.quotations
            else _("Statements"), _records("statements")),
    Section("discrepancies", lambda b, _: _("Reporting discrepancies"), _records("discrepancies")),
    Section("source-summary", lambda b, _: _("Source summary"), lambda b: True),
    Section("sources", lambda b, _: _("Sources"), lambda b: True),
    Section("annex", lambda b, _: _("Annex: grading scales"), lambda b: True),
]


def sections_for(model: type) -> list[Section]:
    """The ordered sections, with one added for each declared record type that names a
    section of its own (before the discrepancies)."""
    listed = {section.id for section in SECTIONS}
    extra = []
    for record_type in record_types(model):
        declared = record_type.declared
        if declared and declared.section and declared.section not in listed:
            extra.append(Section(declared.section, _heading(declared.heading or declared.noun),
                                 _records(declared.section)))
            listed.add(declared.section)
    at = next(i for i, section in enumerate(SECTIONS) if section.id == "discrepancies")
    return SECTIONS[:at] + extra + SECTIONS[at:]


def _heading(message: str) -> Title:
    return lambda brief, gettext: gettext(message)


def entries(brief: "Brief") -> list[Entry]:
    """The sections this brief shows, in order, with their headings in its locale."""
    found = []
    for section in sections_for(type(brief.facts)):
        if not section.shows(brief):
            continue
        if section.per_record:
            for record_type in record_types(type(brief.facts)):
                if record_type.declared and record_type.declared.section == section.id:
                    label = record_type.declared.label
                    printed, more = brief.cut(brief.facts.of_type(record_type))
                    for n, record in enumerate(printed, start=1):
                        record_id = getattr(record, "id", "")
                        found.append(Entry(section.id, f"{section.id}-{record_id}",
                                           brief.text(getattr(record, label)) if label else record_id,
                                           section.partial, record, more if n == len(printed) else 0))
            continue
        found.append(Entry(section.id, section.id, section.title(brief, brief.fmt._), section.partial))
    return found
