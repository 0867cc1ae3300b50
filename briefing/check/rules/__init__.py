"""The rule catalogue: one module per rule, registered here by id."""

from __future__ import annotations

from types import ModuleType

from briefing.check.rules import (
    duplicate_id,
    missing_locale,
    schema,
    unknown_reference,
    unsourced_claim,
)

REGISTRY: dict[str, ModuleType] = {
    rule.ID: rule
    for rule in (schema, duplicate_id, unknown_reference, unsourced_claim, missing_locale)
}
