"""Regular expressions a library compiles as it is imported, compiled when first used.

Several libraries briefgen imports compile, at import, patterns a brief seldom or
never uses: reportlab's URL splitter and its Python syntax colouring, PyYAML's
check for unprintable characters (which the C loader briefgen uses does not run).
Compiling them is a few milliseconds each of every cold start. :func:`deferring`
imports a module while ``re.compile`` hands back a :class:`Deferred` pattern for
those a rule picks out, by the module compiling it and the pattern; the pattern is
compiled, unchanged, on its first use, and then is the compiled one. Every other
pattern is compiled as before, in every thread, however the windows of several
threads overlap.

A deferred pattern is used through its attributes (``match``, ``sub``,
``pattern`` ...), which is how these libraries use theirs; a pattern handed to
``re.match`` and the like as its first argument must not be deferred.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: whether the pattern (second) that the module (first) compiles waits for its first use
Rule = Callable[[str, str], bool]


_COMPILE = re.compile  # the real one, whatever a window puts in its place


class Deferred:
    """A regular expression compiled on first use; then it is the compiled one."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _COMPILE(*self._source)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # match, search, pattern, flags ...
        if name.startswith("__") or name in ("_source", "_compiled"):
            # copy and pickle ask for these on an instance not yet filled in
            raise AttributeError(name)
        found = getattr(self.compiled(), name)
        self.__dict__[name] = found  # asked for directly from now on (a pattern is immutable)
        return found

    def __reduce__(self) -> tuple[type[Deferred], tuple[str, int]]:
        return (Deferred, self._source)  # a copy waits for its own first use


_LOCK = threading.Lock()
_RULES: list[Rule] = []  # the rules of the windows open now, in any thread
_SAVED: list[Any] = []  # what re.compile was before the first of them opened


def _compile(pattern: Any, flags: int = 0) -> Any:
    rules = tuple(_RULES)
    if rules and isinstance(pattern, str):
        module = sys._getframe(1).f_globals.get("__name__")
        if isinstance(module, str) and any(rule(module, pattern) for rule in rules):
            return Deferred(pattern, flags)
    return _COMPILE(pattern, flags)


@contextmanager
def deferring(rule: Rule) -> Iterator[None]:
    """While inside, a pattern compiled by a module as rule picks it is :class:`Deferred`.

    Windows may overlap, in one thread or several: ``re.compile`` is the wrapper while
    any is open, with every open window's rule, and is itself again once all are closed."""
    with _LOCK:
        if not _RULES:
            _SAVED.append(re.compile)
            re.compile = _compile
        _RULES.append(rule)
    try:
        yield
    finally:
        with _LOCK:
            _RULES.remove(rule)
            if not _RULES:
                re.compile = _SAVED.pop()
