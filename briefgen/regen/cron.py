"""Cron expressions: five fields, read the way cron (cronie, Vixie cron) reads them.

``minute hour day-of-month month day-of-week``, each ``*``, a number, a range
``a-b``, a step ``*/n`` or ``a-b/n``, or a comma-separated list of these; months
may be named (jan-dec) and days of the week too (sun-sat), in any case; 0 and 7
are both Sunday, and a day-of-week range may end on Sunday (``sat-sun``, ``5-0``).
When both day fields are restricted, a day matching either one matches; when
either starts with ``*``, a day must match both. ``@hourly``, ``@daily``,
``@midnight``, ``@weekly``, ``@monthly``, ``@yearly`` and ``@annually`` stand for
the usual lines. What cron refuses is refused, with the field and the reason.

:meth:`Cron.next_after` finds the next matching wall-clock minute; :mod:`.crontime`
turns wall-clock minutes into instants in a time zone, the way cron does across
daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from calendar import monthrange
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
# A day and month that exist fall on every day of the week within 400 years (the
# calendar's cycle); Feb 29 on a Sunday, say, can be 40 years away.
HORIZON = 400  # years searched for the next match
_DIGITS = re.compile(r"[0-9]+")
_BLANKS = re.compile(r"[ \t]+")  # cron separates fields by spaces and tabs only


@dataclass(frozen=True)
class Field:
    name: str
    low: int
    high: int
    names: tuple[str, ...] = ()  # numbered from low


MINUTE = Field("minute", 0, 59)
HOUR = Field("hour", 0, 23)
DAY = Field("day of month", 1, 31)
MONTH = Field("month", 1, 12, MONTHS)
WEEKDAY = Field("day of week", 0, 7, DAYS)
FIELDS = (MINUTE, HOUR, DAY, MONTH, WEEKDAY)


class CronError(ValueError):
    pass


def _value(text: str, field: Field) -> int:
    if _DIGITS.fullmatch(text):
        value = int(text) if len(text) < 10 else 10**10
        if not field.low <= value <= field.high:
            raise CronError(f"{field.name}: {text} is not between {field.low} and {field.high}")
        return value
    if text.isascii() and text.lower() in field.names:
        return field.names.index(text.lower()) + field.low
    if not text:
        raise CronError(f"{field.name}: a number is missing")
    if any(not c.isascii() and c.isnumeric() for c in text):
        raise CronError(f"{field.name}: '{text}' is not a number; only the digits 0-9 count")
    names = f" or a name ({field.names[0]}…{field.names[-1]})" if field.names else ""
    raise CronError(f"{field.name}: '{text}' is not a number{names}")


def _step(text: str, part: str, field: Field) -> int:
    if not text:
        raise CronError(f"{field.name}: '{part}' has no step after '/'")
    if not _DIGITS.fullmatch(text):
        raise CronError(f"{field.name}: the step '{text}' in '{part}' is not a number")
    step = int(text) if len(text) < 10 else 10**10  # a step past the range keeps the first value
    if step == 0:
        raise CronError(f"{field.name}: the step in '{part}' is 0; a step is 1 or more")
    return step


def _range(part: str, field: Field) -> range:
    """One item of a list: *, a number, a-b, */n or a-b/n."""
    if "~" in part:
        raise CronError(f"{field.name}: '~' (a random time, a cronie extension) is not supported")
    body, slash, step_text = part.partition("/")
    step = _step(step_text, part, field) if slash else 1
    if body == "*":
        return range(field.low, field.high + 1, step)
    first_text, dash, last_text = body.partition("-")
    first = _value(first_text, field)
    if not dash:
        if slash:
            raise CronError(
                f"{field.name}: a step needs a range or '*': write {first}-{field.high}/{step} "
                f"or */{step}, not {part}"
            )
        return range(first, first + 1)
    last = _value(last_text, field)
    if first > last and field is WEEKDAY and last == 0 and not slash:
        last = 7  # cron reads a range ending on Sunday (sat-sun, 5-0) as ending at 7
    if first > last:
        more = ""
        if field is WEEKDAY and last == 0:
            more = f"; a range ending on Sunday takes no step in cron: write {first}-7/{step}"
        elif field is WEEKDAY:
            more = "; only a range ending on Sunday (5-0, fri-sun) wraps"
        raise CronError(f"{field.name}: the range {body} runs backwards{more}")
    return range(first, last + 1, step)


def _field(text: str, field: Field) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        if not part:
            raise CronError(f"{field.name}: '{text}' has an empty item")
        values.update(_range(part, field))
    return frozenset(values)


@dataclass(frozen=True)
class Cron:
    text: str
    minutes: tuple[int, ...]  # sorted
    hours: tuple[int, ...]  # sorted
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # 0 = Sunday
    any_day: bool  # day of month starts with '*'
    any_weekday: bool  # day of week starts with '*'
    wild: bool  # minute or hour starts with '*': a "wildcard" job in cron's terms

    def day_matches(self, day: dt.date) -> bool:
        in_month = day.day in self.days
        in_week = (day.isoweekday() % 7) in self.weekdays
        if self.any_day or self.any_weekday:
            return in_month and in_week
        return in_month or in_week

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        """The first whole minute strictly after moment that matches, on moment's wall clock
        (naive, or in moment's tzinfo with no regard for daylight saving)."""
        t = moment.replace(second=0, microsecond=0, fold=0) + dt.timedelta(minutes=1)
        end = t.year + HORIZON
        while t.year <= end:
            if t.month not in self.months:
                t = (t.replace(day=1) + dt.timedelta(days=32)).replace(day=1, hour=0, minute=0)
                continue
            if self.day_matches(t.date()):
                h = bisect_left(self.hours, t.hour)
                if h < len(self.hours):
                    if self.hours[h] != t.hour:
                        t = t.replace(hour=self.hours[h], minute=0)
                    m = bisect_left(self.minutes, t.minute)
                    if m < len(self.minutes):
                        return t.replace(minute=self.minutes[m])
                    if h + 1 < len(self.hours):
                        t = t.replace(hour=self.hours[h + 1], minute=self.minutes[0])
                        return t
            t = t.replace(hour=0, minute=0) + dt.timedelta(days=1)
        raise CronError(f"'{self.text}' never matches a date")  # ruled out by parse


def _check_some_day(days: frozenset[int], months: frozenset[int], text: str) -> None:
    """Refuse a day of month that no month named has (cron would wait for ever)."""
    if any(day <= monthrange(2000, month)[1] for month in months for day in days):
        return
    raise CronError(
        f"day of month: no month in '{text.split()[3]}' has day {min(days)}, "
        f"so '{text}' never matches a date"
    )


def _shortcut(text: str) -> str:
    if text == "@reboot":
        raise CronError(
            "@reboot runs a job when cron starts, which a schedule has no time for; "
            "run 'briefgen build' from the system's start-up instead"
        )
    if text not in SHORTCUTS:
        known = ", ".join(SHORTCUTS)
        lower = " (cron reads them in lower case)" if text.lower() in SHORTCUTS else ""
        raise CronError(f"'{text}' is not one of {known}{lower}")
    return SHORTCUTS[text]


def parse(text: str) -> Cron:
    """A Cron from an expression; CronError names the field at fault and why."""
    line = text.strip(" \t")
    if not line:
        raise CronError("the cron expression is empty; write e.g. '0 6 * * 1-5'")
    expr = line
    if line.startswith("@"):
        word, *rest = _BLANKS.split(line)
        if rest:
            raise CronError(f"'{word}' stands for a whole line; nothing may follow it")
        expr = _shortcut(word)
    parts = _BLANKS.split(expr)
    if len(parts) != 5:
        raise CronError(
            f"'{text}' has {len(parts)} fields; a cron expression has 5: "
            "minute hour day-of-month month day-of-week, e.g. '0 6 * * 1-5'"
        )
    minutes, hours, days, months, weekdays = (
        _field(p, f) for p, f in zip(parts, FIELDS, strict=True)
    )
    any_day, any_weekday = parts[2].startswith("*"), parts[4].startswith("*")
    if any_weekday:  # a day must match the day of month, which some month must have
        _check_some_day(days, months, expr)
    return Cron(
        text,
        tuple(sorted(minutes)),
        tuple(sorted(hours)),
        days,
        months,
        frozenset(d % 7 for d in weekdays),
        any_day=any_day,
        any_weekday=any_weekday,
        wild=parts[0].startswith("*") or parts[1].startswith("*"),
    )
