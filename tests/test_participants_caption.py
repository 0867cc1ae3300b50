"""The participants table says what it holds: people, or people and organizations, and names in
their original script only when some are given (a ransomware group is not a person)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.build import build

HARBOUR = (Path(__file__).parent / "data" / "harbour.yaml").read_text(encoding="utf-8")
BOB = """  - id: bob
    name: {en: Bob Berg}
    original_name: {text: Bob Berg, lang: en}
    role: {en: Harbour master}
"""


@pytest.mark.parametrize("bob, drop_originals, caption", [
    (BOB, False, "People named in the reporting, with their names in the original script."),
    (BOB, True, "People named in the reporting."),
    (BOB + "    kind: organization\n", False,
     "People and organizations named in the reporting, with their names in the original script."),
    (BOB + "    kind: organization\n", True, "People and organizations named in the reporting."),
])
def test_caption_follows_the_participants(tmp_path, bob, drop_originals, caption):
    text = HARBOUR.replace(BOB, bob)
    if drop_originals:
        text = re.sub(r"\n    original_name: \{text: [^}]*\}", "", text)
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    build(facts, tmp_path / "out", formats=("html",))
    html = (tmp_path / "out" / "brief.en.html").read_text(encoding="utf-8")
    section = html[html.index('id="participants"'):]
    found = re.search(r"<caption>.*?</span>\s*(.*?)</caption>", section, flags=re.S)
    assert found and found.group(1).strip() == caption
