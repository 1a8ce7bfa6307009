"""briefgen publish."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefgen.cli import options as o
from briefgen.cli.output import echo

EPILOG_PUBLISH = """\b
Examples:
  briefgen publish                    every brief in content/, as built in out/
  briefgen publish content/india.yaml one brief
  briefgen build && mail-briefs out/*.pdf && briefgen publish
                                      publish what was sent, once it was sent

\b
NEW and CHANGED mark what changed since the edition last published: the one
readers were last given. An edition is published by a successful --on-change
command (the briefs whose files it was handed), by build --publish, or by this
command; building alone never moves it. Publishing records the edition now in
the output folder and changes no file there.
"""


@click.command(epilog=EPILOG_PUBLISH, short_help="Record the built briefs as given to readers.")
@o.PATHS
@o.OUTPUT
@o.STATE_DIR
@o.QUIET
def publish(
    paths: tuple[Path, ...], output: Path | None, state_dir: Path | None, quiet: bool
) -> None:
    """Record the briefs in the output folder as seen by their readers.

    Takes content files or folders (default: content/). The next build marks
    NEW and CHANGED against the editions published now. Exit code 1 if a
    brief was never built into the folder (nothing to publish).
    """
    from briefgen.errors import BriefgenError, display_path
    from briefgen.regen import build as building
    from briefgen.regen import editions, lock
    from briefgen.regen import state as states

    project = o.project()
    out = output or project.output
    sources = building.find_content(o.targets(project, paths))
    state = states.folder(project, out, state_dir)
    if not state.is_dir() and not (out / states.OLD).is_dir():
        raise BriefgenError(f"nothing was built into {display_path(out)} yet; nothing to publish")
    missing = 0
    with lock.hold(out, state=state):
        moved = states.migrate(out, state)
        if moved and not quiet:
            echo(moved)
        for source in sources:
            done = editions.publish(state, source.stem)
            if done is None:
                missing += 1
                echo(
                    f"error: {display_path(source)}: not built into {display_path(out)} yet; "
                    "nothing to publish",
                    err=True,
                )
            elif not quiet:
                said = "published" if done else "already published"
                echo(f"{said}: {display_path(source)}")
    if missing:
        sys.exit(1)


command = publish
