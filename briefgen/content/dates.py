"""Dates as people write them: ISO (2025-12-01) and the written forms a brief prints.

:func:`read` takes text and gives the date it names, ``None`` for text that is not a
date ("later this year"), or raises :class:`NotADate` for text that looks like a date
but cannot be read as one for certain: ``01/02/2025`` is 1 February in London and
2 January in Washington, so it is refused with the ISO forms it could mean.

Read as dates:

- ISO 8601, as YAML reads it: ``2025-12-01``, ``2025-12-1``, and with a time
  (``2025-12-01 10:30:00``, ``2025-12-01T10:30:00Z``), whose date is taken;
- the day, the month's name or its abbreviation, the year: ``1 Dec 2025``,
  ``1 December 2025``, ``1st Dec. 2025``, ``December 1, 2025``, ``Dec 1 2025``,
  optionally after the day of the week (``Monday, 1 December 2025``), which must
  then be that date's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d\d)?))?)?"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WORD = r"([A-Za-z]+)\.?"
_WEEKDAY = r"(?:([A-Za-z]+)\.?,?\s+)?"
_DAY_FIRST = re.compile(_WEEKDAY + _DAY + r"\s+" + _WORD + r",?\s+(\d{4})", re.IGNORECASE)
_MONTH_FIRST = re.compile(_WEEKDAY + _WORD + r"\s+" + _DAY + r",?\s+(\d{4})", re.IGNORECASE)
#: numbers with slashes, dots or dashes that are not ISO: 01/02/2025, 1.2.25, 2025/02/01
_NUMERIC = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})"
)

#: English names, whatever the locale (calendar.month_name follows it)
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(DAY_NAMES)}
_WEEKDAYS.update({name[:3].lower(): i for i, name in enumerate(DAY_NAMES)})


class NotADate(ValueError):
    """Text that looks like a date but is not one, or not for certain; says which."""


def read(text: str) -> dt.date | None:
    """The date text names, None where it is not a date; NotADate where it cannot tell."""
    text = " ".join(text.split())
    iso = _ISO.fullmatch(text)
    if iso:
        return _date(text, int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        raise NotADate(_numeric_problem(text, numeric))
    for pattern, day_first in ((_DAY_FIRST, True), (_MONTH_FIRST, False)):
        found = pattern.fullmatch(text)
        if found:
            weekday, first, second, year = found.groups()
            day, word = (first, second) if day_first else (second, first)
            return _written(text, weekday, int(day), word, int(year))
    return None


def _written(text: str, weekday: str | None, day: int, word: str, year: int) -> dt.date | None:
    month = _MONTHS.get(word.lower())
    if month is None:
        near = difflib.get_close_matches(word.lower(), _MONTHS, n=1, cutoff=0.6)
        if near:  # "1 Dex 2025": a slip, not free text
            raise NotADate(
                f"'{text}' is not a date: '{word}' is not a month (did you mean {near[0].title()}?)"
            )
        return None  # "2 weeks 2025" and the like: text
    when = _date(text, year, month, day)
    if weekday is not None:
        named = _WEEKDAYS.get(weekday.lower())
        if named is None:
            return None
        if named != when.weekday():
            raise NotADate(
                f"'{text}' is not a date: {when.day} {MONTH_NAMES[month - 1]} {year} is a "
                f"{DAY_NAMES[when.weekday()]}, not a {DAY_NAMES[named]}"
            )
    return when


def _date(text: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise NotADate(f"'{text}' is not a date: there is no month {month}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        days = calendar.monthrange(year, month)[1]
        raise NotADate(
            f"'{text}' is not a date: {MONTH_NAMES[month - 1]} {year} has {days} days"
        ) from None


def _numeric_problem(text: str, found: re.Match[str]) -> str:
    if found[1]:  # 2025/02/01: year first is never day first
        year, month, day = int(found[1]), int(found[2]), int(found[3])
        return f"'{text}' looks like a date: write it {_iso(year, month, day)}"
    first, second, third = int(found[4]), int(found[5]), int(found[6])
    if len(found[6]) != 4:
        return f"'{text}' looks like a date: write it YYYY-MM-DD with all four digits of the year"
    readings = [
        f"{_iso(third, month, day)}"
        for day, month in ((first, second), (second, first))
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(third, month)[1]
    ]
    readings = list(dict.fromkeys(readings))
    if len(readings) == 2:
        one, other = (dt.date.fromisoformat(r) for r in readings)
        return (
            f"'{text}' could be {_spoken(one)} or {_spoken(other)}: write it YYYY-MM-DD, "
            f"{readings[0]} or {readings[1]}"
        )
    if readings:
        return f"'{text}' looks like a date: write it {readings[0]}"
    return f"'{text}' looks like a date but is none: write it YYYY-MM-DD"


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _spoken(when: dt.date) -> str:
    return f"{when.day} {MONTH_NAMES[when.month - 1]} {when.year}"
