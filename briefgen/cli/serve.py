"""briefgen serve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from briefgen.cli import options as o
from briefgen.cli.output import echo, echo_line

EPILOG_SERVE = """\b
Examples:
  briefgen serve                      every brief in content/, at http://127.0.0.1:8000/
  briefgen serve content/india.yaml --open
  briefgen serve --port 8123

\b
Each brief's page shows it as the PDF draws it, its text size and fill, and what
changed since the edition last published; on request, the DOCX as LibreOffice lays it out
beside it. Saving content, a table, a template, a theme or briefgen.toml updates
the open page; an error shows in place of the page, over the last good one.
Nothing is written to the output folder or the project.
"""


@click.command(short_help="Show the briefs in a browser, updated as you save.", epilog=EPILOG_SERVE)
@o.PATHS
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    metavar="PORT",
    help="Port to listen on (default: 8000, or the next free one; 0: any free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADDRESS",
    help="Address to listen on. Anything but this machine's own (127.0.0.1, ::1, "
    "localhost) lets others read the briefs, and is warned about.",
)
@click.option(
    "--open/--no-open",
    "open_browser",
    default=False,
    show_default=True,
    help="Open the list of briefs in the default browser.",
)
@o.AS_OF
def serve(
    paths: tuple[Path, ...],
    port: int | None,
    host: str,
    open_browser: bool,
    as_of: dt.date | None,
) -> None:
    """Show the briefs in a browser, and each change to them as you save."""
    from briefgen.serve.loop import Settings
    from briefgen.serve.loop import serve as serving

    settings = Settings(
        paths=paths,
        host=host,
        port=8000 if port is None else port,
        port_given=port is not None,
        open_browser=open_browser,
        as_of=as_of,
    )
    try:
        serving(settings, echo_line)
    except KeyboardInterrupt:
        echo("stopped serving")  # then exit code 130 (SIGINT) or 143 (SIGTERM): see cli


command = serve
