"""How tall a letterhead's own header and footer are, so the body is laid out below them.

Word and LibreOffice start the body under the header when the header is taller
than the room the top margin leaves it (and end it above a tall footer): a
letterhead with a five-line header pushed a brief to a second page while the
PDF, laid out in the letterhead's margins, stayed on one. The fit takes the
heights measured here off the text area instead, in both formats.

The measure errs high, as a word processor would lay the parts out: each
paragraph one line per hard break, at its size (run, style chain, document
default) times the single line height of a sans-serif face (1.22 em, Calibri's;
Arial's is 1.15), times its line spacing, plus its spaces before and after;
inline pictures at their height; a table row as its tallest cell. Floating
pictures and shapes do not move the body and are not counted.
"""

from __future__ import annotations

from typing import Any

LINE = 1.22  # em: a single line of the tallest common sans-serif face (Calibri)
DEFAULT_SIZE = 10.0  # points, Word's size when nothing says one
EMU_PER_POINT = 12700
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def heights(document: Any) -> tuple[float, float]:
    """Points the first page's header and footer content take (python-docx document)."""
    section = document.sections[0]
    first = section.different_first_page_header_footer
    header = section.first_page_header if first else section.header
    footer = section.first_page_footer if first else section.footer
    defaults = _Defaults(document)
    return tuple(  # type: ignore[return-value]
        0.0 if part.is_linked_to_previous else _blocks(part._element, defaults)
        for part in (header, footer)
    )


class _Defaults:
    """The document's styles, read once: size, spacing and line of each paragraph style."""

    def __init__(self, document: Any) -> None:
        styles = document.styles.element
        self.styles = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
        self.defaults = styles.find(W + "docDefaults")
        self.default_style = next(
            (
                s.get(W + "styleId")
                for s in styles.iter(W + "style")
                if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true")
            ),
            None,
        )

    def chain(self, style_id: str | None) -> list[Any]:
        """The properties that apply, nearest first: the style, its bases, the defaults."""
        out: list[Any] = []
        seen: set[str] = set()
        current = style_id or self.default_style
        while current and current not in seen and current in self.styles:
            seen.add(current)
            out.append(self.styles[current])
            based = self.styles[current].find(W + "basedOn")
            current = based.get(W + "val") if based is not None else None
        if self.defaults is not None:
            out.append(self.defaults)
        return out


def _first(elements: list[Any], path: str, attribute: str) -> str | None:
    for element in elements:
        found = element.find(path)
        if found is not None and found.get(W + attribute) is not None:
            return str(found.get(W + attribute))
    return None


def _blocks(container: Any, defaults: _Defaults) -> float:
    total = 0.0
    previous_after = 0.0
    for child in container:
        if child.tag == W + "p":
            before, height, after = _paragraph(child, defaults)
            total += max(before, previous_after) + height
            previous_after = after
        elif child.tag == W + "tbl":
            total += previous_after + _table(child, defaults)
            previous_after = 0.0
    return total + previous_after


def _paragraph(p: Any, defaults: _Defaults) -> tuple[float, float, float]:
    """Space before, height of the lines, space after, in points."""
    ppr = p.find(W + "pPr")
    style = ppr.find(W + "pStyle") if ppr is not None else None
    chain = ([ppr] if ppr is not None else []) + defaults.chain(
        style.get(W + "val") if style is not None else None
    )
    run_sizes = [int(s.get(W + "val")) / 2 for s in p.iter(W + "sz") if s.get(W + "val")]
    style_size = _first(chain, f".//{W}sz", "val")
    size = max(run_sizes or [float(style_size) / 2 if style_size else DEFAULT_SIZE])
    line = _first(chain, f".//{W}spacing", "line")
    rule = _first(chain, f".//{W}spacing", "lineRule") or "auto"
    single = size * LINE
    if line is None:
        height = single
    elif rule == "auto":
        height = single * int(line) / 240
    elif rule == "exact":
        height = int(line) / 20
    else:  # atLeast
        height = max(single, int(line) / 20)
    lines = 1 + sum(1 for br in p.iter(W + "br") if br.get(W + "type") in (None, "textWrapping"))
    pictures = [
        int(extent.get("cy", 0)) / EMU_PER_POINT
        for inline in p.iter(WP + "inline")
        for extent in inline.iter(WP + "extent")
    ]
    tallest = max([height, *pictures]) if rule != "exact" else height
    before = int(_first(chain, f".//{W}spacing", "before") or 0) / 20
    after = int(_first(chain, f".//{W}spacing", "after") or 0) / 20
    return before, tallest + height * (lines - 1), after


def _table(tbl: Any, defaults: _Defaults) -> float:
    total = 0.0
    for row in tbl.iter(W + "tr"):
        cells = [_blocks(cell, defaults) for cell in row.iter(W + "tc")]
        fixed = row.find(f"{W}trPr/{W}trHeight")
        least = int(fixed.get(W + "val", 0)) / 20 if fixed is not None else 0.0
        total += max([least, *cells])
    return total
