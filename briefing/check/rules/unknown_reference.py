"""unknown-reference: every reference names an existing record of the right kind.

What it does
    Follows each field that refers to another record (a claim's ``sources``, an event's
    ``venue``, a gift's ``giver``, a judgment's ``rests_on``, ...) and reports ids that
    are not defined, or that name a record of another kind.

Why is this bad?
    A dangling reference is a citation to nothing: the brief would show a claim whose
    source cannot be found, or drop a participant from an event.

Example
    ```yaml
    gifts:
      - id: gift-rifle
        giver: putn          # no participant has this id
    ```

Use instead
    ```yaml
        giver: putin
    ```
"""

from __future__ import annotations

import typing
from functools import lru_cache
from typing import Any, Iterator

from briefing.check.problem import Finding, indefinite as _a
from briefing.model import Record, Ref, kind_of

ID = "unknown-reference"
SEVERITY = "error"
SUMMARY = "a reference names no record, or a record of the wrong kind"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for path, name, target, ref in references(facts):
        found = index.get(target)
        if found is None:
            yield Finding(path, f"{name} refers to {target!r}, which is not defined")
        elif ref.kind not in kind_of(found):
            yield Finding(path, f"{name} refers to {target!r}, which is a "
                                f"{type(found).__name__.lower()}, not {_a(ref.kind)}")


def references(facts) -> Iterator[tuple[tuple, str, str, Ref]]:
    """Every reference in the fact base: (path, field name, target id, Ref marker)."""
    for record in facts.records():
        for name, ref in _ref_fields(type(record)):
            value = getattr(record, name)
            if isinstance(value, str):
                yield record.path + (name,), name, value, ref
            else:
                for i, item in enumerate(value or []):
                    yield record.path + (name, i), name, item, ref


@lru_cache(maxsize=None)
def _ref_fields(model: type) -> tuple[tuple[str, Ref], ...]:
    """The fields of a model class that hold references, with their markers."""
    found = []
    for name, info in model.model_fields.items():
        ref = _ref_of(info.annotation, info.metadata)
        if ref is not None:
            found.append((name, ref))
    return tuple(found)


def _ref_of(annotation: Any, metadata: list) -> Ref | None:
    """The Ref marker carried by a field's type, looking through Optional and list."""
    for item in metadata:
        if isinstance(item, Ref):
            return item
    stack = [annotation]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is typing.Annotated:
            for item in typing.get_args(current)[1:]:
                if isinstance(item, Ref):
                    return item
        stack.extend(arg for arg in typing.get_args(current) if not isinstance(arg, Ref))
    return None
