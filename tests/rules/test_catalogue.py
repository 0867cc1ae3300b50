"""The rule catalogue: stable ids, severities, and documentation with every part."""

from __future__ import annotations

import re

import pytest

from briefing.check.rules import REGISTRY

PARTS = ("What it does", "Why is this bad?", "Example", "Use instead")


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_rule_is_documented(rule_id):
    rule = REGISTRY[rule_id]
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{rule.ID}: "), "the first line names the rule"
    for part in PARTS:
        assert re.search(rf"^{re.escape(part)}$", doc, re.M), f"{rule_id} lacks '{part}'"
        section = doc.split(part, 1)[1].strip().split("\n\n", 1)[0]
        assert len(section) > 10, f"{rule_id}: '{part}' is empty"
    assert rule.SEVERITY in ("error", "warning")
    assert rule.SUMMARY and rule.STAGE in ("load", "document", "schema", "model", "engine")


def test_ids_are_kebab_case_and_unique():
    for rule_id, rule in REGISTRY.items():
        assert re.fullmatch(r"[a-z0-9]+(?:[.-][a-z0-9]+)*", rule_id)
        assert rule.ID == rule_id
