"""Cron expressions: five fields, the way crontab(5) reads them.

``minute hour day-of-month month day-of-week``, each ``*``, a number, a range
``a-b``, a step ``*/n``, ``a-b/n`` or ``a/n``, or a comma-separated list of
these; months may be named (jan-dec) and days of the week too (sun-sat; 0 and 7
are both Sunday). As in cron, when both day fields are restricted a day
matching either one matches. ``@hourly``, ``@daily``, ``@weekly``,
``@monthly`` and ``@yearly`` stand for the usual lines. Times are local.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
SHORTCUTS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
# name, lowest, highest, names (numbered from lowest)
FIELDS = (
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day of month", 1, 31, ()),
    ("month", 1, 12, MONTHS),
    ("day of week", 0, 7, DAYS),
)
HORIZON = 5 * 366  # days searched for the next match before giving up


class CronError(ValueError):
    pass


def _number(text: str, name: str, low: int, high: int, names: tuple[str, ...]) -> int:
    word = text.lower()
    if word in names:
        return names.index(word) + low
    if not word.isdigit():
        raise CronError(
            f"{name}: '{text}' is not a number" + (f" or a name ({names[0]}…)" if names else "")
        )
    value = int(word)
    if not low <= value <= high:
        raise CronError(f"{name}: {value} is not between {low} and {high}")
    return value


def _field(text: str, name: str, low: int, high: int, names: tuple[str, ...]) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        body, _, step_text = part.partition("/")
        step = 1
        if step_text:
            step = _number(step_text, name, 1, high - low + 1, ())
        if body == "*":
            first, last = low, high
        elif "-" in body:
            a, _, b = body.partition("-")
            first, last = _number(a, name, low, high, names), _number(b, name, low, high, names)
            if first > last:
                raise CronError(f"{name}: the range {body} runs backwards")
        else:
            first = _number(body, name, low, high, names)
            last = high if step_text else first
        values.update(range(first, last + 1, step))
    return frozenset(values)


@dataclass(frozen=True)
class Cron:
    text: str
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # 0 = Sunday
    any_day: bool  # day of month is '*'
    any_weekday: bool  # day of week is '*'

    def _day_matches(self, day: dt.date) -> bool:
        in_month = day.day in self.days
        in_week = (day.isoweekday() % 7) in self.weekdays
        if self.any_day or self.any_weekday:
            return in_month and in_week
        return in_month or in_week

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        """The first whole minute strictly after moment that the expression matches."""
        t = moment.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        limit = t + dt.timedelta(days=HORIZON)
        while t < limit:
            if t.month not in self.months:
                t = (t.replace(day=1) + dt.timedelta(days=32)).replace(day=1, hour=0, minute=0)
            elif not self._day_matches(t.date()):
                t = t.replace(hour=0, minute=0) + dt.timedelta(days=1)
            elif t.hour not in self.hours:
                t = t.replace(minute=0) + dt.timedelta(hours=1)
            elif t.minute not in self.minutes:
                t += dt.timedelta(minutes=1)
            else:
                return t
        raise CronError(f"'{self.text}' never matches a date")


def parse(text: str) -> Cron:
    """A Cron from an expression; CronError names the field at fault."""
    expr = SHORTCUTS.get(text.strip().lower(), text)
    parts = expr.split()
    if len(parts) != 5:
        raise CronError(
            f"'{text}' has {len(parts)} fields; a cron expression has 5: "
            "minute hour day-of-month month day-of-week, e.g. '0 6 * * 1-5'"
        )
    sets = [_field(p, *spec) for p, spec in zip(parts, FIELDS, strict=True)]
    weekdays = frozenset(d % 7 for d in sets[4])
    cron = Cron(
        text,
        sets[0],
        sets[1],
        sets[2],
        sets[3],
        weekdays,
        any_day=parts[2].startswith("*"),
        any_weekday=parts[4].startswith("*"),
    )
    cron.next_after(dt.datetime(2000, 1, 1))  # refuse an expression that never matches
    return cron
