"""What briefgen prints: every line through one function."""

from __future__ import annotations

import os
import sys

import click

from briefgen import terminal


def echo(message: str, err: bool = False) -> None:
    """Every line briefgen prints, with control characters from files made visible."""
    click.echo(terminal.visible(message), err=err)


def echo_line(line: str, err: bool) -> None:
    """echo, in the form the build and watch loops call it."""
    echo(line, err=err)


def is_terminal() -> bool:
    """stderr is a terminal that can redraw a line."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
