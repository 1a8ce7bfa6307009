"""briefgen schedule."""

from __future__ import annotations

import datetime as dt
import math
import sys
from typing import Any

import click

from briefgen.cli import options as o
from briefgen.cli.output import echo

EPILOG_SCHEDULE = """\b
Examples:
  briefgen schedule --every 30m              now, then every 30 minutes
  briefgen schedule --cron "0 6 * * 1-5"     06:00 on weekdays (local time)
  briefgen schedule --cron "0 6 * * 1-5" --tz Europe/London
  briefgen schedule --every 1h --on-change "mail-brief --to desk"

\b
Durations: 45s, 30m, 2h, 1h30m, 1d. Cron: minute hour day-of-month month
day-of-week, with *, a-b, a,b, */n, a-b/n; names such as mon-fri, sat-sun or
jan; @hourly, @daily, @weekly, @monthly, @yearly. Cron times are wall-clock
times in --tz (default: the machine's zone) and cross daylight-saving changes
as cron does. Runs in the foreground (for systemd, a container or a terminal),
logs each run with its time and result, and never runs two builds at once. To
let cron or a systemd timer start each build instead, run 'briefgen build -q'.
"""


@click.command(epilog=EPILOG_SCHEDULE)
@o.building()
@click.option("--every", metavar="DURATION", help="Build now, then every DURATION (30m, 2h, 1d).")
@click.option(
    "--cron",
    "cron_expr",
    metavar="EXPR",
    help='Build at the times of a cron expression, e.g. "0 6 * * 1-5".',
)
@click.option(
    "--tz",
    "tz",
    metavar="ZONE",
    help="IANA time zone of the cron times and the log, e.g. Europe/London or UTC "
    "(default: the machine's, as cron).",
)
@click.option(
    "--max-runs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Stop after N runs (default: never).",
)
def schedule(
    every: str | None,
    cron_expr: str | None,
    tz: str | None,
    max_runs: int | None,
    **common: Any,
) -> None:
    """Build on a timetable, in the foreground, logging each run.

    Exit code (after --max-runs): 1 if any run had a failure, else 0.
    """
    from briefgen import project as projects
    from briefgen.regen import cron
    from briefgen.regen import runner as regen
    from briefgen.regen import schedule as scheduling

    if (every is None) == (cron_expr is None):
        raise click.UsageError("give one of --every DURATION or --cron EXPR")
    try:
        zone = scheduling.local_zone() if tz is None else scheduling.zone(tz)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--tz") from None
    table: scheduling.Timetable
    try:
        if every is not None:
            table = scheduling.Every(scheduling.duration(every), zone)
        else:
            assert cron_expr is not None
            table = scheduling.Cron(cron.parse(cron_expr), zone)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every" if every else "--cron") from None
    options = o.regen_options(common, wait=math.inf)  # it waits for another build's lock

    def log(line: str, err: bool = False) -> None:
        echo(line, err=err, when=scheduling.stamp(dt.datetime.now(zone), zone))

    try:
        failed = scheduling.schedule(
            table, lambda: regen.safe_run(projects.find, options, log), log, max_runs=max_runs
        )
    except KeyboardInterrupt:
        log("stopped")
        return
    if failed:
        sys.exit(1)


command = schedule
