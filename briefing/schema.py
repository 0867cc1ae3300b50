"""The fact base's JSON Schema, generated from the model, for editors and validators.

Every description and example comes from the model's own field declarations; this module
only adds the header editors need. ``schema/facts.schema.json`` is this output, kept in the
repository, with ``schema/part.schema.json``: the same records for one part of a fact base
kept as a folder (:mod:`briefing.parts`), where no section is required of any one file
(``meta`` sits in one part, each list section may be spread over several).
"""

from __future__ import annotations

import json

from briefing.model import FactBase

SCHEMA_ID = "https://briefing.invalid/schema/facts.schema.json"
PART_ID = "https://briefing.invalid/schema/part.schema.json"
PART_FILE = "part.schema.json"


def generate(model: type[FactBase] = FactBase, part: bool = False) -> dict:
    schema = model.model_json_schema()
    if part:  # the checker tells whether the parts together hold meta and sources
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": PART_ID,
                "title": "briefing fact base part",
                **{k: (f"One part of a fact base kept as a folder: any of its sections. {v}" if k == "description"
                       else v) for k, v in schema.items() if k not in ("title", "required")}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "briefing fact base",
            **{k: v for k, v in schema.items() if k != "title"}}


def text(model: type[FactBase] = FactBase, part: bool = False) -> str:
    return json.dumps(generate(model, part), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
