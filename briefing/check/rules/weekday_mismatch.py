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

from briefing.check import characters
from briefing.check.facts_index import column_of
from briefing.check.problem import Finding

ID = "weekday-mismatch"
SEVERITY = "error"
SUMMARY = "a written-out date names the wrong weekday"
STAGE = "model"
SCANS_TEXT = True  # reads every claim's text: on a large base it runs beside the other rules


_YEAR = re.compile(r"\b\d{4}\b")


@lru_cache(maxsize=1)
def _digits() -> re.Pattern:
    """Four digits in a row, as a year needs: found much faster than ``_YEAR`` (a scan can skip
    to the next digit), so that one scan of all texts tells whether any can hold a date."""
    digit = characters.char_class(re.findall(r"\d", characters.bmp())) + "\U00010000-\U0010ffff"
    return re.compile(f"[{digit}][{digit}]{{3}}")


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
    # a text given per locale sits under its locale code; only written-out dates matter
    texts = [(path, text) for path, text in document.strings if path and path[-1] in locales]
    if not _digits().search("\x00".join(text for _, text in texts)):  # no year in any: one scan
        return
    for path, text in texts:
        if not _YEAR.search(text):
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
