"""What one brief's output depends on: the key the manifest records for it.

A digest (or value) of every input, by label: the content file and every file it
reads, each template file it renders through (found by reading the templates'
``extends``/``include``/``import`` tags, so a project template that starts to shadow a
built-in one counts too), the theme as resolved, the fonts, briefgen's version and
code, the versions of the libraries that write the files, the as-of date and the
previous edition. :mod:`briefgen.regen.manifest` compares it with the key recorded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import cache
from pathlib import Path

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
import jinja2
from jinja2 import meta

from briefgen import __version__, files, writers
from briefgen.errors import BriefgenError
from briefgen.layout import fonts
from briefgen.layout.theme import ARRANGE_KEYS, PATH_KEYS
from briefgen.project import Project
from briefgen.render import precompiled
from briefgen.render.templating import ENTRY, Templates
from briefgen.versions import version

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


def modules() -> list[str]:
    """Every module of briefgen, as its path under the package with "/" between folders,
    in the order of the parts of those paths: a change to any of them (a writer, the
    layout) rebuilds.

    Not the tables of dataclass code (briefgen/dataclass_code/*.bin) or of the shipped
    faces (layout/arimo/faces.bin), which hold what dataclasses and reportlab would make
    anyway: they change how fast briefgen starts, not what it makes. Listed with
    os.walk and strings: 0.8 ms, where Path.rglob and Path objects took 1.7."""
    root = str(PACKAGE)
    found = []
    for folder, _, names in os.walk(root):
        under = folder[len(root) + 1 :].replace(os.sep, "/")  # "" for the package itself
        found += [f"{under}/{n}" if under else n for n in names if n.endswith(".py")]
    return sorted(found, key=lambda name: name.split("/"))


def code_files() -> list[Path]:
    """Every module of briefgen (see modules()), as paths."""
    return [PACKAGE / name for name in modules()]


@cache
def software() -> dict[str, str]:
    """briefgen's version and code, the writing libraries' versions, the PDF font files."""
    code = hashlib.sha256(__version__.encode())
    root = str(PACKAGE)
    for name in modules():
        with open(os.path.join(root, name), "rb") as module:
            code.update(name.encode() + b"\0" + module.read())
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
