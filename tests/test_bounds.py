"""The model's contract with the renderer: no value crashes the brief after a clean check.

For every field of every record type (found from the model, so a new field is covered or
this test fails), values at and past its bounds are written into a small fact base that
uses every field: each must either fail ``check`` with a position, or check clean and
render to HTML. A per-case time limit turns a hang into a failure.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import signal
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from conftest import dump_yaml

from briefing.check import run_file
from briefing.model import (MAX_ITEMS, MAX_LOCALES, MAX_NAME, MAX_TEXT, FactBase, RuleException,
                            reference_fields, record_types)
from briefing.render import html
from briefing.render.html import render_html

HARBOUR = Path(__file__).parent / "data" / "harbour.yaml"
DELETE = object()
SECONDS = 20  # per case: a hang is a failure, not a stuck test run

# --- a small fact base that sets every field of every record type ------------------


def full() -> dict:
    data = yaml.safe_load(HARBOUR.read_text(encoding="utf-8"))
    meta = data["meta"]
    meta.update(marking={"en": "UNCLASSIFIED"}, portion_mark={"en": "(U)"})
    source = data["sources"][0]
    source.update(kind="reporting", author="A. Reporter", updated="2020-01-05T12:00+01:00",
                  url="https://gazette.example/a", archive="captures/a.html", note={"en": "Front page."},
                  exceptions=[{"rule": "original-script-name", "reason": "Known by this name."}])
    data["sources"].append({"id": "ref-atlas", "kind": "reference", "publisher": "Atlas", "title": "Harbours",
                            "published": "2019", "language": "en", "reliability": "A",
                            "reliability_reason": {"en": "Official."}})
    data["participants"].append({"id": "delegation", "kind": "delegation", "name": {"en": "Harbour delegation"},
                                 "role": {"en": "Delegation"}, "country": "NO", "members": ["bob"],
                                 "spellings": ["The delegation"], "sources": ["src-gazette"]})
    venue = data["venues"][0]
    venue.update(original_name={"text": "Nordhavn", "lang": "nb"}, region={"en": "Oslo"},
                 coordinates={"lat": 59.9, "lon": 10.7}, spellings=["N. Harbour"], sources=["ref-atlas"])
    data["venues"].append({"id": "quay", "name": {"en": "Quay"}, "country": "NO", "part_of": "harbour",
                           "coordinates": {"lat": 59.91, "lon": 10.71}})
    talks = data["events"][1]
    talks.update(summary={"en": "They talk."}, time="10:00", end_time="12:00", timezone="Europe/Oslo",
                 status="occurred", outcome="occurred", about="talks", note={"en": "Long."})
    data["events"].append({"id": "ev-return", "kind": "talks", "name": {"en": "Return talks"}, "date": "2020-01-05",
                           "participants": ["alice", "bob"], "sources": ["src-gazette"], "credibility": 2,
                           "first_since": "2020-01-04", "nth_in_years": {"n": 2, "years": 1}})
    data["quantities"] = [{"id": "q-ships", "measures": {"en": "Ships"}, "value": 12, "unit": "mass-tonne",
                           "qualifier": "at-least", "event": "ev-talks", "date": "2020-01-04",
                           "sources": ["src-gazette"], "credibility": 2}]
    data["gifts"][0]["details"] = {"en": "Framed."}
    agreement = data["agreements"][0]
    agreement.update(other_names=["Accord"], provisions=[{"id": "prov-1", "text": {"en": "Patrols."},
                                                          "sources": ["src-gazette"], "credibility": 2}])
    statement = data["statements"][0]
    statement.update(concerns=["alice"], quote={"text": "welcome", "lang": "en", "truncated": True}, carried_by=["Wire Service"],
                     speaker_label={"en": "The harbour master"})
    data["statements"].append({"id": "st-2", "kind": "reaction", "speaker_label": {"en": "The mayor"},
                               "date": "2020-01-05", "text": {"en": "The mayor is pleased."},
                               "carried_by": [{"en": "local radio"}], "sources": ["src-courier"],
                               "direct_sources": ["src-courier"], "credibility": 3})
    data["vocabulary"] = {"event_kinds": {"fire": {"en": "Fire"}}, "statement_kinds": {"warning": {"en": "Warning"}}}
    data["conflicts"] = [{"id": "cf-1", "topic": {"en": "Who spoke"}, "claims": ["st-1", "st-2"],
                          "status": "resolved", "preferred": "st-1", "reason": {"en": "Recorded."}}]
    excuse = [{"rule": "original-script-name", "reason": "Known by this name."}]
    for section in ("participants", "venues", "events", "durations", "quantities", "gifts", "agreements",
                    "statements", "judgments", "conflicts"):
        data[section][0]["exceptions"] = copy.deepcopy(excuse)
    agreement["provisions"][0]["exceptions"] = copy.deepcopy(excuse)
    for n, claim in enumerate([data["durations"][0], data["quantities"][0], data["gifts"][0], data["agreements"][0],
                               agreement["provisions"][0], statement]):
        claim.update(about=f"fact-{n}", note={"en": "Noted."})
    meta["previous"] = "editions/facts-0.yaml"
    meta["summary"] = {"lead": "jd-1", "points": meta["summary"]}  # the bottom line with its lead judgment
    data["judgments"][0].update(rationale={"en": "The gazette prints it."}, key_assumptions=[{"en": "Both sit."}],
                                implications=[{"en": "Ships pass."}], indicators=[{"en": "A vote."}])
    return data


def dump(data: Any) -> str:
    return dump_yaml(data)


FULL = full()

# --- every field of every model, from the model ----------------------------------


def _strip(annotation: Any) -> tuple[Any, bool]:
    """``annotation`` without Optional (and whether it was optional)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) < len(typing.get_args(annotation)):
            return (options[0] if len(options) == 1 else typing.Union[tuple(options)]), True
    return annotation, False


def _base(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    annotation = _base(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models(argument)


def _places(model: type[BaseModel], data: Any, path: tuple) -> Iterator[tuple[type[BaseModel], tuple]]:
    """Every model instance in ``data``, with its path."""
    yield model, path
    for name, info in model.model_fields.items():
        value = data.get(name) if isinstance(data, dict) else None
        for inner in _models(info.annotation):
            if isinstance(value, dict) and not (inner.model_fields and set(value) - set(inner.model_fields)):
                yield from _places(inner, value, path + (name,))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        yield from _places(inner, item, path + (name, i))


def _all_places() -> dict[type[BaseModel], list[tuple]]:
    found: dict[type[BaseModel], list[tuple]] = {}
    for model, path in _places(FactBase, FULL, ()):
        found.setdefault(model, []).append(path)
    return found


PLACES = _all_places()


def place(model: type[BaseModel], name: str) -> tuple:
    """The first record of ``model`` that sets field ``name`` (else the first record of it)."""
    paths = PLACES[model]
    return next((p for p in paths if name in _get(FULL, p)), paths[0])


def test_the_full_base_sets_every_field_of_every_type():
    """Else a field would go untested: every record type, and every field of it, is present."""
    assert set(record_types()) <= set(PLACES)
    assert RuleException in PLACES
    missing = [f"{model.__name__}.{name}" for model in PLACES if model is not FactBase
               for name in model.model_fields if name not in _get(FULL, place(model, name))]
    assert missing == []


def test_the_full_base_checks_clean_and_renders(tmp_path):
    problems, facts = _check(tmp_path, dump(FULL))
    assert [p.format() for p in problems if p.severity == "error"] == []
    assert facts is not None
    render_html(facts, "en", b"")


# --- edge values per kind of field ------------------------------------------------

DATES = ["1000-01-01", "1000", "0999-12-31", "0999", "9998-12-31", "9998", "9999-01-01", "9999", "2020-02-30",
         "2020-13", "20200104", 2020, True]
DATE_TIMES = ["1000-01-01T00:00+14:00", "9998-12-31T23:59-14:00", "9998-12-31T23:59+14:00", "9999-01-01T00:00Z",
              "0999-12-31T23:59Z", "2020-01-05T24:00+01:00", "2020-01-05T10:00+25:00", "2020-01-05T10:00." + "1" * 60]
TIMES = ["00:00", "23:59", "24:00", "7:00", "12:60", True, 1000]
ZONES = ["Europe/Oslo", "Europe/Osloo", "../../etc/passwd", "zone.tab", "posixrules", "Etc/GMT+12", "Etc/GMT-14",
         "+14:00", "-14:00", "+14:01", "UTC", "Z", "/etc/localtime",
         "localtime", "Factory", "posix/Europe/Oslo", "right/UTC", "leapseconds", "EST", "Europe/../../../etc/passwd", "", True]
NUMBERS = [0, 1e-300, 5e-324, 0.001, 1.5, 999_999.999, 1_000_000, 1_000_001, 1e15, 1e16, 1e308, float("inf"),
           float("-inf"), float("nan"), ".nan", ".inf", -1, -1e-300, True, False, "5", 10**30]
INTEGERS = [0, 1, 2, 6, 7, 1000, 1001, 1_000_000, 1_000_001, 10**30, -1, True, False, 1.5, 2.0, "2", None]
NAMES = ["", "x", "x" * MAX_NAME, "x" * (MAX_NAME + 1), True, 5, None]
TEXTS = ["", "x" * MAX_TEXT, "x" * (MAX_TEXT + 1), "<script>{{ 1 }}</script>", True]
ODD = ["bogus", "", True, 5, None, [], {}]
DATE_FIELDS = {"date", "end_date", "first_since", "as_of"}
DATE_TIME_FIELDS = {"published", "updated"}
TIME_FIELDS = {"time", "end_time"}
ZONE_FIELDS = {"timezone"}


def _max_length(info_or_annotation: Any) -> int | None:
    metadata = list(getattr(info_or_annotation, "metadata", []))
    if typing.get_origin(info_or_annotation) is typing.Annotated:
        metadata += list(typing.get_args(info_or_annotation)[1:])
        metadata += [m for a in typing.get_args(info_or_annotation)[1:] for m in getattr(a, "metadata", [])]
    for item in metadata:
        if hasattr(item, "max_length") and item.max_length is not None:
            return item.max_length
    return None


def values_for(model: type[BaseModel], name: str, current: Any) -> Iterator[Any]:
    """Values at and past the bounds of ``model.name``, from what its annotation says."""
    info = model.model_fields[name]
    annotation, _ = _strip(info.annotation)
    base = _base(annotation)
    yield DELETE
    yield None
    if name in DATE_FIELDS:
        yield from DATES
    elif name in DATE_TIME_FIELDS:
        yield from DATE_TIMES + DATES
    elif name in TIME_FIELDS:
        yield from TIMES
    elif name in ZONE_FIELDS:
        yield from ZONES
    elif base is float:
        yield from NUMBERS
    elif base is int:
        yield from INTEGERS
    elif typing.get_origin(base) is list:
        limit = info.metadata and next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
        item = current[0] if current else "x"
        yield []
        yield [item] * (limit or MAX_ITEMS)
        yield [item] * ((limit or MAX_ITEMS) + 1)
        yield [True]
        yield ["x" * (MAX_NAME + 1)]
        yield "not a list"
    elif isinstance(base, type) and issubclass(base, BaseModel):
        yield from ODD
    elif isinstance(base, type) and issubclass(base, enum.Enum) or typing.get_origin(base) is typing.Literal:
        yield from ODD
    else:  # text: a plain string, a localized dict, or one of the two
        limit = _max_length(info) or _text_limit(annotation)
        if typing.get_origin(base) is dict or isinstance(current, dict):
            key = next(iter(current)) if isinstance(current, dict) and current else "en"
            inner = _dict_value_limit(annotation) or MAX_NAME
            for text in ("", "x" * inner, "x" * (inner + 1), "<b>&amp;</b>", "\u202eevil"):
                yield {key: text}
            yield {key: "x", "fr": "y"}
            yield {f"{chr(97 + i // 26)}{chr(97 + i % 26)}": "x" for i in range(MAX_LOCALES + 1)}
            yield {key: True}
            yield {"EN": "x"}
        if base is str or typing.get_origin(base) in (typing.Union, types.UnionType):
            limit = limit or MAX_NAME
            yield from ["", "x", "x" * limit, "x" * (limit + 1), "ev-talks", True, 5, 1.5, ["x"]]


def _text_limit(annotation: Any) -> int | None:
    for option in typing.get_args(_base(annotation)) or (annotation,):
        found = _max_length(option)
        if found:
            return found
    return None


def _dict_value_limit(annotation: Any) -> int | None:
    for option in typing.get_args(_base(annotation)) or (annotation,):
        base = _base(option)
        if typing.get_origin(base) is dict:
            return _max_length(typing.get_args(base)[1])
        if typing.get_origin(option) is typing.Annotated and typing.get_origin(_base(option)) is dict:
            return _max_length(typing.get_args(_base(option))[1])
    return None


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    parent = _get(data, path[:-1])
    if value is DELETE:
        parent.pop(path[-1], None)
    else:
        parent[path[-1]] = value


class Together(dict):
    """Values for several fields of one record (None: the field is left out)."""


def _cases() -> list[tuple[str, tuple, Any]]:
    cases = []
    for model in sorted(PLACES, key=lambda model: model.__name__):
        if model is FactBase:
            continue
        for name in model.model_fields:
            path = place(model, name)
            for value in values_for(model, name, _get(FULL, path).get(name)):
                cases.append((f"{model.__name__}.{name}", path + (name,), value))
    # every relation closed on itself: a record that names itself (a loop of one)
    for model in record_types():
        for name, _ in reference_fields(model):
            path = place(model, name)
            own = _get(FULL, path).get("id")
            many = typing.get_origin(_base(_strip(model.model_fields[name].annotation)[0])) is list
            cases.append((f"{model.__name__}.{name}", path + (name,), [own] if many else own))
    # a series reaching back before year 1000, and a "first since" at the first year
    series = ("events", 2)
    cases.append(("Event.nth_in_years", series, Together(date="1999-12-31", nth_in_years={"n": 1, "years": 1000})))
    cases.append(("Event.first_since", series, Together(date="1000-01-01", first_since="1000")))
    # combinations where the bounds meet: the last day at the last minute, east and west
    talks = ("events", 1)  # the timed event
    for date in ("9998-12-31", "1000-01-01"):
        for zone in ("+14:00", "-14:00", "Pacific/Kiritimati", "Etc/GMT+12"):
            for time, end_time in (("23:59", "23:59"), ("00:00", None), ("23:59", "00:00")):
                value = Together(date=date, end_date=None, time=time, end_time=end_time, timezone=zone)
                cases.append(("Event.date+time+zone", talks, value))
    return cases


CASES = _cases()


def _label(case: tuple[str, tuple, Any]) -> str:
    value = case[2]
    shown = "DELETE" if value is DELETE else repr(value)
    return f"{case[0]}={shown[:40]}{'…' if len(shown) > 40 else ''}#{len(shown)}"


def _check(tmp_path: Path, text: str):
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    previous = tmp_path / "editions" / "facts-0.yaml"  # the edition FULL's meta.previous names
    if not previous.exists():
        previous.parent.mkdir(exist_ok=True)
        previous.write_text(HARBOUR.read_text(encoding="utf-8"), encoding="utf-8")
    return run_file(path)


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"more than {SECONDS} s")


def _apply(path: tuple, value: Any) -> dict:
    data = copy.deepcopy(FULL)
    if isinstance(value, Together):  # several fields of one record
        for key, item in value.items():
            _set(data, path + (key,), DELETE if item is None else item)
    else:
        _set(data, path, value)
    return data


def test_every_field_has_cases():
    fields = {label for label, _, _ in CASES}
    expected = {f"{model.__name__}.{name}" for model in PLACES if model is not FactBase for name in model.model_fields}
    assert expected <= fields
    assert len(CASES) > 500


@pytest.fixture
def compiled_once(monkeypatch):
    """Render with the templates compiled once (compiling is nine tenths of a small render):
    every case renders in English with the built-in theme, so one environment serves all."""
    environments: dict[int, Any] = {}
    build = html.environment

    def environment(translations, theme=html.BUILT_IN):
        if id(theme) not in environments:
            environments[id(theme)] = build(translations, theme)
        return environments[id(theme)]

    monkeypatch.setattr(html, "environment", environment)


def test_every_value_fails_with_a_position_or_renders(tmp_path, compiled_once):
    """One test over every case (one process, one render per clean case): failures are listed
    together, each with the field and the value."""
    failures = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for case in CASES:
            label, path, value = case
            signal.alarm(SECONDS)
            try:
                problems, facts = _check(tmp_path, dump(_apply(path, value)))
                errors = [p for p in problems if p.severity == "error"]
                if errors:
                    bad = [p.format() for p in errors if p.line < 1 or p.column < 1]
                    if bad:
                        failures.append(f"{_label(case)}: no position: {bad}")
                elif facts is None:
                    failures.append(f"{_label(case)}: no errors, but no fact base")
                else:
                    render_html(facts, "en", b"facts")
            except Exception as exc:  # noqa: BLE001 - every crash is a finding
                failures.append(f"{_label(case)}: {type(exc).__name__}: {str(exc)[:200]}")
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert failures == [], "\n".join(failures)


# --- the schema shows every bound ---------------------------------------------------


def test_every_string_and_list_in_the_schema_is_bounded():
    """A text or a list without a limit would let one value make the render unbounded; the
    fact base's own lists of records are bounded by the file-size limit."""
    from briefing import schema

    generated = schema.generate()
    unbounded = []

    def visit(node: Any, where: str) -> None:
        if isinstance(node, dict):
            kind = node.get("type")
            if kind == "string" and "maxLength" not in node and "enum" not in node and "const" not in node \
                    and "pattern" not in node:
                unbounded.append(where)
            if kind == "array" and "maxItems" not in node and not where.startswith("FactBase."):
                unbounded.append(where)
            if kind == "object" and isinstance(node.get("additionalProperties"), dict) and "maxProperties" not in node:
                unbounded.append(where)
            for key, value in node.items():
                visit(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, f"{where}[{i}]")

    for name, definition in generated["$defs"].items():
        visit(definition, name)
    for name, prop in generated["properties"].items():
        visit(prop, f"FactBase.{name}")
    assert unbounded == []


def test_years_are_bounded_where_dates_are_computed():
    """The last supported day, in the zone furthest east and west, stays within Python's dates."""
    from briefing.model import MAX_YEAR, MIN_YEAR, partial_date

    assert partial_date(f"{MAX_YEAR}-12-31").last_day + dt.timedelta(days=1) <= dt.date.max
    with pytest.raises(ValueError):
        partial_date(f"{MAX_YEAR + 1}")
    with pytest.raises(ValueError):
        partial_date(f"{MIN_YEAR - 1:04d}")
