"""The content files a build reads: those named, and those found in folders named."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from briefgen.errors import BriefgenError, display_path
from briefgen.project import START, started

CONTENT_SUFFIXES = (".yaml", ".yml", ".json")


def find_content(paths: Iterable[Path]) -> list[Path]:
    """Content files named, or found directly inside folders named (not starting with '_')."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.iterdir())
                if p.suffix.lower() in CONTENT_SUFFIXES and not p.name.startswith(("_", "."))
            )
        elif path.exists():
            found.append(path)
        else:
            start = "" if started(Path.cwd()) else f"; {START}"
            raise BriefgenError(f"no such file or folder{start}", file=str(path))
    if not found:
        names = ", ".join(display_path(p) for p in paths)
        raise BriefgenError(f"no content files (*.yaml, *.yml, *.json) in {names}")
    return found
