"""A letterhead's page in the theme: its page set-up as the theme's last layer, margins
that clear its own header and footer, and a project page setting that contradicts it.

Used by :func:`briefgen.layout.theme.build` when a theme names a ``reference_docx``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError, display_path
from briefgen.layout.theme import PAGE_SIZES, Layer, Theme, resolve


def clear_letterhead(values: dict[str, Any]) -> None:
    """Margins that clear the letterhead's own header and footer (with the banners),
    where they are taller than its margins leave room for: a word processor would
    push the body down (or end it early) by as much."""
    from briefgen.layout.letterhead import headroom

    probe = Theme(**values)
    header, footer, distance = headroom(Path(values["reference_docx"]))
    banner = probe.banner_height
    if header:
        values["margin_top"] = max(probe.margin_top, probe.banner_distance + banner + header)
    if footer:
        values["margin_bottom"] = max(probe.margin_bottom, distance + banner + footer)


def with_letterhead(layers: list[Layer], root: Path) -> list[Layer]:
    """layers, and last the page set-up of the letterhead they name, if any.

    The letterhead's page size and margins win over every other layer: the DOCX
    keeps the letterhead's own section, so the PDF must be laid out on it too.
    """
    named = ""
    for layer in layers:
        named = str(layer.data.get("reference_docx", named) or "")
        if "reference_docx" in layer.data and named:
            named = resolve(layer.origin, "reference_docx", named, (root, layer.folder))
    if not named:
        return layers
    from briefgen.layout.letterhead import page_setup

    path = Path(named)
    setup = page_setup(path)
    for layer in layers:
        _conflicts(layer, setup, display_path(path))
    return [*layers, Layer(display_path(path), path.parent, setup)]


PAGE_KEYS = ("page_size", "orientation", "page_width", "page_height")


def _conflicts(layer: Layer, setup: dict[str, Any], letterhead: str) -> None:
    """Refuse a page the project's own theme asks for that the letterhead's is not (the
    letterhead's page wins, and the DOCX keeps it: dropping the setting silently would
    lay the brief out on a page nobody asked for). The built-in templates' pages yield."""
    from briefgen.resources import builtin_templates

    if layer.folder.resolve().is_relative_to(builtin_templates().resolve()):
        return
    width, height = setup["page_width"], setup["page_height"]
    has = f"{width:g} × {height:g} pt, {'landscape' if width > height else 'portrait'}"
    for key in PAGE_KEYS:
        if key not in layer.data:
            continue
        value = layer.data[key]
        if key == "page_size":
            size = PAGE_SIZES.get(str(value))
            wrong = size is not None and not _same(sorted(size), sorted((width, height)))
        elif key == "orientation":
            wrong = value in ("portrait", "landscape") and (value == "landscape") != (
                width > height
            )
        else:
            wanted = width if key == "page_width" else height
            wrong = isinstance(value, (int, float)) and not _same([float(value)], [wanted])
        if wrong:
            raise BriefgenError(
                f"{key} = {value!r} conflicts with the letterhead {letterhead}, whose page is "
                f"{has}; remove {key} or use a letterhead of that page",
                file=layer.origin,
                field=key,
            )


def _same(a: list[float], b: list[float]) -> bool:
    """Two page lengths alike within a point (Word stores them in twips, rounded)."""
    return all(abs(x - y) <= 1.0 for x, y in zip(a, b, strict=True))
