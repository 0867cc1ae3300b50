"""schema: every value has the type and shape the fact-base schema requires.

What it does
    Validates the whole file against the typed model: required fields, value types,
    allowed values, and unknown keys (with a "did you mean" suggestion).

Why is this bad?
    A misspelt key (``credibilty``) or a wrong type would otherwise be ignored or
    crash a template; the brief would silently lose that fact.

Example
    ```yaml
    durations:
      - id: evacuation-length
        event: ev-evacuation
        valu: 5          # unknown key
    ```

Use instead
    ```yaml
        value: 5
    ```
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from briefing.check.problem import Finding
from briefing.load import Document
from briefing.model import LOCALE_PATTERN, FactBase, LocaleCode, is_date_time

ID = "schema"
SEVERITY = "error"
SUMMARY = "values must have the type and shape the schema requires"
STAGE = "schema"


LOCALE_KEY = re.compile(LOCALE_PATTERN)  # the model's own: a key it would take as a locale


def check(facts, document) -> Iterator[Finding]:  # pragma: no cover - the engine calls findings()
    return iter(())


def findings(error: ValidationError, document: Document) -> Iterator[Finding]:
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        if loc and loc[-1] == "[key]":
            path = loc[:-1]
            yield Finding(path, f"invalid key {path[-1]!r}: {item['msg']}", at_key=True)
            continue
        kind = item["type"]
        name = loc[-1] if loc else "fact base"
        if kind == "extra_forbidden":
            yield Finding(loc, _unknown_key(loc), at_key=True)
        elif kind == "missing":
            yield Finding(loc[:-1], f"missing required field {name!r}")
        elif kind == "string_type" and _per_locale(item.get("input")):
            yield Finding(loc, f"{_label(loc)}: a single text, the same in every locale (as the source gives "
                               "it), not a text per locale")
        elif kind == "dict_type" and isinstance(item.get("input"), str) and _takes_texts_per_locale(loc):
            yield Finding(loc, f"{_label(loc)}: a text per locale, such as {{en: ..., fr: ...}}, not a single text "
                               f"(got {item['input'][:60]!r})")
        elif kind == "string_too_long" and _is_date_time(item.get("input")):
            yield Finding(loc, f"{_label(loc)}: {_date_only(loc)} (got {item['input']!r})")
        else:
            message = item["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            shown = item.get("input")
            if isinstance(shown, (str, int, float, bool)) or shown is None:
                got = repr(shown) if not isinstance(shown, int) or abs(shown) < 10**40 else "a huge number"
                message = f"{message} (got {got if len(got) <= 80 else got[:77] + '...'})"
            yield Finding(loc, f"{_label(loc)}: {message}")


def _takes_texts_per_locale(loc: tuple) -> bool:
    """Whether the field at ``loc`` holds a text per locale (a mapping keyed by locale codes)."""
    model = _model_at(loc[:-1])
    field = model.model_fields.get(loc[-1]) if model is not None and isinstance(loc[-1], str) else None
    if field is None:
        return False
    annotation = _unwrap(field.annotation)
    return typing.get_origin(annotation) is dict and typing.get_args(annotation)[:1] == (LocaleCode,)


def _per_locale(value: Any) -> bool:
    """Whether ``value`` is a mapping whose keys are all locale codes (en, fr, pt_BR)."""
    return isinstance(value, dict) and bool(value) and all(isinstance(key, str) and LOCALE_KEY.match(key) for key in value)


def _is_date_time(value: Any) -> bool:
    return isinstance(value, str) and is_date_time(value)


def _date_only(loc: tuple) -> str:
    """What to write instead of a date-time in a field that holds a date: the date, and the time
    of day in the record's own ``time`` field when its type has one."""
    message = "this field takes a date only (YYYY, YYYY-MM or YYYY-MM-DD), not a time of day"
    model = _model_at(loc[:-1])
    if model is not None and "time" in model.model_fields and loc[-1] != "time":
        message += "; give the time in 'time'"
        if "timezone" in model.model_fields:
            message += " (and its zone in 'timezone' when the venue does not give one)"
    return message


def _label(loc: tuple) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    label = names[-1] if names else "value"
    # a key is the fact base's text: shown escaped when it holds a control or format character,
    # so a message can never carry one to the reader's terminal
    return label if label.isprintable() else repr(label)


def _unknown_key(loc: tuple) -> str:
    key = str(loc[-1])
    model = _model_at(loc[:-1])
    message = f"unknown key {key!r}"
    if model is not None:
        close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
        if close:
            message += f"; did you mean {close[0]!r}?"
    return message


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc``, if there is one."""
    current: Any = FactBase
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation
