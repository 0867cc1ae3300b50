"""Texts for the STIX export: localized values split into the fact base's own language and
its translations, and the one-line account of a record, derived from its model fields.

Nothing here knows a record type by name: the account of a claim is built from its
declaration (``label``, ``noun``) and its fields, so a claim type added to the model is
described without any change here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from briefing.model import Claim, FactBase, Record, reference_fields
from briefing.vocabulary import kinds

SKIPPED = frozenset({"id", "sources", "credibility", "exceptions", "about", "note"})
"""Fields every claim has that are exported as STIX properties of their own, not in the account."""


def is_localized(value: Any) -> bool:
    """A ``Localized`` text: a dict of locale code → text (pydantic models are not dicts)."""
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


class Texts:
    """Reads a fact base's texts in each of its locales; the first locale is its own language."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts
        self.locales: list[str] = list(facts.meta.locales)
        self.main = self.locales[0]
        self.others = self.locales[1:]
        self.index = facts.index()

    def text(self, value: Any, locale: str) -> str:
        """A localized text in ``locale`` (falling back to the fact base's language), or a plain text."""
        if isinstance(value, dict):
            found = value.get(locale) or value.get(self.main) or next(iter(value.values()), "")
            return one_line(found)
        return one_line(str(value))

    def label(self, record: Record, locale: str) -> str:
        """The text that names a record in one line (its declaration's ``label`` field)."""
        declared = record.declared
        value = getattr(record, declared.label, None) if declared and declared.label else None
        if value is None:
            return str(getattr(record, "id", ""))
        return self.text(value, locale)

    def account(self, record: Record, locale: str) -> str:
        """A readable one-line account: "Event — Summit at …: kind summit; date 2023-09-13; venue …"."""
        declared = record.declared
        noun = declared.noun if declared else type(record).__name__.lower()
        parts = []
        refs = dict(reference_fields(type(record)))
        label_field = declared.label if declared else None
        for name, info in type(record).model_fields.items():
            if name in SKIPPED or name == label_field:
                continue
            value = getattr(record, name)
            if value is None or value == [] or (not info.is_required() and value == info.default):
                continue
            if isinstance(value, list) and any(isinstance(item, Claim) for item in value):
                continue  # nested claims (an agreement's provisions) are notes of their own
            shown = self._value(record, name, value, name in refs, locale)
            if shown:
                parts.append(f"{name.replace('_', ' ')} {shown}")
        head = f"{noun.capitalize()} — {self.label(record, locale)}"
        return one_line(head + (": " + "; ".join(parts) if parts else ""))

    def _value(self, record: Record, name: str, value: Any, is_ref: bool, locale: str) -> str:
        if isinstance(value, list):
            return ", ".join(self._value(record, name, item, is_ref, locale) for item in value)
        if is_ref:
            target = self.index.get(value)
            return short(self.label(target, locale)) if target is not None else str(value)
        if name == "kind" and record.declared is not None:
            labels = kinds(self.facts, f"{record.declared.noun}_kinds") \
                if f"{record.declared.noun}_kinds" in type(self.facts.vocabulary).model_fields else {}
            label = labels.get(value)
            return self.text(label, locale) if label is not None else str(value)
        if is_localized(value):
            return self.text(value, locale)
        if isinstance(value, BaseModel):
            fields = value.model_dump(mode="json", exclude_none=True)
            if set(fields) == {"text", "lang"}:  # a quotation or an original name
                return f"«{one_line(fields['text'])}» ({fields['lang']})"
            return ", ".join(f"{key} {number(item)}" for key, item in fields.items())
        return number(value)


def number(value: Any) -> str:
    """A number as the fact base wrote it: 50.0 → "50"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return one_line(str(value))


def short(text: str, limit: int = 80) -> str:
    """A referenced record's label, cut at a word before ``limit`` characters."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def one_line(text: str) -> str:
    return " ".join(text.split())


def plain(record: BaseModel, skip: set[str]) -> dict[str, Any]:
    """A record's structured fields (dates, kinds, figures, references as record ids) as JSON
    data, leaving out localized texts (exported as translated properties) and ``skip``."""
    found: dict[str, Any] = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if name in skip or value is None or value == [] or is_localized(value):
            continue
        if isinstance(value, list) and any(isinstance(item, Claim) for item in value):
            continue
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json", exclude_none=True)
        elif isinstance(value, list):
            value = [item.model_dump(mode="json", exclude_none=True) if isinstance(item, BaseModel) else item
                     for item in value]
        elif hasattr(value, "value"):  # an enum (a source's reliability grade)
            value = value.value
        found[name] = value
    return found
