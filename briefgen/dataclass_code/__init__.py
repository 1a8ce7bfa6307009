"""briefgen's dataclasses' methods, compiled when briefgen is installed, not at each start.

``@dataclass`` writes each class's methods (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, and a frozen class's ``__setattr__`` and ``__delattr__``) as Python
source and compiles it with ``exec`` as the module that defines the class is
imported: about 660 compilations for briefgen's classes, 110-140 ms of a cold start
on 2 cores with Python 3.10 to 3.13 alike, a quarter of the time briefgen's own
modules take to import.

The same sources, as the Python that wrote them made them, are in this package as
ordinary functions (``py311.py`` for Python 3.11 and so on, written by
``tools/precompile_dataclasses.py``), which pip byte-compiles as it installs
briefgen. :func:`install` puts an ``exec`` into the ``dataclasses`` module's
namespace that, handed exactly one of those sources, makes the function from its
compiled code instead of compiling the source again. Any other source (another
Python's text, a class changed since the table was written, another library's
dataclass) goes to the real ``exec``, as before. Either way the function is made
from the same source with the same globals: only the file name and line numbers
its code carries differ.

The table is left unused where it has no byte code of its own (an editable install
under PYTHONDONTWRITEBYTECODE), since compiling it would cost what it saves, and
where something else has already put an ``exec`` into ``dataclasses``.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import os
import sys
import types
from collections.abc import Callable
from typing import Any

PREFIX = "def __create_fn__("  # how every source dataclasses compiles begins
TABLE = f"{__name__}.py{sys.version_info[0]}{sys.version_info[1]}"  # this Python's table

Exec = Callable[..., None]


def table(name: str = TABLE) -> dict[str, types.CodeType]:
    """Each source of the table `name` and its compiled code; empty where the table is
    missing or not byte-compiled."""
    spec = importlib.util.find_spec(name)
    if spec is None or not _compiled(spec):
        return {}
    module = importlib.import_module(name)
    sources: tuple[str, ...] = module.SOURCES
    functions: list[types.FunctionType] = module.FUNCTIONS
    return {source: made.__code__ for source, made in zip(sources, functions, strict=True)}


def _compiled(spec: importlib.machinery.ModuleSpec) -> bool:
    """Whether importing the module reads byte code rather than compiling its source."""
    if spec.origin is None or not spec.origin.endswith(".py") or not spec.cached:
        return spec.origin is not None and spec.origin.endswith(".pyc")  # a sourceless wheel
    return os.path.exists(spec.cached)


def cached_exec(codes: dict[str, types.CodeType], real: Exec, home: dict[str, Any]) -> Exec:
    """An exec for dataclasses: a source in codes becomes its function without compiling;
    anything else is real's, with dataclasses' own namespace (home) where exec would
    take the caller's."""

    def exec_(source: Any, globals: Any = None, locals: Any = None, /) -> None:
        code = codes.get(source) if type(source) is str else None
        if code is None or globals is None or locals is None:
            if globals is None:  # exec would take its caller's, which is dataclasses
                globals, locals = home, home if locals is None else locals
            if type(source) is str:  # compiled as in dataclasses, without this module's
                source = compile(source, "<string>", "exec", dont_inherit=True)  # __future__
            return real(source, globals, locals)
        globals.setdefault("__builtins__", builtins.__dict__)  # as exec does
        locals["__create_fn__"] = types.FunctionType(code, globals)
        return None

    exec_.codes = codes  # type: ignore[attr-defined]  # marks it as this module's
    return exec_


def install() -> bool:
    """Make dataclasses use this Python's table, once per process; whether it is in use."""
    import dataclasses

    home = vars(dataclasses)
    if "exec" in home:  # installed already, or another exec is in place: leave it
        return hasattr(home["exec"], "codes")
    codes = table()
    if not codes:
        return False
    home["exec"] = cached_exec(codes, builtins.exec, home)
    return True
