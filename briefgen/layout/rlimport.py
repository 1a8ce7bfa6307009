"""reportlab, imported with the patterns a brief seldom uses and Pillow left until first used.

``reportlab.platypus.paragraph`` compiles, at import, a case-insensitive pattern
over most of Unicode that recognises URLs for splitting long words (``uri_pat``):
about 28 ms of a cold start, a tenth of every import reportlab costs, for a
pattern a brief's paragraphs use only when a URL is too long for its line. The
``reportlab.lib.textsplit`` it imports compiles one over every character from
U+2E80 up (``rx``, about 4 ms) for ``cjkwrap``, which nothing in briefgen calls.
Its ``reportlab.lib.PyFontify`` (Python syntax colouring for preformatted code)
and ``reportlab.lib.rl_safe_eval`` (its expression evaluator) compile a few more,
about 3 ms, which no brief uses. Here all of them are made :class:`Deferred`
ones (:mod:`briefgen.lazyre`) that compile them, unchanged, on their first use;
everything else is compiled as before.

``reportlab.lib.utils``, which every part of reportlab imports, imports Pillow's
``PIL.Image`` for bitmaps: about 8 ms (its EXIF and TIFF tag tables are enums) for
a brief with no logo. Here reportlab is handed a :class:`DeferredModule` in its
place, which imports ``PIL.Image`` when reportlab first uses it (a logo, an image)
and from then on is the real module's attributes; ``from PIL import Image`` anywhere
after that gets the real module.

Every module of briefgen's that imports reportlab at its top imports this module
first (tests/test_startup_deferred.py checks that each does); whichever comes first
makes the import, later ones find it done. Imported later than reportlab, this
module changes nothing but the speed of that start.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

from briefgen.lazyre import Deferred, deferring

__all__ = ["CJK_WRAP_PATTERN", "URL_PATTERN_START", "Deferred", "DeferredModule"]

#: how the URL pattern begins, in every reportlab release that has it
URL_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
#: textsplit's pattern for cjkwrap, whole
CJK_WRAP_PATTERN = "([\u2e80-\uffff])"
#: modules every pattern of which waits: Python syntax colouring for Preformatted code
#: (two patterns over Python's keywords) and the checks of reportlab's own expression
#: evaluator, neither of which a brief uses
WHOLE_MODULES = ("reportlab.lib.PyFontify", "reportlab.lib.rl_safe_eval")


def _deferred(module: str, pattern: str) -> bool:
    if module in WHOLE_MODULES:
        return True
    return module.startswith("reportlab.") and (
        pattern.startswith(URL_PATTERN_START) or pattern == CJK_WRAP_PATTERN
    )


class DeferredModule(types.ModuleType):
    """A module imported when one of its attributes is first asked for or set, in any
    thread; from then on, what it holds and is given are the real module's."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._real: types.ModuleType | None = None
        self._lock = threading.Lock()
        # where the real one is (found, not run): importlib.util.find_spec answers as before
        super().__setattr__("__spec__", importlib.util.find_spec(name))

    def imported(self) -> types.ModuleType:
        real = self._real
        if real is not None:  # the common case once imported: no lock
            return real
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

    def __dir__(self) -> list[str]:
        return dir(self.imported())


def _import() -> None:
    if "PIL.Image" not in sys.modules:
        import PIL

        deferred = DeferredModule("PIL.Image")
        sys.modules["PIL.Image"] = deferred
        setattr(PIL, "Image", deferred)  # noqa: B010  # for `import PIL.Image` then PIL.Image.x
    with deferring(_deferred):
        import reportlab.platypus.paragraph  # noqa: F401


# the import system runs this module's body once, and holds its lock meanwhile
if "reportlab.platypus.paragraph" not in sys.modules:
    _import()
