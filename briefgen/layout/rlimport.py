"""reportlab's platypus, imported with two of its patterns compiled when first used.

``reportlab.platypus.paragraph`` compiles, at import, a case-insensitive pattern
over most of Unicode that recognises URLs for splitting long words (``uri_pat``):
about 28 ms of a cold start, a tenth of every import reportlab costs, for a
pattern a brief's paragraphs use only when a URL is too long for its line. The
``reportlab.lib.textsplit`` it imports compiles one over every character from
U+2E80 up (``rx``, about 4 ms) for ``cjkwrap``, which nothing in briefgen calls.
Here those two patterns are made :class:`Deferred` ones that compile them,
unchanged, on their first use; everything else is compiled as before.

Every module of briefgen's that imports ``reportlab.platypus`` imports this module
first (tests/test_startup_deferred.py checks that each does); whichever comes first
makes the import, later ones find it done. While reportlab's module is imported,
``re.compile`` is a wrapper that passes every other pattern through, in every thread.
"""

from __future__ import annotations

import re
import sys
from typing import Any

#: how the URL pattern begins, in every reportlab release that has it
URL_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
#: textsplit's pattern for cjkwrap, whole
CJK_WRAP_PATTERN = "([\u2e80-\uffff])"


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


def _import() -> None:
    real = re.compile

    def compile(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and (
            pattern.startswith(URL_PATTERN_START) or pattern == CJK_WRAP_PATTERN
        ):
            return Deferred(pattern, flags)
        return real(pattern, flags)

    re.compile = compile
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = real


# the import system runs this module's body once, and holds its lock meanwhile
if "reportlab.platypus.paragraph" not in sys.modules:
    _import()
