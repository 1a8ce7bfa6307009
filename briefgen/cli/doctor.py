"""briefgen doctor."""

from __future__ import annotations

import sys

import click

from briefgen.cli.output import echo


@click.command(short_help="Check the installation and this project.")
def doctor() -> None:
    """Check the installation and this project, one line each, with what to do.

    Python and libraries, the shipped fonts, the output and state folders,
    LibreOffice and poppler (optional), every template and theme, a letterhead,
    and whether the fonts draw every character of the content. Exit code 0 when
    all is well (missing optional tools are warnings), 1 otherwise.
    """
    from briefgen import doctor as checks
    from briefgen import project

    sys.exit(checks.main(project.find(), echo))


command = doctor
