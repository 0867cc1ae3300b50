"""The fact base's JSON Schema, generated from the model, for editors and validators.

Every description and example comes from the model's own field declarations; this module
only adds the header editors need. ``schema/facts.schema.json`` is this output, kept in the
repository.
"""

from __future__ import annotations

import json

from briefing.model import FactBase

SCHEMA_ID = "https://briefing.invalid/schema/facts.schema.json"


def generate(model: type[FactBase] = FactBase) -> dict:
    schema = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "briefing fact base",
            **{k: v for k, v in schema.items() if k != "title"}}


def text(model: type[FactBase] = FactBase) -> str:
    return json.dumps(generate(model), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
