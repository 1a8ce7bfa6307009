"""`briefgen schedule`: build on a timetable, in the foreground, one run at a time.

``--every 30m`` builds at once and then every 30 minutes; ``--cron EXPR`` at
the times a cron expression names in a time zone (``--tz``, else the machine's).
Runs never overlap: the next one is planned when the last has finished, and a
time missed while a run went on is skipped (and logged), not made up. Other
processes are kept out by the output folder's lock, which a scheduled run waits
for.

Waiting is done in short sleeps on the monotonic clock, looking at the wall
clock after each: ``--every`` counts elapsed (monotonic) time, so setting the
clock does not move its runs; a cron time is a wall-clock time, so a clock set
forward runs what became due at once, and a clock set back is handled as cron
handles it (see :meth:`Cron.stepped_back`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from briefgen.regen import cron, crontime
from briefgen.regen.runner import Summary

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
CHECK = 30.0  # longest sleep before looking at the wall clock again
STEP = 2.0  # seconds the wall clock may drift from the monotonic one between looks
LARGE_STEP = 3 * 3600.0  # cron's limit past which a clock change is a new start
UTC = dt.timezone.utc


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


@dataclass(frozen=True)
class Moment:
    """A time on both clocks: the wall clock (aware, UTC) and the monotonic one (seconds)."""

    wall: dt.datetime
    mono: float

    def plus(self, seconds: float) -> Moment:
        return Moment(self.wall + dt.timedelta(seconds=seconds), self.mono + seconds)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(UTC)


@dataclass(frozen=True)
class Clock:
    """Where the loop reads the time and sleeps (tests give their own)."""

    wall: Callable[[], dt.datetime] = _utc_now
    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep

    def read(self) -> Moment:
        return Moment(self.wall().astimezone(UTC), self.monotonic())


class Timetable(Protocol):
    @property
    def zone(self) -> dt.tzinfo:
        """The zone its times are shown (and, for cron, kept) in."""
        ...

    def first(self, now: Moment) -> Moment: ...

    def after(self, started: Moment, now: Moment) -> tuple[Moment, int]:
        """The next run after a run that started at started, and how many times were missed."""
        ...

    def left(self, due: Moment, now: Moment) -> float:
        """Seconds from now until due, on the clock this timetable keeps time by."""
        ...

    def stepped_back(self, due: Moment, last: Moment | None, now: Moment, by: float) -> Moment:
        """The next run after the wall clock was set back by `by` seconds."""
        ...

    def __str__(self) -> str: ...


@dataclass(frozen=True)
class Every:
    seconds: float
    zone: dt.tzinfo = UTC

    def first(self, now: Moment) -> Moment:
        return now

    def after(self, started: Moment, now: Moment) -> tuple[Moment, int]:
        due = started.mono + self.seconds
        missed = 0 if due > now.mono else math.floor((now.mono - due) / self.seconds) + 1
        return now.plus(due + missed * self.seconds - now.mono), missed

    def left(self, due: Moment, now: Moment) -> float:
        return due.mono - now.mono

    def stepped_back(self, due: Moment, last: Moment | None, now: Moment, by: float) -> Moment:
        return now.plus(due.mono - now.mono)  # elapsed time is what counts

    def __str__(self) -> str:
        return f"every {self.seconds:g} s"


@dataclass(frozen=True)
class Cron:
    expression: cron.Cron
    zone: dt.tzinfo = field(default=UTC)

    def _at(self, wall: dt.datetime, now: Moment) -> Moment:
        return Moment(wall, now.mono + (wall - now.wall).total_seconds())

    def _next(self, after: dt.datetime, now: Moment) -> Moment:
        return self._at(crontime.next_run(self.expression, after, self.zone), now)

    def first(self, now: Moment) -> Moment:
        return self._next(now.wall, now)

    def after(self, started: Moment, now: Moment) -> tuple[Moment, int]:
        due = self._next(started.wall, now)
        missed = 0
        while due.wall <= now.wall:
            missed += 1
            due = self._next(due.wall, now)
        return due, missed

    def left(self, due: Moment, now: Moment) -> float:
        return (due.wall - now.wall).total_seconds()

    def stepped_back(self, due: Moment, last: Moment | None, now: Moment, by: float) -> Moment:
        """As cron does: a wildcard job follows the wall clock back and runs its times
        again; a fixed-time job does not run a time twice, unless the clock went back more
        than three hours, which cron takes as a new start."""
        if not (self.expression.wild or by > LARGE_STEP):
            return self._at(due.wall, now)
        again = self._next(now.wall, now)
        if last is not None and again.wall == last.wall and by <= LARGE_STEP:
            again = self._next(again.wall, now)  # the time just run is not run twice in a row
        return again

    def __str__(self) -> str:
        return f"cron '{self.expression.text}' ({self.zone})"


def stamp(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """A time as the log shows it: in the zone, to the second, with its UTC offset."""
    local = moment.astimezone(zone) if moment.tzinfo else moment
    return local.isoformat(sep=" ", timespec="seconds")


@dataclass
class _Looker:
    """Reads the clock and notices when the wall clock was set, against the monotonic one."""

    clock: Clock
    last: Moment = field(init=False)

    def __post_init__(self) -> None:
        self.last = self.clock.read()

    def look(self) -> tuple[Moment, float]:
        """Now, and how many seconds the wall clock was set forward (negative: back)."""
        now = self.clock.read()
        step = (now.wall - self.last.wall).total_seconds() - (now.mono - self.last.mono)
        self.last = now
        return now, step if abs(step) > STEP else 0.0


def schedule(
    table: Timetable,
    job: Callable[[], Summary],
    log: Callable[[str], None],
    *,
    max_runs: int | None = None,
    clock: Clock | None = None,
) -> int:
    """Run job at the table's times until max_runs (or forever); returns how many failed."""
    looker = _Looker(clock or Clock())
    now = looker.last
    due = table.first(now)
    last: Moment | None = None
    runs = failed = 0

    def show(moment: Moment) -> str:
        return stamp(moment.wall, table.zone)

    log(f"schedule: {table}; first run at {show(due)}")

    def moved(now: Moment, step: float) -> None:
        nonlocal due
        if step < 0:
            due = table.stepped_back(due, last, now, -step)
        way = "forward" if step > 0 else "back"
        log(f"the clock was set {way} {abs(step):.0f} s; next run at {show(due)}")

    while max_runs is None or runs < max_runs:
        while (left := table.left(due, now)) > 0:
            looker.clock.sleep(min(left, CHECK))
            now, step = looker.look()
            if step:
                moved(now, step)
        started, last = now, due
        runs += 1
        summary = job()
        failed += not summary.ok
        result = "ok" if summary.ok else "FAILED"
        if max_runs is not None and runs >= max_runs:
            log(f"run {runs} {result}: {summary}; done ({runs} of {max_runs})")
            break
        now, step = looker.look()
        due, missed = table.after(started, now)
        if step < 0:
            due = table.stepped_back(due, last, now, -step)
        skipped = f"; {missed} missed while running, skipped" if missed else ""
        log(f"run {runs} {result}: {summary}; next at {show(due)}{skipped}")
    return failed


def zone(name: str) -> dt.tzinfo:
    """The IANA time zone of that name (Europe/London, UTC); ValueError says what is wrong."""
    import difflib
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
        pass
    hint = difflib.get_close_matches(name, sorted(zoneinfo.available_timezones()), n=1)
    more = f"; did you mean {hint[0]}?" if hint else "; give an IANA name such as Europe/London"
    raise ValueError(f"'{name}' is not a time zone{more}")


def _zone_name(name: str) -> bool:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
        return False
    return True


def local_zone() -> dt.tzinfo:
    """The machine's time zone, as cron takes it: TZ, else /etc/localtime, else the
    current UTC offset (which knows no daylight saving)."""
    import os
    import zoneinfo

    name = os.environ.get("TZ", "").lstrip(":")
    if name.startswith("/"):  # TZ=/usr/share/zoneinfo/Asia/Tokyo, as libc reads it
        try:
            with open(name, "rb") as data:
                return zoneinfo.ZoneInfo.from_file(data, key=name)
        except (ValueError, OSError):
            pass
    elif name and not _zone_name(name):  # a POSIX rule such as JST-9: libc's offset now
        return dt.datetime.now().astimezone().tzinfo or UTC
    candidates = [name] if name else []
    link = os.path.realpath("/etc/localtime")
    if "/zoneinfo/" in link:
        candidates.append(link.split("/zoneinfo/", 1)[1])
    for key in candidates:
        try:
            return zoneinfo.ZoneInfo(key)
        except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
            continue
    try:
        with open("/etc/localtime", "rb") as data:
            return zoneinfo.ZoneInfo.from_file(data, key="localtime")
    except (ValueError, OSError):
        return dt.datetime.now().astimezone().tzinfo or UTC
