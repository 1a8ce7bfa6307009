"""Output formats: one module per format, found by name.

A writer module defines ``SUFFIX`` (the file ending) and
``write(fitted, path)``; it makes no layout decisions and finds no files. A new
format is one new module in this folder.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path
from types import ModuleType

from briefgen.errors import BriefgenError


@cache
def names() -> tuple[str, ...]:
    """Every output format, in a stable order."""
    here = str(Path(__file__).parent)
    return tuple(sorted(m.name for m in pkgutil.iter_modules([here]) if not m.name.startswith("_")))


def get(name: str) -> ModuleType:
    if name not in names():
        raise BriefgenError(f"unknown format '{name}'; known: {', '.join(names())}")
    return importlib.import_module(f"briefgen.writers.{name}")
