"""Output formats: one module (or subpackage) per format, found by name.

Each defines ``WRITER``, a :class:`~briefgen.writers.registry.Writer`: its
name, file suffix, the libraries it needs (recorded in the manifest), the
modules worker processes preload, and ``render(page) -> bytes``. A writer
translates the laid-out page and decides nothing; it imports no other writer.
A new format is one new module in this folder: ``--format``, ``briefgen.toml``'s
``formats``, the manifest, the workers and ``briefgen doctor`` read this registry.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.writers.registry import Writer

__all__ = ["Writer", "defaults", "get", "libraries", "names", "preload"]
NOT_WRITERS = {"registry"}


@cache
def names() -> tuple[str, ...]:
    """Every output format, in a stable order."""
    here = str(Path(__file__).parent)
    return tuple(
        sorted(
            m.name
            for m in pkgutil.iter_modules([here])
            if not m.name.startswith("_") and m.name not in NOT_WRITERS
        )
    )


@cache
def defaults() -> tuple[str, ...]:
    """The formats a build writes unless told which: DOCX and PDF."""
    return tuple(name for name in names() if get(name).default)


def get(name: str) -> Writer:
    if name not in names():
        raise BriefgenError(f"unknown format '{name}'; known: {', '.join(names())}")
    writer: Writer = importlib.import_module(f"briefgen.writers.{name}").WRITER
    return writer


def libraries() -> tuple[str, ...]:
    """The libraries every format's writer depends on, each once, in format order."""
    return tuple(dict.fromkeys(lib for name in names() for lib in get(name).libraries))


def preload() -> tuple[str, ...]:
    """The modules worker processes import before their first brief."""
    return tuple(
        dict.fromkeys(
            m for name in names() for m in (f"briefgen.writers.{name}", *get(name).preload)
        )
    )
