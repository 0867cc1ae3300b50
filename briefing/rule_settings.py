"""The ``[rules]`` table of a desk's configuration: which rules run (``select``, ``ignore``),
at which ``severity``, and the settings a rule declares (``[rules.options.RULE-ID]``).

Apart from :mod:`briefing.config` because it is the one part of the configuration that knows
the checker: every rule id and setting is checked against the rule registry and each rule's
declared ``OPTIONS`` (a setting must be of its default's type), so that a misspelt rule id is
an error at its line of ``briefing.toml``, not a rule silently left on. The registry is
loaded only when a configuration has a ``[rules]`` table.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import ConfigError, Position

if TYPE_CHECKING:
    from briefing.config import KeyPositions, Settings

_RULE_KEYS = {"select", "ignore", "severity", "options"}


def apply_rules(settings: Settings, path: Path, where: KeyPositions, prefix: tuple, table: Any) -> None:
    """``[rules]``: which rules run (``select``, ``ignore``), at which ``severity``, with which
    ``options``; every rule id and setting checked against the registry."""
    from briefing.check.rules import REGISTRY

    position = where.key(prefix, "rules")
    if not isinstance(table, dict):
        raise ConfigError("rules must be a table ([rules])", file=str(path), position=position)
    for key, value in table.items():
        at = where.key((*prefix, "rules"), key)
        if key not in _RULE_KEYS:
            raise ConfigError(f"unknown setting rules.{key} (known: select, ignore, severity, options)",
                              file=str(path), position=at)
        if key == "options":
            settings.rule_options = _rule_options(path, where, prefix, value, at)
            settings.origins["rules.options"] = f"{path.name}:{at.line}"
            continue
        names = list(value) if isinstance(value, (list, dict)) else None
        if names is None or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"rules.{key} must be a {'table' if key == 'severity' else 'list'} of rule ids",
                              file=str(path), position=at)
        unknown = sorted(set(names) - set(REGISTRY))
        if unknown:
            raise ConfigError(f"rules.{key}: unknown rule id(s) {', '.join(unknown)} (see 'briefing rules')",
                              file=str(path), position=at)
        if key == "severity":
            wrong = [n for n, level in value.items() if level not in ("error", "warning")]
            if wrong:
                raise ConfigError(f"rules.severity: {wrong[0]!r} must be \"error\" or \"warning\"", file=str(path),
                                  position=at)
            settings.severity = dict(value)
        elif key == "select":
            settings.select = set(names)
        else:
            settings.ignore = set(names)
        settings.origins[f"rules.{key}"] = f"{path.name}:{at.line}"


def _rule_options(path: Path, where: KeyPositions, prefix: tuple, table: Any, at: Position) -> dict[str, dict]:
    """``[rules.options.RULE]`` tables: each key one of the rule's ``OPTIONS``, of its default's type."""
    from briefing.check.rules import REGISTRY

    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise ConfigError("rules.options must hold one table per rule ([rules.options.RULE-ID])", file=str(path),
                          position=at)
    chosen: dict[str, dict] = {}
    for rule_id, values in table.items():
        known = getattr(REGISTRY.get(rule_id), "OPTIONS", None)
        if not known:
            raise ConfigError(f"rules.options: rule {rule_id!r} has no settings (rules with settings: "
                              f"{', '.join(sorted(r for r, m in REGISTRY.items() if getattr(m, 'OPTIONS', None)))})",
                              file=str(path), position=at)
        for name, value in values.items():
            here = where.key((*prefix, "rules", "options", rule_id), name)
            if name not in known:
                raise ConfigError(f"rules.options.{rule_id}: unknown setting {name!r} (known: "
                                  f"{', '.join(sorted(known))})", file=str(path), position=here)
            default = known[name]
            if not _same_shape(value, default):
                raise ConfigError(f"rules.options.{rule_id}.{name} must be like its default, {default!r}",
                                  file=str(path), position=here)
        chosen[rule_id] = dict(values)
    return chosen


def _same_shape(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, type(default[0]) if default else str) for v in value)
    if isinstance(default, dict):
        return isinstance(value, dict) and all(isinstance(v, list) and all(isinstance(w, str) for w in v)
                                               for v in value.values())
    return isinstance(value, type(default))
