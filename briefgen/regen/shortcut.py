"""Telling that a brief is up to date without loading it.

Loading a brief (YAML, includes, tables, the schema) is most of a rebuild in
which nothing changed. So each manifest entry also keeps a *stamp*: what the
brief itself said that its inputs depend on (the files it read, its template,
date and marking), the digests of its editions in the state folder, and the
changes it was found to have since the published edition. A later build reads
the bytes of those files again: if each still has the digest recorded, the
brief would load as it did, and its key (keys.inputs) can be worked out
from the stamp. Everything else in the key is worked out anew, as for a brief
that is loaded: the templates and theme, briefgen.toml's markings, the marking
scheme file, the fonts, briefgen's code and the libraries. When anything is
not as recorded, or cannot be told, the brief is loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.content.schema import Brief
from briefgen.content.sources import project_root
from briefgen.errors import BriefgenError
from briefgen.markings import apply as markings
from briefgen.markings.apply import Desk
from briefgen.project import Project
from briefgen.regen import editions as changes
from briefgen.regen.keys import EDITION, Digests, inputs, sha256
from briefgen.regen.manifest import Entry, Manifest
from briefgen.render.templating import Templates

Stamp = dict[str, Any]


def facts(brief: Brief, found: changes.Changes) -> Stamp | None:
    """What a loaded brief says that its key depends on, and its changes.

    The files it read are named as the brief named them, from its folder, so that
    the stamp is the same whichever way the content file was named to the build."""
    folder = brief.path.parent
    reads = []
    for path in brief.inputs:
        if not path.is_relative_to(folder):
            return None  # not as a brief names its files: load it
        reads.append(path.relative_to(folder).as_posix())
    return {
        "reads": reads,
        "template": brief.template or None,
        "date": brief.date.isoformat() if brief.date else None,
        "marking": brief.marking or None,
        "changes": {
            "marks": [list(m) for m in found.marks],
            "lines": list(found.lines),
            "first": found.first,
        },
    }


def kept(state: Path, name: str) -> dict[str, str]:
    """The digest of each edition file kept for the brief name ("missing" if none)."""
    found = {}
    for file in changes.files(name):
        try:
            found[file] = sha256((state / file).read_bytes())
        except OSError:
            found[file] = "missing"
    return found


def stamp(brief: Brief, found: changes.Changes, state: Path, name: str) -> Stamp | None:
    """The stamp of a brief loaded, once its editions are recorded; None: none can be made."""
    told = facts(brief, found)
    if told is None or not brief.inputs or brief.inputs[0] != brief.path:
        return None
    return told | {"editions": kept(state, name)}


@dataclass(frozen=True)
class Known:
    """An up-to-date brief, as its stamp tells it."""

    reads: tuple[Path, ...]
    changes: changes.Changes
    outputs: dict[str, str]  # file names in the output folder, by format


@dataclass
class Shortcut:
    project: Project
    templates: Templates
    digests: Digests
    as_of: dt.date | None
    desk: Desk
    _roots: dict[Path, Path] = field(default_factory=dict)

    def check(
        self, manifest: Manifest, source: Path, formats: tuple[str, ...], allow_overflow: bool
    ) -> tuple[dict[str, str], Known] | None:
        """The key of a brief its stamp shows up to date, or None: load it (loading it
        says why it is built, as a build without a stamp would)."""
        entry = manifest.entries.get(source.stem)
        if entry is None or entry.stamp is None:
            return None
        told = self.key(source, entry, manifest.state)
        if told is None or manifest.reasons(source.stem, told[0], formats, allow_overflow):
            return None
        return told

    def key(self, source: Path, entry: Entry, state: Path) -> tuple[dict[str, str], Known] | None:
        """The brief's key as loading it would give, or None: load it.

        The digests of the files it read are in the key: the caller compares it with
        the key recorded, and loads the brief unless they are the same."""
        try:
            return self._key(source, entry, state)
        except (BriefgenError, OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # a stamp edited by hand, a template gone: loading tells

    def _key(self, source: Path, entry: Entry, state: Path) -> tuple[dict[str, str], Known] | None:
        stamp = entry.stamp
        if stamp is None:
            return None
        names = stamp["reads"]
        if not names or names[0] != source.name:
            return None
        reads = (source, *(source.parent / str(n) for n in names[1:]))
        key = inputs(
            files=reads,
            project=self.project,
            templates=self.templates,
            template=self._template(stamp["template"]),
            as_of=self._as_of(stamp["date"]),
            edition=entry.inputs[EDITION],
            digests=self.digests,
        )
        if not self._inside(source, reads[1:]):
            return None
        if kept(state, source.stem) != stamp["editions"]:
            return None
        marking = stamp["marking"]
        if marking is not None and not isinstance(marking, str):
            return None
        key.update(markings.scheme_inputs(marking, source.parent, self.desk))
        told = stamp["changes"]
        found = changes.Changes(
            tuple(
                (str(k), int(i), str(m), None if b is None else str(b))
                for k, i, m, b in told["marks"]
            ),
            tuple(str(line) for line in told["lines"]),
            bool(told["first"]),
        )
        return key, Known(reads, found, {f: o.file for f, o in entry.outputs.items()})

    def _template(self, name: Any) -> str:
        if name is not None and not isinstance(name, str):
            raise TypeError(name)
        chosen = name or self.project.template
        self.templates.folder(chosen)  # an unknown one: loading names it where it was given
        return chosen

    def _as_of(self, date: Any) -> str:
        if self.as_of is not None:
            return self.as_of.isoformat()
        if date is not None:
            return dt.date.fromisoformat(date).isoformat()
        return dt.date.today().isoformat()

    def _inside(self, source: Path, included: tuple[Path, ...]) -> bool:
        """Whether the files included still lie inside the folder the brief may read."""
        if not included:
            return True
        root = self._roots.get(source.parent)
        if root is None:
            root = self._roots[source.parent] = project_root(source)
        return all(p.resolve().is_relative_to(root) for p in included)
