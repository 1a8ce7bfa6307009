"""briefgen init."""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.cli.output import echo


@click.command(short_help="Create a project that builds at once.")
@click.argument("directory", default=".", type=click.Path(path_type=Path, file_okay=False))
def init(directory: Path) -> None:
    """Create a project in DIRECTORY (default: here) that builds at once.

    \b
    Example:
      briefgen init my-briefs && cd my-briefs && briefgen build

    \b
    Creates:
      content/us-india-defence.yaml   an example brief to copy from
      briefgen.toml                   settings, every key commented
      templates/                      your template overrides (empty)

    Existing files are never overwritten. Then run: briefgen build
    """
    from briefgen.scaffold import create

    for line in create(directory):
        echo(line)


command = init
