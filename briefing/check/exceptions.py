"""Deliberate exceptions: problems the fact base excuses next to the record concerned."""

from __future__ import annotations

from briefing.check.problem import Finding
from briefing.check.rules import REGISTRY, exception_reason, unused_exception
from briefing.model import Excusable


# Rules that guard the reader and the renderer, not the analysis: no fact base may switch
# them off (an excused javascript: URL would become a live link in the brief).
UNEXCUSABLE = {"url-scheme"}


def apply(found: list, facts, document) -> list:
    """Drop the findings a record excuses; report exceptions without reason or use."""
    excusers = {record.path: record for record in facts.records() if isinstance(record, Excusable) and record.exceptions}
    used: set[tuple[tuple, int]] = set()
    kept = []
    for rule, finding in found:
        excused = False
        for depth in range(len(finding.path), -1, -1):
            record = excusers.get(tuple(finding.path[:depth]))
            if record is None:
                continue
            for i, exception in enumerate(record.exceptions):
                if exception.rule == rule.ID and exception.reason and rule.ID not in UNEXCUSABLE:
                    used.add((record.path, i))
                    excused = True
        if not excused:
            kept.append((rule, finding))
    for record in excusers.values():
        for i, exception in enumerate(record.exceptions):
            where = record.path + ("exceptions", i, "rule")
            if exception.rule not in REGISTRY:
                kept.append((exception_reason, Finding(where, f"exception names unknown rule {exception.rule!r}")))
            elif exception.rule in UNEXCUSABLE:
                kept.append((exception_reason, Finding(where, f"rule {exception.rule!r} protects readers of the "
                                                              "brief and cannot be excused; fix the value instead")))
            elif not (exception.reason or "").strip():
                kept.append((exception_reason, Finding(where, f"exception to {exception.rule!r} gives no reason")))
            elif (record.path, i) not in used:
                kept.append((unused_exception, Finding(where, f"exception to {exception.rule!r} excuses nothing here; "
                                                              "remove it")))
    return kept
