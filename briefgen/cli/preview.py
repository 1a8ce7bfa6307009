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
    help="Folder for the PNGs (default: previews/ beside briefgen.toml, kept apart "
    "from the briefs readers are given).",
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
      briefgen preview                        every brief in content/ -> previews/<name>.png
      briefgen preview content/x.yaml -o docs
      briefgen preview out/x.pdf              a PDF already built

    A brief on two pages (pages: 2 in its content file, or pages = 2 in
    briefgen.toml) gives <name>.png and <name>-page-2.png.
    Content files are built to PDF in a temporary folder first; only the PNGs are
    written (to previews/ unless -o says otherwise), so the briefs in out/ are not
    touched and no picture lands among them.
    """
    import tempfile

    from briefgen import preview as previewing
    from briefgen.errors import display_path, error_lines
    from briefgen.regen import build as building

    project = o.project()
    out_dir = output or project.root / PREVIEWS
    for path in paths:
        _check(path)
    pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
    sources = [p for p in paths if p.suffix.lower() != ".pdf"]
    failed = 0
    for pdf in pdfs:
        pngs = previewing.render(pdf, out_dir / (pdf.stem + ".png"), dpi)
        echo(f"rendered {', '.join(display_path(png) for png in pngs)}")
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
                pngs = previewing.render(
                    result.outputs[0], out_dir / (result.source.stem + ".png"), dpi
                )
                echo(f"rendered {', '.join(display_path(png) for png in pngs)}")
    if failed:
        sys.exit(1)


PREVIEWS = "previews"
#: what briefgen writes, which preview does not read (it reads content and PDFs)
OUTPUTS = {".docx": "DOCX", ".html": "HTML page", ".md": "Markdown file", ".pptx": "slide"}


def _check(path: Path) -> None:
    """A located error for a path preview cannot show: missing, or a brief's other format."""
    from briefgen.errors import BriefgenError, display_path

    shown = display_path(path)
    if not path.exists():
        raise BriefgenError("no such file or folder", file=shown)
    kind = OUTPUTS.get(path.suffix.lower()) or (
        "picture" if path.suffix.lower() in (".png", ".jpg", ".jpeg") else None
    )
    if kind and path.is_file():
        raise BriefgenError(
            f"this is a {kind}; preview shows content files (.yaml, .yml, .json), folders "
            f"of them and PDFs: name the brief's content file, or its PDF "
            f"({path.with_suffix('.pdf').name})",
            file=shown,
        )


command = preview
