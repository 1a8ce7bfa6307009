"""The built-in templates, compiled by Jinja2 in briefgen's sandbox when the package was made.

Compiling a template (Jinja2's lexer, parser and code generator, then Python's
compiler) takes about 26 ms of a cold build's CPU for each built-in template it
uses. ``tools/precompile_templates.py`` writes the Python code that the
sandboxed environment (:func:`briefgen.render.sandbox.environment`, with
briefgen's code generator) makes for each built-in template into a module of
this package, named by a digest of the template's name, its source and the
Jinja2 version; installing the wheel byte-compiles it like any other module.
``references.json`` says which templates each one names, which the manifest
would otherwise parse the template again to find.

:func:`code` is asked for a template about to be compiled. It answers only for
exactly the name, source, Jinja2 version and sandbox module (briefgen's code
generator and the environment's options, in sandbox.py) a module was made from;
anything else (a project's own template, an edited one, another Jinja2, a changed
sandbox) is compiled at run time as before, with the limits checked. The code is the
very code the sandbox would have compiled, so every attribute and call still goes
through the sandbox (``environment.getattr``, ``environment.call``). briefgen writes
no cache of its own: these modules are part of the package, and Python keeps their
bytecode as it does any module's (where it may write bytecode at all).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import cache
from pathlib import Path
from types import CodeType

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
import jinja2

PREFIX = "_t_"
#: the templates each module's template names (extends, includes, imports), by module
REFERENCES = Path(__file__).with_name("references.json")


#: what decides the code Jinja2 generates here, besides Jinja2 itself: briefgen's code
#: generator and the environment's options, both in this module
GENERATOR = Path(__file__).resolve().parent.parent / "sandbox.py"


@cache
def generator() -> str:
    """A digest of briefgen's sandbox module ("" where it cannot be read: nothing matches)."""
    try:
        return hashlib.sha256(GENERATOR.read_bytes()).hexdigest()
    except OSError:
        return ""


def key(name: str, source: str, version: str = jinja2.__version__, made_by: str = "") -> str:
    """The module name for a template's name and source under a Jinja2 version and
    briefgen's sandbox module (made_by, default the one installed)."""
    made_by = made_by or generator()
    digest = hashlib.sha256(f"{version}\0{made_by}\0{name}\0{source}".encode()).hexdigest()
    return PREFIX + digest[:24]


@cache
def _module_code(module: str) -> CodeType | None:
    spec = importlib.util.find_spec(f"{__name__}.{module}")
    if spec is None or spec.loader is None:
        return None
    code: CodeType | None = spec.loader.get_code(spec.name)  # type: ignore[attr-defined]
    return code


def code(name: str, source: str, filename: str | None) -> CodeType | None:
    """The compiled code of a built-in template, as if compiled now from filename; None
    when no module here was made from this name, source and Jinja2 version."""
    found = _module_code(key(name, source))
    if found is None:
        return None
    return found.replace(co_filename=filename or "<template>")


@cache
def _references() -> dict[str, list[str | None]]:
    try:
        found: dict[str, list[str | None]] = json.loads(REFERENCES.read_text(encoding="utf-8"))
    except OSError:
        return {}
    return found


def references(name: str, source: str) -> list[str | None] | None:
    """The templates a built-in template names (as jinja2.meta finds them, None for a name
    computed at run time); None when no module here was made from this name and source."""
    return _references().get(key(name, source))
