"""The fact base's JSON Schema, generated from the model, for editors and validators.

Pydantic produces the structure; this module adds a description and an example to every
field (from the tables below, unless the model already describes it) and the header
editors need. ``schema/facts.schema.json`` is this output, kept in the repository.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.model import FactBase

SCHEMA_ID = "https://briefing.invalid/schema/facts.schema.json"

# Field documentation by field name: (description, example).
FIELDS: dict[str, tuple[str, Any]] = {
    "id": ("Identifier, unique in the whole fact base: lowercase letters, digits and hyphens.", "ev-2023-summit"),
    "sources": ("Ids of the sources that report this claim.", ["src-vietnamvn", "src-afp-relay"]),
    "credibility": ("Admiralty information credibility: 1 confirmed by independent sources, 2 probably true, "
                    "3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged.", 2),
    "note": ("An analyst's remark on this record, per locale.", {"en": "Dated from 'last night' in the article."}),
    "about": (None, "talks-length-2023"),
    "exceptions": (None, [{"rule": "original-script-name", "reason": "Latin script is his own."}]),
    "name": ("Name shown to readers, per locale.", {"fr": "Cosmodrome Vostotchny", "en": "Vostochny Cosmodrome"}),
    "summary": ("A sentence or two on what happened, per locale.", {"en": "Talks with delegations, then one-on-one."}),
    "text": ("The text, per locale, in the analyst's words.", {"en": "Putin accepts the invitation."}),
    "date": ("Date: YYYY, YYYY-MM or YYYY-MM-DD (quote it).", "2023-09-13"),
    "end_date": ("Last day, for events over several days.", "2024-06-19"),
    "time": ("Local time of day, HH:MM (in the venue's time zone).", "14:30"),
    "status": ("Whether the event took place or was only announced.", "occurred"),
    "venue": ("Id of the venue.", "vostochny"),
    "event": ("Id of the event this record belongs to.", "ev-2023-talks"),
    "part_of": ("Id of the larger event (or place) this one is part of.", "ev-2023-visit"),
    "participants": ("Ids of the participants taking part.", ["putin", "kim-jong-un"]),
    "kind": ("What kind of record this is (one of the listed values).", "summit"),
    "lang": ("Language code of the text.", "ru"),
    "spellings": ("Other spellings of the name found in the sources.", ["Vostotchny"]),
    "country": ("ISO 3166-1 alpha-2 country code (quote NO for Norway).", "RU"),
    "original_name": ("The name in its original script, with its language.", {"text": "Владимир Путин", "lang": "ru"}),
    "region": ("Region and country description, per locale.", {"en": "Amur Oblast, Russian Far East"}),
    "coordinates": ("Latitude and longitude in decimal degrees.", {"lat": 51.88, "lon": 128.33}),
    "timezone": (None, "Asia/Pyongyang"),
    "role": ("Function or title, per locale.", {"en": "Kremlin spokesman"}),
    "members": ("Ids of the delegation's members named in the sources.", ["putin"]),
    "lat": ("Latitude, decimal degrees (north positive).", 51.88),
    "lon": ("Longitude, decimal degrees (east positive).", 128.33),
    "publisher": ("Publisher as the page shows it.", "Sputnik Afrique"),
    "title": ("Title, as published (sources) or per locale (meta).", "Kim Jong-un fait une proposition alléchante"),
    "author": ("Author, when the page names one.", "Minh Duc"),
    "published": (None, "2023-09-14T09:13+02:00"),
    "updated": ("When the page was last updated, ISO 8601 with offset.", "2023-09-14T13:29+02:00"),
    "language": ("Language of the document.", "fr"),
    "url": ("Address of the page (http or https only).", "https://fr.sputniknews.africa/20230914/"),
    "relays": (None, ["KCNA", "Kremlin (Dmitri Peskov)"]),
    "reliability": (None, "C"),
    "reliability_reason": ("Why the source has this grade, per locale.", {"en": "State media; relays official statements."}),
    "archive": (None, "001_390442e8872389fe.txt"),
    "measures": ("What the duration measures, per locale.", {"en": "Talks (delegations, then one-on-one)"}),
    "value": ("The number as reported, in the unit below.", 5),
    "unit": ("Unit of the value.", "hour"),
    "qualifier": ("How the source qualifies the number: exact, about, more-than or less-than.", "more-than"),
    "giver": ("Id of the participant who gave the gift.", "putin"),
    "recipient": ("Id of the participant who received it.", "kim-jong-un"),
    "item": ("What was given, per locale.", {"en": "Spacesuit glove that has flown in space"}),
    "details": ("Further details the sources give, per locale.", {"en": "Made by Korean craftsmen."}),
    "other_names": ("Other names of the agreement found in the sources.", ["Accord de Partenariat Stratégique Global"]),
    "parties": ("Country codes of the parties.", ["RU", "KP"]),
    "signatories": ("Ids of the participants who signed.", ["putin", "kim-jong-un"]),
    "provisions": ("Provisions as the sources report them, each a sourced claim.", [
        {"id": "prov-mutual-assistance", "text": {"en": "Mutual assistance if either party is attacked."},
         "sources": ["src-turkish-site"], "credibility": 2}]),
    "speaker": ("Id of the participant who spoke.", "peskov"),
    "speaker_label": (None, {"en": "United States government"}),
    "concerns": (None, ["shoigu"]),
    "quote": ("A short verbatim quotation, in the source's language (at most 300 characters).",
              {"text": "avec plaisir", "lang": "fr"}),
    "carried_by": (None, ["KCNA"]),
    "term": (None, "likely"),
    "confidence": ("Analytic confidence: low, moderate or high.", "moderate"),
    "rests_on": ("Ids of the claims the judgment rests on.", ["st-2023-kirby", "st-2023-us-arms-talks"]),
    "topic": ("What the sources disagree about, per locale.", {"en": "Length of the talks"}),
    "claims": ("Ids of the claims involved.", ["dur-2023-talks-5h", "dur-2023-talks-2h"]),
    "preferred": ("For a resolved conflict, the id of the version the desk retains.", "dur-2023-talks-5h"),
    "reason": ("Why the conflict stands as it does, per locale.", {"en": "Two sources with different channels."}),
    "rule": (None, "unused-record"),
    "n": ("The rank in the series (2 for 'the second').", 2),
    "years": ("The span of the series, in years.", 4),
    "first_since": (None, "2019"),
    "nth_in_years": (None, {"n": 2, "years": 4}),
    "subject": ("What the brief is about, per locale.", {"en": "The 2023 and 2024 summits."}),
    "desk": ("The producing desk.", "Open-Source Intelligence Desk"),
    "edition": ("Edition number of the brief.", 1),
    "previous": (None, "editions/facts-1.yaml"),
    "as_of": (None, "2024-06-19"),
    "locales": (None, ["fr", "en", "ru", "ko"]),
    "marking": (None, {"en": "UNCLASSIFIED // OPEN SOURCE"}),
    "portion_mark": (None, {"en": "(U//OS)"}),
    "meta": ("What the brief is: title, subject, desk, edition, date, locales, bottom line.", None),
    "venues": ("Places named in the reporting.", None),
    "events": ("Events: meetings, visits, sessions, ceremonies, announced trips.", None),
    "durations": ("Every reported duration, attached to the event it measures.", None),
    "gifts": ("Gifts exchanged, with giver, recipient and occasion.", None),
    "agreements": ("Agreements signed, with their provisions.", None),
    "statements": ("Statements, invitations, acceptances, quotations, third-party reactions.", None),
    "judgments": ("The analysts' own assessments, kept apart from reported facts.", None),
    "conflicts": ("Where sources disagree, and how each disagreement stands.", None),
}

# Where one field name means different things in different records.
OVERRIDES: dict[tuple[str, str], tuple[str, Any]] = {
    ("FactBase", "sources"): ("The documents the claims come from, with their reliability.", None),
    ("FactBase", "participants"): ("People, delegations and organizations.", None),
    ("Meta", "title"): ("Title of the brief, per locale.", {"en": "Russia–North Korea Summits, 2023–2024"}),
    ("Meta", "summary"): (None, [{"text": {"en": "Putin and Kim met on 13 September 2023."},
                                  "claims": ["ev-2023-summit"]}]),
    ("Conflict", "status"): ("disputed (no version retained) or resolved (one preferred, with a reason).", "resolved"),
    ("Statement", "kind"): ("quotation, invitation, acceptance, reaction, allegation or announcement.", "invitation"),
    ("Statement", "date"): ("When it was said: YYYY, YYYY-MM or YYYY-MM-DD.", "2023-09-13"),
    ("Event", "kind"): ("summit, visit, travel, talks, ceremony, tour, banquet, signing or other.", "talks"),
    ("Participant", "kind"): ("person, delegation or organization.", "person"),
    ("Participant", "name"): ("Name per locale, as readers of that language write it.",
                              {"fr": "Vladimir Poutine", "en": "Vladimir Putin"}),
    ("Quotation", "text"): ("The quotation, verbatim.", "avec plaisir"),
    ("OriginalName", "text"): ("The name in its own script.", "김정은"),
    ("Provision", "text"): ("The provision as the sources report it, per locale.", {"en": "Mutual assistance if attacked."}),
    ("Agreement", "date"): ("Date of signing: YYYY-MM-DD.", "2024-06-19"),
    ("Agreement", "event"): ("Id of the signing event.", "ev-2024-signing"),
    ("SummaryPoint", "text"): ("One sentence of the bottom line, per locale.", {"en": "Putin and Kim met on 13 September 2023."}),
    ("SummaryPoint", "claims"): ("Ids of the claims this sentence rests on; its citations come from them.", ["ev-2023-summit"]),
    ("Venue", "part_of"): ("Id of the larger place this one is in.", "pyongyang"),
    ("Venue", "sources"): (None, ["ref-wiki-vostochny"]),
    ("Source", "kind"): (None, "reporting"),
    ("Source", "title"): ("Title as published.", "Kim Jong-un fait une proposition alléchante à Vladimir Poutine"),
    ("Source", "note"): ("An analyst's remark on this source, per locale.", {"en": "Undated page."}),
}


def generate() -> dict:
    schema = FactBase.model_json_schema()
    for name, definition in schema.get("$defs", {}).items():
        _document(name, definition)
    _document("FactBase", schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "briefing fact base",
            "description": "A curated intelligence fact base: sources, participants, venues, events, durations, "
                           "gifts, agreements, statements, judgments and conflicts, each claim citing its sources.",
            **{k: v for k, v in schema.items() if k not in ("title", "description")}}


def _document(model: str, definition: dict) -> None:
    for field, prop in definition.get("properties", {}).items():
        description, example = OVERRIDES.get((model, field), FIELDS.get(field, (None, None)))
        if description and "description" not in prop:
            prop["description"] = description
        if example is not None and "examples" not in prop:
            prop["examples"] = [example]


def text() -> str:
    return json.dumps(generate(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
