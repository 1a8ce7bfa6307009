"""briefgen templates list | copy."""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.cli import options as o
from briefgen.cli.output import echo


@click.group()
def templates() -> None:
    """List the templates a brief can use, or copy one to change it.

    \b
    Examples:
      briefgen templates list
      briefgen templates copy onepage      -> templates/onepage/ (yours to edit)

    A folder in the project's templates/ overrides the built-in template of the
    same name; it can extend the built-in one and change only some blocks:

    \b
      {% extends "builtin:onepage/brief.html.j2" %}
    """


@templates.command("list")
def templates_list() -> None:
    """Show every template: name, origin (project or built-in), description.

    \b
    Example:
      briefgen templates list
    """
    from briefgen.render.catalog import listing
    from briefgen.render.templating import Templates

    for line in listing(Templates(o.project())):
        echo(line)


@templates.command("copy")
@click.argument("name")
@click.argument("dest", required=False, type=click.Path(path_type=Path))
def templates_copy(name: str, dest: Path | None) -> None:
    """Copy built-in template NAME into the project (default: templates/NAME).

    \b
    Example:
      briefgen templates copy talking-points
    """
    from briefgen.errors import display_path
    from briefgen.render.catalog import copy
    from briefgen.render.templating import Templates

    target = copy(Templates(o.project()), name, dest)
    echo(f"copied {name} to {display_path(target)}; edit brief.html.j2 and theme.toml there")


command = templates
