"""Write the methods dataclasses makes for briefgen's classes into briefgen/dataclass_code/.

Run after changing a dataclass, with each Python briefgen supports (the table is
the running Python's: briefgen/dataclass_code/cpython-311.bin for 3.11, and so on):
python tools/precompile_dataclasses.py   (``--check``: exit 1 if this Python's table is stale)

Every module of briefgen is imported while an ``exec`` in the ``dataclasses``
module records each source dataclasses compiles; the table holds those sources,
each with its code (see :mod:`briefgen.dataclass_code`). A class changed since the
table was written still works, compiled at run time: a stale table costs time,
never behaviour. Any release of a Python (3.12.1 or 3.12.8) reads its minor
version's table: their byte code is the same (the same magic number), and a source
one release writes differently is compiled.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib
import pkgutil
import sys
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREFIX = "def __create_fn__("
SKIP = ("briefgen.render.precompiled._t_",)  # generated code, which makes no classes


def sources() -> list[str]:
    """Each source dataclasses compiles while every briefgen module is imported, sorted.

    Needs a process in which briefgen has not been imported yet."""
    if "briefgen" in sys.modules:
        raise RuntimeError("briefgen is imported already: its classes were made before this")
    seen: dict[str, None] = {}

    def recording(source: Any, globals: Any = None, locals: Any = None, /) -> None:
        if type(source) is str and source.startswith(PREFIX):
            seen[source] = None
            source = compile(source, "<string>", "exec", dont_inherit=True)  # as dataclasses does
        builtins.exec(source, globals, locals)

    vars(dataclasses)["exec"] = recording  # briefgen's own table stays out of the way
    try:
        import briefgen

        for found in pkgutil.walk_packages(briefgen.__path__, "briefgen."):
            if not found.name.startswith(SKIP):
                importlib.import_module(found.name)
    finally:
        del vars(dataclasses)["exec"]
    return sorted(seen)


def codes(texts: list[str]) -> dict[str, types.CodeType]:
    """Each text and its code, compiled as dataclasses' exec compiles it."""
    from briefgen import dataclass_code

    return {text: dataclass_code.compiled(text) for text in texts}


def main(argv: list[str]) -> int:
    made = codes(sources())
    from briefgen import dataclass_code

    where = dataclass_code.path()
    if where is None:
        print("this Python writes no byte code (no sys.implementation.cache_tag): no table")
        return 1
    name = where.relative_to(ROOT)
    current = where.exists() and dataclass_code.table(where) == made  # codes compare by value
    if "--check" in argv:
        if current:
            return 0
        print(f"{name} is stale: run python tools/precompile_dataclasses.py")
        return 1
    if current:  # marshal's bytes vary with what else is loaded: leave a current table be
        print(f"{name} is current ({len(made)} sources)")
        return 0
    where.write_bytes(dataclass_code.dumps(made))
    print(f"wrote {name} ({len(made)} sources)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
