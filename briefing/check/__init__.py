"""The consistency checker: runs every registered rule over a loaded fact base.

Rules are modules under :mod:`briefing.check.rules`, each with ``ID``, ``SEVERITY``,
a docstring that documents it, and ``check(facts, document)`` yielding findings.
The engine, not the rule, attaches the id and severity and resolves positions.
"""

from __future__ import annotations

from pydantic import ValidationError

from briefing.check.problem import Finding, Problem
from briefing.check.rules import REGISTRY, schema
from briefing.load import Document
from briefing.model import FactBase, parse

__all__ = ["Finding", "Problem", "REGISTRY", "run"]


def run(document: Document) -> tuple[list[Problem], FactBase | None]:
    """Check ``document``; return the problems sorted by position, and the model if it could be built."""
    try:
        facts = parse(document.data)
    except ValidationError as error:
        problems = [_problem(schema, document, finding) for finding in schema.findings(error, document)]
        return sorted(problems), None
    problems = []
    for rule in REGISTRY.values():
        if rule is schema:
            continue
        problems.extend(_problem(rule, document, finding) for finding in rule.check(facts, document))
    return sorted(problems), facts


def _problem(rule, document: Document, finding: Finding) -> Problem:
    if finding.position is not None:
        position = finding.position
    elif finding.at_key:
        position = document.key_position(finding.path)
    else:
        position = document.position(finding.path)
    return Problem(file=document.file, line=position.line, column=position.column,
                   rule=rule.ID, severity=rule.SEVERITY, message=finding.message)
