"""One build as `build`, `watch` and `schedule` run it: build, report, run the hook.

Each brief gets one line: what was written and why, or that its files came out
the same; the changes since the last edition follow, indented. Briefs whose
inputs did not change are listed together on one line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen import stopping
from briefgen.errors import BriefgenError, display_path, error_lines, warning_line
from briefgen.project import Project
from briefgen.regen import build as building
from briefgen.regen import editions, progress, safewrite
from briefgen.regen import state as states
from briefgen.regen.hooks import HOOK_TIMEOUT, command
from briefgen.regen.shard import Shard

#: echo(line, err): print one line to stdout, or to stderr if err
Echo = Callable[[str, bool], None]
SHOWN = 4  # names or reasons shown before "and N more"


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...] = ()
    output: Path | None = None
    formats: tuple[str, ...] = ()
    as_of: dt.date | None = None
    allow_overflow: bool = False
    force: bool = False
    wait: float | None = None
    quiet: bool = False
    verbose: bool = False  # names and reasons in full, never "and N more"
    on_change: tuple[str, ...] = ()  # a command and its arguments; changed paths are appended
    on_failure: tuple[str, ...] = ()  # a command run when a brief failed; failed sources appended
    hook_timeout: float = HOOK_TIMEOUT  # seconds either command may take before it is stopped
    report: Path | None = None  # where to write the run's JSON report
    atomic: bool | None = None  # publish the build all at once (None: briefgen.toml decides)
    jobs: int = 1  # worker processes (1: build in this process)
    shard: Shard | None = None  # build only this shard of the briefs
    state_dir: Path | None = None  # where briefgen's records are kept (default: the project's)
    progress: bool = False  # a progress bar on stderr, for more than a few briefs
    publish: bool = False  # what is built is what readers see: the baseline of NEW/CHANGED
    keep_retired: bool = False  # keep (and list) the files of briefs whose content is gone


@dataclass
class Summary:
    built: int = 0
    up_to_date: int = 0
    failed: int = 0
    #: files whose bytes changed
    changed: list[Path] = field(default_factory=list)
    #: every file the briefs were read from (for watch)
    inputs: set[Path] = field(default_factory=set)
    #: the files each brief was read from, by content file (for watch)
    reads: dict[Path, tuple[Path, ...]] = field(default_factory=dict)
    #: the on-change or on-failure command failed
    hook_failed: bool = False
    #: the sources of the briefs that failed
    failures: list[Path] = field(default_factory=list)
    #: each brief's result (with --report)
    results: list[building.Result] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.hook_failed

    def __str__(self) -> str:
        parts = [f"{self.built} built", f"{self.up_to_date} up to date", f"{self.failed} failed"]
        if self.changed:
            parts.append(f"{len(self.changed)} files changed")
        return ", ".join(parts)


def _some(items: list[str], sep: str = ", ", every: bool = False) -> str:
    if every:
        return sep.join(items)
    shown = sep.join(items[:SHOWN])
    return shown + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


def describe(result: building.Result, every: bool = False) -> list[str]:
    """The lines for one built brief: what was written, why (every reason: all of them),
    and what changed."""
    assert result.prepared is not None
    made = result.prepared
    why = _some(result.reasons, every=every)
    detail = made.detail + (f"; {why}" if why else "")
    same = [p for p in result.outputs if p not in result.changed]
    if result.changed:
        line = f"built {', '.join(display_path(p) for p in result.changed)} ({detail})"
        if same:
            line += f"; {', '.join(display_path(p) for p in same)} unchanged"
    else:
        line = f"unchanged {', '.join(display_path(p) for p in same)} ({detail})"
    left = (
        [f"  not shown by the template: {', '.join(made.unshown)}"]
        if every and made.unshown
        else []
    )
    return [line] + [f"  {change}" for change in result.changes.lines] + left


class _Lines:
    """The build's lines, printed above a progress bar once there is one."""

    def __init__(self, echo: Echo) -> None:
        self.plain = echo
        self.bar: progress.Bar | None = None

    def __call__(self, line: str, err: bool) -> None:
        if self.bar is None:
            self.plain(line, err)
        else:
            self.bar.above(lambda: self.plain(line, err))

    def step(self) -> None:
        if self.bar is not None:
            self.bar.step()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.clear()
            self.bar = None


def run(project: Project, options: Options, echo: Echo) -> Summary:
    """Build every brief once, print what happened, run the on-change (or on-failure)
    command, and write the report."""
    if options.report is None:
        return _run(project, options, echo, Summary())
    from briefgen.regen import report

    report.check(options.report)
    started, summary = report.now(), Summary()
    try:
        _run(project, options, echo, summary)
    except BriefgenError as exc:
        code = getattr(exc, "exit_code", 1)
        report.write(options.report, started, code, _reported(summary), str(exc))
        raise
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: a monitor must not read the last run's
        report.write(options.report, started, stopping.code(), _reported(summary), "stopped")
        raise
    report.write(options.report, started, 0 if summary.ok else 1, _reported(summary))
    return summary


def _reported(summary: Summary) -> list[dict[str, Any]]:
    """The report's briefs, read once the build has published its files."""
    from briefgen.regen import report

    return [report.brief(result) for result in summary.results]


def _run(project: Project, options: Options, echo: Echo, summary: Summary) -> Summary:
    fresh: list[str] = []
    targets = list(options.paths) if options.paths else [project.content]
    lines = _Lines(echo)

    def waiting(holder: str) -> None:
        lines(
            f"waiting: {display_path(options.output or project.output)} is being built by {holder}",
            True,
        )

    def found(total: int) -> None:
        if options.shard is not None and not total and not options.quiet:
            lines(f"shard {options.shard} holds none of these briefs", False)
        if options.progress and total > progress.FEW:
            lines.bar = progress.Bar(total, sys.stderr)

    try:
        for result in building.build(
            project,
            targets,
            output=options.output,
            formats=options.formats or None,
            as_of=options.as_of,
            allow_overflow=options.allow_overflow,
            force=options.force,
            wait=options.wait,
            waiting=waiting,
            jobs=options.jobs,
            shard=options.shard,
            found=found,
            state_dir=options.state_dir,
            notice=lambda line: lines(line, False),
            atomic=project.atomic_output if options.atomic is None else options.atomic,
            publish=options.publish,
            keep_retired=options.keep_retired,
        ):
            _report(result, options, summary, fresh, lines)
            lines.step()
    finally:
        lines.close()
    if fresh and not options.quiet:
        echo(
            f"up to date: {_some(fresh, every=options.verbose)} "
            "(nothing they are built from changed; --force rebuilds)",
            False,
        )
    if options.on_change:
        state = states.folder(project, options.output or project.output, options.state_dir)
        summary.hook_failed = not _notify(options, state, summary, echo)
    if options.on_failure and summary.failures:
        ran = command(
            options.on_failure, summary.failures, echo, options.hook_timeout, "--on-failure"
        )
        summary.hook_failed = not ran or summary.hook_failed
    return summary


PENDING = "on-change-pending.json"


def _notify(options: Options, state: Path, summary: Summary, echo: Echo) -> bool:
    """Run --on-change for this run's changed files and any a failed earlier run left.

    A command that fails (a mail server down) is not lost: its files are kept in
    on-change-pending.json in the state folder and handed over again next time.
    """
    record = state / PENDING
    try:
        earlier = [Path(p) for p in json.loads(record.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        earlier = []
    paths = list(dict.fromkeys([*(p for p in earlier if p.exists()), *summary.changed]))
    if not paths:
        return True
    if command(options.on_change, paths, echo, options.hook_timeout, "--on-change"):
        record.unlink(missing_ok=True)
        for name in dict.fromkeys(p.stem for p in paths):  # handed over: readers have them
            editions.publish(state, name)
        return True
    if record.parent.is_dir():
        safewrite.write_bytes(record, json.dumps([str(p) for p in paths], indent=1).encode())
    return False


def _report(
    result: building.Result, options: Options, summary: Summary, fresh: list[str], echo: Echo
) -> None:
    """Count one brief's result and print its lines."""
    summary.inputs.update(result.inputs)
    if options.report is not None:
        summary.results.append(result)
    if result.retired:
        if not options.quiet:
            echo(result.retired, False)
        return
    summary.reads[result.source] = result.inputs
    if result.error:
        summary.failed += 1
        summary.failures.append(result.source)
        for line in error_lines(result.error):
            echo(line, True)
        return
    for warning in result.warnings:
        echo(warning_line(display_path(result.source), warning), True)
    if result.skipped:
        summary.up_to_date += 1
        fresh.append(display_path(result.source))
        return
    summary.built += 1
    summary.changed.extend(result.changed)
    if not options.quiet:
        for line in describe(result, options.verbose):
            echo(line, False)


def safe_run(project_finder: Callable[[], Project], options: Options, echo: Echo) -> Summary:
    """run(), for watch and schedule: a user error or a bug is reported, never raised."""
    try:
        return run(project_finder(), options, echo)
    except BriefgenError as exc:
        for line in error_lines(str(exc)):
            echo(line, True)
    except Exception as exc:  # keep watching or scheduling through a bug in one build
        if os.environ.get("BRIEFGEN_DEBUG"):
            raise
        echo(f"internal error: {type(exc).__name__}: {exc}", True)
    return Summary(failed=1)
