"""Patterns a library compiles as it is imported wait for their first use (briefgen.lazyre)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from briefgen.lazyre import Deferred, deferring

LIBRARY = "import re\nCHOSEN = re.compile('[a-z]+', re.I)\nOTHER = re.compile('[0-9]+')\n"


def _import_as(module: str) -> dict[str, Any]:
    """LIBRARY's body run as the module named module (what re.compile's caller is)."""
    namespace: dict[str, Any] = {"__name__": module}
    exec(LIBRARY, namespace)
    return namespace


def test_only_what_the_rule_picks_waits_and_by_the_module_compiling_it() -> None:
    picked: list[tuple[str, str]] = []

    def rule(module: str, pattern: str) -> bool:
        picked.append((module, pattern))
        return module == "lib.slow" and pattern.startswith("[a-z]")

    with deferring(rule):
        slow = _import_as("lib.slow")
        other = _import_as("lib.other")
    assert isinstance(slow["CHOSEN"], Deferred) and slow["CHOSEN"]._compiled is None
    assert isinstance(slow["OTHER"], re.Pattern)
    assert isinstance(other["CHOSEN"], re.Pattern)  # the same pattern, another module
    assert ("lib.slow", "[a-z]+") in picked and ("lib.other", "[a-z]+") in picked
    assert re.compile is not None and _import_as("lib.slow")["CHOSEN"].__class__ is re.Pattern


def test_a_deferred_pattern_is_compiled_when_first_used_and_works_as_compiled() -> None:
    with deferring(lambda module, pattern: True):
        chosen = _import_as("lib")["CHOSEN"]
    assert chosen._compiled is None
    assert chosen.findall("Ab 12 cd") == ["Ab", "cd"]  # re.I kept
    assert chosen._compiled is not None and chosen.flags & re.I
    assert chosen.pattern == "[a-z]+" and chosen.sub("-", "a1B") == "-1-"


def test_re_compile_is_itself_again_however_the_import_ends() -> None:
    real = re.compile
    with pytest.raises(ZeroDivisionError), deferring(lambda module, pattern: True):
        assert re.compile is not real
        raise ZeroDivisionError
    assert re.compile is real


def test_windows_that_overlap_leave_re_compile_itself_once_all_close() -> None:
    real = re.compile
    first = deferring(lambda module, pattern: module == "lib.a")
    second = deferring(lambda module, pattern: module == "lib.b")
    first.__enter__()
    second.__enter__()  # as another thread would, before the first closes
    first.__exit__(None, None, None)
    assert isinstance(_import_as("lib.b")["CHOSEN"], Deferred)  # the second's rule holds
    assert isinstance(_import_as("lib.a")["CHOSEN"], re.Pattern)  # the first's is gone
    second.__exit__(None, None, None)
    assert re.compile is real


def test_a_used_deferred_pattern_answers_directly_and_copies_as_one_waiting() -> None:
    import copy
    import pickle

    with deferring(lambda module, pattern: True):
        chosen = _import_as("lib")["CHOSEN"]
    assert chosen.match("ab") is not None
    assert "match" in vars(chosen)  # no second trip through __getattr__
    for made in (copy.copy(chosen), pickle.loads(pickle.dumps(chosen))):
        assert isinstance(made, Deferred) and made._compiled is None
        assert made.findall("Ab 12") == ["Ab"]
