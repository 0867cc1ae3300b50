"""source-predates-event: a claim cites a source published before the event it reports.

What it does
    Compares each claim's date (its own, or that of the event it is about) with the
    publication date of every source it cites. Announced events are exempt: a source may
    announce what has not happened yet. Partial dates are compared generously (a source
    dated "2021-03" may report an event of 14 March 2021).

Why is this bad?
    An article cannot report what had not yet happened when it was published: either the
    date of the event, the publication date or the citation is wrong.

Example
    ```yaml
    sources:
      - id: src-wire
        published: "2021-03-11"
    events:
      - id: ev-port-fire
        date: "2021-03-14"
        sources: [src-wire]
    ```

Use instead
    Cite the article that reported the event, or correct whichever date is wrong.
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.facts_index import claim_date, event_of, period
from briefing.check.problem import Finding
from briefing.model import Source

ID = "source-predates-event"
SEVERITY = "error"
SUMMARY = "a claim cites a source published before the event it reports"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for claim in facts.claims():
        event = event_of(facts, claim)
        if event is not None and event.status == "announced":
            continue
        when = claim_date(facts, claim)
        if when is None:
            continue
        for i, source_id in enumerate(claim.sources):
            source = index.get(source_id)
            if not isinstance(source, Source):
                continue
            _, latest = period(source.published[:10] if "T" in source.published else source.published)
            if latest < period(when)[0]:  # its first day, memoised: dates repeat across claims
                yield Finding(claim.path + ("sources", i),
                              f"source {source_id!r} was published {source.published}, before "
                              f"{when} (the date this claim reports; source defined at "
                              f"{document.where(source.path, claim.path)})")
