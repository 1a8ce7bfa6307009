"""The output folder's manifest: what each brief was built from, so that an
unchanged brief is not built again.

``manifest.json`` in the output folder's state folder (state.py) records for
each brief (by output name) a digest of every input: the content file and every file it reads
(``Brief.inputs``), each template file it renders through (found by reading
the templates' ``extends``/``include``/``import`` tags, so a project template
that starts to shadow a built-in one counts too), the theme as resolved, the
fonts, briefgen's version and code, the versions of the libraries that write
the files, the as-of date and the previous edition. It also records each
output file written, with its digest, size and time, so a deleted or edited
output is rebuilt too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from briefgen import __version__, files, writers
from briefgen.errors import BriefgenError, display_path
from briefgen.layout import fonts
from briefgen.layout.theme import ARRANGE_KEYS, PATH_KEYS
from briefgen.project import Project
from briefgen.regen import safewrite
from briefgen.render import precompiled
from briefgen.render.templating import ENTRY, Templates
from briefgen.versions import version

FILE = "manifest.json"
FORMAT = 1
#: libraries besides the writers' own (see briefgen.writers) whose versions are recorded
LIBRARIES = ("Jinja2", "pillow")  # the templates; the logo, when scaled down
AS_OF = "as-of date"
EDITION = "previous edition"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Digests:
    """File and template digests, each worked out once per build however many briefs use it."""

    def __init__(self) -> None:
        self._seen: dict[Path, str] = {}
        self._templates: dict[str, dict[str, str]] = {}

    def file(self, path: Path) -> str:
        found = self._seen.get(path)
        if found is None:
            try:
                found = sha256(files.read_bytes(path))
            except OSError:
                found = "missing"
            except BriefgenError:
                found = "not a file"  # the build refuses it, naming it
            self._seen[path] = found
        return found

    def template(self, templates: Templates, name: str) -> dict[str, str]:
        """Label -> digest of the template files and the theme of the template name."""
        found = self._templates.get(name)
        if found is None:
            found = {}
            for ref, path in sorted(template_files(templates, name).items()):
                found[f"template {ref}"] = (
                    f"{_origin(templates, path)} {self.file(path)}" if path else "missing"
                )
            theme = templates.theme(name)
            found["theme"] = sha256(json.dumps(dataclasses.asdict(theme), sort_keys=True).encode())
            # order, hide and headings (theme files, briefgen.toml) and briefgen.toml's [extra]
            arranged = [
                {k: v for k, v in layer.data.items() if k in ARRANGE_KEYS}
                for layer in templates.layers(name)
            ]
            arranged.append(templates.project.arrange)
            if any(arranged):
                settings = json.dumps(arranged, sort_keys=True, default=str)
                found["arrangement"] = sha256(settings.encode())
            for key in PATH_KEYS:  # fonts, logo, letterhead: their bytes, not only their names
                value = getattr(theme, key)
                if value:
                    found[f"theme {key}"] = self.file(Path(value))
            self._templates[name] = found
        return found


PACKAGE = Path(__file__).resolve().parent.parent  # briefgen/, not just briefgen/regen/


def code_files() -> list[Path]:
    """Every module of briefgen: a change to any of them (a writer, the layout) rebuilds."""
    return sorted(PACKAGE.rglob("*.py"))


@cache
def software() -> dict[str, str]:
    """briefgen's version and code, the writing libraries' versions, the PDF font files."""
    code = hashlib.sha256(__version__.encode())
    for path in code_files():
        code.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    versions = [f"{name} {version(name) or '?'}" for name in (*writers.libraries(), *LIBRARIES)]
    font = hashlib.sha256()
    for path in fonts.sources():
        font.update(path.read_bytes())
    return {
        "briefgen": f"{__version__} {code.hexdigest()[:16]}",
        "libraries": ", ".join(versions),
        "fonts": font.hexdigest(),
    }


def template_files(templates: Templates, name: str) -> dict[str, Path | None]:
    """Every template file the template `name` renders through, by template name.

    None marks a name that no file answers (an include that may appear later).
    A template name computed at render time cannot be followed: then every file
    in every template folder counts.
    """
    templates.folder(name)  # refuses a template folder that leads elsewhere
    env = templates.env
    assert env.loader is not None
    found: dict[str, Path | None] = {}
    todo = [f"{name}/{ENTRY}"]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, current)
        except jinja2.TemplateNotFound:
            found[current] = None
            continue
        except jinja2.exceptions.SecurityError as exc:
            raise BriefgenError(f"not allowed in a template: {exc}") from None
        found[current] = Path(filename) if filename else None
        references = precompiled.references(current, source)  # a built-in one's, as made
        if references is None:
            try:
                references = list(meta.find_referenced_templates(env.parse(source)))
            except jinja2.TemplateSyntaxError:
                continue  # rendering reports it, with its line
        if None in references:
            return {
                f"{_origin(templates, base)} {p.relative_to(base).as_posix()}": p
                for base in templates.search
                for p in sorted(base.rglob("*"))
                if p.is_file()
            }
        todo.extend(str(r) for r in references)
    return found


def _origin(templates: Templates, path: Path) -> str:
    return "built-in" if path.is_relative_to(templates.builtin) else "project"


def label(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def inputs(
    *,
    files: tuple[Path, ...],
    project: Project,
    templates: Templates,
    template: str,
    as_of: str,
    edition: str,
    digests: Digests,
) -> dict[str, str]:
    """Label -> digest (or value) of everything one brief's output depends on."""
    found = {label(p, project.root): digests.file(p) for p in files}
    found.update(digests.template(templates, template))
    found.update(software())
    found[AS_OF] = as_of
    found[EDITION] = edition
    return found


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
