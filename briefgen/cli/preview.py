"""briefgen preview."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from briefgen.cli import options as o
from briefgen.cli.output import echo


@click.command(short_help="Render each brief's page to a PNG, to look at it.")
@o.PATHS
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
@o.AS_OF
def preview(paths: tuple[Path, ...], output: Path | None, dpi: int, as_of: dt.date | None) -> None:
    """Render each brief's page to a PNG, to look at it without opening a file.

    \b
    Examples:
      briefgen preview                        every brief in content/ -> out/<name>.png
      briefgen preview content/x.yaml -o docs
      briefgen preview out/x.pdf              a PDF already built

    Content files are built to PDF in a temporary folder first; only the PNG is
    written (to out/ unless -o says otherwise), so the briefs in out/ are not touched.
    """
    import tempfile

    from briefgen import preview as previewing
    from briefgen.errors import display_path, error_lines
    from briefgen.regen import build as building

    project = o.project()
    out_dir = output or project.output
    pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
    sources = [p for p in paths if p.suffix.lower() != ".pdf"]
    failed = 0
    for pdf in pdfs:
        png = previewing.render(pdf, out_dir / (pdf.stem + ".png"), dpi)
        echo(f"rendered {display_path(png)}")
    if sources or not pdfs:
        with tempfile.TemporaryDirectory() as tmp:
            for result in building.build(
                project,
                o.targets(project, tuple(sources)),
                output=Path(tmp),
                formats=("pdf",),
                as_of=as_of,
                allow_overflow=True,
            ):
                if result.error:
                    failed += 1
                    for line in error_lines(result.error):
                        echo(line, err=True)
                    continue
                png = previewing.render(
                    result.outputs[0], out_dir / (result.source.stem + ".png"), dpi
                )
                echo(f"rendered {display_path(png)}")
    if failed:
        sys.exit(1)


command = preview
