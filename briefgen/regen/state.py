"""Where briefgen keeps its own records for an output folder: beside the project,
never in the folder people publish.

The state root is ``.briefgen/`` beside ``briefgen.toml`` (or ``state_dir`` in
it, or ``--state-dir``, e.g. ``/var/lib/briefgen``). Each output folder has a
folder of its own in it, named by where the output is, so building into
``out/`` and ``dist/`` keeps two records:

- an output inside the project: ``<root>/outputs/<its path in the project>``
  (``.briefgen/outputs/out``), which stays the same when the project moves;
- an output elsewhere: ``<root>/outputs/_elsewhere/<name>-<digest of its path>``.

It holds the manifest (one per shard), the editions, the lock and pending
on-change hand-overs. Records an earlier version kept in ``<output>/.briefgen/``
are moved here on the first build that holds the lock (:func:`migrate`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from briefgen.errors import BriefgenError, display_path
from briefgen.project import Project
from briefgen.regen.safewrite import TEMP

ROOT = ".briefgen"  # the default state root, in the project folder
OLD = ".briefgen"  # the folder inside an output folder where records were kept before
OUTPUTS = "outputs"


def root(project: Project, state_dir: Path | None = None) -> Path:
    """The state root: --state-dir, else BRIEFGEN_STATE_DIR, else the project's
    state_dir (.briefgen/ by default)."""
    if state_dir is None and os.environ.get("BRIEFGEN_STATE_DIR"):
        state_dir = Path(os.environ["BRIEFGEN_STATE_DIR"])
    if state_dir is not None:
        return state_dir.absolute()
    return (project.root / project.state_dir).absolute()


def folder(project: Project, output: Path, state_dir: Path | None = None) -> Path:
    """The folder holding briefgen's records for the output folder `output`."""
    # the folder above resolved, not the output itself: atomic output makes it a link
    spelt = Path(os.path.abspath(output))
    out = Path(os.path.realpath(spelt.parent)) / spelt.name
    home = Path(os.path.realpath(project.root))
    base = root(project, state_dir) / OUTPUTS
    try:
        inside = out.relative_to(home)
    except ValueError:
        digest = hashlib.sha256(str(out).encode()).hexdigest()[:12]
        return base / "_elsewhere" / f"{out.name or 'root'}-{digest}"
    return base / (inside if inside.parts else Path("_project"))


#: the files an earlier version kept in <output>/.briefgen/ (the lock files are not moved)
def _records(old: Path) -> list[Path]:
    return sorted(
        p
        for p in old.iterdir()
        if p.is_file()
        and (
            (p.name.startswith("manifest") and p.suffix == ".json")
            or p.name.endswith((".current.json", ".previous.json"))  # editions, and
            or p.name.endswith((".built.json", ".published.json"))  # as they are now
            or p.name == "on-change-pending.json"
        )
    )


def migrate(output: Path, state: Path) -> str | None:
    """Move records an earlier version kept in <output>/.briefgen/ to state; call under
    the lock. Returns the line that says so, or None if there was nothing to move.

    A record already in state is newer and stays; the old folder is removed once
    nothing but lock files is left in it.
    """
    old = Path(os.path.abspath(output)) / OLD
    if old == state or not old.is_dir() or old.is_symlink():
        return None
    try:
        moved = 0
        state.mkdir(parents=True, exist_ok=True)
        for path in _records(old):
            target = state / path.name
            try:
                if target.exists():
                    path.unlink()
                else:
                    shutil.move(path, target)
                    moved += 1
            except FileNotFoundError:  # a shard beside this one moved it first
                continue
        for path in old.iterdir():  # lock files and temporary files a killed build left
            if path.is_file() and (path.name.startswith("lock") or TEMP.match(path.name)):
                path.unlink(missing_ok=True)
        rest = sorted(p.name for p in old.iterdir())
        if not rest:
            old.rmdir()
    except FileNotFoundError:  # a shard beside this one removed the old folder first
        return None
    except OSError as exc:
        raise BriefgenError(
            f"cannot move briefgen's records to {display_path(state)}: {exc.strerror or exc}",
            file=display_path(old),
        ) from None
    if rest:
        return (
            f"warning: {display_path(old)}: moved briefgen's records ({moved} files) to "
            f"{display_path(state)}; left {', '.join(rest[:4])} there, which briefgen did not write"
        )
    if not moved:
        return None
    return (
        f"moved briefgen's records ({moved} files) from {display_path(old)} to "
        f"{display_path(state)}: the output folder now holds only briefs"
    )
