"""Content text that is itself a template: ``{{ procurement | length }} systems``.

Each text field holding ``{{``, ``{%`` or ``{#`` is rendered in Jinja2's
immutable sandbox with the brief's own data (its fields by name, ``brief``
and ``as_of``); undefined names are errors. The result is plain text, escaped
later like any other content. ``{% raw %}…{% endraw %}`` keeps braces literal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from typing import Any

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
import jinja2

from briefgen.content.schema import TOP_KEYS, Brief
from briefgen.content.yamlsource import Path_, field_path
from briefgen.errors import BriefgenError, display_path
from briefgen.render import sandbox, view

MARKERS = ("{{", "{%", "{#")


@cache
def _env() -> jinja2.Environment:
    from briefgen.render.ownfilters import briefgen_filters

    env = sandbox.environment(autoescape=False)
    env.filters["date"] = briefgen_filters()["date"]
    return env


def expand(brief: Brief, as_of: dt.date) -> Brief:
    """The brief with every templated text field rendered."""
    if not any(m in text for _, text in brief.texts() for m in MARKERS):
        return brief
    record = view.plain(brief)
    context: dict[str, Any] = {name: record[name] for name in TOP_KEYS}
    context.update(brief=record, as_of=as_of)
    try:
        with sandbox.limits():  # one time limit and one budget for all of a brief's fields
            return _expand(brief, brief, (), context)  # type: ignore[no-any-return]
    except sandbox.LimitError as exc:  # between two fields' renders
        raise BriefgenError(
            f"templated fields stopped: {exc}", file=display_path(brief.path)
        ) from None


def _expand(brief: Brief, record: Any, path: Path_, context: dict[str, Any]) -> Any:
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in ("path", "lines", "inputs", "origin"):
            continue
        value = getattr(record, f.name)
        here = (*path, f.name)
        if isinstance(value, str) and any(m in value for m in MARKERS):
            changes[f.name] = _render(brief, value, here, context)
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            changes[f.name] = tuple(
                _expand(brief, item, (*here, i), context) for i, item in enumerate(value)
            )
    return dataclasses.replace(record, **changes) if changes else record


def _render(brief: Brief, text: str, path: Path_, context: dict[str, Any]) -> str:
    def fail(message: str) -> BriefgenError:
        return BriefgenError(
            message, file=display_path(brief.path), line=brief.line(path), field=field_path(path)
        )

    try:
        template = sandbox.compile_in_limits(lambda: _env().from_string(text))
        return sandbox.render(template, context).strip()
    except jinja2.TemplateSyntaxError as exc:
        raise fail(f"template error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise fail(f"undefined: {view.plain_names(exc.message)}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise fail(f"not allowed in a template: {exc}") from None
    except sandbox.LimitError as exc:
        raise fail(f"template stopped: {exc}") from None
    except jinja2.TemplateRuntimeError as exc:  # e.g. {% set x.y = 1 %}, a filter's arguments
        raise fail(f"template error: {exc}") from None
    except RecursionError:
        raise fail("template error: nested too deeply") from None
    except MemoryError:
        raise fail("template stopped: it needs more memory than there is") from None
    except sandbox.TEMPLATE_MISTAKES as exc:
        raise fail(f"template error: {exc or type(exc).__name__}") from None
