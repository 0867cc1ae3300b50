"""single-origin: a claim rated "confirmed by other sources" rests on one origin only.

What it does
    Information credibility 1 means confirmed by independent sources. This rule groups
    a claim's sources by origin, from what each relays (its ``relays`` list): a source that
    relays a single outlet is not independent of any other source relaying that outlet,
    and two sources with the same ``relays`` are one origin. A statement that names the
    outlet that carried it (``carried_by``) has that outlet as its one origin, however many
    sources repeat it, unless some of them are listed in its ``direct_sources`` (they did not
    get it through that outlet). A claim rated 1 needs at least two independent groups.

Why is this bad?
    Two articles repeating one wire agency are one report, not two. Rating them as
    confirmation overstates what the desk knows, and the reader cannot see it.

Example
    ```yaml
    sources:
      - {id: a, relays: [Wire Service], ...}
      - {id: b, relays: [Wire Service], ...}
    events:
      - id: ev-1
        sources: [a, b]
        credibility: 1
    ```

Use instead
    ```yaml
        credibility: 2      # probably true: one origin, however often repeated
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding
from briefing.model import Source, outlet_label
from briefing.sourcing import origin_groups

ID = "single-origin"
SEVERITY = "error"
SUMMARY = "a claim rated 1 (confirmed) whose sources all go back to one origin"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    index = facts.index()
    for claim in facts.claims():
        if claim.credibility != 1:
            continue
        sources = [index[s] for s in claim.sources if isinstance(index.get(s), Source)]
        carried = getattr(claim, "carried_by", None)
        if carried and not getattr(claim, "direct_sources", None):
            # "carried by a wire service": every source repeats that one outlet (a source listed in
            # direct_sources did not, and is weighed with the others below)
            yield Finding(claim.path + ("credibility",),
                          f"claim {claim.id!r} is rated 1 (confirmed by independent sources), but it was "
                          f"carried by {', '.join(outlet_label(o) for o in carried)}: one origin, however many "
                          "sources repeat it; rate it 2")
            continue
        groups = origin_groups(sources)
        if len(groups) < 2:
            origin = ", ".join(sorted({outlet_label(r) for s in sources for r in s.relays})) or "one publisher"
            yield Finding(claim.path + ("credibility",),
                          f"claim {claim.id!r} is rated 1 (confirmed by independent sources), but its "
                          f"{len(sources)} source(s) share one origin ({origin}); rate it 2 or cite an "
                          "independent source")
