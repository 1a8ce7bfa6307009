"""Regular expressions a library compiles as it is imported, compiled when first used.

Several libraries briefgen imports compile, at import, patterns a brief seldom or
never uses: reportlab's URL splitter and its Python syntax colouring, PyYAML's
check for unprintable characters (which the C loader briefgen uses does not run).
Compiling them is a few milliseconds each of every cold start. :func:`deferring`
imports a module while ``re.compile`` hands back a :class:`Deferred` pattern for
those a rule picks out, by the module compiling it and the pattern; the pattern is
compiled, unchanged, on its first use, and then is the compiled one. Every other
pattern is compiled as before, in every thread.

A deferred pattern is used through its attributes (``match``, ``sub``,
``pattern`` ...), which is how these libraries use theirs; a pattern handed to
``re.match`` and the like as its first argument must not be deferred.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: whether the pattern (second) that the module (first) compiles waits for its first use
Rule = Callable[[str, str], bool]


class Deferred:
    """A regular expression compiled on first use; then it is the compiled one."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # match, search, pattern, flags ...
        if name.startswith("__") or name in ("_source", "_compiled"):
            # copy and pickle ask for these on an instance not yet filled in
            raise AttributeError(name)
        return getattr(self.compiled(), name)


@contextmanager
def deferring(rule: Rule) -> Iterator[None]:
    """While inside, a pattern compiled by a module as rule picks it is :class:`Deferred`."""
    real = re.compile

    def compile(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str):
            module = sys._getframe(1).f_globals.get("__name__")
            if isinstance(module, str) and rule(module, pattern):
                return Deferred(pattern, flags)
        return real(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = real
