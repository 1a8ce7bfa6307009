"""Briefs whose content file is gone: their files removed, or with keep, kept and listed.

A brief is retired by a build of the folder its content file was in, when the
manifest records that file as one the brief was built from and no content file
of that name is there any more. Only a build that looked at the whole folder
retires: a build of named files never does, and a shard only the briefs of its
own manifest. Only the files the manifest records for that brief are removed,
and only while their bytes are still those briefgen wrote: a file edited or
replaced since is the user's, and is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import display_path
from briefgen.regen import editions
from briefgen.regen.keys import sha256
from briefgen.regen.manifest import Manifest, Output


@dataclass(frozen=True)
class Retired:
    name: str  # the output name
    source: Path  # the content file that is gone
    removed: tuple[Path, ...] = ()
    kept: tuple[Path, ...] = ()
    edited: tuple[Path, ...] = ()  # kept: changed since briefgen wrote them

    @property
    def line(self) -> str:
        parts = [f"retired: {self.name} ({display_path(self.source)} deleted)"]
        for verb, paths in (("removed", self.removed), ("kept", self.kept)):
            if paths:
                parts.append(f"{verb} {', '.join(display_path(p) for p in paths)}")
        if self.edited:
            names = ", ".join(display_path(p) for p in self.edited)
            parts.append(f"kept {names} (changed since it was built)")
        return "; ".join(parts)


def gone(
    manifest: Manifest,
    folders: Iterable[Path],
    present: set[str],
    root: Path,
    suffixes: tuple[str, ...],
) -> list[tuple[str, Path]]:
    """(name, content file) of each brief in manifest built from a content file in one of
    folders that is gone, with no content file of its name (present) in its place."""
    looked = {f.resolve() for f in folders}
    found = []
    for name, entry in sorted(manifest.entries.items()):
        if name in present:
            continue
        for label in entry.inputs:
            path = Path(label)
            path = path if path.is_absolute() else root / path
            if (
                path.stem == name
                and path.suffix.lower() in suffixes
                and path.parent.resolve() in looked
                and not path.exists()
            ):
                found.append((name, path))
                break
    return found


def _ours(name: str, output: Output) -> bool:
    """A recorded output that names a file of this brief in the output folder itself."""
    file = Path(output.file)
    return file.name == output.file and file.stem == name and not output.file.startswith(".")


def retire(
    manifest: Manifest,
    state: Path,
    name: str,
    source: Path,
    *,
    keep: bool,
    into: Path | None = None,
) -> Retired:
    """Remove (or with keep, list) a gone brief's recorded files, then its records.

    into: the generation being written (atomic output), where the files are removed
    so that readers lose them only when it is published; default the output folder.
    """
    outputs = [o for o in manifest.entries[name].outputs.values() if _ours(name, o)]
    paths = [manifest.folder / o.file for o in outputs]  # as readers name them
    if keep:
        return Retired(name, source, kept=tuple(p for p in paths if p.exists()))
    removed, edited = [], []
    for shown, output in zip(paths, outputs, strict=True):
        path = (into or manifest.folder) / output.file
        if not path.is_file() or path.is_symlink():
            if path.exists() or path.is_symlink():
                edited.append(shown)
            continue
        if sha256(path.read_bytes()) != output.sha256:
            edited.append(shown)
            continue
        path.unlink()
        removed.append(shown)
    del manifest.entries[name]  # after the files: a kill before this retires it again
    manifest.dirty = True
    editions.forget(state, name)
    return Retired(name, source, tuple(removed), edited=tuple(edited))
