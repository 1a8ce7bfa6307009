"""Every length both writers use at one scale, rounded to what Word can store.

Word keeps font sizes in half points and spacing in twentieths of a point, so
sizes are rounded to those steps here, once, and both writers use the rounded
numbers: the PDF is measured and drawn with exactly what the DOCX says.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.layout.theme import Theme
from briefgen.render import model


def half_point(x: float) -> float:
    return round(x * 2) / 2


def twip(x: float) -> float:
    return round(x * 20) / 20


@dataclass(frozen=True)
class Text:
    size: float
    leading: float


@dataclass(frozen=True)
class Sizes:
    scale: float
    body: Text
    title: Text
    heading: Text
    lead: Text
    small: Text
    paragraph_after: float
    heading_before: float
    heading_after: float
    title_after: float
    cell_pad_x: float
    cell_pad_y: float
    list_indent: float
    quote_indent: float

    def list_geometry(self, ordered: bool) -> tuple[float, float]:
        """(text indent, bullet position) of a list; numbers get room for two digits."""
        if ordered:
            return twip(self.list_indent + 0.6 * self.body.size), twip(self.list_indent * 0.25)
        return self.list_indent, twip(self.list_indent * 0.25)

    @property
    def item_after(self) -> float:
        """Space between the items of a list."""
        return twip(self.paragraph_after * 0.4)

    def text(self, style: str) -> Text:
        """The text size of a paragraph style (body, lead, small, muted)."""
        return {"lead": self.lead, "small": self.small, "muted": self.small}.get(style, self.body)

    def spacing(self, block: model.Block, first: bool) -> tuple[float, float]:
        """Space before and after a block, in points."""
        if isinstance(block, model.Heading):
            if block.level == 1:
                return 0.0, self.title_after
            return (0.0 if first else self.heading_before), self.heading_after
        return 0.0, self.paragraph_after


SMALL_FLOOR = 6.5  # points: the least secondary text is set in


def scaled(theme: Theme, body: float) -> Sizes:
    """Sizes for a body text size; everything else keeps its proportion to it."""
    s = body / theme.base_size

    def text(size: float, least: float = 5.0) -> Text:
        points = max(half_point(size * s), least)
        return Text(points, twip(points * theme.leading))

    return Sizes(
        scale=s,
        body=text(theme.base_size),
        title=text(theme.title_size),
        heading=text(theme.heading_size),
        lead=text(theme.lead_size),
        # Secondary text (labels, tags, attributions) shrinks with the body only down to
        # SMALL_FLOOR: at the 7.5 pt floor it was 6 pt, too small to read on paper.
        small=text(theme.small_size, min(SMALL_FLOOR, theme.small_size)),
        paragraph_after=twip(theme.paragraph_after * s),
        heading_before=twip(theme.heading_before * s),
        heading_after=twip(theme.heading_after * s),
        title_after=twip(theme.title_after * s),
        cell_pad_x=twip(theme.cell_pad_x * s),
        cell_pad_y=twip(theme.cell_pad_y * s),
        list_indent=twip(theme.list_indent * s),
        quote_indent=twip(theme.quote_indent * s),
    )


def candidates(theme: Theme) -> list[float]:
    """Body sizes to try, largest first, in Word's half-point steps."""
    sizes = []
    size = half_point(theme.base_size)
    while size >= theme.floor_size - 1e-9:
        sizes.append(size)
        size -= 0.5
    return sizes or [theme.floor_size]
