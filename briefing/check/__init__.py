"""The consistency checker: runs every registered rule over a fact base.

Rules are modules under :mod:`briefing.check.rules`, each with ``ID``, ``SEVERITY``,
``SUMMARY``, ``STAGE`` and a docstring that documents it. The stages:

- ``load``: problems found while reading the YAML (reported by the loader);
- ``document``: rules over the loaded values, run even when the schema fails;
- ``model``: rules over the typed fact base, run when it validates.

The engine, not the rule, attaches the id and severity, resolves positions, and applies
the deliberate exceptions recorded in the fact base.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.check.problem import Finding, Problem
from briefing.errors import Position
from briefing.perf import gc_paused

if TYPE_CHECKING:
    from briefing.load import Document
    from briefing.model import FactBase

__all__ = ["Context", "Finding", "Problem", "REGISTRY", "run", "run_file", "select"]

SIDE_BY_SIDE_CHARACTERS = 4_000_000
"""From this size of text on (about 3,000 claims), the rules that scan every text run in a child
process beside the others: forking costs a few milliseconds, those rules a few hundred."""


def __getattr__(name: str) -> Any:
    """The rule catalogue, imported when first used: re-checking an unchanged fact base answers
    from the remembered results (:mod:`briefing.check.remembered`) without the rules or the model."""
    if name == "REGISTRY":
        from briefing.check.rules import REGISTRY

        return REGISTRY
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Context:
    """What some rules need beyond the fact base: where the interface catalogs are (the
    desk's folders first, the built-in ones last), and the desk's rule settings
    (``[rules.options.RULE]``). Rules that use it say ``USES_CONTEXT``."""

    locales: tuple[Path, ...] = ()
    options: dict = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings) -> "Context":
        from briefing.paths import LOCALES

        if settings is None:
            return cls(locales=(LOCALES,))
        return cls(locales=settings.locale_chain, options=settings.rule_options)

    def settings(self, rule_id: str, defaults: dict) -> dict:
        """A rule's settings: the desk's values over the rule's defaults (its ``OPTIONS``)."""
        return {**defaults, **self.options.get(rule_id, {})}


def select(problems: list[Problem], facts: object, chosen: set[str] | None, ignored: set[str],
           severity: dict[str, str]) -> list[Problem]:
    """The problems a desk's rule selection keeps, with its severities (``facts``: the typed
    fact base, or None when it could not be typed). A file that cannot be read or typed is
    always reported: no selection may let a broken fact base pass."""
    blocking = _blocking() if facts is None or severity else set()
    kept = [p for p in problems if (facts is None and p.rule in blocking)
            or ((chosen is None or p.rule in chosen) and p.rule not in ignored)]
    return [replace(p, severity=severity[p.rule]) if p.rule in severity and p.rule not in blocking else p
            for p in kept]


def _blocking() -> set[str]:
    from briefing.check.rules import REGISTRY

    return {rule.ID for rule in REGISTRY.values() if rule.STAGE in ("load", "schema")}


def run_file(path: Path, display_name: str | None = None, context: Context | None = None,
             content: bytes | None = None, source=None, parse=None) -> tuple[list[Problem], FactBase | None]:
    """Load and check a fact base, a file or a folder of parts (``content``: a file's bytes, or
    ``source``: what :func:`briefing.parts.read` read, when already read: the build reads the
    fact base once, so what it checks is what it renders, fingerprints and attaches). Content
    problems (syntax, duplicate keys) become problems; a fact base that cannot be read at all
    raises :class:`LoadError`. Parts read from disk are parsed through the cache next to them
    (:mod:`briefing.cache`), or through ``parse`` (the live preview keeps them in memory)."""
    from briefing import cache, parts
    from briefing.check.rules import REGISTRY

    if source is None:
        source = parts.read(path, display_name, content)
    cached = cache.for_source(source) if content is None and parse is None else None  # bytes given: not from disk
    if cached is not None:
        cached.prefetch(source.parts)
    document, errors = parts.load(source, parse or (cached.parse if cached else None))
    if cached is not None:
        cached.prune()
    if document is None:
        problems = []
        for error in errors:
            if error.rule is None:
                raise error
            position = error.position
            rule = REGISTRY[error.rule]
            problems.append(Problem(file=error.file or str(path), line=position.line if position else 1,
                                    column=position.column if position else 1, rule=rule.ID,
                                    severity=rule.SEVERITY, message=error.message))
        return sorted(problems), None
    return run(document, context=context)


def run(document: Document, model: type[FactBase] | None = None,
        context: Context | None = None) -> tuple[list[Problem], FactBase | None]:
    """Check ``document`` (against ``model``, the fact-base type: the built-in one unless a
    caller extends it); return the problems sorted by position, and the model if it could be built."""
    from pydantic import ValidationError

    from briefing.check import exceptions
    from briefing.check.rules import schema
    from briefing.model import FactBase, parse

    with gc_paused():
        return _run(document, schema, exceptions, lambda data: parse(data, model or FactBase), ValidationError,
                    context or Context.from_settings(None))


def _run(document, schema, exceptions, parse, ValidationError, context) -> tuple[list[Problem], FactBase | None]:
    from briefing import parallel
    from briefing.check.rules import REGISTRY

    found: list[tuple[object, Finding]] = []
    facts = None
    try:
        facts = parse(document.data)
    except ValidationError as error:
        found.extend((schema, finding) for finding in schema.findings(error, document))
    # On a large base the rules that scan every text (the document's, and the model's that say
    # SCANS_TEXT) run in a forked child beside the others (marshal carries their findings back).
    beside = [rule for rule in REGISTRY.values() if rule.STAGE == "document"
              or (facts is not None and rule.STAGE == "model" and getattr(rule, "SCANS_TEXT", False))]

    def run_beside() -> list:
        return [(rule.ID, finding.path, finding.message, finding.at_key,
                 tuple(finding.position) if finding.position else None, finding.file)
                for rule in beside for finding in _findings(rule, facts, document, context)]

    size = sum(len(part.text) for part in getattr(document, "parts", [document]))
    collect = parallel.alongside(run_beside, worthwhile=size >= SIDE_BY_SIDE_CHARACTERS)
    if facts is not None:
        for rule in REGISTRY.values():
            if rule.STAGE == "model" and rule not in beside:
                found.extend((rule, finding) for finding in _findings(rule, facts, document, context))
    found = [(REGISTRY[rule_id], Finding(tuple(path), message, at_key, Position(*position) if position else None, file))
             for rule_id, path, message, at_key, position, file in collect()] + found
    if facts is not None:
        found = exceptions.apply(found, facts, document)
    problems = sorted(_problem(rule, document, finding) for rule, finding in found)
    return problems, facts


def _findings(rule, facts, document, context):
    if rule.STAGE == "document":
        return rule.check_document(document)
    return rule.check(facts, document, context) if getattr(rule, "USES_CONTEXT", False) else rule.check(facts, document)


def _problem(rule, document: Document, finding: Finding) -> Problem:
    end = None
    if finding.position is not None:
        position = finding.position
    elif finding.at_key:
        position = document.key_position(finding.path)
    else:
        position = document.position(finding.path)
        end = document.end(finding.path)
    return Problem(file=finding.file or document.file_of(finding.path), line=position.line, column=position.column,
                   rule=rule.ID, severity=rule.SEVERITY, message=finding.message,
                   end_line=end.line if end else None, end_column=end.column if end else None)
