"""briefgen's dataclasses' methods come from a table compiled once, not at each start."""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from briefgen import dataclass_code

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "precompile_dataclasses.py"
SUPPORTED = ((3, 10), (3, 11), (3, 12), (3, 13))  # each has its table, checked by .ci/run


def _this_pythons_table() -> dict[str, types.CodeType]:
    codes = dataclass_code.table()
    if not codes and sys.version_info[:2] not in SUPPORTED:
        pytest.skip(f"no table for Python {sys.version_info[0]}.{sys.version_info[1]}")
    assert codes, f"no table at {dataclass_code.path()}: run tools/precompile_dataclasses.py"
    return codes


def test_each_source_in_the_table_is_the_code_exec_would_compile() -> None:
    codes = _this_pythons_table()
    assert len(codes) > 50
    for source, code in codes.items():
        assert source.startswith(dataclass_code.PREFIX)
        fresh = compile(source, "<string>", "exec", dont_inherit=True)  # as dataclasses' exec
        assert code == fresh and code.co_filename == fresh.co_filename == "<string>"


def test_the_table_for_this_python_is_current() -> None:
    _this_pythons_table()
    done = subprocess.run(
        [sys.executable, str(TOOL), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_supported_python_has_a_table() -> None:
    for major, minor in SUPPORTED:
        where = dataclass_code.path(f"cpython-{major}{minor}")
        assert where is not None and where.is_file(), where
        assert where.read_bytes().startswith(dataclass_code.HEADER)


SOURCE = "def __create_fn__(x):\n def f(self):\n  return x + self\n return f"
ANNOTATED = "def __create_fn__(t):\n def f(self, a: t): pass\n return f"


def _counting_compile(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = dataclass_code.compiled

    def compiled(source: str) -> types.CodeType:
        calls.append(source)
        return real(source)

    monkeypatch.setattr(dataclass_code, "compiled", compiled)
    return calls


def test_a_source_in_the_table_runs_its_code_without_compiling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _counting_compile(monkeypatch)
    code = compile(SOURCE, "<string>", "exec", dont_inherit=True)
    cached = dataclass_code.cached_exec({SOURCE: code}, {})
    module_globals: dict[str, Any] = {"__name__": "somewhere"}
    ns: dict[str, Any] = {}
    cached(SOURCE, module_globals, ns)
    assert calls == []  # not compiled
    made = ns["__create_fn__"]
    assert made.__code__ is code.co_consts[0]  # the table's own code
    assert made.__globals__ is module_globals and made.__module__ == "somewhere"
    assert module_globals["__builtins__"] is builtins.__dict__  # as exec leaves it
    assert made(2)(3) == 5


def test_any_other_source_is_compiled_as_dataclasses_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _counting_compile(monkeypatch)
    cached = dataclass_code.cached_exec({}, {})
    ns: dict[str, Any] = {}
    cached(SOURCE, {}, ns)
    assert calls == [SOURCE] and ns["__create_fn__"](1)(1) == 2
    cached(ANNOTATED, {}, ns)
    # not "t": this module's and dataclass_code's `from __future__ import annotations`
    # does not reach the code
    assert ns["__create_fn__"](int).__annotations__ == {"a": int}


def test_exec_is_looked_up_when_called_and_handed_what_exec_takes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[Any, ...]] = []
    real = builtins.exec

    def recording(*args: Any, **kwargs: Any) -> None:
        seen.append(args + tuple(kwargs.items()))
        real(*args, **kwargs)

    home: dict[str, Any] = {}
    cached = dataclass_code.cached_exec({}, home)
    monkeypatch.setattr(builtins, "exec", recording)  # after the exec was made
    glob: dict[str, Any] = {}
    cached("y = 1", glob)
    assert glob["y"] == 1 and len(seen) == 1 and seen[0][1] is glob
    code = compile("z = 2", "<string>", "exec")
    cached(code, glob, glob)  # code, not a source: as it is
    assert seen[-1][0] is code and glob["z"] == 2
    cached("w = 3")  # no namespaces: dataclasses' own, as a bare exec there would use
    assert seen[-1][1] is home and home["w"] == 3


def test_the_table_reads_only_this_pythons_byte_code(tmp_path: Path) -> None:
    code = compile(SOURCE, "<string>", "exec", dont_inherit=True)
    data = dataclass_code.dumps({SOURCE: code})
    assert dataclass_code.loads(data) == {SOURCE: code}
    start = dataclass_code.HEADER + dataclass_code.MAGIC_NUMBER
    other = dataclass_code.HEADER + b"\0\0\r\n" + data[len(start) :]  # another magic number
    assert dataclass_code.loads(other) == {}
    assert dataclass_code.loads(data[:-5]) == {}  # cut short
    assert dataclass_code.loads(b"not a table") == {}
    listed = start + marshal.dumps([SOURCE])
    assert dataclass_code.loads(listed) == {}
    mixed = start + marshal.dumps({SOURCE: code, 1: code, "x": 2})
    assert dataclass_code.loads(mixed) == {SOURCE: code}
    assert dataclass_code.table(tmp_path / "missing.bin") == {}
    (tmp_path / "t.bin").write_bytes(data)
    assert dataclass_code.table(tmp_path / "t.bin") == {SOURCE: code}
    assert dataclass_code.path(None) is None  # a Python that writes no byte code


def test_install_leaves_another_exec_and_needs_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    def other(*args: Any) -> None:
        exec(*args)

    monkeypatch.setitem(vars(dataclasses), "exec", other)
    monkeypatch.setattr(dataclass_code, "table", lambda: {SOURCE: other.__code__})
    assert dataclass_code.install() is False
    assert vars(dataclasses)["exec"] is other
    monkeypatch.delitem(vars(dataclasses), "exec")
    monkeypatch.setattr(dataclass_code, "table", lambda: {})
    assert dataclass_code.install() is False and "exec" not in vars(dataclasses)
    code = compile(SOURCE, "<string>", "exec", dont_inherit=True)
    monkeypatch.setattr(dataclass_code, "table", lambda: {SOURCE: code})
    assert dataclass_code.install() is True
    assert vars(dataclasses)["exec"].codes == {SOURCE: code}
    assert dataclass_code.install() is True  # once: the same one stays
    monkeypatch.delitem(vars(dataclasses), "exec")


def test_briefgen_makes_its_classes_from_the_table() -> None:
    codes = _this_pythons_table()
    probe = (
        "import dataclasses, briefgen\n"
        "from briefgen import dataclass_code\n"
        "print(vars(dataclasses)['exec'].codes == dataclass_code.table())\n"
        "import sys\n"
        "print('briefgen.layout.page' in sys.modules, 'briefgen.content.schema' in sys.modules)\n"
        "compiled = []\n"
        "real = dataclass_code.compiled\n"
        "dataclass_code.compiled = lambda s: compiled.append(s) or real(s)\n"
        "from briefgen.layout import page\n"
        "from briefgen.content import schema\n"
        "print(len(compiled), page.Span.__init__.__qualname__)\n"
        "s = page.Span('a', 20, '#000000')\n"
        "print(s == page.Span('a', 20, '#000000'), hash(s) == hash(page.Span('a', 20, '#000000')))\n"
        "print(dataclasses.replace(s, bold=True).bold, repr(page.Line('#000000', 1.0)))\n"
        "try:\n    s.text = 'b'\nexcept dataclasses.FrozenInstanceError:\n    print('frozen')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.splitlines() == [
        "True",
        "False False",
        "0 Span.__init__",  # none compiled: every class's methods came from the table
        "True True",
        "True Line(color='#000000', width=1.0, gap=0.0)",
        "frozen",
    ], done.stderr
    assert codes
