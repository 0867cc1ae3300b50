"""What changed between two editions of a fact base: records added, removed or changed, by id.

Records are compared field by field after validation, so reformatting the YAML (quotes,
flow or block style, key order) is not a change; a changed text names its locale.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import parts
from briefing.errors import BriefingError
from briefing.load import read_bytes
from briefing.model import FactBase, Meta, Record, parse

_META = "(meta)"  # the metadata's key: no record id can take it (ids are lowercase letters, digits, hyphens)


@dataclass
class Change:
    kind: str
    id: str
    type: str
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    record: Any = field(default=None, repr=False, compare=False)  # the record itself, for the brief


@dataclass
class Diff:
    added: list[Change]
    removed: list[Change]
    changed: list[Change]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _records(facts: FactBase) -> dict[str, tuple[str, Any]]:
    """Every declared record with an id, by id, with its type's noun (duplicate ids: the
    checker refuses them before a diff is trusted; here the first one is kept)."""
    found: dict[str, tuple[str, Any]] = {_META: ("meta", facts.meta)}
    for record in facts.records():
        record_id = getattr(record, "id", None)
        if record.declared is not None and isinstance(record_id, str) and not isinstance(record, Meta):
            found.setdefault(record_id, (record.declared.noun, record))
    return found


def _nested(record: Record) -> set[str]:
    """Fields holding records with ids of their own (an agreement's provisions): those are
    compared on their own, not as a field of their parent."""
    return {name for name in type(record).model_fields
            if isinstance(value := getattr(record, name), list) and value
            and all(isinstance(item, Record) and item.declared is not None for item in value)}


def _flatten(record) -> dict[str, Any]:
    data = record.model_dump(mode="json", exclude=_nested(record))
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            for locale, text in value.items():  # a localized text: one entry per locale
                flat[f"{key}.{locale}"] = text
        else:
            flat[key] = value
    return flat


def compare(old: FactBase, new: FactBase) -> Diff:
    before, after = _records(old), _records(new)
    added = [Change(kind, rid, type(r).__name__, record=r) for rid, (kind, r) in after.items() if rid not in before]
    removed = [Change(kind, rid, type(r).__name__, record=r) for rid, (kind, r) in before.items() if rid not in after]
    changed = []
    for rid, (kind, record) in after.items():
        if rid not in before:
            continue
        a, b = _flatten(before[rid][1]), _flatten(record)
        fields = {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}
        if fields:
            changed.append(Change(kind, "meta" if rid == _META else rid, type(record).__name__, fields, record))
    return Diff(added, removed, changed)


class Refused(BriefingError):
    """A side of a comparison that cannot be trusted: it does not load, does not follow the
    schema, or reuses an id (one record would hide another). Shown with the checker's
    messages, each with its file:line:col."""

    exit_code = 1

    def __init__(self, name: str, problems: list[str], found: list | None = None) -> None:
        super().__init__(f"{_escape(name)}: {len(problems)} error(s) in this fact base; it cannot be compared "
                         "(run 'briefing check' on it)")
        self.problems = problems
        self.found = found or []
        """The problems as :class:`briefing.check.problem.Problem` (a schema or duplicate-id refusal)."""

    def format(self) -> str:
        return "\n".join([*self.problems, f"error: {self.message}"])


def load_facts(content: bytes | parts.Source, name: str) -> FactBase:
    """Load one side of a comparison (or the previous edition), a file's bytes or a fact base
    as read (a folder's parts): it must load, follow the schema and have unique ids, or
    :class:`Refused` gives the checker's messages."""
    from pydantic import ValidationError

    from briefing.check.problem import Problem
    from briefing.check.rules import duplicate_id, schema

    source = content if isinstance(content, parts.Source) else parts.read(Path(name), name, content)
    refused = next((part.refused for part in source.parts if part.refused is not None), None)
    if refused is not None:  # not even read (over the size limit): refused like an unreadable file
        raise refused
    document, errors = parts.load(source)
    if document is None:
        for error in errors:
            if error.rule is None:
                raise error
        raise Refused(name, [error.format() for error in errors])
    try:
        facts = parse(document.data)
    except ValidationError as error:
        findings, rule = list(schema.findings(error, document)), schema.ID
    else:
        findings, rule = list(duplicate_id.check(facts, document)), duplicate_id.ID
    if findings:
        problems = []
        for finding in findings:
            position = (finding.position or (document.key_position(finding.path) if finding.at_key
                                             else document.position(finding.path)))
            problems.append(Problem(file=document.file_of(finding.path), line=position.line, column=position.column, rule=rule,
                                    severity="error", message=finding.message))
        raise Refused(name, [problem.format() for problem in sorted(problems)], sorted(problems))
    return facts


def since_previous(facts: FactBase, facts_path: Path) -> tuple[FactBase, Diff, bytes] | None:
    """The previous edition named in ``meta.previous``, what changed since, and that file's
    bytes (part of the outputs' digest). It is read like the fact base itself."""
    if not facts.meta.previous:
        return None
    folder = facts_path.resolve().parent
    path = (folder / facts.meta.previous).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise BriefingError(f"meta.previous: {facts.meta.previous!r} is not a file in the fact base's folder",
                            file=str(facts_path))
    content = read_bytes(path, str(path), what="previous edition")
    old = load_facts(content, str(path))
    return old, compare(old, facts), content


# --- showing values: every character visible, every change distinguishable --------------

_WIDTH = 70  # a value longer than this is shown as its changed span, with context
_CONTEXT = 20  # characters of context on each side of a changed span
_SPAN = 40  # characters of a changed span shown (the rest is counted, never dropped silently)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
_FILLERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u17b4", "\u17b5", "\u180e"}


def _hidden(char: str) -> bool:
    """A character a terminal would not show as itself: control and format (bidi, zero
    width, tags), separators other than the space, private use, unassigned and
    noncharacters, and the blank "fillers" that render as nothing."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or char in _FILLERS:
        return True
    return category == "Zs" and char != " "


def _token(char: str, backslash: bool = True) -> str:
    if char in _NAMED and (backslash or char != "\\"):
        return _NAMED[char]
    if not _hidden(char):
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape(text: str) -> str:
    """``text`` on one line with every hidden character written as an escape."""
    return "".join(_token(c) for c in text)


def _plain(text: str) -> bool:
    """Shown as is, unquoted: nothing hidden, nothing that reads as something else."""
    return (bool(text) and text == text.strip() and not text.startswith('"') and "→" not in text
            and "…" not in text and "\\" not in text and not any(_hidden(c) for c in text))


def _tokens(value: Any) -> list[str]:
    """How ``value`` is shown, one token per character: a plain text as is; any other text
    quoted, with escapes; anything else as JSON (which already escapes backslashes)."""
    if isinstance(value, str):
        return list(value) if _plain(value) else ['"', *(_token(c) if c != '"' else '\\"' for c in value), '"']
    return _json_tokens(value)


def _json_tokens(value: Any, as_written: bool = True) -> list[str]:
    shown = _as_written(value) if as_written else value
    return [_token(c, backslash=False) for c in json.dumps(shown, ensure_ascii=False, sort_keys=True)]


def _as_written(value: Any) -> Any:
    """A whole number the model holds as a float (a quantity's 40) shown as the analyst wrote it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_as_written(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_written(item) for key, item in value.items()}
    return value


def _show(value: Any) -> str:
    return "".join(_tokens(value))


def _pair(old: Any, new: Any) -> str:
    """``old → new`` on one line, where the two sides always read differently: whole when
    short; else the changed span of each side, ``[...]``, with context around it."""
    a, b = _tokens(old), _tokens(new)
    if a == b:  # "true" and true, or 1.0 and 1, say: both as exact JSON, which shows the types apart
        a, b = _json_tokens(old, as_written=False), _json_tokens(new, as_written=False)
    if len("".join(a)) <= _WIDTH and len("".join(b)) <= _WIDTH:
        return f"{''.join(a)} → {''.join(b)}"
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return f"{_span(a, prefix, suffix)} → {_span(b, prefix, suffix)}"


def _span(tokens: list[str], prefix: int, suffix: int) -> str:
    start = max(0, prefix - _CONTEXT)
    end = len(tokens) - suffix
    stop = min(len(tokens), end + _CONTEXT)
    middle = tokens[prefix:end]
    shown = "".join(middle[:_SPAN]) + (f"…(+{len(middle) - _SPAN} more)" if len(middle) > _SPAN else "")
    return ("…" if start > 0 else "") + "".join(tokens[start:prefix]) + f"[{shown}]" \
        + "".join(tokens[end:stop]) + ("…" if stop < len(tokens) else "")


def as_text(diff: Diff, old_name: str, new_name: str) -> str:
    lines = [f"{_escape(old_name)} → {_escape(new_name)}: {len(diff.added)} added, {len(diff.removed)} removed, "
             f"{len(diff.changed)} changed"]
    lines += [f"+ {_escape(c.kind)} {_escape(c.id)}" for c in diff.added]
    lines += [f"- {_escape(c.kind)} {_escape(c.id)}" for c in diff.removed]
    for c in diff.changed:
        lines.append(f"~ {_escape(c.kind)} {_escape(c.id)}")
        lines += [f"    {_escape(name)}: {_pair(a, b)}" for name, (a, b) in c.fields.items()]
    return "\n".join(lines)


def as_json(diff: Diff) -> str:
    def entry(c: Change) -> dict:
        item: dict[str, Any] = {"kind": c.kind, "id": c.id, "type": c.type}
        if c.fields:
            item["fields"] = {k: {"old": a, "new": b} for k, (a, b) in c.fields.items()}
        return item

    text = json.dumps({"added": [entry(c) for c in diff.added], "removed": [entry(c) for c in diff.removed],
                       "changed": [entry(c) for c in diff.changed]}, ensure_ascii=False, indent=2)
    # JSON escapes control characters itself; the other hidden ones (bidi, tags) too, here,
    # so that the output read on a terminal shows them (the data is the same)
    # (a raw newline in the text can only be the indentation's)
    return "".join(json.dumps(c)[1:-1] if c != "\n" and _hidden(c) else c for c in text)


# reading a committed edition: see briefing.revision
from briefing.revision import GIT_TIMEOUT, read_revision, read_revision_parts  # noqa: E402,F401
