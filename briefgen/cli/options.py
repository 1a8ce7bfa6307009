"""The options commands share, declared once, and the one options type they fill.

build, watch and schedule take the same set (paths, output, formats,
--allow-overflow, --on-change, --quiet, --jobs and, where it applies, --shard):
:func:`building` adds them to a command, :func:`regen_options` turns what
click parsed into :class:`briefgen.regen.runner.Options`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from briefgen import writers
from briefgen.cli import output

F = TypeVar("F", bound=Callable[..., Any])


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


def _command(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    import shlex

    try:
        words = tuple(shlex.split(value))
    except ValueError as exc:
        raise click.BadParameter(f"cannot read {value!r}: {exc}") from None
    if not words:
        raise click.BadParameter("the command is empty")
    return words


def seconds(_ctx: click.Context, _param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    if value == "forever":  # --wait without a value
        return math.inf
    try:
        seconds = float(value)
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not a number of seconds; put --wait after the paths, "
            "or write --wait=SECONDS"
        ) from None
    if not seconds >= 0:
        raise click.BadParameter(f"'{value}' is not a number of seconds")
    return seconds


def check_formats(formats: tuple[str, ...]) -> None:
    for name in formats:
        if name not in writers.names():
            raise click.BadParameter(
                f"'{name}' is not one of {', '.join(writers.names())}", param_hint="--format"
            )


def _shard(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from briefgen.regen import shard

    try:
        return shard.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _jobs(help: str) -> Callable[[F], F]:
    return click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help=help)


JOBS = _jobs(
    "Build in N worker processes at once (default: one per processor; "
    "1 builds in this process). The files are the same whatever N is."
)
CHECK_JOBS = _jobs(  # validate's: it writes no file
    "Check in N worker processes at once (default: one per processor; "
    "1 checks in this process). The report is the same whatever N is."
)
SHARD = click.option(
    "--shard",
    callback=_shard,
    metavar="I/N",
    help="Only the I-th of N shares of the briefs (1-based), e.g. 2/4; each brief is "
    "always in the same one, so N machines or containers can split a set.",
)


def jobs_or_default(jobs: int | None) -> int:
    from briefgen.regen.forkserver import default_jobs

    return jobs if jobs is not None else default_jobs()


OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder to write into (default: out/, or 'output' in briefgen.toml).",
)
STATE_DIR = click.option(
    "--state-dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="BRIEFGEN_STATE_DIR",
    metavar="DIR",
    help="Keep briefgen's records (manifest, editions, lock) under DIR, e.g. "
    "/var/lib/briefgen (default: $BRIEFGEN_STATE_DIR, else .briefgen/ beside briefgen.toml, "
    "or 'state_dir' in it). Runs that build into one output folder must share it.",
)


class _FormatOption(click.Option):
    """--format, whose help names the default formats: found by importing every writer,
    so only when the help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = (
            f"{', '.join(writers.names())}; repeat, or separate with commas, for more "
            "than one (-f docx,pdf) "
            f"(default: {' and '.join(writers.defaults())}, or 'formats' in briefgen.toml)."
        )
        return super().get_help_record(ctx)


def _formats(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> Any:
    """-f docx,pdf as -f docx -f pdf."""
    return tuple(name.strip() for given in value for name in given.split(",") if name.strip())


FORMATS = click.option(
    "-f",
    "--format",
    "formats",
    cls=_FormatOption,
    multiple=True,
    metavar="FORMAT",
    callback=_formats,
)
ALLOW_OVERFLOW = click.option(
    "--allow-overflow",
    is_flag=True,
    help="Write a brief that does not fit one page, with a warning, instead of failing.",
)


QUIET = click.option(
    "-q", "--quiet", is_flag=True, callback=output.loudness_option, help=output.QUIET_HELP
)


ON_CHANGE = click.option(
    "--on-change",
    callback=_command,
    metavar="CMD",
    help="After a build that changed any file, run CMD with '--' and the changed files "
    "appended as arguments (split like a shell line; no shell runs it).",
)

ON_FAILURE = click.option(
    "--on-failure",
    callback=_command,
    metavar="CMD",
    help="After a build in which a brief failed, run CMD with '--' and the failed content "
    "files appended (split like a shell line; no shell runs it), e.g. to page someone.",
)
HOOK_TIMEOUT = click.option(
    "--on-change-timeout",
    "hook_timeout",
    type=click.FloatRange(min=0),
    default=600,
    show_default=True,
    metavar="SECONDS",
    help="Stop --on-change or --on-failure CMD if it runs longer (SIGTERM, then SIGKILL); "
    "the build then exits 1 and the on-change files are handed over next time. 0: no limit.",
)
REPORT = click.option(
    "--report",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Write a JSON report of the run to FILE (replaced after each run): per brief its "
    "status, files with sha256, text size, fill, why it was built, changes and errors.",
)
ATOMIC = click.option(
    "--atomic/--no-atomic",
    default=None,
    help="Publish the build all at once: the output folder becomes a link to a folder of "
    "this build's files, replaced in one rename, so no reader sees a new DOCX beside an "
    "old PDF even if the build is killed (default: 'atomic_output' in briefgen.toml).",
)
PUBLISH = click.option(
    "--publish",
    is_flag=True,
    help="Take each brief built (or up to date) as seen by its readers: the next "
    "edition marks NEW and CHANGED against it. Without it, only a successful "
    "--on-change or 'briefgen publish' does.",
)
KEEP_RETIRED = click.option(
    "--keep-retired",
    is_flag=True,
    help="Keep, and list, the files of briefs whose content file was deleted "
    "(default: a build of the whole folder removes them).",
)


def building(*, shard: bool = True) -> Callable[[F], F]:
    """The options of every command that builds: paths, output, --state-dir, formats, the
    hooks (--on-change, --on-failure, --on-change-timeout), --report, --atomic,
    --publish, --keep-retired, --allow-overflow, --quiet, --jobs and (with shard)
    --shard."""
    stack = [PATHS, OUTPUT, STATE_DIR, FORMATS, ALLOW_OVERFLOW, ON_CHANGE, ON_FAILURE]
    stack += [HOOK_TIMEOUT, REPORT, ATOMIC, PUBLISH, KEEP_RETIRED, QUIET, JOBS]
    if shard:
        stack.append(SHARD)

    def add(command: F) -> F:
        @functools.wraps(command)
        def logged(*args: Any, **kwargs: Any) -> Any:
            from briefgen.cli import output

            output.log_lines()
            return command(*args, **kwargs)

        for option in reversed(stack):
            logged = option(logged)
        return cast(F, logged)

    return add


def regen_options(common: dict[str, Any], **more: Any) -> Any:
    """briefgen.regen.runner.Options from the shared options (see building) and more."""
    from briefgen.regen import runner as regen

    check_formats(common["formats"])
    values = dict(common, **more)
    values["quiet"] = values.get("quiet", False) or output.quiet()
    values["verbose"] = output.verbose()
    values["jobs"] = jobs_or_default(values.get("jobs"))
    return regen.Options(**values)


def project() -> Any:
    from briefgen import project as projects

    return projects.find()


def targets(found: Any, paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else [found.content]
