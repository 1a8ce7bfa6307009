"""The output folder's manifest: what each brief was built from, so that an
unchanged brief is not built again.

``manifest.json`` in the output folder's state folder (state.py) records for
each brief (by output name) the key of what it was built from (:mod:`keys`: a
digest of every input) and each output file written, in every format built, with
its digest, size and time, so a deleted or edited output is rebuilt too.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import display_path
from briefgen.regen import safewrite
from briefgen.regen.keys import AS_OF, EDITION, sha256

FILE = "manifest.json"
FORMAT = 1


@dataclass
class Output:
    file: str  # name inside the output folder
    sha256: str
    size: int
    mtime_ns: int
    #: made from inputs the brief no longer has: a build of other formats changed them
    stale: bool = False


@dataclass
class Entry:
    inputs: dict[str, str]
    outputs: dict[str, Output]  # by format: every format built, whichever build made it
    overflow: bool = False
    #: what the brief itself said that its inputs depend on (see shortcut.py); None: load it
    stamp: dict[str, Any] | None = None


def _differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    reasons = []
    for label, value in new.items():
        before = old.get(label)
        if before == value:
            continue
        if label == AS_OF:
            reasons.append(f"{AS_OF} {before} -> {value}" if before else f"{AS_OF} {value}")
        elif before is None:
            reasons.append(f"{label} is new")
        else:
            reasons.append(f"{label} changed")
    reasons += [f"{label} no longer read" for label in old if label not in new]
    if len(reasons) > 1:  # new content makes a new edition: saying so adds nothing
        reasons = [r for r in reasons if not r.startswith(EDITION)]
    return reasons


def file_name(shard_tag: str | None = None) -> str:
    """The manifest's file name: manifest.json, or manifest-2-of-4.json for a shard."""
    return f"manifest-{shard_tag}.json" if shard_tag else FILE


@dataclass
class Manifest:
    folder: Path  # the output folder
    state: Path  # its state folder (see state.py), where the manifest is kept
    entries: dict[str, Entry] = field(default_factory=dict)
    dirty: bool = False
    #: each shard keeps its own (see file_name), so shards sharing a folder never collide
    file: str = FILE

    @property
    def path(self) -> Path:
        return self.state / self.file

    @classmethod
    def load(cls, folder: Path, state: Path, file: str = FILE) -> Manifest:
        """The folder's manifest; a missing or unreadable one is empty (all rebuild)."""
        manifest = cls(folder, state, file=file)
        try:
            data = json.loads(manifest.path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return manifest
            for name, entry in data["briefs"].items():
                outputs = {fmt: Output(**o) for fmt, o in entry["outputs"].items()}
                stamp = entry.get("stamp")
                manifest.entries[name] = Entry(
                    dict(entry["inputs"]),
                    outputs,
                    bool(entry.get("overflow")),
                    stamp if isinstance(stamp, dict) else None,
                )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            manifest.entries.clear()
        return manifest

    def save(self) -> None:
        if not self.dirty:
            return
        data: dict[str, Any] = {
            "format": FORMAT,
            "briefs": {name: dataclasses.asdict(e) for name, e in sorted(self.entries.items())},
        }
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        safewrite.write_bytes(self.path, text.encode())
        self.dirty = False

    def reasons(
        self, name: str, inputs: dict[str, str], formats: tuple[str, ...], allow_overflow: bool
    ) -> list[str]:
        """Why the brief must be built; empty if its outputs are up to date."""
        entry = self.entries.get(name)
        if entry is None:
            return ["not built here before"]
        reasons = _differences(entry.inputs, inputs)
        for fmt in formats:
            out = entry.outputs.get(fmt)
            if out is None:
                reasons.append(f"{fmt} not built before")
            elif not self._intact(out):
                reasons.append(f"{display_path(self.folder / out.file)} is missing or was changed")
            elif out.stale:
                reasons.append(f"{fmt} was built from older inputs")
        if entry.overflow and not allow_overflow:
            reasons.append("it did not fit one page (built with --allow-overflow)")
        return reasons

    def _intact(self, out: Output) -> bool:
        path = self.folder / out.file
        try:
            stat = path.stat()
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) == (out.size, out.mtime_ns):
            return True
        return stat.st_size == out.size and sha256(path.read_bytes()) == out.sha256

    def record(
        self,
        name: str,
        inputs: dict[str, str],
        outputs: dict[str, Path],
        overflow: bool,
        stamp: dict[str, Any] | None = None,
    ) -> None:
        """A brief built: these outputs (by format) now hold what these inputs make.

        The files of formats built before and not this time stay recorded (so a brief
        that goes takes them with it), marked stale if the inputs have changed since."""
        recorded = {}
        for fmt, path in outputs.items():
            stat = path.stat()
            recorded[fmt] = Output(
                path.name, sha256(path.read_bytes()), stat.st_size, stat.st_mtime_ns
            )
        before = self.entries.get(name)
        if before is not None:
            for fmt, out in before.outputs.items():
                if fmt not in recorded:
                    same = before.inputs == inputs
                    recorded[fmt] = out if same else dataclasses.replace(out, stale=True)
        self.entries[name] = Entry(inputs, recorded, overflow, stamp)
        self.dirty = True

    def restamp(self, name: str, stamp: dict[str, Any] | None) -> None:
        """An up-to-date brief's stamp, when it differs from the one recorded."""
        entry = self.entries[name]
        if entry.stamp != stamp:
            entry.stamp = stamp
            self.dirty = True
