"""weekday-mismatch: a text names a weekday that its date does not fall on.

What it does
    Finds dates written out with their weekday in any localized text ("mercredi 13
    septembre 2023", "Wednesday, September 13, 2023"), using the locale's own day and month
    names, and reports those whose weekday is wrong.

Why is this bad?
    When the weekday and the date disagree, one of them was copied wrongly, and the reader
    cannot tell which: a brief must not carry the doubt.

Example
    ```yaml
    text: {fr: "Le scrutin a eu lieu le samedi 14 mars 2021."}
    ```

Use instead
    ```yaml
    text: {fr: "Le scrutin a eu lieu le dimanche 14 mars 2021."}
    ```
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterator

from briefing.check.facts_index import column_of
from briefing.check.problem import Finding

ID = "weekday-mismatch"
SEVERITY = "error"
SUMMARY = "a written-out date names the wrong weekday"
STAGE = "model"


_YEAR = re.compile(r"\b\d{4}\b")


@lru_cache(maxsize=None)
def _names(locale: str):
    from babel import Locale, UnknownLocaleError

    try:
        data = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return None
    days = {name.lower(): number for number, name in data.days["format"]["wide"].items()}
    months = {name.lower(): number for number, name in data.months["format"]["wide"].items()}
    months.update({name.lower(): number for number, name in data.months["stand-alone"]["wide"].items()})
    weekday = re.compile(r"\b(" + "|".join(map(re.escape, sorted(days, key=len, reverse=True))) + r")\b", re.I)
    month = re.compile(r"\b(" + "|".join(map(re.escape, sorted(months, key=len, reverse=True))) + r")\b", re.I)
    return days, months, weekday, month


def check(facts, document) -> Iterator[Finding]:
    locales = set(facts.meta.locales)
    for path, text in document.strings:
        # a text given per locale sits under its locale code; only written-out dates matter
        if not path or path[-1] not in locales or not _YEAR.search(text):
            continue
        locale = path[-1]
        names = _names(locale)
        if names is None:
            continue
        days, months, weekday_re, month_re = names
        for found in weekday_re.finditer(text):
            window = text[found.end():found.end() + 40]
            month = month_re.search(window)
            day = re.search(r"\b(\d{1,2})(?!\d)", window)
            year = re.search(r"\b(\d{4})\b", window)
            if not (month and day and year):
                continue
            try:
                date = dt.date(int(year.group(1)), months[month.group(1).lower()], int(day.group(1)))
            except ValueError:
                continue
            stated = days[found.group(1).lower()]
            if date.weekday() != stated:
                from babel.dates import format_date

                actual = format_date(date, "EEEE", locale=locale)
                yield Finding(path, f"{found.group(1)!r} but {date.isoformat()} is a {actual}",
                              position=column_of(document, path, found.group(1)))
