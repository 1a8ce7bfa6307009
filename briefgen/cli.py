"""The briefgen command line.

Each command parses its options, calls one function and turns a BriefgenError
into one line on stderr and exit code 1. Heavy imports happen inside the
commands, so ``--help`` answers at once.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click

from briefgen import __version__

EPILOG_BUILD = """\b
Examples:
  briefgen build                      every brief in content/ -> out/
  briefgen build content/india.yaml   one brief
  briefgen build -o dist -f pdf       PDF only, into dist/
  briefgen build --as-of 2025-07-15   date the brief (and its "due in N days")
"""


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None


AS_OF = click.option(
    "--as-of",
    callback=_as_of,
    metavar="YYYY-MM-DD",
    help="The date the brief is as of (default: the content's date, else today).",
)
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        from briefgen.errors import BriefgenError

        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def cli() -> None:
    """Turn the facts you keep into a one-page brief, in DOCX and PDF at once.

    \b
    Start a project and build the example brief:
      briefgen init my-briefs && cd my-briefs && briefgen build

    Content lives in YAML or JSON files (content/*.yaml, *.json), which may
    name CSV and XLSX tables; templates in templates/;
    settings in briefgen.toml. Every brief fits one page in both formats.
    """


def _project() -> Any:
    from briefgen import project

    return project.find()


def _targets(project: Any, paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else [project.content]


@cli.command(epilog=EPILOG_BUILD)
@PATHS
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder to write into (default: out/, or 'output' in briefgen.toml).",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help="docx or pdf; repeat for both (default: both).",
)
@AS_OF
@click.option(
    "--allow-overflow",
    is_flag=True,
    help="Write a brief that does not fit one page, with a warning, instead of failing.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings.")
def build(
    paths: tuple[Path, ...],
    output: Path | None,
    formats: tuple[str, ...],
    as_of: dt.date | None,
    allow_overflow: bool,
    quiet: bool,
) -> None:
    """Build briefs from content files or folders (default: content/).

    Writes DIR/<name>.docx and DIR/<name>.pdf for each content file, one line
    per brief. A brief that fails does not stop the others; the exit code is 1
    if any failed. A failed brief leaves its previous files untouched.
    """
    from briefgen import build as building
    from briefgen import writers
    from briefgen.errors import display_path

    for name in formats:
        if name not in writers.names():
            raise click.BadParameter(
                f"'{name}' is not one of {', '.join(writers.names())}", param_hint="--format"
            )
    project = _project()
    failed = 0
    for result in building.build(
        project,
        _targets(project, paths),
        output=output,
        formats=formats or None,
        as_of=as_of,
        allow_overflow=allow_overflow,
    ):
        if result.error:
            failed += 1
            click.echo(f"error: {result.error}", err=True)
            continue
        for warning in result.warnings:
            click.echo(f"warning: {display_path(result.source)}: {warning}", err=True)
        if not quiet and result.prepared:
            fitted = result.prepared.fitted
            files = ", ".join(display_path(p) for p in result.outputs)
            click.echo(
                f"built {files} ({fitted.sizes.body.size:g} pt, {fitted.used:.0%} of the page)"
            )
    if failed:
        sys.exit(1)


@cli.command()
@PATHS
@AS_OF
def validate(paths: tuple[Path, ...], as_of: dt.date | None) -> None:
    """Check content, template and one-page fit, writing nothing.

    \b
    Examples:
      briefgen validate                   every brief in content/
      briefgen validate content/x.yaml    one brief

    Prints one line per brief: 'ok' with the size it fits at, or the error
    (file, line, field). Exit code 1 if any brief has an error.
    """
    from briefgen import build as building
    from briefgen.errors import display_path

    project = _project()
    failed = 0
    for result in building.build(project, _targets(project, paths), as_of=as_of, write=False):
        if result.error:
            failed += 1
            click.echo(f"error: {result.error}", err=True)
        elif result.prepared:
            fitted = result.prepared.fitted
            click.echo(
                f"ok {display_path(result.source)} (template {result.prepared.template}, "
                f"{fitted.sizes.body.size:g} pt, {fitted.used:.0%} of the page)"
            )
    if failed:
        sys.exit(1)


@cli.command()
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
        click.echo(line)


@cli.command()
@PATHS
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder for the PNGs (default: the build output folder, out/).",
)
@click.option(
    "--dpi",
    type=click.IntRange(30, 600),
    default=110,
    show_default=True,
    help="Resolution of the picture.",
)
@AS_OF
def preview(paths: tuple[Path, ...], output: Path | None, dpi: int, as_of: dt.date | None) -> None:
    """Render each brief's page to a PNG, to look at it without opening a file.

    \b
    Examples:
      briefgen preview                        every brief in content/ -> out/<name>.png
      briefgen preview content/x.yaml -o docs
      briefgen preview out/x.pdf              a PDF already built

    Content files are built to PDF first (in a temporary folder: your out/ is not touched).
    """
    import tempfile

    from briefgen import build as building
    from briefgen import preview as previewing
    from briefgen.errors import display_path

    project = _project()
    out_dir = output or project.output
    pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
    sources = [p for p in paths if p.suffix.lower() != ".pdf"]
    failed = 0
    for pdf in pdfs:
        png = previewing.render(pdf, out_dir / (pdf.stem + ".png"), dpi)
        click.echo(f"rendered {display_path(png)}")
    if sources or not pdfs:
        with tempfile.TemporaryDirectory() as tmp:
            for result in building.build(
                project,
                _targets(project, tuple(sources)),
                output=Path(tmp),
                formats=("pdf",),
                as_of=as_of,
                allow_overflow=True,
            ):
                if result.error:
                    failed += 1
                    click.echo(f"error: {result.error}", err=True)
                    continue
                png = previewing.render(
                    result.outputs[0], out_dir / (result.source.stem + ".png"), dpi
                )
                click.echo(f"rendered {display_path(png)}")
    if failed:
        sys.exit(1)


@cli.group()
def templates() -> None:
    """List the templates a brief can use, or copy one to change it.

    \b
    Examples:
      briefgen templates list
      briefgen templates copy onepage      -> templates/onepage/ (yours to edit)

    A folder in the project's templates/ overrides the built-in template of the
    same name; it can extend the built-in one and change only some blocks:
      {% extends "builtin:onepage/brief.html.j2" %}
    """


@templates.command("list")
def templates_list() -> None:
    """Show every template: name, origin (project or built-in), description.

    \b
    Example:
      briefgen templates list
    """
    from briefgen.catalog import listing
    from briefgen.templating import Templates

    for line in listing(Templates(_project())):
        click.echo(line)


@templates.command("copy")
@click.argument("name")
@click.argument("dest", required=False, type=click.Path(path_type=Path))
def templates_copy(name: str, dest: Path | None) -> None:
    """Copy built-in template NAME into the project (default: templates/NAME).

    \b
    Example:
      briefgen templates copy talking-points
    """
    from briefgen.catalog import copy
    from briefgen.errors import display_path
    from briefgen.templating import Templates

    target = copy(Templates(_project()), name, dest)
    click.echo(f"copied {name} to {display_path(target)}; edit brief.html.j2 and theme.toml there")


def main() -> None:
    try:
        cli(prog_name="briefgen")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not a user error: one line, traceback on request
        if os.environ.get("BRIEFGEN_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(exc).__name__}: {exc} (set BRIEFGEN_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)
