"""carried-by-relay: a statement's ``carried_by`` outlet is not relayed by a source cited for it.

What it does
    A statement that names the outlet that carried it (``carried_by``) says that its sources
    repeat that outlet. Each source cited for it must list every such outlet among what it
    relays (``relays``), or be named in the statement's ``direct_sources`` (it reports the
    statement first-hand, or through another channel). A source in ``direct_sources`` that
    the statement does not cite is reported too.

Why is this bad?
    ICD 206 asks that a reader can trace each piece of information to its origin, and the
    Admiralty grading of STANAG 2511 / AJP-2.1 grades a relayed report by its originator.
    ``carried_by`` makes the outlet the statement's one origin (``single-origin`` counts it
    so); if a cited source does not relay that outlet, either the attribution or the
    source's record is wrong, and the origin count in the brief is too.

Example
    ```yaml
    sources:
      - {id: src-daily, relays: [Wire Service], ...}
    statements:
      - id: st-1
        carried_by: [State Radio]
        sources: [src-daily]
    ```

Use instead
    ```yaml
      - {id: src-daily, relays: [Wire Service, State Radio], ...}   # if the page says so
    # or, when the daily heard it itself:
        direct_sources: [src-daily]
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import Source, outlet_key, outlet_label

ID = "carried-by-relay"
SEVERITY = "error"
SUMMARY = "a statement's carried_by outlet is not among the outlets a cited source relays"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for statement in facts.statements:
        direct = set(statement.direct_sources)
        for i, source_id in enumerate(statement.direct_sources):
            if source_id not in statement.sources:
                yield Finding(statement.path + ("direct_sources", i),
                              f"{source_id!r} is listed as a direct source of {statement.id!r} but is not among "
                              "its sources")
        if not statement.carried_by:
            continue
        for i, source_id in enumerate(statement.sources):
            source = index.get(source_id)
            if not isinstance(source, Source) or source_id in direct:
                continue
            relayed = {outlet_key(r) for r in source.relays}
            missing = [outlet_label(o) for o in statement.carried_by if outlet_key(o) not in relayed]
            if missing:
                yield Finding(statement.path + ("sources", i),
                              f"{statement.id!r} was carried by {', '.join(missing)}, which {source_id!r} does "
                              f"not relay (it relays {', '.join(outlet_label(r) for r in source.relays) or 'nothing'}"
                              f"); add the outlet to the source's relays if the page credits it, or list "
                              f"{source_id!r} in direct_sources")
