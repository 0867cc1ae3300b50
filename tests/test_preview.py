"""The live preview after a save: the page looked at is rendered first, the other locales
follow (in the background, or for the request that wants one first) and are never served
from an older save; what the preview keeps between saves (the theme's compiled templates,
the figures' measured labels, the locator's ground) follows every edit that changes them."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest

from conftest import SMALL

# SMALL in two locales, with a second event so that the brief has a timeline.
TWO_LOCALES = re.sub(r"\{en: ([^}]*)\}", r"{en: \1, fr: \1}", SMALL.replace("locales: [en]", "locales: [en, fr]")) + """\
  - id: ev-2
    kind: talks
    name: {en: Quay walk, fr: Promenade sur le quai}
    date: "2019-12-30"
    participants: [alice]
    sources: [src-1]
    credibility: 2
"""
RENAMED = TWO_LOCALES.replace("{en: Quay walk, fr: Promenade sur le quai}", "{en: Quay stroll, fr: Flânerie}")


def _preview(tmp_path: Path, monkeypatch, background: bool = True):
    from briefing.preview import Preview

    facts = tmp_path / "facts.yaml"
    facts.write_text(TWO_LOCALES, encoding="utf-8")
    preview = Preview(facts, tmp_path / "build", io.StringIO(), pdfs=False)
    if not background:  # the other locales wait: only a request renders them
        monkeypatch.setattr(preview, "_background", lambda current: None)
    preview.refresh()
    return facts, preview


def _settle(preview, timeout: float = 60.0) -> None:
    """Wait until the background has rendered every locale of the last save."""
    deadline = time.monotonic() + timeout
    while not preview._round.settled():
        assert time.monotonic() < deadline, "the background never finished"
        time.sleep(0.05)


def test_the_page_looked_at_is_rendered_first_and_another_one_when_asked_for(tmp_path, monkeypatch):
    facts, preview = _preview(tmp_path, monkeypatch, background=False)
    assert "Promenade sur le quai" in preview.page("fr")  # rendered for this request; fr is now looked at
    facts.write_text(RENAMED, encoding="utf-8")
    preview.refresh()
    assert preview._round.done == {"fr"}  # the save rendered the page looked at, and only it
    page = preview.page("fr")
    assert "Flânerie" in page and "Promenade sur le quai" not in page and "var seen = 2;" in page
    assert preview._pages["en"].count("Quay walk") == 2  # the older save's page, still kept...
    page = preview.page("en")  # ...but never served as the current one: rendered now
    assert page.count("Quay stroll") == 2 and "Quay walk" not in page  # chronology and timeline
    assert preview._round.done == {"fr", "en"}


def test_the_other_locales_follow_in_the_background(tmp_path, monkeypatch):
    facts, preview = _preview(tmp_path, monkeypatch)
    preview.page("fr")
    _settle(preview)
    facts.write_text(RENAMED, encoding="utf-8")
    preview.refresh()
    _settle(preview)
    stored = preview._pages["en"]  # as the background left it, no request made
    assert '<span class="tl-name" dir="auto">Quay stroll</span>' in stored  # the timeline's label
    assert "Quay walk" not in stored
    assert preview._round.facts is None  # every locale rendered: the fact base is let go


def test_a_locale_that_fails_after_the_page_looked_at_shows_the_error_over_its_last_good_page(tmp_path, monkeypatch):
    from briefing.render import html as html_module

    facts, preview = _preview(tmp_path, monkeypatch, background=False)
    preview.page("fr")
    preview.page("en")  # looked at last
    real = html_module.render_html

    def broken_in_french(facts, locale, *args, **kwargs):
        if locale == "fr":
            raise RuntimeError("fr is broken")
        return real(facts, locale, *args, **kwargs)

    monkeypatch.setattr(html_module, "render_html", broken_in_french)
    facts.write_text(RENAMED, encoding="utf-8")
    preview.refresh()
    assert preview.problems == [] and "Quay stroll" in preview.page("en")
    page = preview.page("fr")
    assert preview.problems == ["briefing: internal error: RuntimeError: fr is broken "
                                "(run with --debug for the traceback)"]
    assert "briefing-errors" in page and "Promenade sur le quai" in page and "Flânerie" not in page


def test_a_newer_save_stops_a_background_render(tmp_path, monkeypatch):
    facts, preview = _preview(tmp_path, monkeypatch, background=False)
    facts.write_text(RENAMED, encoding="utf-8")
    preview.refresh()
    before = preview._pages.get("fr")
    preview._fill(preview._round, "fr", stop=lambda: True)
    assert "fr" not in preview._round.done and preview._pages.get("fr") == before
    assert "Flânerie" in preview.page("fr")  # the request renders it in full


def test_the_preview_serves_the_built_page(tmp_path, monkeypatch):
    from briefing.build import build

    facts, preview = _preview(tmp_path, monkeypatch)
    facts.write_text(RENAMED, encoding="utf-8")
    preview.refresh()  # a second render through everything the preview keeps
    build(facts, tmp_path / "out", formats=("html",), stream=io.StringIO())
    for locale in ("en", "fr"):
        served = re.sub(r"<script>.*?</script>", "", preview.page(locale), flags=re.S)
        assert served == (tmp_path / "out" / f"brief.{locale}.html").read_text(encoding="utf-8")


def test_a_theme_edit_reaches_the_next_render(tmp_path):
    """The compiled templates are kept while the theme's files are as they were: an edited
    template and a new override are both picked up."""
    from briefing.check import run_file
    from briefing.paths import THEME
    from briefing.render.html import Prepared, render_html
    from briefing.render.theme import Theme

    facts = tmp_path / "facts.yaml"
    facts.write_text(TWO_LOCALES, encoding="utf-8")
    _, model = run_file(facts)
    desk = tmp_path / "templates"
    desk.mkdir()
    skeleton = desk / "brief.html.j2"
    skeleton.write_text('{% extends "builtin/brief.html.j2" %}{% block cover %}<p>Desk cover</p>{% endblock %}\n')
    prepared = Prepared(Theme(templates=(desk, THEME)))
    assert "<p>Desk cover</p>" in render_html(model, "en", b"", prepared.theme, prepared=prepared)
    skeleton.write_text('{% extends "builtin/brief.html.j2" %}{% block cover %}<p>Desk cover, revised</p>{% endblock %}\n')
    os.utime(skeleton, ns=(1, 1))  # even with a time older than the first
    page = render_html(model, "en", b"", prepared.theme, prepared=prepared)
    assert "<p>Desk cover, revised</p>" in page and "<p>Desk cover</p>" not in page
    (desk / "sections").mkdir()
    (desk / "sections" / "summary.html.j2").write_text("<p>Desk summary</p>\n")  # a new override
    assert "<p>Desk summary</p>" in render_html(model, "en", b"", prepared.theme, prepared=prepared)


@pytest.mark.parametrize("moved", [False, True])
def test_the_locator_follows_the_venues_coordinates(moved):
    """The map's ground is kept for the venues' coordinates: a venue moved gives the map a
    fresh computation would give, and a venue renamed only its label."""
    from briefing.model import Venue
    from briefing.render import basemap, locator

    def venues(lat: float, name: str) -> list[Venue]:
        return [Venue(id="a", name={"en": name}, country="FR", coordinates={"lat": lat, "lon": 2.35}),
                Venue(id="b", name={"en": "Lyon"}, country="FR", coordinates={"lat": 45.76, "lon": 4.84})]

    def draw(lat: float, name: str):
        return locator.locator_map(venues(lat, name), lambda v: v.name["en"], lambda code: {"FR": "France"}.get(code))

    first = draw(48.86, "Paris")
    second = draw(43.3 if moved else 48.86, "Paris, centre")
    assert [label.text for label in second.labels if label.kind == "venue"] == ["Paris, centre", "Lyon"]
    basemap.base_map.cache_clear()
    assert second == draw(43.3 if moved else 48.86, "Paris, centre")  # what no cache gives
    assert (second.land != first.land) is moved and (second.spots[0].y != first.spots[0].y) is moved
