"""missing-locale: every localized text exists in every configured locale.

What it does
    For each text given per locale (``{fr: ..., en: ...}``), reports the locales listed
    in ``meta.locales`` that it lacks, and locales it has that are not configured.

Why is this bad?
    The brief in a missing locale would show an empty cell or fall back to another
    language in the middle of a sentence.

Example
    ```yaml
    meta:
      locales: [fr, en]
    ...
        name: {fr: Port de Lisbonne}
    ```

Use instead
    ```yaml
        name: {fr: Port de Lisbonne, en: Port of Lisbon}
    ```
"""

from __future__ import annotations

import types
import typing
from functools import lru_cache
from typing import Any, Iterator

from pydantic import BaseModel

from briefing.check.problem import Finding
from briefing.model import Vocabulary, field_names

ID = "missing-locale"
SEVERITY = "error"
SUMMARY = "a localized text lacks a configured locale"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    wanted = list(facts.meta.locales)
    for record in facts.records():
        values = record.__dict__  # the fields' values, without pydantic's attribute machinery
        vocabulary = isinstance(record, Vocabulary)
        for name in field_names(record.__class__) if vocabulary else _container_fields(record.__class__):
            value = values[name]
            if vocabulary:
                for key, text in value.items():  # labels by kind: one text per declared kind
                    yield from _check_text(f"{name}.{key}", text, record.path + (name, key), wanted)
            elif isinstance(value, dict):
                yield from _check_text(name, value, record.path + (name,), wanted)
            elif isinstance(value, list):  # lists of names that may be given per locale (outlets)
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        yield from _check_text(name, item, record.path + (name, i), wanted)


@lru_cache(maxsize=None)
def _container_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record type that may hold a dict or a list: the only ones looked at."""
    return tuple(name for name, info in model.model_fields.items() if _may_be_container(info.annotation))


def _may_be_container(annotation: Any) -> bool:
    """False only for a type whose values are never a dict or a list: a plain scalar, a
    literal, a model (a record, a date); an optional or a union of such."""
    if annotation in (str, int, float, bool, type(None)):
        return False
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return False
    if origin is typing.Annotated:
        return _may_be_container(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_may_be_container(arg) for arg in typing.get_args(annotation))
    return not (isinstance(annotation, type) and issubclass(annotation, BaseModel))


def _check_text(name: str, value: dict, path: tuple, wanted: list[str]) -> Iterator[Finding]:
    missing = [locale for locale in wanted if not (value.get(locale) or "").strip()]
    if missing:
        yield Finding(path, f"{name} has no text for locale(s) {', '.join(missing)}")
    for extra in value:
        if extra not in wanted:
            yield Finding(path + (extra,), f"{name} has text for {extra!r}, "
                                           "which is not in meta.locales", at_key=True)
