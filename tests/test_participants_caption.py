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


@pytest.mark.parametrize("countries, header, cells", [
    (("FR", None), True, ["France", "—"]),  # one unknown: a dash, never a guess
    ((None, None), False, []),              # none known: no column at all
])
def test_a_country_the_sources_do_not_give_is_left_unsaid(tmp_path, countries, header, cells):
    text = HARBOUR
    for person, country in zip(("alice", "bob"), countries, strict=True):
        old = "    country: FR\n" if person == "alice" else '    country: "NO"\n'
        start = text.index(f"  - id: {person}\n")
        end = text.index(old, start) + len(old)
        text = text[:start] + text[start:end].replace(old, f"    country: {country}\n" if country else "") + text[end:]
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    build(facts, tmp_path / "out", formats=("html",))  # raises if the check finds an error
    html = (tmp_path / "out" / "brief.en.html").read_text(encoding="utf-8")
    table = html[html.index('id="participants"'):]
    table = table[:table.index("</table>")]
    assert ('<th scope="col">Country</th>' in table) is header
    rows = re.findall(r"<tr><td>.*?</tr>", table, flags=re.S)
    assert [re.findall(r"<td>([^<]*)</td>", row)[-1] for row in rows] == cells if cells else len(rows) == 2

