"""briefgen watch."""

from __future__ import annotations

from typing import Any

import click

from briefgen.cli import options as o
from briefgen.cli.output import echo, echo_line

EPILOG_WATCH = """\b
Examples:
  briefgen watch                      every brief in content/; Ctrl-C stops
  briefgen watch content/india.yaml   one brief
  briefgen watch --poll               on a network drive (no file events there)
  briefgen watch --on-change "rsync -a --relative"
                                      copy each changed file somewhere

\b
Watches the content files and every file they read, templates/, the built-in
templates, every logo, letterhead and font a theme names, and briefgen.toml,
through the system's file events (with --poll, or where file events cannot be
had, by looking at sizes and times every --interval seconds). Saving a content
file, or a table it reads, rebuilds that brief alone; a change to a template,
theme or setting rebuilds the briefs that use it. A burst of saves gives one
rebuild; a brief that fails is reported and watching goes on.
"""


@click.command(short_help="Build, then rebuild on every change; Ctrl-C stops.", epilog=EPILOG_WATCH)
@o.building(shard=False)
@click.option(
    "--poll",
    is_flag=True,
    help="Look for changes every --interval seconds instead of using file events "
    "(for network drives).",
)
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=0.5,
    show_default=True,
    metavar="SECONDS",
    help="How often to look for changes when polling.",
)
@click.option("--max-builds", type=click.IntRange(min=1), hidden=True)
def watch(poll: bool, interval: float, max_builds: int | None, **common: Any) -> None:
    """Build, then rebuild whenever content, templates, theme or settings change."""
    import math
    import sys

    from briefgen.cli import output
    from briefgen.regen import watch as watching

    options = o.regen_options(common, wait=math.inf)  # it waits for another build's lock
    try:
        watching.watch(
            common["paths"],
            options,
            echo_line,
            poll=poll,
            interval=interval,
            max_builds=max_builds,
            clock=not output.stamped(sys.stdout, output.to_journal(sys.stdout)),
        )
    except KeyboardInterrupt:
        echo("stopped watching")


command = watch
