"""`briefgen watch`: rebuild when content, templates, theme or settings change.

Polls file sizes and modification times every ``interval`` seconds: portable,
no dependency, and light for the tens or hundreds of files a project has. A
burst of saves (an editor writing a file in steps, a synchronised folder
bringing in several) gives one rebuild: the build starts once a poll finds
nothing new since the one before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefgen import project as projects
from briefgen.errors import BriefgenError, display_path
from briefgen.regen.build import CONTENT_SUFFIXES
from briefgen.regen.runner import Echo, Options, safe_run
from briefgen.resources import builtin_templates

Stamp = tuple[int, int]  # modification time (ns), size


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def watched(project: projects.Project, paths: Iterable[Path], inputs: Iterable[Path]) -> set[Path]:
    """Every file whose change calls for a rebuild (folders are listed again each poll)."""
    files = {project.root / projects.CONFIG, *inputs}
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.iterdir() if p.suffix.lower() in CONTENT_SUFFIXES)
        else:
            files.add(path)
    for folder in (project.templates, builtin_templates()):
        if folder.is_dir():
            files.update(p for p in folder.rglob("*") if p.is_file())
    return files


def scan(files: Iterable[Path]) -> dict[Path, Stamp | None]:
    return {path: _stamp(path) for path in files}


def changed(before: dict[Path, Stamp | None], after: dict[Path, Stamp | None]) -> set[Path]:
    """Files added, removed or modified between two scans."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


@dataclass
class Debounce:
    """Collects the changes of a burst; hands them over at the first quiet poll."""

    pending: set[Path] = field(default_factory=set)

    def feed(self, found: set[Path]) -> set[Path]:
        if found:
            self.pending |= found
            return set()
        ready, self.pending = self.pending, set()
        return ready


def watch(
    paths: tuple[Path, ...],
    options: Options,
    echo: Echo,
    *,
    interval: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    max_builds: int | None = None,
) -> None:
    """Build now, then again after every burst of changes, until interrupted.

    max_builds stops after that many builds, the first included (for tests).
    """
    summary = safe_run(projects.find, options, echo)
    # Files briefs were read from, kept across builds: a table whose brief now fails
    # must still be watched, so that fixing it rebuilds the brief.
    known: set[Path] = set(summary.inputs)
    builds = 1
    debounce = Debounce()
    files = _files(paths, known)
    before = scan(files)
    echo(f"watching {len(files)} files for changes; Ctrl-C stops", False)
    while max_builds is None or builds < max_builds:
        sleep(interval)
        files = _files(paths, known)
        after = scan(files)
        ready = debounce.feed(changed(before, after))
        before = after
        if not ready:
            continue
        names = sorted(display_path(p) for p in ready)
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        echo(f"{time.strftime('%H:%M:%S')} changed: {shown}", False)
        summary = safe_run(projects.find, options, echo)
        known.update(summary.inputs)
        builds += 1


def _files(paths: tuple[Path, ...], inputs: set[Path]) -> set[Path]:
    here = Path.cwd()
    settings = {folder / projects.CONFIG for folder in (here, *here.parents)}
    try:
        project = projects.find()
    except BriefgenError:  # a broken briefgen.toml: keep watching it and what we know
        return {*settings, *inputs, *paths}
    return settings | watched(project, paths or (project.content,), inputs)
