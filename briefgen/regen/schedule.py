"""`briefgen schedule`: build on a timetable, in the foreground, one run at a time.

``--every 30m`` builds at once and then every 30 minutes; ``--cron EXPR`` at
the times a cron expression names. Runs never overlap: the next one is planned
when the last has finished, and a time missed while a run went on is skipped
(and logged), not made up. Other processes are kept out by the output folder's
lock, which a scheduled run waits for.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from briefgen.regen import cron
from briefgen.regen.runner import Summary

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
CHECK = 30.0  # longest sleep before looking at the clock again (clock changes, suspend)


def duration(text: str) -> float:
    """Seconds in '30m', '1h30m', '2h', '1d', '45s' (or a decimal: '0.5s')."""
    compact = text.strip().lower().replace(" ", "")
    parts = _PART.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"'{text}' is not a duration; write e.g. 30m, 2h, 1h30m, 1d or 45s")
    seconds = sum(float(n) * UNITS[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"'{text}' is not a positive duration")
    return seconds


class Timetable(Protocol):
    def first(self, now: dt.datetime) -> dt.datetime: ...

    def after(self, last: dt.datetime, now: dt.datetime) -> tuple[dt.datetime, int]:
        """The next run after a run that started at last, and how many times were missed."""
        ...

    def __str__(self) -> str: ...


@dataclass(frozen=True)
class Every:
    seconds: float

    def first(self, now: dt.datetime) -> dt.datetime:
        return now

    def after(self, last: dt.datetime, now: dt.datetime) -> tuple[dt.datetime, int]:
        step = dt.timedelta(seconds=self.seconds)
        due = last + step
        if due > now:
            return due, 0
        missed = math.floor((now - due) / step) + 1
        return due + missed * step, missed

    def __str__(self) -> str:
        return f"every {self.seconds:g} s"


@dataclass(frozen=True)
class Cron:
    expression: cron.Cron

    def first(self, now: dt.datetime) -> dt.datetime:
        return self.expression.next_after(now)

    def after(self, last: dt.datetime, now: dt.datetime) -> tuple[dt.datetime, int]:
        due = self.expression.next_after(last)
        missed = 0
        while due <= now:
            missed += 1
            due = self.expression.next_after(due)
        return due, missed

    def __str__(self) -> str:
        return f"cron '{self.expression.text}'"


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def schedule(
    table: Timetable,
    job: Callable[[], Summary],
    log: Callable[[str], None],
    *,
    max_runs: int | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run job at the table's times until max_runs (or forever); returns how many failed."""
    due = table.first(now())
    runs = failed = 0
    log(f"schedule: {table}; first run at {stamp(due)}")
    while max_runs is None or runs < max_runs:
        while (left := (due - now()).total_seconds()) > 0:
            sleep(min(left, CHECK))
        started = now()
        runs += 1
        summary = job()
        failed += not summary.ok
        result = "ok" if summary.ok else "FAILED"
        if max_runs is not None and runs >= max_runs:
            log(f"run {runs} {result}: {summary}; done ({runs} of {max_runs})")
            break
        due, missed = table.after(started, now())
        skipped = f"; {missed} missed while running, skipped" if missed else ""
        log(f"run {runs} {result}: {summary}; next at {stamp(due)}{skipped}")
    return failed
