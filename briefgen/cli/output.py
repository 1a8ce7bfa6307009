"""What briefgen prints: every line through one function.

Lines from a file are shown, never obeyed (:func:`briefgen.terminal.visible`).
Two additions make a log a scheduler can read:

- **Times.** The lines of a build (``build``, ``watch``, ``schedule``) start with
  an ISO 8601 time with its offset, ``2026-07-02T06:00:01+01:00``, when they do
  not go to a terminal (cron mail, ``>> briefgen.log``, a container's log);
  ``BRIEFGEN_TIMESTAMPS=always`` or ``never`` decides otherwise.
- **Priorities.** Under systemd, where a stream is the journal's
  (``JOURNAL_STREAM``), every line starts with a syslog priority (``<3>`` error,
  ``<4>`` warning, ``<5>`` notice, ``<6>`` information), so ``journalctl -p err``
  finds failures; the journal keeps its own times, so none are added there.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TextIO

import click

from briefgen import terminal

ERROR, WARNING, NOTICE, INFO = 3, 4, 5, 6
_logging = False  # whether this command's lines are a build's log (see log_lines)
_level = 0  # -1: --quiet (errors and warnings only), 0, 1: --verbose (lists in full)


def set_level(level: int) -> None:
    """How much this command says: -1 (--quiet), 0 or 1 (--verbose)."""
    global _level
    _level = level


QUIET_HELP = "Print only errors and warnings."
VERBOSE_HELP = (
    "Say more: every name and reason where a line would end in 'and N more'. "
    "(BRIEFGEN_DEBUG=1 shows the traceback of an internal error.)"
)


def loudness_option(_ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """The callback of -q/--quiet and -v/--verbose: sets the level for this run."""
    if value:
        set_level(-1 if param.name == "quiet" else 1)
    return value


def loudness(command: click.Command) -> None:
    """Give command (and, for a group, each of its commands) -q/--quiet and -v/--verbose."""
    names = {p.name for p in command.params}
    for name, flags, help_text in (
        ("quiet", ["-q", "--quiet"], QUIET_HELP),
        ("verbose", ["-v", "--verbose"], VERBOSE_HELP),
    ):
        if name not in names:
            command.params.append(
                click.Option(
                    flags,
                    is_flag=True,
                    expose_value=False,
                    callback=loudness_option,
                    help=help_text,
                )
            )
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            loudness(sub)


def quiet() -> bool:
    return _level < 0


def verbose() -> bool:
    return _level > 0


def log_lines(on: bool = True) -> None:
    """This command's lines are a build's log: they carry times when not on a terminal."""
    global _logging
    _logging = on


def priority(message: str, err: bool) -> int:
    if message.startswith(("error:", "internal error:")) or "FAILED" in message.split(":")[0]:
        return ERROR  # schedule's "run 3 FAILED: ..." too
    if message.startswith("warning:"):
        return WARNING
    return NOTICE if err else INFO


def to_journal(stream: TextIO) -> bool:
    """Whether stream is the systemd journal's (JOURNAL_STREAM is its device:inode)."""
    expected = os.environ.get("JOURNAL_STREAM", "")
    if not expected:
        return False
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return expected == f"{info.st_dev}:{info.st_ino}"


def stamped(stream: TextIO, journal: bool) -> bool:
    """Whether a line to stream starts with its time (journal: the stream is the journal's)."""
    chosen = os.environ.get("BRIEFGEN_TIMESTAMPS", "auto")
    if chosen == "always":
        return True
    if chosen == "never" or not _logging or journal:
        return False
    try:
        return not stream.isatty()
    except (OSError, ValueError, AttributeError):
        return True


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def echo(message: str, err: bool = False, when: str | None = None) -> None:
    """Every line briefgen prints, with control characters from files made visible.

    when: the time the line is stamped with whatever the stream (schedule's log, in
    its --tz); the journal's lines carry none, as the journal keeps its own.
    """
    if _level < 0 and priority(message, err) > WARNING:
        return  # --quiet: errors and warnings only
    stream = sys.stderr if err else sys.stdout
    line = terminal.visible(message)
    journal = to_journal(stream)
    if when is not None and not journal:
        line = f"{when} {line}"
    elif when is None and stamped(stream, journal):
        line = f"{now()} {line}"
    if journal:
        line = f"<{priority(message, err)}>{line}"
    click.echo(line, err=err)


def echo_line(line: str, err: bool) -> None:
    """echo, in the form the build and watch loops call it."""
    echo(line, err=err)


def is_terminal() -> bool:
    """stderr is a terminal that can redraw a line."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
