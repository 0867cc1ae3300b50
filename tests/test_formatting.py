"""Babel formatting per locale; durations are exact (never rounded like format_timedelta)."""

from __future__ import annotations

import pytest

from briefing.render.formatting import Formatter
from conftest import normalize

FR_QUALIFIERS = {"more than %(value)s": "plus de %(value)s", "about %(value)s": "environ %(value)s",
                 "at least %(value)s": "au moins %(value)s"}


def fmt(locale):
    return Formatter(locale, (lambda s: FR_QUALIFIERS.get(s, s)) if locale == "fr" else (lambda s: s))


@pytest.mark.parametrize("locale, value, unit, qualifier, expected", [
    ("en", 5.5, "hour", "exact", "5 hours, 30 minutes"),      # format_timedelta says "6 hours"
    ("en", 1.5, "hour", "exact", "1 hour, 30 minutes"),
    ("en", 40, "second", "exact", "40 seconds"),
    ("en", 5, "hour", "more-than", "more than 5 hours"),
    ("fr", 5, "hour", "more-than", "plus de 5 heures"),
    ("fr", 1, "hour", "about", "environ 1 heure"),
    ("fr", 1.5, "hour", "exact", "1 heure et 30 minutes"),
    # a whole number stays in the unit the source reported it in
    ("en", 90, "minute", "exact", "90 minutes"),
    ("en", 3, "week", "about", "about 3 weeks"),
    ("fr", 2, "month", "at-least", "au moins 2 mois"),
    ("en", 1.5, "week", "exact", "10 days, 12 hours"),  # a fraction is told in days and below
    # a fraction of a second stays with the whole seconds; a float a hair under a whole is that whole
    ("en", 62.5, "second", "exact", "1 minute, 2.5 seconds"),
    ("en", 0.25, "second", "exact", "0.25 seconds"),
    ("en", 3.9999999, "second", "exact", "4 seconds"),
    ("en", 59.9999999, "second", "about", "about 1 minute"),
    ("en", 0.0666666666666667, "minute", "exact", "4 seconds"),
    ("fr", 1.0005, "hour", "exact", "1 heure et 1,8 seconde"),
])
def test_durations_are_exact_and_qualified(locale, value, unit, qualifier, expected):
    assert normalize(fmt(locale).duration(value, unit, qualifier)) == expected


@pytest.mark.parametrize("locale, value, expected", [
    ("fr", "2023-09-13", "13 septembre 2023"),
    ("en", "2023-09-13", "September 13, 2023"),
    ("fr", "2023-09", "septembre 2023"),
    ("en", "2019", "2019"),
])
def test_partial_dates(locale, value, expected):
    assert normalize(fmt(locale).date(value)) == expected


def test_weekday_is_the_real_one():
    # 13 September 2023 was a Wednesday (the Lomé article says "mercredi 13 septembre 2023").
    assert normalize(fmt("fr").date("2023-09-13", weekday=True)) == "mercredi 13 septembre 2023"


def test_lists_use_the_locale_conjunction():
    assert fmt("fr").list(["Poutine", "Kim"]) == "Poutine et Kim"
    assert fmt("en").list(["Putin", "Kim", "Lavrov"]) == "Putin, Kim, and Lavrov"


# A fraction is joined as CLDR's unit list, each joiner resolved on its own (unit → unit-short →
# standard): Babel's format_list(style="unit") raises KeyError for es (and de with three parts)
# and gives "ساعة، و30 دقيقة، و30 دقيقة" (the minutes twice) for ar.
@pytest.mark.parametrize("locale, value, expected", [
    ("es", 1.5, "1 hora y 30 minutos"),
    ("es", 26.05, "1 día, 2 horas y 3 minutos"),
    ("de", 1.5, "1 Stunde, 30 Minuten"),              # CLDR de: two units with a comma, the last with "und"
    ("de", 26.05, "1 Tag, 2 Stunden und 3 Minuten"),
    ("ar", 1.5, "ساعة و30 دقيقة"),                   # one hour is "ساعة" (no numeral), joined by "و"
    ("ar", 26.05, "يوم، وساعتان، و3 دقائق"),          # the dual "ساعتان" for two hours
    ("ja", 1.5, "1 時間 30 分"),
    ("zh", 26.05, "1天2小时3分钟"),
    ("en", 26.05, "1 day, 2 hours, 3 minutes"),
    ("fr", 26.05, "1 jour, 2 heures et 3 minutes"),
])
def test_a_fraction_is_one_unit_list_in_every_locale(locale, value, expected):
    assert normalize(fmt(locale).duration(value, "hour")) == expected


@pytest.mark.parametrize("locale, name, days, expected", [
    # Oslo keeps UTC+1 in winter and UTC+2 in summer (summer time from the last Sunday of March)
    ("en", "Europe/Oslo", ["2020-01-04"], "Oslo (GMT+01:00)"),
    ("en", "Europe/Oslo", ["2020-07-04"], "Oslo (GMT+02:00)"),
    ("en", "Europe/Oslo", ["2020-07-04", "2020-01-04"], "Oslo (GMT+01:00 and GMT+02:00)"),  # in time order
    ("en", "Europe/Oslo", ["2020-07"], "Oslo (GMT+02:00)"),  # a month: its first day
    ("en", "Europe/Oslo", [], "Oslo (GMT+01:00)"),  # no day: 1 January
    ("en", "+05:30", ["2020-07-04"], "GMT+05:30"),
])
def test_a_zone_shows_the_offset_of_the_days_it_is_about(locale, name, days, expected):
    assert normalize(fmt(locale).timezone(name, days)) == expected
