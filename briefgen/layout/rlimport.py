"""reportlab, imported with two of its patterns compiled and Pillow imported when first used.

``reportlab.platypus.paragraph`` compiles, at import, a case-insensitive pattern
over most of Unicode that recognises URLs for splitting long words (``uri_pat``):
about 28 ms of a cold start, a tenth of every import reportlab costs, for a
pattern a brief's paragraphs use only when a URL is too long for its line. The
``reportlab.lib.textsplit`` it imports compiles one over every character from
U+2E80 up (``rx``, about 4 ms) for ``cjkwrap``, which nothing in briefgen calls.
Here those two patterns are made :class:`Deferred` ones that compile them,
unchanged, on their first use; everything else is compiled as before.

``reportlab.lib.utils``, which every part of reportlab imports, imports Pillow's
``PIL.Image`` for bitmaps: about 8 ms (its EXIF and TIFF tag tables are enums) for
a brief with no logo. Here reportlab is handed a :class:`DeferredModule` in its
place, which imports ``PIL.Image`` when reportlab first uses it (a logo, an image)
and from then on is the real module's attributes; ``from PIL import Image`` anywhere
after that gets the real module.

Every module of briefgen's that imports reportlab at its top imports this module
first (tests/test_startup_deferred.py checks that each does); whichever comes first
makes the import, later ones find it done. Imported later than reportlab, this
module changes nothing but the speed of that start. While reportlab's module is
imported, ``re.compile`` is a wrapper that passes every other pattern through, in
every thread.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
import types
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


class DeferredModule(types.ModuleType):
    """A module imported when one of its attributes is first asked for or set, in any
    thread; from then on, what it holds and is given are the real module's."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._real: types.ModuleType | None = None
        self._lock = threading.Lock()

    def imported(self) -> types.ModuleType:
        with self._lock:
            if self._real is None:
                if sys.modules.get(self.__name__) is self:
                    del sys.modules[self.__name__]  # so that the import finds the real one
                self._real = importlib.import_module(self.__name__)
            return self._real

    def __getattr__(self, name: str) -> Any:  # only what the module itself does not hold
        return getattr(self.imported(), name)

    def __setattr__(self, name: str, value: Any) -> None:  # Image.MAX_IMAGE_PIXELS = ...
        if name in ("_real", "_lock"):
            super().__setattr__(name, value)
        else:
            setattr(self.imported(), name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self.imported(), name)


def _import() -> None:
    real = re.compile

    def compile(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and (
            pattern.startswith(URL_PATTERN_START) or pattern == CJK_WRAP_PATTERN
        ):
            return Deferred(pattern, flags)
        return real(pattern, flags)

    if "PIL.Image" not in sys.modules:
        sys.modules["PIL.Image"] = DeferredModule("PIL.Image")
    re.compile = compile
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = real


# the import system runs this module's body once, and holds its lock meanwhile
if "reportlab.platypus.paragraph" not in sys.modules:
    _import()
