"""briefgen build."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

import click

from briefgen.cli import options as o
from briefgen.cli.output import echo_line, is_terminal

if TYPE_CHECKING:
    from briefgen.project import Project

EPILOG_BUILD = """\b
Examples:
  briefgen build                      every brief in content/ -> out/
  briefgen build content/india.yaml   one brief
  briefgen build -o dist -f pdf       PDF only, into dist/
  briefgen build --as-of 2025-07-15   date the brief (and its "due in N days")
  briefgen build --force              rebuild even briefs whose inputs are unchanged
  briefgen build --wait 60            wait up to 60 s for another build of out/
  briefgen build --on-change "mail-brief --to desk"
                                      run a command with the changed files appended;
                                      if it succeeds, those briefs are published
  briefgen build -q --report run.json --on-failure "page-oncall"
                                      for a scheduler: a JSON report, a pager
  briefgen build --publish            readers see out/ as it is: publish each brief
  briefgen build --jobs 4             build in 4 worker processes at once
  briefgen build --shard 2/4          only the 2nd of 4 shares of the briefs: run
                                      1/4 .. 4/4 on four machines to split the set

\b
Only briefs whose inputs changed since the last build are built (the record is
kept in .briefgen/ beside briefgen.toml, never in the output folder); a file
whose bytes come out the same is not rewritten.
--jobs defaults to the number of processors; the files, lines and exit code
are the same whatever it is. A brief is always in the same shard, whatever
other briefs exist; shards may write into one folder at once.
NEW and CHANGED mark what changed since the edition last published (by a
successful --on-change, --publish or 'briefgen publish'), not since the last
build; an entry with an id: is matched by it, others by alike text. A build of
the whole folder removes the files of briefs whose content file was deleted
(--keep-retired keeps and lists them).
Off a terminal each line starts with its time (ISO 8601, with offset); under
systemd each carries its syslog priority instead (journalctl -p err).
Exit codes: 0 all built, 1 a brief (or the --on-change or --on-failure
command) failed, 2 a usage error, 75 another build holds the output folder,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""


@click.command(epilog=EPILOG_BUILD)
@o.building()
@o.AS_OF
@click.option("--force", is_flag=True, help="Build every brief, even if its inputs are unchanged.")
@click.option(
    "--wait",
    callback=o.seconds,
    is_flag=False,
    flag_value="forever",
    default=None,
    metavar="[SECONDS]",
    help="If another build holds the output folder, wait for it (up to SECONDS) "
    "instead of exiting with code 75. Put it after the paths, or write --wait=60.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr for more than a few briefs "
    "(default: when stderr is a terminal and not --quiet).",
)
def build(
    as_of: dt.date | None,
    force: bool,
    wait: float | None,
    progress: bool | None,
    **common: Any,
) -> None:
    """Build briefs from content files or folders (default: content/).

    Writes DIR/<name>.docx and DIR/<name>.pdf for each content file, one line
    per brief, saying why it was built and what changed since the last edition.
    A brief that fails does not stop the others; the exit code is 1 if any
    failed. A failed brief leaves its previous files untouched.
    """
    found = _start_workers_early(common, force)
    from briefgen.regen import runner as regen

    quiet = common["quiet"]
    options = o.regen_options(
        common,
        as_of=as_of,
        force=force,
        wait=wait,
        progress=is_terminal() and not quiet if progress is None else progress,
    )
    summary = regen.run(found or o.project(), options, echo_line)
    if not summary.ok:
        sys.exit(1)


def _start_workers_early(common: dict[str, Any], force: bool) -> Project | None:
    """Start the fork server of the build's worker processes before the build loads its
    own modules, where it will use them whatever it finds (see regen.forkserver); the
    project, once found. Anything amiss is left for the build to report."""
    from briefgen import project as projects
    from briefgen.errors import BriefgenError
    from briefgen.regen import forkserver
    from briefgen.regen import state as states
    from briefgen.regen.contentfiles import find_content

    jobs = o.jobs_or_default(common["jobs"])
    if jobs < 2:
        return None
    try:
        o.check_formats(common["formats"])
        project = projects.find()
        sources = find_content(o.targets(project, common["paths"]))
        if common["shard"] is not None:
            sources = common["shard"].pick(sources)
        folder = states.folder(project, common["output"] or project.output, common["state_dir"])
    except (click.BadParameter, BriefgenError, OSError):
        return None  # a usage error or a bad project: the build reports it
    forkserver.start_early(jobs, len(sources), None if force else folder)
    return project


command = build
