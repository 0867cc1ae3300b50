"""reference-cycle: records that contain, or list, each other in a loop.

What it does
    Follows every reference field that names a record of the record's own kind (an
    event's ``part_of``, a venue's ``part_of``, a delegation's ``members``, and any such
    field the model gains) and reports each loop once, at the reference that closes
    it, naming every record of the loop with its line. A record that names itself is a
    loop of one.

Why is this bad?
    A whole cannot be part of its own part: the chronology, the time zone an event
    inherits and the places the brief nests have no first element to start from, and
    any tool that follows the chain naively never stops.

Example
    ```yaml
    - id: ev-summit
      part_of: ev-session
    - id: ev-session
      part_of: ev-summit      # the summit is part of the session, which is part of the summit
    ```

Use instead
    ```yaml
    - id: ev-summit
    - id: ev-session
      part_of: ev-summit
    ```
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import Claim, Record, kind_of, record_types, reference_fields

ID = "reference-cycle"
SEVERITY = "error"
SUMMARY = "records are part of (or list) each other in a loop"
STAGE = "model"


@lru_cache(maxsize=None)
def relations() -> dict[type[Record], tuple[tuple[str, str], ...]]:
    """For each record type, its fields that name records of its own kind, with that kind:
    read from the model's ``Ref`` markers, never listed by hand."""
    found: dict[type[Record], tuple[tuple[str, str], ...]] = {}
    for record_type in record_types():
        kinds = {record_type.declared.noun} if record_type.declared else set()
        if issubclass(record_type, Claim):
            kinds.add("claim")
        fields = tuple((name, ref.kind) for name, ref in reference_fields(record_type) if ref.kind in kinds)
        if fields:
            found[record_type] = fields
    return found


def _links(record: Record, name: str, kind: str, index: dict[str, Record]) -> Iterator[tuple[tuple, Record]]:
    """The records ``record`` names through field ``name`` (only those of the right kind),
    each with the path of the reference."""
    value = getattr(record, name)
    targets = [((name,), value)] if isinstance(value, str) else [((name, i), v) for i, v in enumerate(value or [])]
    for where, target_id in targets:
        target = index.get(target_id)
        if target is not None and kind in kind_of(target):
            yield record.path + where, target


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    by_type = relations()
    names = sorted({(name, kind) for fields in by_type.values() for name, kind in fields})
    for name, kind in names:  # one graph per relation: part_of is one, members another
        records = [r for r in facts.records() if (name, kind) in by_type.get(type(r), ())]
        yield from _cycles(records, name, kind, index, document)


def _cycles(records: list[Record], name: str, kind: str, index, document) -> Iterator[Finding]:
    """Depth-first search in document order: each reference that leads back into the chain
    being followed closes one loop (and a relation without such a reference has none)."""
    done: set[int] = set()
    for root in records:
        if id(root) in done:
            continue
        chain: list[Record] = [root]
        on_chain = {id(root): 0}
        pending = [_links(root, name, kind, index)]
        while pending:
            step = next(pending[-1], None)
            if step is None:
                pending.pop()
                finished = chain.pop()
                del on_chain[id(finished)]
                done.add(id(finished))
                continue
            where, target = step
            if id(target) in on_chain:
                loop = chain[on_chain[id(target)]:]
                yield Finding(where, _message(loop, name, document))
            elif id(target) not in done:
                on_chain[id(target)] = len(chain)
                chain.append(target)
                pending.append(_links(target, name, kind, index))


def _message(loop: list[Record], name: str, document) -> str:
    """``loop`` runs from the record named by the closing reference to the record holding it."""
    closer = loop[-1]

    def link(target: str) -> str:
        return f"is {name.replace('_', ' ')} {target}" if name.endswith("_of") else f"lists {target} in its {name}"

    if len(loop) == 1:
        return f"{_id(closer)} {link('itself')}: a record cannot contain itself"
    steps = [f"{_id(closer)} {link(f'{_id(loop[0])} ({document.where(loop[0].path, closer.path)})')}"]
    for record in loop[1:-1]:
        steps.append(f"which {link(f'{_id(record)} ({document.where(record.path, closer.path)})')}")
    steps.append(f"which {link(f'{_id(closer)} itself')}")
    return ", ".join(steps) + ": break the loop"


def _id(record: Record) -> str:
    return repr(getattr(record, "id", None) or ".".join(str(p) for p in record.path))
