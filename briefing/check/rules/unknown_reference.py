"""unknown-reference: every reference names an existing record of the right kind.

What it does
    Follows each field that refers to another record (a claim's ``sources``, an event's
    ``venue``, a gift's ``giver``, a judgment's ``rests_on``, ...) and reports ids that
    are not defined, or that name a record of another kind. An id of the right kind spelt
    close to the one given is suggested ("did you mean 'harbour-master'?").

Why is this bad?
    A dangling reference is a citation to nothing: the brief would show a claim whose
    source cannot be found, or drop a participant from an event.

Example
    ```yaml
    gifts:
      - id: gift-book
        giver: mayr          # no participant has this id
    ```

Use instead
    ```yaml
        giver: mayor
    ```
"""

from __future__ import annotations

import difflib
from typing import Iterator

from briefing.check.problem import Finding, indefinite as _a
from briefing.model import kind_of, links

ID = "unknown-reference"
SEVERITY = "error"
SUMMARY = "a reference names no record, or a record of the wrong kind"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    kinds: dict[type, set[str]] = {}  # a record's kinds depend on its type only
    looked: dict = {}  # the ids of each kind, and how many were compared, once a reference dangles
    for record, name, i, target, ref in links(facts):
        found = index.get(target)
        if found is None:
            yield Finding(_path(record, name, i), f"{name} refers to {target!r}, which is not defined"
                                                  + _suggestion(target, ref.kind, index, kinds, looked))
            continue
        if ref.kind not in _kinds(found, kinds):
            noun = found.declared.noun if found.declared else type(found).__name__.lower()
            yield Finding(_path(record, name, i), f"{name} refers to {target!r}, which is {_a(noun)}, "
                                                  f"not {_a(ref.kind)}")


def _kinds(record, kinds: dict[type, set[str]]) -> set[str]:
    """The kinds a record answers to, worked out once per type (they depend on its type only)."""
    found = kinds.get(type(record))
    if found is None:
        found = kinds[type(record)] = kind_of(record)
    return found


SUGGESTION_BUDGET = 5_000_000
"""Ids compared, over the whole check, in looking for close spellings: a base with thousands of
dangling references is still checked in bounded time (later ones then get no suggestion)."""


def _suggestion(target: str, kind: str, index: dict, kinds: dict[type, set[str]], looked: dict) -> str:
    """"; did you mean 'x'?" when an id of the right kind is spelt close to ``target``: looked
    for only once a reference is found dangling, so a clean base never pays for it."""
    candidates = looked.get(kind)
    if candidates is None:
        candidates = looked[kind] = [record_id for record_id, record in index.items()
                                     if kind in _kinds(record, kinds)]
    looked["#compared"] = looked.get("#compared", 0) + len(candidates)
    if not isinstance(target, str) or looked["#compared"] > SUGGESTION_BUDGET:
        return ""
    close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.8)
    return f"; did you mean {close[0]!r}?" if close else ""


def _path(record, name: str, i: int | None) -> tuple:
    return record.path + ((name,) if i is None else (name, i))
