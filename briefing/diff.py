"""What changed between two editions of a fact base: records added, removed or changed, by id.

Records are compared field by field after validation, so reformatting the YAML (quotes,
flow or block style, key order) is not a change; a changed text names its locale.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError
from briefing.load import load_bytes
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


def load_facts(content: bytes, name: str) -> FactBase:
    from pydantic import ValidationError

    try:
        return parse(load_bytes(content, name).data)
    except ValidationError:
        raise BriefingError(f"{name} does not follow the schema; run 'briefing check' on it first") from None


def since_previous(facts: FactBase, facts_path: Path) -> tuple[FactBase, Diff, bytes] | None:
    """The previous edition named in ``meta.previous``, what changed since, and that file's
    bytes (part of the outputs' digest)."""
    if not facts.meta.previous:
        return None
    folder = facts_path.resolve().parent
    path = (folder / facts.meta.previous).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise BriefingError(f"meta.previous: {facts.meta.previous!r} is not a file in the fact base's folder",
                            file=str(facts_path))
    content = path.read_bytes()
    old = load_facts(content, str(path))
    return old, compare(old, facts), content


def read_revision(path: Path, revision: str) -> bytes:
    """The committed content of ``path`` at a git revision."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path.resolve().parent,
                             capture_output=True, text=True, check=True).stdout.strip()
        relative = path.resolve().relative_to(Path(top).resolve())
        return subprocess.run(["git", "show", f"{revision}:{relative.as_posix()}"], cwd=top,
                              capture_output=True, check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        detail = detail.decode(errors="replace").strip() if isinstance(detail, bytes) else str(detail).strip()
        raise BriefingError(f"cannot read {path} at revision {revision!r}: {detail or exc}") from None


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 70 else text[:67] + "…"


def as_text(diff: Diff, old_name: str, new_name: str) -> str:
    lines = [f"{old_name} → {new_name}: {len(diff.added)} added, {len(diff.removed)} removed, "
             f"{len(diff.changed)} changed"]
    lines += [f"+ {c.kind} {c.id}" for c in diff.added]
    lines += [f"- {c.kind} {c.id}" for c in diff.removed]
    for c in diff.changed:
        lines.append(f"~ {c.kind} {c.id}")
        lines += [f"    {name}: {_short(a)} → {_short(b)}" for name, (a, b) in c.fields.items()]
    return "\n".join(lines)


def as_json(diff: Diff) -> str:
    def entry(c: Change) -> dict:
        item: dict[str, Any] = {"kind": c.kind, "id": c.id, "type": c.type}
        if c.fields:
            item["fields"] = {k: {"old": a, "new": b} for k, (a, b) in c.fields.items()}
        return item

    return json.dumps({"added": [entry(c) for c in diff.added], "removed": [entry(c) for c in diff.removed],
                       "changed": [entry(c) for c in diff.changed]}, ensure_ascii=False, indent=2)
