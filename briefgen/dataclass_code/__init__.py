"""briefgen's dataclasses' methods, compiled when the table was written, not at each start.

``@dataclass`` writes each class's methods (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, and a frozen class's ``__setattr__`` and ``__delattr__``) as Python
source and compiles it with ``exec`` as the module that defines the class is
imported: about 660 compilations for briefgen's classes, 110-140 ms of a cold start
on 2 cores with Python 3.10 to 3.13 alike, a quarter of the time briefgen's own
modules take to import.

Those sources, compiled as ``exec`` would compile them, are in this package, one
table per Python (``cpython-311.bin`` for CPython 3.11 and so on, written by
``tools/precompile_dataclasses.py``): a header naming the byte code's version (the
magic number a ``.pyc`` file starts with), then a :mod:`marshal` of a dict from
each source to its code (not compressed: decompressing took 1.5 ms of every start;
the wheel is compressed anyway). :func:`install` puts an ``exec`` into the
``dataclasses`` module's namespace that, handed exactly one of those sources, runs
its code instead of compiling the source again. Any other source (another Python's
text, a class changed since the table was written, another library's dataclass) is
compiled as ``exec`` would compile it. Either way the same code runs with the same
namespaces: a function made from the table cannot be told from one compiled now.

A table whose byte code is not this Python's (another release's magic number) is
left unused, as is the table where something else has already put an ``exec`` into
``dataclasses``. Reading the table takes 1-2 ms.
"""

from __future__ import annotations

import builtins
import marshal
import sys
import types
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

PREFIX = "def __create_fn__("  # how every source dataclasses compiles begins
HEADER = b"briefgen dataclass code\n"  # then MAGIC_NUMBER, then the marshal
FOLDER = Path(__file__).parent

Exec = Callable[..., None]


def path(tag: str | None = sys.implementation.cache_tag) -> Path | None:
    """Where the table of the Python with the cache tag `tag` is (None: no byte code)."""
    return None if tag is None else FOLDER / f"{tag}.bin"


def dumps(codes: dict[str, types.CodeType]) -> bytes:
    """The table's bytes for codes, which this Python compiled."""
    return HEADER + MAGIC_NUMBER + marshal.dumps(codes)


def loads(data: bytes) -> dict[str, types.CodeType]:
    """The table in data; empty where it is not this Python's byte code or is damaged."""
    start = HEADER + MAGIC_NUMBER
    if not data.startswith(start):
        return {}
    try:
        codes = marshal.loads(data[len(start) :])
    except (ValueError, EOFError, TypeError):
        return {}
    if type(codes) is not dict:
        return {}
    return {k: v for k, v in codes.items() if type(k) is str and type(v) is types.CodeType}


def table(where: Path | None = None) -> dict[str, types.CodeType]:
    """Each source of the table at `where` (this Python's by default) and its code."""
    where = where or path()
    if where is None:
        return {}
    try:
        data = where.read_bytes()
    except OSError:
        return {}
    return loads(data)


def compiled(source: str) -> types.CodeType:
    """source compiled as ``exec`` compiles it in ``dataclasses``, which has no
    ``__future__`` imports (this module's would otherwise carry over)."""
    return compile(source, "<string>", "exec", dont_inherit=True)


def cached_exec(codes: dict[str, types.CodeType], home: dict[str, Any]) -> Exec:
    """An exec for dataclasses: a source in codes runs its code without compiling;
    anything else is compiled first. home is dataclasses' namespace, which a bare
    ``exec`` there would take for its globals."""

    def exec_(source: Any, /, *args: Any, **kwargs: Any) -> None:
        if type(source) is str:
            found = codes.get(source)
            source = compiled(source) if found is None else found
        if not args and "globals" not in kwargs:
            args = (home,)
        return builtins.exec(source, *args, **kwargs)  # looked up now, as dataclasses does

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
    home["exec"] = cached_exec(codes, home)
    return True
