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
      briefgen templates copy onepage mine -> templates/mine/ (template: mine)

    A folder in the project's templates/ overrides the built-in template of the
    same name; it can extend the built-in one and change only some blocks:

    \b
      {% extends "builtin:onepage/brief.html.j2" %}
    """


@templates.command("list", short_help="Show every template and where it comes from.")
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


@templates.command("copy", short_help="Copy a built-in template into templates/ to change it.")
@click.argument("name")
@click.argument("dest", required=False, type=click.Path(path_type=Path))
def templates_copy(name: str, dest: Path | None) -> None:
    """Copy built-in template NAME into the project's templates/ to change it.

    DEST, if given, is the new template's name (templates/DEST, which briefs
    then name with template: DEST) or a folder; briefs use only the folders
    directly inside the project's templates/, so a copy elsewhere warns.

    \b
    Examples:
      briefgen templates copy onepage             -> templates/onepage/ (replaces the built-in)
      briefgen templates copy onepage desk-brief  -> templates/desk-brief/ (template: desk-brief)
    """
    from briefgen.errors import display_path
    from briefgen.render.catalog import copy, seen_by_project
    from briefgen.render.templating import Templates

    templates = Templates(o.project())
    target = copy(templates, name, dest)
    shown = display_path(target)
    echo(f"copied {name} to {shown}; edit brief.html.j2 and theme.toml there")
    if not seen_by_project(templates, target):
        where = display_path(templates.project.templates)
        echo(
            f"warning: {shown} is not directly inside {where}/, so this project's briefs "
            f"will not find it; to use it here: briefgen templates copy {name} {target.name}",
            err=True,
        )
    elif target.name != name:
        echo(
            f'briefs use it with template: {target.name} (or template = "{target.name}" '
            "in briefgen.toml)"
        )


command = templates
