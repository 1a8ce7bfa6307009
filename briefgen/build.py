"""Build many briefs: find the content files, write each format safely."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefgen import writers
from briefgen.errors import BriefgenError, display_path
from briefgen.fit import overflow_warning
from briefgen.pipeline import Prepared, prepare
from briefgen.project import Project
from briefgen.templating import Templates

CONTENT_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class Result:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    prepared: Prepared | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


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
            raise BriefgenError("no such file or folder", file=str(path))
    if not found:
        names = ", ".join(display_path(p) for p in paths)
        raise BriefgenError(f"no content files (*.yaml, *.yml, *.json) in {names}")
    return found


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename over the old file.

    A failure at any point leaves the previous file as it was, and no temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def build(
    project: Project,
    paths: list[Path],
    *,
    output: Path | None = None,
    formats: tuple[str, ...] | None = None,
    as_of: dt.date | None = None,
    allow_overflow: bool = False,
    write: bool = True,
) -> Iterator[Result]:
    """Build (or with write=False, only check) each brief; one Result per content file."""
    formats = formats or project.formats
    modules = [writers.get(name) for name in formats]
    templates = Templates(project)
    out_dir = output or project.output
    stems: dict[str, Path] = {}
    for source in find_content(paths):
        result = Result(source)
        try:
            earlier = stems.setdefault(source.stem, source)
            if earlier != source:
                raise BriefgenError(
                    f"writes the same files as {display_path(earlier)}; rename one of them",
                    file=display_path(source),
                )
            result.prepared = prepare(source, templates, as_of=as_of, allow_overflow=allow_overflow)
            if not result.prepared.fitted.fits:
                result.warnings.append(overflow_warning(result.prepared.fitted))
            if write:
                for module in modules:
                    target = out_dir / (source.stem + module.SUFFIX)
                    write_atomic(target, partial(module.write, result.prepared.fitted))
                    result.outputs.append(target)
        except BriefgenError as exc:
            result.error = str(exc)
        except OSError as exc:
            result.error = f"{display_path(source)}: cannot write: {exc.strerror or exc}"
        except Exception as exc:  # a bug must not stop the other briefs
            if os.environ.get("BRIEFGEN_DEBUG"):
                raise
            detail = " ".join(str(exc).split())[:200]
            result.error = f"{display_path(source)}: internal error: {type(exc).__name__}: {detail}"
        yield result
