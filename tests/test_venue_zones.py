"""A venue's time zone is shown with the UTC offset of the season its events happened in, not
always the winter one: a July brief on Oslo reads GMT+02:00, as its event times do."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.build import build

HARBOUR = (Path(__file__).parent / "data" / "harbour.yaml").read_text(encoding="utf-8")


def test_a_venue_zone_shows_the_offset_of_its_events_or_of_the_brief_date(tmp_path):
    # North Harbour's talks are on 4 January (Oslo in winter time); the depot has no event, so the
    # brief's date (set here to 9 July, summer time) chooses its offset
    text = HARBOUR.replace('  as_of: "2020-01-09"', '  as_of: "2020-07-09"').replace(
        "events:\n", "  - id: depot\n    name: {en: Depot}\n    country: \"NO\"\n    timezone: Europe/Oslo\nevents:\n", 1)
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    build(facts, tmp_path / "out", formats=("html",))
    html = (tmp_path / "out" / "brief.en.html").read_text(encoding="utf-8")
    table = html[html.index('id="venues"'):]
    rows = re.findall(r"<tr><td>.*?</tr>", table[:table.index("</table>")], flags=re.S)
    assert [re.search(r"\((GMT[^)]*)\)", row).group(1) for row in rows] == ["GMT+01:00", "GMT+02:00"]
