"""When cron starts a job in a time zone, across daylight-saving changes.

A cron expression names wall-clock minutes; a zone maps each to one instant,
except around a change of offset. There briefgen does what cron (cronie, Vixie
cron) does, which tells "fixed-time" jobs (neither the minute nor the hour field
starts with ``*``) from "wildcard" jobs (either does):

- Clocks go forward (a wall-clock hour is skipped): a fixed-time job whose time
  falls in the skipped hour runs once, at the first minute after the jump; a
  wildcard job's times in the skipped hour do not happen.
- Clocks go back (a wall-clock hour happens twice): a fixed-time job runs in
  the first pass only; a wildcard job runs in both passes.

Times are compared as UTC instants: two aware datetimes of one zone compare by
their wall clocks and ignore ``fold``, which is wrong within a repeated hour.
"""

from __future__ import annotations

import datetime as dt

from briefgen.regen.cron import Cron

UTC = dt.timezone.utc
MINUTE = dt.timedelta(minutes=1)


def _offsets(wall: dt.datetime, zone: dt.tzinfo) -> tuple[dt.timedelta, dt.timedelta]:
    """The UTC offsets of a wall-clock time taken first (fold 0) and second (fold 1)."""
    first = wall.replace(tzinfo=zone, fold=0).utcoffset()
    second = wall.replace(tzinfo=zone, fold=1).utcoffset()
    assert first is not None and second is not None
    return first, second


def _exists(wall: dt.datetime, zone: dt.tzinfo) -> bool:
    first, second = _offsets(wall, zone)
    return first >= second  # a skipped time takes the later, larger offset second


def _repeated(wall: dt.datetime, zone: dt.tzinfo) -> bool:
    first, second = _offsets(wall, zone)
    return first > second


def _instant(wall: dt.datetime, zone: dt.tzinfo, fold: int = 0) -> dt.datetime:
    return wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)


def runs(expr: Cron, wall: dt.datetime, zone: dt.tzinfo) -> list[dt.datetime]:
    """The instants (UTC, in order) at which cron starts expr for the matching wall minute."""
    first, second = _offsets(wall, zone)
    if first == second:
        return [_instant(wall, zone)]
    if first > second:  # the hour happens twice
        both = [_instant(wall, zone, 0), _instant(wall, zone, 1)]
        return both if expr.wild else both[:1]
    if expr.wild:  # skipped
        return []
    after = wall + MINUTE
    while not _exists(after, zone):
        after += MINUTE
    return [_instant(after, zone)]  # the first minute after the jump


def next_run(expr: Cron, after: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """The first instant strictly after `after` (aware) at which cron starts expr in zone."""
    after = after.astimezone(UTC)
    local = after.astimezone(zone)
    wall = local.replace(tzinfo=None, fold=0)
    found: list[dt.datetime] = []
    if expr.wild and local.fold == 0 and _repeated(wall, zone):
        # in the first pass of a repeated hour: the second pass may come before the next
        # later wall-clock time
        start = wall.replace(second=0, microsecond=0)
        while _repeated(start - MINUTE, zone):
            start -= MINUTE
        again = expr.next_after(start - MINUTE)
        if _repeated(again, zone):
            found.append(_instant(again, zone, 1))
    candidate = wall
    while True:
        candidate = expr.next_after(candidate)
        later = [t for t in runs(expr, candidate, zone) if t > after]
        if later:
            return min([later[0], *found])
