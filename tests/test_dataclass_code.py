"""briefgen's dataclasses' methods come from a table compiled at install, not at each start."""

from __future__ import annotations

import dataclasses
import importlib
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from briefgen import dataclass_code

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "precompile_dataclasses.py"
FOLDER = Path(dataclass_code.__file__).parent


def _table_module() -> types.ModuleType:
    try:
        return importlib.import_module(dataclass_code.TABLE)
    except ModuleNotFoundError:
        pytest.skip(f"no table for Python {sys.version_info[0]}.{sys.version_info[1]}")


def _same_code(made: types.CodeType, compiled: types.CodeType) -> None:
    """The same code but for where it says it came from (file and lines)."""
    for name in ("co_code", "co_names", "co_varnames", "co_freevars", "co_cellvars"):
        assert getattr(made, name) == getattr(compiled, name), name
    for name in ("co_argcount", "co_kwonlyargcount", "co_posonlyargcount", "co_flags", "co_name"):
        assert getattr(made, name) == getattr(compiled, name), name
    assert len(made.co_consts) == len(compiled.co_consts)
    for mine, theirs in zip(made.co_consts, compiled.co_consts, strict=True):
        if isinstance(mine, types.CodeType):
            _same_code(mine, theirs)
        else:
            assert mine == theirs and type(mine) is type(theirs)


def test_each_source_in_the_table_is_the_code_it_holds() -> None:
    table = _table_module()
    assert len(table.SOURCES) == len(table.FUNCTIONS) > 50
    for source, made in zip(table.SOURCES, table.FUNCTIONS, strict=True):
        assert source.startswith(dataclass_code.PREFIX)
        ns: dict[str, Any] = {}
        exec(compile(source, "<string>", "exec", dont_inherit=True), {}, ns)  # as dataclasses
        _same_code(made.__code__, ns["__create_fn__"].__code__)


def test_the_table_for_this_python_is_current() -> None:
    table = _table_module()
    if tuple(table.VERSION) != sys.version_info[:3]:
        pytest.skip(f"the table was made with Python {table.VERSION}, not this one")
    done = subprocess.run(
        [sys.executable, str(TOOL), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _recording_exec() -> tuple[list[Any], Any]:
    calls: list[Any] = []

    def real(source: Any, globals: Any = None, locals: Any = None, /) -> None:
        calls.append((source, globals, locals))
        exec(source, globals, locals)

    return calls, real


SOURCE = "def __create_fn__(x):\n def f(self):\n  return x + self\n return f"


def test_a_source_in_the_table_is_made_without_compiling_it() -> None:
    compiled: dict[str, Any] = {}
    exec(SOURCE, {}, compiled)
    calls, real = _recording_exec()
    cached = dataclass_code.cached_exec({SOURCE: compiled["__create_fn__"].__code__}, real, {})
    module_globals: dict[str, Any] = {"__name__": "somewhere"}
    ns: dict[str, Any] = {}
    cached(SOURCE, module_globals, ns)
    assert calls == []  # not compiled
    made = ns["__create_fn__"]
    assert made.__globals__ is module_globals and made.__module__ == "somewhere"
    assert "__builtins__" in module_globals  # as exec leaves it
    assert made(2)(3) == 5


def test_any_other_source_is_compiled_as_before() -> None:
    calls, real = _recording_exec()
    home: dict[str, Any] = {}
    cached = dataclass_code.cached_exec({}, real, home)
    ns: dict[str, Any] = {}
    glob: dict[str, Any] = {}
    cached(SOURCE, glob, ns)
    assert [(g, n) for _, g, n in calls] == [(glob, ns)]  # compiled, by the real exec
    assert ns["__create_fn__"](1)(1) == 2
    annotated = "def __create_fn__(t):\n def f(self, a: t): pass\n return f"
    cached(annotated, glob, ns)
    assert ns["__create_fn__"](int).__annotations__ == {"a": int}  # not "t": no __future__
    cached("y = 1")  # no namespaces: dataclasses' own, as a bare exec there would use
    assert calls[-1][1:] == (home, home) and home["y"] == 1


def test_an_exec_already_in_dataclasses_is_left_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    def other(*args: Any) -> None:
        exec(*args)

    monkeypatch.setitem(vars(dataclasses), "exec", other)
    monkeypatch.setattr(dataclass_code, "table", lambda: {SOURCE: other.__code__})  # a table
    assert dataclass_code.install() is False
    assert vars(dataclasses)["exec"] is other


def test_a_table_that_is_missing_or_not_byte_compiled_is_not_used(tmp_path: Path) -> None:
    assert dataclass_code.table("briefgen.dataclass_code.py29") == {}
    source = tmp_path / "tablemod.py"
    source.write_text("SOURCES = ('x',)\nFUNCTIONS = [lambda: 0]\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        spec = importlib.util.find_spec("tablemod")
        assert spec is not None
        assert not dataclass_code._compiled(spec)
        assert dataclass_code.table("tablemod") == {}  # compiling it would cost what it saves
        assert "tablemod" not in sys.modules
        Path(spec.cached or "").parent.mkdir(parents=True, exist_ok=True)
        import py_compile

        py_compile.compile(str(source), cfile=spec.cached)
        assert dataclass_code._compiled(spec)
        assert list(dataclass_code.table("tablemod")) == ["x"]
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("tablemod", None)


def test_an_installed_briefgen_makes_its_classes_from_the_table(tmp_path: Path) -> None:
    _table_module()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)  # byte code as pip leaves it, elsewhere
    compile_table = f"import compileall; compileall.compile_dir({str(FOLDER)!r}, quiet=1)"
    subprocess.run([sys.executable, "-c", compile_table], env=env, check=True, cwd=ROOT)
    probe = (
        "import dataclasses, briefgen\n"
        "from briefgen.layout import page\n"
        "init = page.Span.__init__\n"
        "print(init.__code__.co_filename.endswith(%r), init.__qualname__)\n"
        "s = page.Span('a', 20, '#000000')\n"
        "print(s == page.Span('a', 20, '#000000'), hash(s) == hash(page.Span('a', 20, '#000000')))\n"
        "print(dataclasses.replace(s, bold=True).bold, repr(page.Line('#000000', 1.0)))\n"
        "try:\n    s.text = 'b'\nexcept dataclasses.FrozenInstanceError:\n    print('frozen')\n"
    ) % (dataclass_code.TABLE.rsplit(".", 1)[1] + ".py")
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert done.stdout.splitlines() == [
        "True Span.__init__",
        "True True",
        "True Line(color='#000000', width=1.0, gap=0.0)",
        "frozen",
    ], done.stderr
