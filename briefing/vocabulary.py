"""The built-in kinds of events and statements, and the labels readers see for them.

A fact base may declare more kinds (``vocabulary.event_kinds``, ``vocabulary.statement_kinds``)
with a label per locale; the built-in ones are labelled through the gettext catalogs, so the
strings below are marked for extraction (``N_``) and translated when shown.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks a string for the catalogs without translating it here."""
    return message


EVENT_KINDS: dict[str, str] = {
    "summit": N_("Summit"), "visit": N_("Visit"), "travel": N_("Travel"), "talks": N_("Talks"),
    "ceremony": N_("Ceremony"), "tour": N_("Tour"), "banquet": N_("Banquet"), "signing": N_("Signing"),
    "meeting": N_("Meeting"), "incident": N_("Incident"), "other": N_("Other"),
}

STATEMENT_KINDS: dict[str, str] = {
    "quotation": N_("Quotation"), "invitation": N_("Invitation"), "acceptance": N_("Acceptance"),
    "reaction": N_("Reaction"), "allegation": N_("Allegation"), "announcement": N_("Announcement"),
}

REACTIONS = {"reaction", "allegation"}
"""Statement kinds the brief groups apart, as what others said about the events."""


def kinds(facts, field: str) -> dict[str, object]:
    """Every kind a fact base may use for ``field`` ("event_kinds" or "statement_kinds"):
    built-in ones (their gettext message) and declared ones (their labels per locale)."""
    built_in = EVENT_KINDS if field == "event_kinds" else STATEMENT_KINDS
    return {**built_in, **getattr(facts.vocabulary, field)}
