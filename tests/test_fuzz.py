"""The checker never crashes: whatever the file holds, it reports problems or one clear message.

Two families of generated inputs:

- *mutations of the shipped fact base* (structural edits, truncation, junk bytes, line edits,
  builds of mutated bases);
- *schema-aware fact bases*, derived from the typed model: every field of every record type
  found by walking :func:`briefing.model.record_types` and their ``model_fields`` receives
  values at and past the bounds its type declares (dates at and past years 1000 and 9998,
  partial dates, times, valid and invalid zones, numbers 0 / tiny / huge / inf / nan /
  negative, texts with control, bidi, tag and filler characters, long texts, empty and
  1,000+ item lists), and every relation the model declares (``Ref`` markers) points to a
  valid record, a record of the wrong kind, nothing, or itself; self-relations (``part_of``,
  ``members``) form cycles and long chains.

Properties: ``check`` raises nothing but ``LoadError`` with a position and every problem has
one; a fact base that checks clean renders its HTML in every locale; ``diff`` of any two
loadable bases prints no raw control character and one line per change; the live preview
never falls back on its catch-all. A per-example time limit (SIGALRM, ``FUZZ_SECONDS``)
turns a hang into a failure.

``make test`` runs a fast subset (the default profile); ``make fuzz`` runs 10,000+
schema-aware examples (``HYPOTHESIS_PROFILE=fuzz``) and then a coverage-guided session over
the loader and checker (fuzz/atheris_check.py).
"""

from __future__ import annotations

import contextlib
import copy
import enum
import io
import os
import re
import signal
import tempfile
import types
import typing
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefing import check
from briefing.cli import main
from briefing.diff import Diff, as_json, as_text, compare, load_facts, since_previous
from briefing.errors import BriefingError, LoadError
from briefing.model import MAX_ITEMS, MAX_LOCALES, MAX_NAME, FactBase, Ref, record_types, reference_fields
from briefing.model.base import ID_PATTERN, MAX_ADDRESS
from briefing.render.html import render_html
from briefing.watch import Preview
from conftest import FACTS, ROOT, dump_yaml

_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large,
          HealthCheck.large_base_example]
settings.register_profile("default", max_examples=40, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("fuzz", max_examples=1500, deadline=None, suppress_health_check=_QUIET)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)


def budget(fast: int, fuzz: int) -> settings:
    """Examples for one test: ``fast`` in ``make test``, ``fuzz`` in ``make fuzz``."""
    return settings(max_examples=fuzz if PROFILE == "fuzz" else fast)


SECONDS = int(os.environ.get("FUZZ_SECONDS", "20"))
"""Per example: a check, a render or a diff that takes longer is a hang, hence a failure."""


class _Alarm(BaseException):
    """Raised by the alarm: a BaseException, so no ``except Exception`` under test swallows it."""


class Hang(AssertionError):
    pass


def limit_for(content: bytes) -> int:
    """The time limit for one input: ``SECONDS``, plus 2 s per MiB (load + check runs at about
    0.5 s per MiB, see BENCHMARKS.md): linear work on a large input is not a hang."""
    return SECONDS + 2 * len(content) // 2**20


ARTIFACTS = Path(os.environ.get("FUZZ_ARTIFACTS", Path(tempfile.gettempdir()) / "briefing-fuzz-artifacts"))
"""Where an input that hung is saved (its name is in the failure message)."""


@contextlib.contextmanager
def time_limit(what: str, seconds: int = SECONDS, content: bytes | None = None) -> Iterator[None]:
    def ring(signum, frame):
        raise _Alarm()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    except _Alarm:
        saved = ""
        if content is not None:
            import hashlib

            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            path = ARTIFACTS / f"hang-{hashlib.sha256(content).hexdigest()[:16]}.yaml"
            path.write_bytes(content)
            saved = f"; input saved as {path}"
        raise Hang(f"{what}: more than {seconds} s (a hang){saved}") from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# =====================================================================================
# Mutations of the shipped fact base
# =====================================================================================

SHIPPED = FACTS.read_text(encoding="utf-8")
DATA = yaml.safe_load(SHIPPED)
LINES = SHIPPED.splitlines(keepends=True)


def run_check(tmp_path, content: bytes) -> tuple[int, str]:
    facts = tmp_path / "facts.yaml"
    facts.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), time_limit("briefing check"):
        code = main(["check", str(facts)])
    return code, out.getvalue() + err.getvalue()


def assert_handled(code: int, output: str) -> None:
    assert code in (0, 1, 2)
    assert "internal error" not in output and "Traceback" not in output, output[-2000:]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


PATHS = [p for p in _paths(DATA) if p]
# Values near the edges of what a field's type allows: they slip past a loose validator and
# reach the rules (huge and negative numbers, ISO spellings other than the usual, odd URLs).
EDGE = st.one_of(st.integers(min_value=-10**12, max_value=10**12), st.sampled_from([
    10**400, -1, 0, "20230914", "2023-W37-4", "2023-09-14 09:13+02:00", "2023-02-29", "9999-12-31",
    "0001-01-01", "2023-09-14T25:99", "http://[abc/x", "javascript:alert(1)", "//example.org", " https://x",
    "\u200b", "«", "\U0010ffff"]))
JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
                 EDGE, EDGE, EDGE)


def _set(data, path, value, delete=False):
    target = data
    for part in path[:-1]:
        target = target[part]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value


@given(st.lists(st.tuples(st.sampled_from(PATHS), st.booleans(), JUNK), min_size=1, max_size=4))
def test_structural_mutations_never_crash(tmp_path_factory, edits):
    data = copy.deepcopy(DATA)
    for path, delete, value in edits:
        try:
            _set(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue
    content = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    assert_handled(*run_check(tmp_path_factory.mktemp("f"), content))


@given(st.integers(0, len(SHIPPED.encode())), st.binary(max_size=8))
def test_truncation_and_junk_bytes_never_crash(tmp_path_factory, cut, junk):
    content = SHIPPED.encode("utf-8")[:cut] + junk
    assert_handled(*run_check(tmp_path_factory.mktemp("f"), content))


@given(st.integers(0, len(LINES) - 1), st.sampled_from(["dup", "unicode", "markup", "drop"]), st.text(max_size=12))
def test_line_edits_never_crash(tmp_path_factory, index, how, text):
    lines = list(LINES)
    if how == "dup":
        lines.insert(index, lines[index])
    elif how == "unicode":
        lines[index] = lines[index].rstrip("\n") + text + "\n"
    elif how == "markup":
        lines[index] = lines[index].replace(": ", ': "<script>{{ 7*7 }}</script>" #', 1)
    else:
        del lines[index]
    assert_handled(*run_check(tmp_path_factory.mktemp("f"), "".join(lines).encode("utf-8", "surrogatepass")))


@given(st.integers(0, len(LINES) - 1), st.sampled_from(["dup", "unicode", "markup", "drop"]), st.text(max_size=12))
@settings(max_examples=int(os.environ.get("FUZZ_BUILDS", "8")))
def test_builds_of_mutated_fact_bases_are_complete_or_change_nothing(tmp_path_factory, index, how, text):
    lines = list(LINES)
    if how == "dup":
        lines.insert(index, lines[index])
    elif how == "unicode":
        lines[index] = lines[index].rstrip("\n") + text + "\n"
    elif how == "markup":
        lines[index] = lines[index].replace(": ", ': "<b>{{ 7*7 }}</b>" #', 1)
    else:
        del lines[index]
    folder = tmp_path_factory.mktemp("b")
    facts, out = folder / "facts.yaml", folder / "out"
    facts.write_bytes("".join(lines).encode("utf-8", "surrogatepass"))
    out.mkdir()
    before = {"brief.fr.html": b"old fr", "brief.en.html": b"old en"}
    for name, content in before.items():
        (out / name).write_bytes(content)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), \
            time_limit("briefing build", SECONDS * 6):
        code = main(["build", "--facts", str(facts), "--out", str(out), "--format", "html"])
    assert_handled(code, stdout.getvalue() + stderr.getvalue())
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    if code == 0:
        assert set(before) <= set(after) and all(after[n] != before[n] for n in before)
        assert not [n for n in after if n.endswith((".tmp", ".bak"))]  # no temporary file left
    else:
        assert after == before


# =====================================================================================
# Schema-aware fact bases, derived from the model
# =====================================================================================

SEED_FILE = ROOT / "fuzz" / "seeds" / "full.yaml"
"""A small fact base that sets every field of every record type and checks clean (asserted
below): each example starts from it and edits it."""
SEED = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
CATALOGS = sorted(p.parent.parent.name for p in (ROOT / "briefing" / "locale").glob("*/LC_MESSAGES/messages.po"))

class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name

    def __deepcopy__(self, memo: dict) -> "_Marker":
        return self  # compared by identity


DELETE = _Marker("DELETE")
"""Leave the field out."""
SELF = _Marker("SELF")
"""The id of the record the field belongs to (a relation closed on itself)."""


# --- reading the model --------------------------------------------------------------

def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) < len(typing.get_args(annotation)):
            return (options[0] if len(options) == 1 else typing.Union[tuple(options)]), True
    return annotation, False


def _unwrap(annotation: Any, metadata: list) -> tuple[Any, list]:
    """``annotation`` without ``Annotated``, its metadata (and that of the FieldInfo in it) added."""
    metadata = list(metadata)
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *extra = typing.get_args(annotation)
        for item in extra:
            metadata.append(item)
            if isinstance(item, FieldInfo):
                metadata.extend(item.metadata)
    return annotation, metadata


def _constraint(metadata: list, name: str) -> Any:
    for item in metadata:
        value = getattr(item, name, None)
        if value is not None and not isinstance(item, FieldInfo):
            return value
    return None


def _examples(info: FieldInfo, metadata: list) -> list:
    found = list(info.examples or [])
    for item in metadata:
        if isinstance(item, FieldInfo):
            found += list(item.examples or [])
    return found


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    annotation, _ = _unwrap(annotation, [])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models(argument)


def _places(model: type[BaseModel], data: Any, path: tuple) -> Iterator[tuple[type[BaseModel], tuple]]:
    """Every model instance in ``data`` (a plain fact base), with its path."""
    yield model, path
    for name, info in model.model_fields.items():
        value = data.get(name) if isinstance(data, dict) else None
        for inner in _models(info.annotation):
            if isinstance(value, dict) and set(value) <= set(inner.model_fields):
                yield from _places(inner, value, path + (name,))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        yield from _places(inner, item, path + (name, i))


PLACES: dict[type[BaseModel], list[tuple]] = {}
for _model, _path in _places(FactBase, SEED, ()):
    PLACES.setdefault(_model, []).append(_path)


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


FIELDS = [(model, path, name) for model, paths in PLACES.items() if model is not FactBase
          for path in paths for name in model.model_fields]
"""(model, where an instance of it sits in the seed, field name): every field of every record."""

SECTIONS = {typing.get_args(info.annotation)[0]: name for name, info in FactBase.model_fields.items()
            if typing.get_origin(info.annotation) is list}
"""Top-level list of each record type (``Event`` -> ``events``)."""

IDS: dict[str, list[str]] = {}
"""Ids in the seed by the reference kinds they answer to (a type's noun; ``claim`` for claims)."""
for _model in record_types():
    for _path in PLACES.get(_model, []):
        _id = _get(SEED, _path).get("id")
        if isinstance(_id, str):
            for _kind in {_model.declared.noun} | ({"claim"} if "credibility" in _model.model_fields else set()):
                IDS.setdefault(_kind, []).append(_id)
ALL_IDS = sorted({i for ids in IDS.values() for i in ids})

SEEN: dict[tuple[type, str], list] = {}
"""Values each field holds somewhere in the seed: the valid choice for that field."""
for _model, _path, _name in FIELDS:
    _value = _get(SEED, _path).get(_name, DELETE)
    if _value is not DELETE and _value not in SEEN.setdefault((_model, _name), []):
        SEEN[(_model, _name)].append(_value)

SELF_RELATIONS = [(model, name) for model in record_types() for name, ref in reference_fields(model)
                  if ref.kind == model.declared.noun and model in SECTIONS]
"""Relations from a record type to itself (part_of of events and venues, members of delegations)."""


# --- edge values, per kind of value --------------------------------------------------

def _dates() -> st.SearchStrategy:
    years = st.sampled_from([1, 999, 1000, 1001, 2020, 2024, 9997, 9998, 9999]) | st.integers(1000, 9998)
    months = st.sampled_from([1, 2, 12, 0, 13]) | st.integers(1, 12)
    days = st.sampled_from([1, 28, 29, 30, 31, 0, 32]) | st.integers(1, 28)
    built = st.tuples(years, months, days, st.sampled_from(["year", "month", "day"])).map(
        lambda t: f"{t[0]:04d}" + (f"-{t[1]:02d}" if t[3] != "year" else "") + (f"-{t[2]:02d}" if t[3] == "day" else ""))
    odd = st.sampled_from(["0999", "9999-12-31", "10000-01-01", "2020-02-30", "2021-02-29", "20200104", "2020-W01-1",
                           "2020-1-1", "", " 2020", "2020-01-01T00:00", 2020, 2020.5, True])
    return st.one_of(built, odd)


def _times() -> st.SearchStrategy:
    built = st.tuples(st.sampled_from([0, 23, 24, 99]) | st.integers(0, 23),
                      st.sampled_from([0, 59, 60]) | st.integers(0, 59)).map(lambda t: f"{t[0]:02d}:{t[1]:02d}")
    return st.one_of(built, st.sampled_from(["7:00", "07:00:00", "12h00", "", True, 1000, 7.5]))


def _date_times() -> st.SearchStrategy:
    suffix = st.sampled_from(["", "Z", "+00:00", "+14:00", "-14:00", "+14:01", "+25:00", "-0130", "+05"])
    seconds = st.sampled_from(["", ":00", ":59", ":60", ":00.5", ":00." + "1" * 40])
    return st.one_of(st.tuples(_dates(), st.just("T"), _times(), seconds, suffix).map(
        lambda t: "".join(str(part) for part in t)), _dates())


def _all_zones() -> list[str]:
    import zoneinfo

    return sorted(zoneinfo.available_timezones())


ZONES_ODD = ["Europe/Osloo", "../../etc/passwd", "zone.tab", "posixrules", "localtime", "Factory", "posix/Europe/Oslo",
             "right/UTC", "/etc/localtime", "Europe/../../../etc/passwd", "leapseconds", "tzdata.zi", "", "utc",
             "Z", "UTC", "EST", "Etc/GMT+12", "Etc/GMT-14", "Pacific/Kiritimati", "Pacific/Pago_Pago",
             "America/St_Johns", "Asia/Kathmandu", "Antarctica/Troll", "Australia/Lord_Howe", "+14:00", "-14:00",
             "+14:01", "+99:99", "UTC+02:00", "+0200", "+02", True, 2]


def _zones() -> st.SearchStrategy:
    offsets = st.tuples(st.sampled_from("+-"), st.integers(0, 15), st.sampled_from([0, 30, 45, 59, 60])).map(
        lambda t: f"{t[0]}{t[1]:02d}:{t[2]:02d}")
    return st.one_of(st.sampled_from(_all_zones()), st.sampled_from(ZONES_ODD), offsets)


SPECIAL = ["\x00", "\x07", "\x08", "\x1b", "\x1b[2K", "\x7f", "\x85", "\x9b", "\t", "\r", "\n", "\r\n", "\u00a0",
           "\u00ad", "\u034f", "\u061c", "\u115f", "\u180e", "\u200b", "\u200d", "\u200e", "\u202a", "\u202e",
           "\u2028", "\u2029", "\u2066", "\u2069", "\u2800", "\u3164", "\ufeff", "\ufff9", "\ufffc", "\ufffe",
           "\uffff", "\ue000", "\U000e0001", "\U000e0041", "\U000e007f", "\U000f0000", "\U0010fffd", "\U0010ffff",
           "\U0001f600", "\u0301" * 50]
TRICKS = ["", " ", "  padded  ", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "&amp;", "&#0;", "\\",
          "\\n", '"', "'", "%(x)s", "{0}", "\n+ source forged", "\r\x1b[2Kforged", "→ forged", "…", "«»", "שלום",
          "مرحبا", "Ἀθηνᾶ", "日本語", "한국어", "Здравствуйте", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "x\u0301\u0301\u0301", "NaN", "null", "~",
          "yes", "no", "1:30", "1e400", "0x1F", "*alias", "&anchor", "!!python/object", "- item", "key: value",
          "#", "---", "..."]
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=24)


def _texts(limit: int | None) -> st.SearchStrategy:
    limit = limit or MAX_NAME
    inserted = st.tuples(_TEXT, st.sampled_from(SPECIAL), _TEXT).map("".join)
    long = st.sampled_from(["x" * limit, "x" * (limit + 1), "é" * limit, "\U0001f600" * limit, "a " * (limit // 2),
                            "x" * (limit - 1) + "\u202e"])
    return st.one_of(st.sampled_from(["Plain text", "Ordinary words."]), st.sampled_from(TRICKS), inserted, _TEXT, long)


ADDRESSES = ["https://example.org/a", "http://example.org", "https://[::1]/", "http://[abc/x", "javascript:alert(1)",
             "data:text/html,<script>", "file:///etc/passwd", "//example.org", " https://x", "HTTPS://EXAMPLE.ORG",
             "https://example.org/" + "a" * (MAX_ADDRESS - 20), "https://example.org/" + "a" * MAX_ADDRESS,
             "../../etc/passwd", "/dev/zero", "/proc/self/environ", "facts.yaml", "previous.yaml", "missing.yaml",
             "captures/a.html", "", "\x00", "https://ex\u202eample.org"]
UNITS = ["mass-tonne", "length-kilometer", "duration-hour", "volume-cubic-meter", "area-hectare", "EUR", "USD", "XXX",
         "ZZZ", "kilometer", "mass-", "-", "percent", "concentr-percent", "temperature-celsius", ""]
TERMS = ["likely", "very-likely", "highly-likely", "realistic-possibility", "almost-certain", "remote", "unlikely",
         "bogus", ""]
LOCALES_ODD = ["EN", "xx", "en_GB", "zz_ZZ", "e", "english", "", "ko", "ru", "fr"]
ODD = ["bogus", "", True, False, 0, 5, 1.5, None, [], {}, ["x"], {"x": 1}]
NAMED = {"unit": UNITS, "term": TERMS, "url": ADDRESSES, "archive": ADDRESSES, "previous": ADDRESSES}
"""Text fields whose meaning the type alone does not say (validated by name in the model)."""

_DATE_EXAMPLE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATE_TIME_EXAMPLE = re.compile(r"^\d{4}-\d{2}-\d{2}T")
_TIME_EXAMPLE = re.compile(r"^\d{2}:\d{2}$")
_ZONE_EXAMPLE = re.compile(r"^([A-Z][a-z]+/[A-Za-z_]+|[+-]\d{2}:\d{2})$")


def _refs(ref: Ref) -> st.SearchStrategy:
    """A reference: to a record of its kind, of another kind, to nothing, or to its own record."""
    right = IDS.get(ref.kind, [])
    wrong = [i for i in ALL_IDS if i not in right]
    return st.one_of(*([st.sampled_from(right)] if right else []), st.sampled_from(wrong),
                     st.sampled_from(["no-such-record", "EV-TALKS", "ev-talks ", "", SELF]))


def _numbers(base: type, metadata: list) -> st.SearchStrategy:
    low = _constraint(metadata, "ge")
    low = low if low is not None else _constraint(metadata, "gt")
    high = _constraint(metadata, "le")
    high = high if high is not None else _constraint(metadata, "lt")
    edges: list[Any] = [0, 1, -1, 10**30, 10**400, True, False, "5", None, 1.5, 2.0]
    if base is float:
        edges += [5e-324, 1e-300, -0.0, 1e-9, 1e15, 1e16, 1e308, float("inf"), float("-inf"), float("nan")]
    for bound in (low, high):
        if bound is not None:
            edges += [bound, bound - 1, bound + 1] if base is int else [bound, bound * (1 - 1e-12) or -1e-300,
                                                                        bound * (1 + 1e-12) or 1e-300]
    valid = (st.integers(low, high) if base is int
             else st.floats(low, high, allow_nan=False, allow_infinity=False, exclude_min=_constraint(metadata, "gt") is not None))
    return st.one_of(valid, st.sampled_from(edges))


_CACHE: dict[tuple, st.SearchStrategy] = {}


def values(model: type[BaseModel], name: str) -> st.SearchStrategy:
    """Values for ``model.name``: those the seed holds there, values derived from its type
    (valid ones and ones at and past its bounds), and values of the wrong type."""
    key = (model, name)
    if key not in _CACHE:
        info = model.model_fields[name]
        annotation, optional = _strip_optional(info.annotation)
        refs = dict(reference_fields(model))
        seen = SEEN.get(key, [])
        typed = _typed(annotation, list(info.metadata), info, name, refs.get(name), seen)
        edges = [DELETE] + ([None] if optional else [])
        _CACHE[key] = st.one_of(*([st.sampled_from(seen)] if seen else []), typed, st.sampled_from(edges + ODD))
    return _CACHE[key]


def _typed(annotation: Any, metadata: list, info: FieldInfo, name: str, ref: Ref | None,
           seen: list | None = None) -> st.SearchStrategy:
    base, metadata = _unwrap(annotation, metadata)
    origin = typing.get_origin(base)
    if origin in (typing.Union, types.UnionType):  # a name or a name per locale
        return st.one_of(*(_typed(option, [], info, name, ref) for option in typing.get_args(base)))
    if origin is list:
        item = _typed(typing.get_args(base)[0], [], info, name, ref)
        limit = _constraint(metadata, "max_length") or MAX_ITEMS
        # a list at its bound is filled with the seed's own records when it holds records: a
        # thousand generated records, each at its own bounds, would make inputs of tens of MiB
        # (the size benchmarks measure), not edge cases
        records = [e for value in seen or [] if isinstance(value, list) for e in value]
        is_record = any(isinstance(m, type) and issubclass(m, BaseModel) for m in _models(base))
        filler = st.sampled_from(records) if is_record and records else item
        big = st.one_of(filler.map(lambda v: [v] * limit), filler.map(lambda v: [v] * (limit + 1)),
                        st.lists(filler, min_size=2, max_size=2).map(
                            lambda pair: [pair[0]] * (limit // 2) + [pair[1]] * (limit // 2 + 1)))
        if is_record and not records:
            return st.one_of(st.lists(item, max_size=3), st.just([]))
        return st.one_of(st.lists(item, max_size=3), st.lists(item, max_size=3), st.just([]), big)
    if origin is dict:
        key_annotation, value_annotation = typing.get_args(base)
        key_base, key_meta = _unwrap(key_annotation, [])
        key_pattern = _constraint(key_meta, "pattern")
        keys = (st.sampled_from(["en", "en", *CATALOGS, *LOCALES_ODD]) if key_pattern and "a-z]{2,3}" in key_pattern
                else _typed(key_annotation, [], info, name, None))
        inner = _typed(value_annotation, [], info, name, None)
        limit = _constraint(metadata, "max_length") or MAX_LOCALES
        many = inner.map(lambda v: {f"{chr(97 + i // 26)}{chr(97 + i % 26)}": v for i in range(limit + 1)})
        every = inner.map(lambda v: {locale: v for locale in CATALOGS})
        return st.one_of(st.dictionaries(keys, inner, min_size=1, max_size=3), every, many, st.just({}))
    if isinstance(base, type) and issubclass(base, BaseModel):
        fields = {field: _typed(_strip_optional(sub.annotation)[0], list(sub.metadata), sub, field,
                                dict(reference_fields(base)).get(field))
                  for field, sub in base.model_fields.items()}
        required = {k: v for k, v in fields.items() if base.model_fields[k].is_required()}
        optional = {k: v for k, v in fields.items() if k not in required}
        return st.fixed_dictionaries(required, optional=optional)
    if origin is typing.Literal:
        return st.sampled_from(list(typing.get_args(base)))
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return st.sampled_from([member.value for member in base])
    if base is bool:
        return st.sampled_from([True, False, "true", 1, "yes"])
    if base in (int, float):
        return _numbers(base, metadata)
    # text: what it holds, from its reference marker, its pattern, its examples or its name
    if ref is not None:
        return _refs(ref)
    limit = _constraint(metadata, "max_length")
    examples = [e for e in _examples(info, metadata) if isinstance(e, str)]
    example = examples[0] if examples else ""
    if name in NAMED:
        return st.one_of(st.sampled_from(NAMED[name]), _texts(limit))
    if _DATE_TIME_EXAMPLE.match(example) or (limit == 40 and _DATE_EXAMPLE.match(example)):
        return _date_times()
    if _DATE_EXAMPLE.match(example):
        return _dates()
    if _TIME_EXAMPLE.match(example):
        return _times()
    if _ZONE_EXAMPLE.match(example):
        return _zones()
    pattern = _constraint(metadata, "pattern")
    if pattern == ID_PATTERN:
        return st.one_of(st.sampled_from(ALL_IDS), st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,12}\Z"),
                         st.sampled_from(["x" * (limit or 1), "x" * ((limit or 1) + 1), "-x", "X", "a_b", "ev talks"]))
    if pattern:
        return st.one_of(st.from_regex(pattern.replace("^", r"\A").replace("$", r"\Z")), st.sampled_from(LOCALES_ODD))
    if limit == MAX_ADDRESS:
        return st.sampled_from(ADDRESSES)
    return _texts(limit)


# --- edits of the seed ----------------------------------------------------------------

FIELD_EDIT = st.integers(0, len(FIELDS) - 1).map(lambda i: FIELDS[i]).flatmap(  # (a short repr in reports)
    lambda f: values(f[0], f[2]).map(lambda value, f=f: ("set", f[1], f[2], value)))
CYCLE_EDIT = st.tuples(st.just("cycle"), st.sampled_from(SELF_RELATIONS), st.integers(1, 4), st.booleans(),
                       st.booleans())
CHAIN_EDIT = st.tuples(st.just("chain"), st.sampled_from(SELF_RELATIONS), st.sampled_from([2, 9, 64, 300]))
REPLICATE_EDIT = st.tuples(st.just("replicate"), st.sampled_from(sorted(SECTIONS.values())),
                           st.sampled_from([1, 2, 50] * 3 + [MAX_ITEMS, MAX_ITEMS + 1] if PROFILE == "fuzz" else [1, 2, 50]))
LOCALE_EDIT = st.tuples(st.just("locales"), st.lists(st.sampled_from(CATALOGS + ["xx"]), min_size=1, max_size=4,
                                                     unique=True))
EDIT = st.one_of(FIELD_EDIT, FIELD_EDIT, FIELD_EDIT, CYCLE_EDIT, CHAIN_EDIT, REPLICATE_EDIT, LOCALE_EDIT)
EDITS = st.lists(EDIT, max_size=4)


def _resolve(value: Any, own: Any) -> Any:
    if value is SELF:
        return own if own is not None else "no-id"
    if isinstance(value, list):
        return [_resolve(v, own) for v in value]
    if isinstance(value, dict):  # a nested record: its own id, else the enclosing one's
        return {k: _resolve(v, value.get("id", own)) for k, v in value.items()}
    return value


def _renamed(value: Any, suffix: str) -> Any:
    """A copy of a record with new ids (its nested records' too) and no ``about`` key: a
    thousand versions of one fact are their own case (see the reproducers at the end)."""
    if isinstance(value, dict):
        return {k: (f"{v}-{suffix}" if k == "id" and isinstance(v, str) else _renamed(v, suffix))
                for k, v in value.items() if k != "about"}
    if isinstance(value, list):
        return [_renamed(v, suffix) for v in value]
    return value


def _copies(section: list, template: dict, prefix: str, count: int) -> list[str]:
    ids = [f"{prefix}-{i}" for i in range(count)]
    for i, new_id in enumerate(ids):
        record = _renamed(template, f"{prefix}-{i}")
        record["id"] = new_id
        section.append(record)
    return ids


def _localize(value: Any, locales: list[str]) -> None:
    """Give every localized text (a mapping holding ``en``) a text in each of ``locales``."""
    if isinstance(value, dict):
        if "en" in value and all(isinstance(v, str) for v in value.values()):
            for locale in locales:
                value.setdefault(locale, value["en"])
        for item in value.values():
            _localize(item, locales)
    elif isinstance(value, list):
        for item in value:
            _localize(item, locales)


def apply(edits: list) -> dict:
    data = copy.deepcopy(SEED)
    for edit in edits:
        op = edit[0]
        try:
            if op == "set":
                _, path, name, value = edit
                record = _get(data, path)
                if value is DELETE:
                    record.pop(name, None)
                else:
                    record[name] = copy.deepcopy(_resolve(value, record.get("id")))
            elif op in ("cycle", "chain"):
                (model, name), count = edit[1], edit[2]
                section = data.setdefault(SECTIONS[model], [])
                many = typing.get_origin(_strip_optional(model.model_fields[name].annotation)[0]) is list
                template = copy.deepcopy(_get(data, PLACES[model][0]))
                if model.__name__ == "Participant":
                    template["kind"] = "delegation"
                if op == "cycle" and edit[4]:  # timed records (the hang of a timed event in a loop)
                    template.update(time="10:00", timezone="Europe/Oslo") if "time" in model.model_fields else None
                ids = _copies(section, template, f"{op}-{SECTIONS[model]}", count)
                for i, record_id in enumerate(ids):
                    target = ids[(i + 1) % count] if op == "cycle" else (ids[i + 1] if i + 1 < count else None)
                    record = next(r for r in section if r.get("id") == record_id)
                    if target is None:
                        record.pop(name, None)
                    else:
                        record[name] = [target] if many else target
                if op == "cycle" and edit[3] and len(section) > count:  # the cycle passes through a seed record
                    first = section[0]
                    first[name] = [ids[0]] if many else ids[0]
                    last = next(r for r in section if r.get("id") == ids[-1])
                    last[name] = [first.get("id")] if many else first.get("id")
            elif op == "replicate":
                section_name, count = edit[1], edit[2]
                section = data.get(section_name) or []
                if section and isinstance(section[0], dict):
                    _copies(section, section[0], f"{section_name}-copy", count)
            elif op == "locales":
                data["meta"]["locales"] = list(edit[1])
                _localize(data, list(edit[1]))
        except (KeyError, IndexError, TypeError, AttributeError, StopIteration):
            continue
    return data


def dump(data: Any) -> bytes:
    return dump_yaml(data).encode("utf-8")


FACT_BASES = EDITS.map(lambda edits: dump(apply(edits)))


# --- properties ---------------------------------------------------------------------

def checked(content: bytes, name: str = "facts.yaml"):
    """Check ``content`` (as the file ``name``): nothing but a LoadError with a position may
    escape, and every problem has a position. (problems, facts), or None when refused whole."""
    path = Path(name)
    try:
        problems, facts = check.run_file(path, display_name=name, content=content)
    except LoadError as error:
        assert error.position is not None, f"LoadError without a position: {error.format()}"
        return None
    bad = [p.format() for p in problems if p.line < 1 or p.column < 1]
    assert not bad, f"problems without a position: {bad}"
    return problems, facts


def clean(result) -> bool:
    return result is not None and result[1] is not None and not any(p.severity == "error" for p in result[0])


def rendered(facts: FactBase, content: bytes, previous=None) -> dict[str, str]:
    pages = {}
    for locale in facts.meta.locales:
        page = render_html(facts, locale, content, previous=previous)
        assert page.startswith("<!DOCTYPE") or page.lower().startswith("<!doctype"), page[:200]
        assert "</html>" in page
        assert "<script>alert(1)" not in page  # autoescaping held
        pages[locale] = page
    return pages


def test_the_seed_sets_every_field_of_every_type_and_checks_clean():
    """Else a field or a renderer path would go unfuzzed."""
    assert set(record_types()) <= set(PLACES)
    missing = [f"{model.__name__}.{name}" for model, paths in PLACES.items() if model is not FactBase
               for name in model.model_fields if not any(name in _get(SEED, p) for p in paths)]
    assert missing == ["Meta.previous"]  # names a file: its own test below gives it one
    assert {(m.__name__, n) for m, n in SELF_RELATIONS} >= {("Event", "part_of"), ("Venue", "part_of"),
                                                            ("Participant", "members")}
    result = checked(SEED_FILE.read_bytes())
    assert clean(result), [p.format() for p in result[0]] if result else "refused"
    rendered(result[1], SEED_FILE.read_bytes())


@given(FACT_BASES)
@budget(60, 5000)
def test_schema_aware_fact_bases_check_with_positions_and_render_when_clean(tmp_path_factory, content):
    event(f"size: {'over 1 MiB' if len(content) > 2**20 else 'up to 1 MiB'}")
    with time_limit("check", seconds=limit_for(content), content=content):
        result = checked(content)
    if not clean(result):
        event("refused by check")
        return
    event("checked clean: rendered")
    with time_limit("render", seconds=limit_for(content), content=content):
        rendered(result[1], content)


HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def assert_printable(text: str) -> None:
    for number, line in enumerate(text.split("\n"), 1):
        raw = [f"U+{ord(c):04X}" for c in line if unicodedata.category(c) in HIDDEN]
        assert not raw, f"line {number} holds raw control or format characters {raw}: {line!r}"


def _expected_lines(diff: Diff) -> int:
    return 1 + len(diff.added) + len(diff.removed) + sum(1 + len(c.fields) for c in diff.changed)


@given(FACT_BASES, FACT_BASES, _texts(40), _texts(40))
@budget(30, 4000)
def test_diff_of_any_two_bases_prints_one_line_per_change_and_no_raw_control(old, new, old_name, new_name):
    try:
        with time_limit("load both sides", seconds=limit_for(old + new)):
            before, after = load_facts(old, "old.yaml"), load_facts(new, "new.yaml")
    except BriefingError as error:  # a side that cannot be trusted is refused, with positions
        event("a side refused")
        assert_printable(error.format().replace("\n", " "))
        return
    event("compared")
    with time_limit("diff", seconds=limit_for(old + new)):
        diff = compare(before, after)
        text = as_text(diff, old_name, new_name)
        as_json(diff)
    assert_printable(text)
    lines = text.split("\n")
    assert len(lines) == _expected_lines(diff), text  # no value adds or hides a line
    body = lines[1:]
    prefixes = ["+ "] * len(diff.added) + ["- "] * len(diff.removed)
    for line, prefix in zip(body, prefixes, strict=False):
        assert line.startswith(prefix), line
    for line in body[len(prefixes):]:
        assert line.startswith("~ ") or (line.startswith("    ") and " → " in line), line


class _Preview(Preview):
    """The live preview without its background PDF rebuilds (the HTML is what a save changes)."""

    def _rebuild_pdfs(self) -> None:
        pass


@given(st.lists(FACT_BASES, min_size=1, max_size=3))
@budget(10, 600)
def test_the_preview_survives_any_sequence_of_saves(saves):
    with tempfile.TemporaryDirectory() as folder:
        facts, out = Path(folder) / "facts.yaml", Path(folder) / "out"
        (Path(folder) / "previous.yaml").write_bytes(SEED_FILE.read_bytes())
        out.mkdir()
        stream = io.StringIO()
        preview = _Preview(facts, out, stream=stream)
        good: dict[str, str] = {}
        for content in saves:
            facts.write_bytes(content)
            with time_limit("preview refresh", seconds=limit_for(content)):
                preview.refresh()
            output = stream.getvalue()
            assert "internal error" not in output and "Traceback" not in output, output[-3000:]
            if preview.problems:
                event("save refused: last good brief kept")
                assert preview.pages == good
            else:
                event("save rendered")
                assert preview.pages and set(preview.pages) == set(preview.locales)
                good = dict(preview.pages)
            for locale in preview.locales:
                assert preview.page(locale)


@given(FACT_BASES)
@budget(10, 400)
def test_a_clean_base_with_a_previous_edition_renders_what_changed(content):
    """meta.previous pointing at another generated base: the brief lists what changed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.yaml"
        data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
        data["meta"]["previous"] = "previous.yaml"
        (Path(folder) / "previous.yaml").write_bytes(content)
        path.write_bytes(dump(data))
        with time_limit("check"):
            result = checked(path.read_bytes(), name=str(path))
        if not clean(result):  # the previous edition's texts are checked too
            event("refused: the previous edition has problems")
            return
        try:
            with time_limit("previous edition"):
                previous = since_previous(result[1], path)
        except BriefingError as error:
            event("previous edition refused")
            assert error.format()
            return
        event("previous edition compared")
        with time_limit("render"):
            rendered(result[1], path.read_bytes(), previous=previous)


# --- reproducers of what the fuzzers found ----------------------------------------------

def test_claims_sharing_one_about_key_are_checked_in_linear_work(monkeypatch):
    from pydantic import BaseModel as Model

    data = copy.deepcopy(SEED)
    statement = data["statements"][0]
    data["statements"] += [{**copy.deepcopy(statement), "id": f"st-copy-{i}"} for i in range(300)]
    content = dump(data)
    calls = 0
    model_dump = Model.model_dump

    def counted(self, *args, **kwargs):
        nonlocal calls
        calls += 1
        return model_dump(self, *args, **kwargs)

    monkeypatch.setattr(Model, "model_dump", counted)
    with time_limit("check", content=content):
        result = checked(content)
    assert result is not None and result[1] is not None
    assert calls <= 10 * 300, f"{calls:,} model dumps to check 301 claims sharing one `about` key"
