"""The briefgen command line.

Each command parses its options, calls one function and turns a BriefgenError
into one line on stderr and exit code 1. Heavy imports happen inside the
commands, so ``--help`` answers at once.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sys
from pathlib import Path
from typing import Any

import click

from briefgen import __version__, terminal, writers

EPILOG_BUILD = """\b
Examples:
  briefgen build                      every brief in content/ -> out/
  briefgen build content/india.yaml   one brief
  briefgen build -o dist -f pdf       PDF only, into dist/
  briefgen build --as-of 2025-07-15   date the brief (and its "due in N days")
  briefgen build --force              rebuild even briefs whose inputs are unchanged
  briefgen build --wait 60            wait up to 60 s for another build of out/
  briefgen build --on-change "mail-brief --to desk"
                                      run a command with the changed files appended
  briefgen build --jobs 4             build in 4 worker processes at once
  briefgen build --shard 2/4          only the 2nd of 4 shares of the briefs: run
                                      1/4 .. 4/4 on four machines to split the set

\b
Only briefs whose inputs changed since the last build are built (the record is
in out/.briefgen/); a file whose bytes come out the same is not rewritten.
--jobs defaults to the number of processors; the files, lines and exit code
are the same whatever it is. A brief is always in the same shard, whatever
other briefs exist; shards may write into one folder at once.
Exit codes: 0 all built, 1 a brief (or the --on-change command) failed,
2 a usage error, 75 another build holds the output folder.
"""

EPILOG_WATCH = """\b
Examples:
  briefgen watch                      every brief in content/; Ctrl-C stops
  briefgen watch content/india.yaml   one brief
  briefgen watch --on-change "rsync -a --relative"
                                      copy each changed file somewhere

\b
Watches the content files, every file they read, templates/, the built-in
templates and briefgen.toml, by looking at their sizes and times every
--interval seconds (no file system events needed). A burst of saves gives one
rebuild; a brief that fails is reported and watching goes on.
"""

EPILOG_SCHEDULE = """\b
Examples:
  briefgen schedule --every 30m              now, then every 30 minutes
  briefgen schedule --cron "0 6 * * 1-5"     06:00 on weekdays (local time)
  briefgen schedule --every 1h --on-change "mail-brief --to desk"

\b
Durations: 45s, 30m, 2h, 1h30m, 1d. Cron: minute hour day-of-month month
day-of-week, with *, a-b, a,b, */n; names such as mon-fri or jan; @daily,
@hourly. Runs in the foreground (for systemd, a container or a terminal), logs
each run with its time and result, and never runs two builds at once. To let
cron or a systemd timer start each build instead, run 'briefgen build -q'.
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


def _seconds(_ctx: click.Context, _param: click.Parameter, value: str | None) -> float | None:
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


def _formats(formats: tuple[str, ...]) -> None:
    from briefgen import writers

    for name in formats:
        if name not in writers.names():
            raise click.BadParameter(
                f"'{name}' is not one of {', '.join(writers.names())}", param_hint="--format"
            )


def _shard(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from briefgen import shard

    try:
        return shard.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


JOBS = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Build in N worker processes at once (default: one per processor; "
    "1 builds in this process). The files are the same whatever N is.",
)
SHARD = click.option(
    "--shard",
    callback=_shard,
    metavar="I/N",
    help="Only the I-th of N shares of the briefs (1-based), e.g. 2/4; each brief is "
    "always in the same one, so N machines or containers can split a set.",
)


def _jobs(jobs: int | None) -> int:
    from briefgen.job import default_jobs

    return jobs if jobs is not None else default_jobs()


OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder to write into (default: out/, or 'output' in briefgen.toml).",
)
FORMATS = click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help=f"{' or '.join(writers.names())}; repeat for more than one (default: all).",
)
ALLOW_OVERFLOW = click.option(
    "--allow-overflow",
    is_flag=True,
    help="Write a brief that does not fit one page, with a warning, instead of failing.",
)
QUIET = click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings.")
ON_CHANGE = click.option(
    "--on-change",
    callback=_command,
    metavar="CMD",
    help="After a build that changed any file, run CMD with '--' and the changed files "
    "appended as arguments (split like a shell line; no shell runs it).",
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        from briefgen.errors import BriefgenError

        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            echo(f"error: {exc}", err=True)
            sys.exit(getattr(exc, "exit_code", 1))


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
@OUTPUT
@FORMATS
@AS_OF
@ALLOW_OVERFLOW
@click.option("--force", is_flag=True, help="Build every brief, even if its inputs are unchanged.")
@click.option(
    "--wait",
    callback=_seconds,
    is_flag=False,
    flag_value="forever",
    default=None,
    metavar="[SECONDS]",
    help="If another build holds the output folder, wait for it (up to SECONDS) "
    "instead of exiting with code 75. Put it after the paths, or write --wait=60.",
)
@ON_CHANGE
@JOBS
@SHARD
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr for more than a few briefs "
    "(default: when stderr is a terminal and not --quiet).",
)
@QUIET
def build(
    paths: tuple[Path, ...],
    output: Path | None,
    formats: tuple[str, ...],
    as_of: dt.date | None,
    allow_overflow: bool,
    force: bool,
    wait: float | None,
    on_change: tuple[str, ...],
    jobs: int | None,
    shard: Any,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Build briefs from content files or folders (default: content/).

    Writes DIR/<name>.docx and DIR/<name>.pdf for each content file, one line
    per brief, saying why it was built and what changed since the last edition.
    A brief that fails does not stop the others; the exit code is 1 if any
    failed. A failed brief leaves its previous files untouched.
    """
    from briefgen import regen

    _formats(formats)
    options = regen.Options(
        paths=paths,
        output=output,
        formats=formats,
        as_of=as_of,
        allow_overflow=allow_overflow,
        force=force,
        wait=wait,
        quiet=quiet,
        on_change=on_change,
        jobs=_jobs(jobs),
        shard=shard,
        progress=_terminal() and not quiet if progress is None else progress,
    )
    summary = regen.run(_project(), options, _echo)
    if not summary.ok:
        sys.exit(1)


def echo(message: str, err: bool = False) -> None:
    """Every line briefgen prints, with control characters from files made visible."""
    click.echo(terminal.visible(message), err=err)


def _echo(line: str, err: bool) -> None:
    echo(line, err=err)


def _terminal() -> bool:
    """stderr is a terminal that can redraw a line."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@cli.command()
@PATHS
@AS_OF
@JOBS
@SHARD
def validate(paths: tuple[Path, ...], as_of: dt.date | None, jobs: int | None, shard: Any) -> None:
    """Check content, template and one-page fit, writing nothing.

    \b
    Examples:
      briefgen validate                   every brief in content/
      briefgen validate content/x.yaml    one brief
      briefgen validate --shard 1/4       the first of four shares of the briefs

    Prints one line per brief: 'ok' with the size it fits at, or the error
    (file, line, field). Exit code 1 if any brief has an error.
    """
    from briefgen import build as building
    from briefgen.errors import display_path

    project = _project()
    failed = 0
    for result in building.build(
        project,
        _targets(project, paths),
        as_of=as_of,
        write=False,
        jobs=_jobs(jobs),
        shard=shard,
    ):
        if result.error:
            failed += 1
            echo(f"error: {result.error}", err=True)
        elif result.prepared:
            made = result.prepared
            echo(
                f"ok {display_path(result.source)} (template {made.template}, "
                f"{made.scale:g} pt, {made.fill:.0%} of the page)"
            )
    if failed:
        sys.exit(1)


def _following(
    paths: tuple[Path, ...],
    output: Path | None,
    formats: tuple[str, ...],
    allow_overflow: bool,
    quiet: bool,
    on_change: tuple[str, ...],
    jobs: int | None,
    shard: Any = None,
) -> Any:
    """Options for the commands that keep building (watch, schedule): they wait for a lock."""
    from briefgen import regen

    _formats(formats)
    return regen.Options(
        paths=paths,
        output=output,
        formats=formats,
        allow_overflow=allow_overflow,
        wait=math.inf,
        quiet=quiet,
        on_change=on_change,
        jobs=_jobs(jobs),
        shard=shard,
    )


@cli.command(short_help="Build, then rebuild on every change; Ctrl-C stops.", epilog=EPILOG_WATCH)
@PATHS
@OUTPUT
@FORMATS
@ALLOW_OVERFLOW
@ON_CHANGE
@QUIET
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=0.5,
    show_default=True,
    metavar="SECONDS",
    help="How often to look for changes.",
)
@click.option("--max-builds", type=click.IntRange(min=1), hidden=True)
@JOBS
def watch(
    paths: tuple[Path, ...],
    output: Path | None,
    formats: tuple[str, ...],
    allow_overflow: bool,
    on_change: tuple[str, ...],
    quiet: bool,
    interval: float,
    max_builds: int | None,
    jobs: int | None,
) -> None:
    """Build, then rebuild whenever content, templates, theme or settings change."""
    from briefgen import watch as watching

    options = _following(paths, output, formats, allow_overflow, quiet, on_change, jobs)
    try:
        watching.watch(paths, options, _echo, interval=interval, max_builds=max_builds)
    except KeyboardInterrupt:
        echo("stopped watching")


@cli.command(epilog=EPILOG_SCHEDULE)
@PATHS
@click.option("--every", metavar="DURATION", help="Build now, then every DURATION (30m, 2h, 1d).")
@click.option(
    "--cron",
    "cron_expr",
    metavar="EXPR",
    help='Build at the times of a cron expression, e.g. "0 6 * * 1-5".',
)
@OUTPUT
@FORMATS
@ALLOW_OVERFLOW
@ON_CHANGE
@QUIET
@click.option(
    "--max-runs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Stop after N runs (default: never).",
)
@JOBS
@SHARD
def schedule(
    paths: tuple[Path, ...],
    every: str | None,
    cron_expr: str | None,
    output: Path | None,
    formats: tuple[str, ...],
    allow_overflow: bool,
    on_change: tuple[str, ...],
    quiet: bool,
    max_runs: int | None,
    jobs: int | None,
    shard: Any,
) -> None:
    """Build on a timetable, in the foreground, logging each run.

    Exit code (after --max-runs): 1 if any run had a failure, else 0.
    """
    from briefgen import cron, regen
    from briefgen import project as projects
    from briefgen import schedule as scheduling

    if (every is None) == (cron_expr is None):
        raise click.UsageError("give one of --every DURATION or --cron EXPR")
    table: scheduling.Timetable
    try:
        if every is not None:
            table = scheduling.Every(scheduling.duration(every))
        else:
            assert cron_expr is not None
            table = scheduling.Cron(cron.parse(cron_expr))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every" if every else "--cron") from None
    options = _following(paths, output, formats, allow_overflow, quiet, on_change, jobs, shard)

    def log(line: str, err: bool = False) -> None:
        echo(f"{scheduling.stamp(dt.datetime.now())} {line}", err=err)

    try:
        failed = scheduling.schedule(
            table, lambda: regen.safe_run(projects.find, options, log), log, max_runs=max_runs
        )
    except KeyboardInterrupt:
        echo("stopped")
        return
    if failed:
        sys.exit(1)


@cli.command(short_help="Create a project that builds at once.")
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
        echo(line)


@cli.command(short_help="Render each brief's page to a PNG, to look at it.")
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

    Content files are built to PDF in a temporary folder first; only the PNG is
    written (to out/ unless -o says otherwise), so the briefs in out/ are not touched.
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
        echo(f"rendered {display_path(png)}")
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
                    echo(f"error: {result.error}", err=True)
                    continue
                png = previewing.render(
                    result.outputs[0], out_dir / (result.source.stem + ".png"), dpi
                )
                echo(f"rendered {display_path(png)}")
    if failed:
        sys.exit(1)


@cli.command()
def doctor() -> None:
    """Check the installation and this project, one line each, with what to do.

    Python and libraries, fonts and their cache, the output and state folders,
    LibreOffice and poppler (optional), every template and theme, a letterhead,
    and whether the fonts draw every character of the content. Exit code 0 when
    all is well (missing optional tools are warnings), 1 otherwise.
    """
    from briefgen import doctor as checks

    sys.exit(checks.main(_project(), echo))


@cli.group()
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
    from briefgen.catalog import listing
    from briefgen.templating import Templates

    for line in listing(Templates(_project())):
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
    from briefgen.catalog import copy
    from briefgen.errors import display_path
    from briefgen.templating import Templates

    target = copy(Templates(_project()), name, dest)
    echo(f"copied {name} to {display_path(target)}; edit brief.html.j2 and theme.toml there")


def _terminate(_signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt  # unwind as Ctrl-C does: temporary files removed, lock released


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli(prog_name="briefgen")
    except KeyboardInterrupt:
        echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not a user error: one line, traceback on request
        if os.environ.get("BRIEFGEN_DEBUG"):
            raise
        echo(
            f"internal error: {type(exc).__name__}: {exc} (set BRIEFGEN_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)
