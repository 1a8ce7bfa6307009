"""`briefgen templates list` and `briefgen templates copy`."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefgen.errors import BriefgenError, display_path
from briefgen.render.templating import Templates


def listing(templates: Templates) -> list[str]:
    """One line per template: name, where it comes from, and its description."""
    rows = templates.available()
    width = max((len(name) for name, _, _ in rows), default=0)
    lines = []
    for name, description, origin in rows:
        overrides = origin == "project" and (templates.builtin / name).is_dir()
        where = "project, overrides built-in" if overrides else origin
        lines.append(f"{name:<{width}}  ({where})  {description}")
    return lines


def destination(templates: Templates, name: str, dest: Path | None) -> Path:
    """Where `templates copy NAME [DEST]` copies to: templates/NAME, templates/DEST for a
    bare name (a template of that name), else DEST as a path."""
    if dest is None:
        return templates.project.templates / name
    if len(dest.parts) == 1 and dest.name not in (".", ".."):
        return templates.project.templates / dest
    return dest


def seen_by_project(templates: Templates, target: Path) -> bool:
    """Whether the project's briefs can use a template folder at target (templates/X)."""
    return target.resolve().parent == templates.project.templates.resolve()


def copy(templates: Templates, name: str, dest: Path | None = None) -> Path:
    """Copy a built-in template folder into the project to edit; never overwrites.

    dest: a bare name (templates/DEST, a template of that name) or a path."""
    source = templates.builtin / name
    if not (source / "brief.html.j2").is_file():
        known = ", ".join(p.name for p in sorted(templates.builtin.iterdir()) if p.is_dir())
        raise BriefgenError(f"no built-in template named '{name}'; built-in: {known}")
    target = destination(templates, name, dest)
    if target.exists():
        raise BriefgenError(
            "exists already; remove it or copy to another folder "
            f"(briefgen templates copy {name} NEWNAME)",
            file=display_path(target),
        )
    try:
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    except OSError as exc:
        raise BriefgenError(
            f"cannot copy: {exc.strerror or exc}", file=display_path(target)
        ) from None
    return target
