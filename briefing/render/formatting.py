"""Locale-aware formatting of dates, numbers, durations and lists, only through Babel.

Durations are exact: Babel's ``format_timedelta`` rounds to one unit (5 h 30 min would
read "6 hours"). A whole number of the reported unit is shown in that unit ("90 minutes",
"3 weeks"); a fraction is split into whole days, hours, minutes and seconds, each part
formatted with ``format_unit`` and joined as a unit list ("1 hour, 30 minutes").

Unit lists are joined here, not by Babel's ``format_list(style="unit")``: Babel 2.19 takes
the first list style a locale has at all, even one CLDR gives only in part, and so fails
for Spanish (only the last joiner of ``unit``: KeyError) and German with three parts, and
repeats the second part for two in Arabic (``unit-short`` has no two-part pattern). CLDR
resolves each of a style's four patterns on its own, along root's aliases (unit, then
unit-short, then standard); ``_join_units`` does the same.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Callable, Iterable

from babel import Locale
from markupsafe import Markup
from babel.dates import format_date, format_skeleton, format_time, get_timezone_gmt, get_timezone_location
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit

from briefing.model import PartialDate

_SECONDS = {"week": 604800, "day": 86400, "hour": 3600, "minute": 60, "second": 1}
_BREAKDOWN = ("day", "hour", "minute", "second")  # a fraction of a week or month is told in days and below
_UNIT_LIST_STYLES = ("unit", "unit-short", "standard")  # CLDR root: unit → unit-short → standard


class Formatter:
    """Formats values for one locale; ``gettext`` supplies the few phrases Babel lacks."""

    def __init__(self, locale: str, gettext: Callable[[str], str]) -> None:
        self.locale = locale
        try:  # parsed once: Babel parses a locale given as text at every call (a tenth of a big brief's render)
            self._babel: Locale | str = Locale.parse(locale)
        except (ValueError, LookupError, TypeError):  # then it fails where it did, at the first use
            self._babel = locale
        self._ = gettext  # the same catalog as the templates'; see _N below for extraction

    def date(self, value: str, weekday: bool = False) -> str:
        """A date that may be partial: ``2019``, ``2023-09`` or ``2023-09-13``."""
        partial = PartialDate(value)
        day = partial.first_day
        if partial.precision == "year":
            return format_skeleton("y", day, locale=self._babel)
        if partial.precision == "month":
            return format_skeleton("yMMMM", day, locale=self._babel)
        return format_date(day, "full" if weekday else "long", locale=self._babel)

    def date_range(self, start: str, end: str | None) -> str:
        if not end or end == start:
            return self.date(start)
        return self._("%(start)s – %(end)s") % {"start": self.date(start), "end": self.date(end)}

    def timezone(self, name: str, days: Iterable[str] = ()) -> str:
        """A time zone as readers know it: its city in their language and its UTC offset on
        ``days`` (the dates of what happened there), so that a zone with summer time shows the
        offset of the season the reporting is about, and both when the days straddle a change;
        with no day, the offset on 1 January. A zone given as an offset is shown as that offset."""
        from briefing.model import PartialDate, zone as tzinfo_of

        tz = tzinfo_of(name)  # checked when the fact base was validated, as were the days
        moments = sorted(dt.datetime.combine(PartialDate(day).first_day, dt.time(12), tzinfo=tz) for day in set(days))
        offsets = dict.fromkeys(get_timezone_gmt(moment, "long", locale=self._babel)
                                for moment in moments or [dt.datetime(2024, 1, 1, tzinfo=tz)])
        offset = self.list(offsets)
        if not isinstance(tz, dt.timezone):
            # The zone the model validated, not a second lookup in another database (pytz's).
            return "{} ({})".format(get_timezone_location(tz, locale=self._babel, return_city=True), offset)
        return offset

    def clock(self, moment: dt.datetime, with_zone: bool = True) -> str:
        """A local time of day, with its UTC offset when it has one."""
        text = format_time(moment, "short", locale=self._babel)
        if with_zone and moment.tzinfo is not None:
            text += " " + get_timezone_gmt(moment, "long", locale=self._babel)
        return text

    def tick(self, moment: dt.datetime, unit: str) -> str:
        """A label on the timeline's axis, as precise as its scale."""
        if unit == "hour" and (moment.hour or moment.minute):
            return format_time(moment, "short", locale=self._babel)
        skeleton = {"hour": "MMMd", "day": "MMMd", "month": "yMMM", "year": "y"}[unit]
        return format_skeleton(skeleton, moment, locale=self._babel)

    def labelled(self, label: str, text: str) -> str:
        """``label: text`` with the locale's spacing around the colon (French puts one before it).
        Markup: a label or text that is already markup (``<strong>``) stays so, the rest is escaped."""
        return Markup(self._("%(label)s: %(text)s")) % {"label": label, "text": text}

    def percent_range(self, low: int, high: int) -> str:
        return "{}–{}".format(format_decimal(low, locale=self._babel), format_percent(high / 100, locale=self._babel))

    def timestamp(self, value: str) -> str:
        """A publication date or date-time as the source gives it, with its UTC offset."""
        if "T" not in value:
            return self.date(value)
        moment = dt.datetime.fromisoformat(value)
        text = self._("%(date)s, %(time)s") % {
            "date": format_date(moment.date(), "long", locale=self._babel),
            "time": format_time(moment, "short", locale=self._babel),
        }
        if moment.tzinfo is not None:
            text += " " + get_timezone_gmt(moment, "long", locale=self._babel)
        return text

    def country(self, code: str) -> str:
        return Locale.parse(self._babel).territories.get(code, code)

    def countries(self, codes: Iterable[str]) -> str:
        return self.list(self.country(code) for code in codes)

    def language(self, code: str) -> str:
        return Locale.parse(self._babel).languages.get(code, code)

    @staticmethod
    def language_native(code: str) -> str:
        """A language's name in that language (how a reader finds their own edition)."""
        try:
            return Locale.parse(code).get_display_name(code) or code
        except (ValueError, LookupError):
            return code

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self._babel)

    def coordinate(self, lat: float, lon: float) -> str:
        north = self._("%(degrees)s° N") if lat >= 0 else self._("%(degrees)s° S")
        east = self._("%(degrees)s° E") if lon >= 0 else self._("%(degrees)s° W")
        return "{}, {}".format(
            north % {"degrees": format_decimal(abs(lat), "0.00", locale=self._babel)},
            east % {"degrees": format_decimal(abs(lon), "0.00", locale=self._babel)},
        )

    def list(self, items: Iterable[str]) -> str:
        items = list(items)
        return format_list(items, locale=self._babel) if items else ""

    def duration(self, value: float, unit: str, qualifier: str = "exact") -> str:
        if float(value).is_integer() or unit == "month":  # months have no fixed length to break down
            text = self._unit(value if not float(value).is_integer() else int(value), unit)
        else:
            text = self._exact_duration(Fraction(str(value)) * _SECONDS[unit])
        return self.qualified(text, qualifier)

    def qualified(self, text: str, qualifier: str) -> str:
        """A number as the source qualifies it ("more than 5 hours", "at least 15")."""
        templates = {
            "exact": "%(value)s",
            "about": self._("about %(value)s"),
            "more-than": self._("more than %(value)s"),
            "less-than": self._("less than %(value)s"),
            "at-least": self._("at least %(value)s"),
            "at-most": self._("at most %(value)s"),
        }
        return templates[qualifier] % {"value": text}

    def measure(self, value: float, unit: str | None, qualifier: str = "exact") -> str:
        """A duration (its unit is a plain time unit) or any other reported figure."""
        if unit in _SECONDS or unit == "month":
            return self.duration(value, unit, qualifier)
        return self.quantity(value, unit, qualifier)

    def quantity(self, value: float, unit: str | None, qualifier: str = "exact") -> str:
        """A reported figure: a plain count, a CLDR unit, or an amount of a currency."""
        number = int(value) if float(value).is_integer() else value
        if unit is None:
            text = format_decimal(number, locale=self._babel)
        elif len(unit) == 3 and unit.isupper():
            text = format_currency(number, unit, locale=self._babel)
        else:
            text = format_unit(number, unit, length="long", locale=self._babel)
            if unit in text:  # Babel lacks the long name in some locales (ko, ja, zh)
                text = format_unit(number, unit, length="short", locale=self._babel)
        return self.qualified(text, qualifier)

    def _exact_duration(self, seconds: Fraction) -> str:
        # Counted in milliseconds, as far as a number is printed (three decimals): a float just
        # under a whole second (3.9999999) is 4 seconds, not "3 seconds, 1 seconds". A fraction
        # of a second is kept with the whole seconds ("1 minute, 2.5 seconds"), never rounded away.
        millis = round(seconds * 1000) or seconds * 1000  # under half a millisecond: kept as it is
        parts = []
        for unit in _BREAKDOWN:
            size = _SECONDS[unit] * 1000
            whole = int(millis // size)
            if unit == "second" and millis != whole * size:
                parts.append(self._unit(float(Fraction(millis) / 1000), unit))
            elif whole:
                parts.append(self._unit(whole, unit))
            millis -= whole * size
        return _join_units(parts, self.locale)

    def _unit(self, amount: float, unit: str) -> str:
        text = format_unit(amount, f"duration-{unit}", length="long", locale=self._babel)
        if "duration-" in text:  # Babel lacks long unit names for some locales (ko, ja, zh)
            text = format_unit(amount, f"duration-{unit}", length="short", locale=self._babel)
        return text


def _join_units(parts: list[str], locale: str) -> str:
    """``parts`` ("1 hour", "30 minutes") as one measure, each joiner resolved as CLDR does
    (see the module's docstring): the standard style is complete in every locale through root."""
    if len(parts) < 2:
        return "".join(parts)
    styles = Locale.parse(locale).list_patterns

    def pattern(part: str) -> str:
        return next(styles[style][part] for style in _UNIT_LIST_STYLES if style in styles and part in styles[style])

    if len(parts) == 2:
        return pattern("2").format(*parts)
    text = pattern("start").format(parts[0], parts[1])
    for middle in parts[2:-1]:
        text = pattern("middle").format(text, middle)
    return pattern("end").format(text, parts[-1])
