"""Templates: a sandboxed Jinja2 environment that turns a brief into brief markup.

Template folders are looked up in the project's ``templates/`` first, then
among the built-in ones; ``builtin:NAME/...`` always names the built-in file,
so a project template can extend the one it replaces.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import traceback
from functools import cached_property
from pathlib import Path

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
import jinja2

from briefgen.content.schema import STAGES, STATUSES, Brief
from briefgen.errors import BriefgenError, display_path
from briefgen.layout import theme as themes
from briefgen.project import Project
from briefgen.regen.editions import Changes
from briefgen.render import arrange, loader, precompiled, reads, sandbox, view
from briefgen.render.ownfilters import briefgen_filters, due_marker
from briefgen.resources import builtin_templates

ENTRY = "brief.html.j2"
THEME = "theme.toml"


def _describe(folder: Path) -> str:
    path = folder / THEME
    if path.is_file():
        description = themes.read_toml(path).get("description", "")
        return str(description)
    return ""


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates for this process, by name, file and a checksum of the source.

    Each build makes its own Templates (so its theme and template files are read
    afresh); this keeps a watch or schedule from compiling the same template text
    again at every build, and compiles a template again as soon as its text changes.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored unless the checksum is the source's

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        """This process's compiled code, else a built-in template's shipped compiled code
        (only for exactly its name and source), else none: Jinja2 compiles it."""
        bucket = super().get_bucket(environment, name, filename, source)
        if bucket.code is None:
            bucket.code = precompiled.code(name, source, filename)
        return bucket


COMPILED = _Compiled()


class UnknownTemplate(BriefgenError):
    """No template folder has that name."""


class Templates:
    """All template folders a project can use, for one build: its themes are read once
    per Templates, and every build makes its own."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.builtin = builtin_templates()
        self.search = [d for d in (project.templates, self.builtin) if d.is_dir()]
        self._themes: dict[str, themes.Theme] = {}
        self._layers: dict[str, list[themes.Layer]] = {}
        self._folders: dict[str, Path] = {}  # a brief asks for its folder about five times

    @cached_property
    def env(self) -> jinja2.Environment:
        choices = jinja2.ChoiceLoader(
            [
                jinja2.PrefixLoader(
                    {"builtin": loader.ContainedLoader(self.builtin)}, delimiter=":"
                ),
                loader.ContainedLoader(self.search),
            ]
        )
        env = sandbox.environment(choices)
        env.bytecode_cache = COMPILED
        env.filters.update(briefgen_filters())
        env.globals.update(stages=STAGES, statuses=STATUSES)
        env.offer(due_marker=due_marker, arrange=arrange.arrange, heading=arrange.heading)
        return env

    def folder(self, name: str) -> Path:
        found = self._folders.get(name)
        if found is None:
            found = self._folders[name] = self._find(name)
        return found

    def _find(self, name: str) -> Path:
        for base in self.search:
            if (base / name / ENTRY).is_file():
                if not (base / name).resolve().is_relative_to(base.resolve()):
                    raise BriefgenError(
                        "template folder leads outside the templates folder; refused",
                        file=display_path(base / name),
                    )
                return base / name
        names = [n for n, _, _ in self.available()]
        hint = difflib.get_close_matches(name, names, n=1)
        more = f"; did you mean '{hint[0]}'?" if hint else ""
        raise UnknownTemplate(f"no template named '{name}'{more} (available: {', '.join(names)})")

    def available(self) -> list[tuple[str, str, str]]:
        """(name, description, 'project' or 'built-in') for every template, project first."""
        seen: dict[str, tuple[str, str, str]] = {}
        for base in self.search:
            origin = "built-in" if base == self.builtin else "project"
            for entry in sorted(base.iterdir()):
                if (entry / ENTRY).is_file() and entry.name not in seen:
                    described = entry if (entry / THEME).is_file() else self.builtin / entry.name
                    seen[entry.name] = (entry.name, _describe(described), origin)
        return list(seen.values())

    def theme(self, name: str) -> themes.Theme:
        cached = self._themes.get(name)
        if cached is None:
            layers = self._theme_layers(self.folder(name), ())
            overrides = dict(self.project.theme)
            if self.project.reference_docx:
                overrides.setdefault("reference_docx", self.project.reference_docx)
            if overrides:
                config = self.project.config
                origin = display_path(config) if config else "briefgen.toml"
                layers.append(themes.Layer(origin, self.project.root, overrides))
            cached = self._themes[name] = themes.build(layers, self.project.root)
        return cached

    def layers(self, name: str) -> list[themes.Layer]:
        """The theme files of template name and of those it extends, base first (read once)."""
        cached = self._layers.get(name)
        if cached is None:
            cached = self._layers[name] = self._theme_layers(self.folder(name), ())
        return cached

    def _theme_layers(self, folder: Path, seen: tuple[Path, ...]) -> list[themes.Layer]:
        """The theme files of a template and of those it extends, base first."""
        path = folder / THEME
        if not path.is_file():
            # A project template without a theme of its own looks like the one it replaces.
            builtin = self.builtin / folder.name
            if builtin.resolve() != folder.resolve() and (builtin / THEME).is_file():
                return self._theme_layers(builtin, seen)
            return []
        data = themes.read_toml(path)
        parent = data.get("extends")
        layers: list[themes.Layer] = []
        if parent is not None:
            if not isinstance(parent, str) or not parent:
                raise BriefgenError(
                    "expected a template name", file=display_path(path), field="extends"
                )
            # A project template extending its own name means the built-in one it replaces.
            same = parent == folder.name and (self.builtin / parent / ENTRY).is_file()
            base = self.builtin / parent if same else self.folder(parent)
            if base.resolve() in seen or base.resolve() == folder.resolve():
                raise BriefgenError(
                    f"extends '{parent}', which extends this theme again",
                    file=display_path(path),
                    field="extends",
                )
            layers = self._theme_layers(base, (*seen, folder.resolve()))
        layers.append(themes.Layer(display_path(path), folder, data))
        return layers

    def render(
        self, brief: Brief, name: str, as_of: dt.date, changes: Changes | None = None
    ) -> str:
        """Render the brief through the template's entry point into brief markup.

        changes: what changed since the last edition (default: nothing, a first edition).
        """
        return self.render_noting(brief, name, as_of, changes)[0]

    def render_noting(
        self, brief: Brief, name: str, as_of: dt.date, changes: Changes | None = None
    ) -> tuple[str, tuple[str, ...]]:
        """The brief markup, and what of the brief's lists the template never read
        ('3 of 6 key statements'; see :mod:`briefgen.render.reads`)."""
        self.folder(name)  # a clear error for an unknown template
        shared = self.project.arrange.get("extra")
        if shared:  # briefgen.toml's [extra], under the brief's own
            brief = dataclasses.replace(brief, extra={**shared, **brief.extra})
        record = view.plain(brief)
        context = {"brief": record, "as_of": as_of, "changes": view.changes_view(record, changes)}
        arrangement = arrange.Arrangement(arrange.settings(self.layers(name), self.project, brief))
        try:
            template = sandbox.compile_in_limits(lambda: self.env.get_template(f"{name}/{ENTRY}"))
            with arrange.arranging(arrangement), reads.reading() as seen:
                text = sandbox.render(template, context)
            arrangement.check(name)
            left = reads.unshown(view.record_values(record), seen, arrangement.hidden)
            return text, left
        except jinja2.TemplateSyntaxError as exc:
            raise BriefgenError(
                f"template error: {exc.message}",
                file=_display(exc.filename or exc.name),
                line=exc.lineno,
            ) from None
        except jinja2.TemplateNotFound as exc:
            file, line = _template_frame(exc)
            raise BriefgenError(f"template not found: {exc.name}", file=file, line=line) from None
        except jinja2.UndefinedError as exc:
            file, line = _template_frame(exc)
            raise BriefgenError(
                f"undefined: {view.plain_names(exc.message)}", file=file, line=line
            ) from None
        except jinja2.exceptions.SecurityError as exc:
            file, line = _template_frame(exc)
            raise BriefgenError(f"not allowed in a template: {exc}", file=file, line=line) from None
        except sandbox.LimitError as exc:
            file, line = _template_frame(exc)
            entry = display_path(self.folder(name) / ENTRY)
            raise BriefgenError(f"template stopped: {exc}", file=file or entry, line=line) from None
        except jinja2.TemplateRuntimeError as exc:  # e.g. {% set x.y = 1 %}, a filter's arguments
            file, line = _template_frame(exc)
            raise BriefgenError(f"template error: {exc}", file=file, line=line) from None
        except RecursionError:
            raise BriefgenError(f"template {name} recurses without end") from None
        except MemoryError:
            entry = display_path(self.folder(name) / ENTRY)
            raise BriefgenError(
                "template stopped: it needs more memory than there is", file=entry
            ) from None
        except sandbox.TEMPLATE_MISTAKES as exc:
            file, line = _template_frame(exc)
            raise BriefgenError(
                f"template error: {exc or type(exc).__name__}", file=file, line=line
            ) from None


def _display(filename: str | None) -> str | None:
    return display_path(Path(filename)) if filename else None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in an exception's traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return _display(frame.filename), frame.lineno
    return None, None
