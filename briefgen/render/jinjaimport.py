"""Jinja2, imported with the two patterns a brief's build never uses compiled when first used.

Jinja2 compiles, as it is imported, a pattern over every character a Python
identifier may hold (``jinja2._identifier``, for its lexer: about 1 ms) and the
URL pattern of its ``urlize`` filter (``jinja2.utils``, about 1 ms). The built-in
templates are compiled when briefgen is packaged (:mod:`briefgen.render.precompiled`),
so a build lexes no template unless a project has its own, and no template of
briefgen's urlizes. Here they are made :class:`~briefgen.lazyre.Deferred` ones,
compiled, unchanged, on first use; everything else is compiled as before.

Every module of briefgen's that imports Jinja2 at its top imports this module first
(tests/test_startup_deferred.py checks that each does); whichever comes first makes
the import, later ones find it done.
"""

from __future__ import annotations

import sys

from briefgen.lazyre import deferring

#: the modules whose every pattern waits for its first use
WHOLE_MODULES = ("jinja2._identifier", "jinja2.utils")

if "jinja2" not in sys.modules:
    with deferring(lambda module, _: module in WHOLE_MODULES):
        import jinja2  # noqa: F401
