"""Build many briefs: find the content files, skip those whose inputs have not
changed, and write each format safely, one build per output folder at a time.

This module is the run over a folder: the lock, the state folder, leftovers of
a killed build, the manifest, atomic output and retired briefs; each brief's
own work is in briefs.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from briefgen import writers
from briefgen.errors import BriefgenError
from briefgen.project import Project
from briefgen.regen import editions as changes
from briefgen.regen import generations, lock, retire, safewrite
from briefgen.regen import state as states
from briefgen.regen.briefs import Result, Run, retire_one
from briefgen.regen.contentfiles import CONTENT_SUFFIXES, find_content
from briefgen.regen.generations import Generations
from briefgen.regen.manifest import Manifest, file_name
from briefgen.regen.shard import Shard
from briefgen.render.templating import Templates

__all__ = ["CONTENT_SUFFIXES", "Result", "build", "find_content"]


def _owned(sources: list[Path], manifest: str) -> Callable[[str], bool]:
    """Whether a file in the output folder or its state folder belongs to these briefs."""
    names = {manifest}
    for stem in {s.stem for s in sources}:
        names.update(stem + writers.get(n).suffix for n in writers.names())
        names.update(changes.files(stem))
    return names.__contains__


def build(
    project: Project,
    paths: list[Path],
    *,
    output: Path | None = None,
    formats: tuple[str, ...] | None = None,
    as_of: dt.date | None = None,
    allow_overflow: bool = False,
    write: bool = True,
    force: bool = False,
    wait: float | None = None,
    waiting: Callable[[str], None] | None = None,
    jobs: int = 1,
    shard: Shard | None = None,
    found: Callable[[int], None] | None = None,
    state_dir: Path | None = None,
    notice: Callable[[str], None] | None = None,
    atomic: bool = False,
    publish: bool = False,
    keep_retired: bool = False,
) -> Iterator[Result]:
    """Build (or with write=False, only check) each brief; one Result per content file.

    Writing holds the output folder's lock (see lock.hold for wait and waiting) and
    skips a brief whose inputs are those of its last build, unless force. jobs > 1
    prepares briefs in that many worker processes; shard builds only that shard's
    briefs, under the shard's own lock and manifest. found(n) learns how many
    briefs there are, before the first result. briefgen's records are kept in the
    output folder's state folder under state_dir (see state.py); notice(line) hears
    of records moved there from an earlier version's <output>/.briefgen/. atomic
    writes into a new generation, published all at once (see generations.py).
    publish makes each brief built or up to date the edition readers have seen
    (see editions). A build of whole folders then retires the briefs whose content
    file is gone (see retire; with keep_retired it only lists them), one Result each.
    """
    formats = formats or project.formats
    for name in formats:
        if name not in writers.names():
            writers.get(name)  # the error that names the known formats
    out_dir = output or project.output
    sources = find_content(paths)
    if shard is not None:
        sources = shard.pick(sources)
    if found is not None:
        found(len(sources))
    manifest_file = file_name(shard.tag if shard else None)
    state = states.folder(project, out_dir, state_dir)
    run = Run(
        project,
        Templates(project),
        out_dir,
        formats,
        as_of,
        allow_overflow,
        write,
        force,
        Manifest(out_dir, state, file=manifest_file),
        jobs=jobs,
        publish=publish,
    )
    if not write:
        yield from run.all(sources)
        return
    if atomic and shard is not None:
        raise BriefgenError(
            "atomic output and --shard cannot be combined: each shard would publish "
            "the folder without the others' briefs"
        )
    anchor = generations.store(out_dir) if atomic or out_dir.is_symlink() else out_dir
    with lock.hold(out_dir, state=state, anchor=anchor, wait=wait, waiting=waiting, shard=shard):
        moved = states.migrate(out_dir, state)
        if moved and notice is not None:
            notice(moved)
        owned = _owned(sources, manifest_file) if shard is not None else None
        for folder in (out_dir, state):
            safewrite.clean(folder, owned)
        run.manifest = Manifest.load(out_dir, state, manifest_file)
        gens = Generations(out_dir) if atomic else None
        run.into = gens.begin() if gens is not None else None
        try:
            yield from run.all(sources)
            folders = [p for p in paths if p.is_dir()]
            present = {s.stem for s in sources}
            for name, gone in retire.gone(
                run.manifest, folders, present, project.root, CONTENT_SUFFIXES
            ):
                if shard is not None and not shard.holds(name):
                    continue  # another shard's (a manifest edited by hand)
                result = Result(gone, retired="")
                run.guard(result, partial(retire_one, run, result, name, keep_retired))
                yield result
            if gens is not None and run.into is not None:
                if gens.same(run.into):
                    gens.abandon(run.into)
                else:
                    gens.publish(run.into)
        except BaseException:
            if gens is not None and run.into is not None:
                gens.abandon(run.into)  # readers keep the generation they had
            raise
        finally:
            run.manifest.save()
