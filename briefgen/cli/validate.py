"""briefgen validate."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from briefgen.cli import options as o
from briefgen.cli.output import echo


@click.command()
@o.PATHS
@o.AS_OF
@o.CHECK_JOBS
@o.SHARD
def validate(paths: tuple[Path, ...], as_of: dt.date | None, jobs: int | None, shard: Any) -> None:
    """Check content, template and one-page fit, writing nothing.

    \b
    Examples:
      briefgen validate                   every brief in content/
      briefgen validate content/x.yaml    one brief
      briefgen validate --shard 1/4       the first of four shares of the briefs

    Prints one line per brief: 'ok' with the size it fits at and what of its
    content the template does not show (e.g. 'not shown: 2 of 5 key
    statements'), or the error (file, line, field). Exit code 1 if any brief
    has an error.
    """
    from briefgen.errors import display_path, error_lines, warning_line
    from briefgen.regen import build as building

    project = o.project()
    failed = 0
    for result in building.build(
        project,
        o.targets(project, paths),
        as_of=as_of,
        write=False,
        jobs=o.jobs_or_default(jobs),
        shard=shard,
    ):
        if result.error:
            failed += 1
            for line in error_lines(result.error):
                echo(line, err=True)
        elif result.prepared:
            made = result.prepared
            left = f"; not shown: {', '.join(made.unshown)}" if made.unshown else ""
            echo(
                f"ok {display_path(result.source)} (template {made.template}, {made.detail}{left})"
            )
        for warning in result.warnings:  # e.g. a theme's colours under WCAG AA
            echo(warning_line(display_path(result.source), warning), err=True)
    if failed:
        sys.exit(1)


command = validate
