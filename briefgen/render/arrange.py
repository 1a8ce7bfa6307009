"""The page arranged without copying a template: its sections' order, which are hidden,
and their headings' wording.

Settings come from three places, later ones winning: the template's ``theme.toml``
(and those it extends), ``briefgen.toml``, and the content file. Each may set
``order`` (the sections it names take the places those sections had, in the order
given; the others stay where they are), ``hide`` (the sections not shown; the last
place that sets it decides, so a brief's ``hide: []`` shows them all) and
``headings`` (section: wording, merged key by key). ``pages`` (1 or 2, the pages the
fit may use) is read from the same three places by :func:`pages`, the last that sets
it deciding.

A template offers its sections by calling ``arrange([...])`` with their names in
its own order and showing, in a loop, the ones it returns; ``heading(name,
default)`` gives a section's heading. After the render, :meth:`Arrangement.check`
turns a name no template call offered into an error located where it was set,
with the nearest name the template has.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from briefgen.content.arrange import ARRANGE
from briefgen.content.checks import _Invalid
from briefgen.content.schema import Brief
from briefgen.content.yamlsource import Path_, Where
from briefgen.errors import BriefgenError, display_path
from briefgen.layout.theme import Layer
from briefgen.project import Project

KEYS = ("order", "hide", "headings")


@dataclass(frozen=True)
class Setting:
    """The arrangement keys of one place, and how to name where each was set."""

    values: Mapping[str, Any]
    locate: Callable[[Path_], Where]


def in_file(file: str) -> Callable[[Path_], Where]:
    """Where a key of a TOML file was set (TOML keeps no lines: the file and the key)."""

    def locate(path: Path_) -> Where:
        return Where(file, None, ".".join(str(p) for p in path[:1]) + _tail(path))

    return locate


def _tail(path: Path_) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:])


def settings(layers: Iterable[Layer], project: Project, brief: Brief) -> list[Setting]:
    """The settings for a brief, lowest first: the template's theme files (base first),
    briefgen.toml, the brief's content."""
    found = []
    for layer in layers:
        values = {}
        for key in KEYS:
            if key in layer.data:
                try:
                    values[key] = ARRANGE[key].check(layer.data[key])
                except _Invalid as exc:
                    raise BriefgenError(str(exc), file=layer.origin, field=key) from None
        found.append(Setting(values, in_file(layer.origin)))
    origin = display_path(project.config) if project.config else "briefgen.toml"
    found.append(Setting(project.arrange, in_file(origin)))
    own = {"order": brief.order, "hide": brief.hide, "headings": brief.headings or None}
    found.append(Setting({k: v for k, v in own.items() if v is not None}, brief.where))
    return found


def pages(layers: Iterable[Layer], project: Project, brief: Brief) -> int:
    """The pages a brief may take: the brief's ``pages``, else briefgen.toml's, else the
    template's theme's (the last file that sets it), else 1."""
    if brief.pages is not None:
        return brief.pages
    if "pages" in project.arrange:
        return int(project.arrange["pages"])
    found = 1
    for layer in layers:
        if "pages" in layer.data:
            try:
                found = int(ARRANGE["pages"].check(layer.data["pages"]))
            except _Invalid as exc:
                raise BriefgenError(str(exc), file=layer.origin, field="pages") from None
    return found


def reorder(names: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """names, with those in wanted put in wanted's order in the places they hold."""
    chosen = [n for n in wanted if n in names]
    places = iter(chosen)
    return [next(places) if n in chosen else n for n in names]


class Arrangement:
    """One render's arrangement: what its settings ask, and what the template offered."""

    def __init__(self, settings: Iterable[Setting]) -> None:
        self.settings = tuple(s for s in settings if any(k in s.values for k in KEYS))
        self.offered: list[str] = []
        self.hidden: set[str] = set()  # the sections the settings hid
        self.headed: list[str] = []
        self.wording: dict[str, str] = {}  # each section's own heading, for suggestions

    def arrange(self, names: Iterable[Any]) -> tuple[str, ...]:
        order = [str(n) for n in names]
        self.offered.extend(order)
        hidden: Sequence[str] = ()
        for setting in self.settings:
            order = reorder(order, setting.values.get("order") or ())
            hidden = setting.values.get("hide", hidden)
        self.hidden.update(n for n in order if n in hidden)
        return tuple(n for n in order if n not in hidden)

    def heading(self, name: Any, default: Any = "") -> Any:
        self.headed.append(str(name))
        self.wording.setdefault(str(name), str(default))
        for setting in reversed(self.settings):
            wording = setting.values.get("headings", {}).get(str(name))
            if wording is not None:
                return wording
        return default

    def check(self, template: str) -> None:
        """Refuse a section name the template does not have, where it was set."""
        known = list(dict.fromkeys((*self.offered, *self.headed)))
        for setting in self.settings:
            for path, name in _names(setting.values):
                if name in known:
                    continue
                where = setting.locate(path)
                raise BriefgenError(
                    _unknown(name, template, known, self.wording),
                    file=where.file,
                    line=where.line,
                    field=where.field,
                )


def _names(values: Mapping[str, Any]) -> Iterator[tuple[Path_, str]]:
    for key in ("order", "hide"):
        for i, name in enumerate(values.get(key) or ()):
            yield (key, i), name
    for name in values.get("headings", {}):
        yield ("headings", name), name


def _unknown(name: str, template: str, known: list[str], wording: Mapping[str, str]) -> str:
    if not known:
        return (
            f"the template {template} has no sections to arrange "
            "(its markup calls neither arrange() nor heading(); see the templates guide)"
        )
    hint = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    said = name.lower().replace("_", " ")
    hint = hint or [k for k, words in wording.items() if said in words.lower().split()][:1]
    more = f"; did you mean '{hint[0]}'?" if hint else ""
    return (
        f"the template {template} has no section '{name}'{more} (its sections: {', '.join(known)})"
    )


_CURRENT: ContextVar[Arrangement | None] = ContextVar("arrangement", default=None)


@contextmanager
def arranging(arrangement: Arrangement) -> Iterator[Arrangement]:
    """Let arrange() and heading() answer from arrangement while a template renders."""
    token = _CURRENT.set(arrangement)
    try:
        yield arrangement
    finally:
        _CURRENT.reset(token)


def arrange(names: Iterable[Any]) -> tuple[str, ...]:
    """The sections to show, in order: the template's names, rearranged by the settings.

    Offered to templates: ``{% for name in arrange(['summary', 'next_steps']) %}``.
    """
    current = _CURRENT.get()
    return current.arrange(names) if current else tuple(str(n) for n in names)


def heading(name: Any, default: Any = "") -> Any:
    """A section's heading: the settings' wording for name, else default.

    Offered to templates: ``<h2>{{ heading('summary', 'Bottom line') }}</h2>``.
    """
    current = _CURRENT.get()
    return current.heading(name, default) if current else default
