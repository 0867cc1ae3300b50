"""Rules a desk tunes in briefing.toml, the messages that name what a judgment rests on, and
the scale vocabulary the catalog rules read."""

from __future__ import annotations

import pytest

from briefing import config
from briefing.check import Context, run_file
from briefing.errors import ConfigError
from briefing.paths import LOCALES
from tests.rules.test_rules import BASE, variant


def _check(tmp_path, text, options=None):
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    problems, _ = run_file(path, context=Context(locales=(LOCALES,), options=options or {}))
    return problems


def test_desk_thresholds_change_what_counts(tmp_path):
    # jd-1, held at moderate, rests on the accord: one source graded B, credibility 2
    moderate = variant({93: "    confidence: moderate"})
    assert [p for p in _check(tmp_path, moderate) if p.rule == "confidence-basis"] == []
    strict = {"confidence-basis": {"reliable": ["A"]}}
    assert [(p.line, p.column) for p in _check(tmp_path, moderate, strict)
            if p.rule == "confidence-basis"] == [(93, 17)]
    # the courier (C) rated as weak as an F: its gift (rated 3) is then over the best rating of 2
    weak = {"credibility-basis": {"weak": ["C", "F"], "best_rating": 3}}
    assert [p for p in _check(tmp_path, BASE, weak) if p.rule == "credibility-basis"] == []
    weak["credibility-basis"]["best_rating"] = 4
    assert [(p.line, p.column) for p in _check(tmp_path, BASE, weak)
            if p.rule == "credibility-basis"] == [(78, 18), (103, 18)]
    own_words = {"estimative-in-fact": {"words": {"en": ["warmly"]}}}
    text = variant({101: "    text: {en: Bob warmly welcomes the envoy.}"})
    assert [(p.line, p.column) for p in _check(tmp_path, text, own_words) if p.rule == "estimative-in-fact"] == [
        (101, 16)]


def test_confidence_message_names_bases_and_grades(tmp_path):
    text = variant({88: "    credibility: 4", 93: "    confidence: moderate", 94: "    rests_on: [accord, st-1]",
                    103: "    credibility: 5"})
    messages = [p.message for p in _check(tmp_path, text) if p.rule == "confidence-basis"]
    assert messages == [
        "judgment 'jd-1' is held at moderate confidence, which needs at least 1 credibly sourced basis claim(s): "
        "a source graded A/B/C and a credibility of 1/2/3; its bases are accord (sources B, credibility 4), "
        "st-1 (sources C, credibility 5); lower the confidence or add a better-sourced basis"]


def test_settings_are_read_from_briefing_toml(tmp_path):
    (tmp_path / "briefing.toml").write_text('[rules.options.confidence-basis]\nreliable = ["A", "B"]\n'
                                            "high_origins = 3\n", encoding="utf-8")
    settings = config.load(tmp_path)
    assert settings.rule_options == {"confidence-basis": {"reliable": ["A", "B"], "high_origins": 3}}
    assert Context.from_settings(settings).settings("confidence-basis", {"reliable": [], "credible": [1]}) == {
        "reliable": ["A", "B"], "credible": [1], "high_origins": 3}


@pytest.mark.parametrize("toml, line, words", [
    ('[rules.options.confidence-basis]\nreliabel = ["A"]\n', 2, "unknown setting 'reliabel'"),
    ("[rules.options.confidence-basis]\nhigh_origins = \"two\"\n", 2, "must be like its default, 2"),
    ("[rules.options.unused-record]\nx = 1\n", 1, "rule 'unused-record' has no settings"),
])
def test_wrong_settings_are_refused_at_their_line(tmp_path, toml, line, words):
    (tmp_path / "briefing.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        config.load(tmp_path)
    assert words in caught.value.message
    assert caught.value.position.line == line


def test_scale_messages_are_the_themes():
    """Every label the scale rules look up is a message of the template (a renamed one would
    silently drop out of estimative-in-fact and term-collision)."""
    from briefing.check.catalogs import template_ids
    from briefing.check.scales import SCALES

    wanted = {msgid for values in SCALES.values() for msgid in values.values()}
    assert len(wanted) == 11 + 3 + 6 + 6
    assert wanted <= template_ids()


@pytest.mark.parametrize("unit, refused", [("person", True), ("mass-tonne", False), ("tonne", False), ("EUR", False)])
def test_a_unit_is_a_cldr_unit_not_a_suffix_babel_happens_to_match(tmp_path, unit, refused):
    # Babel finds "person" as duration-day-person and would print "2,400 days" for 2,400 people
    quantity = ("quantities:\n  - id: q-people\n    measures: {en: People evacuated}\n    value: 2400\n"
                f"    unit: {unit}\n    sources: [src-courier]\n    credibility: 3\n")
    problems = [p for p in _check(tmp_path, BASE + quantity) if p.rule == "schema"]
    # harbour.yaml has 103 lines: the unit is on line 108, its value from column 11
    assert [(p.line, p.column) for p in problems] == ([(108, 11)] if refused else [])
    assert not refused or "give no unit" in problems[0].message
