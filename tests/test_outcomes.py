"""An announced event whose outcome is later recorded: one that took place is shown as an event
like any other (with its outcome line), one cancelled or unreported stays marked as announced."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.build import build

HARBOUR = (Path(__file__).parent / "data" / "harbour.yaml").read_text(encoding="utf-8")
ANNOUNCED = """  - id: ev-{name}
    kind: visit
    name: {{en: {title}}}
    date: "2020-01-0{day}"
    status: announced
    outcome: {outcome}
    sources: [src-courier]
    credibility: 3
"""


def test_an_announced_event_that_took_place_is_shown_as_having_happened(tmp_path):
    events = (ANNOUNCED.format(name="second", title="Second visit", day=5, outcome="occurred")
              + ANNOUNCED.format(name="third", title="Third visit", day=7, outcome="cancelled"))
    text = HARBOUR.replace("durations:\n", events + "durations:\n", 1)
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    build(facts, tmp_path / "out", formats=("html",))  # raises if the check finds an error
    html = (tmp_path / "out" / "brief.en.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr class="[a-z]+" id="event-(ev-[a-z]+)">(.*?)</tr>', html, flags=re.S))
    classes = {event: css for css, event in re.findall(r'<tr class="([a-z]+)" id="event-(ev-[a-z]+)">', html)}
    assert classes == {"ev-visit": "occurred", "ev-talks": "occurred", "ev-second": "occurred", "ev-third": "announced"}
    # a built-in kind: "Visit" for the one that took place, "Announced visit" for the cancelled one
    assert '<span class="event-kind">Visit</span>' in rows["ev-second"]
    assert "Outcome: the event took place." in rows["ev-second"]
    assert '<span class="event-kind announced">Announced visit</span>' in rows["ev-third"]
    assert "Outcome: the event was cancelled." in rows["ev-third"]
    # the table's caption still explains the announced one
    assert "announced events had not yet taken place when reported" in html
