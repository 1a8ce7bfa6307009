"""Lists as Word lists: a numbering definition per list, its marker set like the page's.

A list item's marker was typed text ("•" and a tab), which a screen reader
reads as text and Word does not know as a list. Each list of the page now has
a definition (``w:abstractNum``) whose one level draws the page's marker, in
its size and colour, where the page puts it; a numbered list starts at its first
item's number.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.layout import page as p

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class ListStyle:
    """What a list's level draws: its marker, where, in which size and colour."""

    numbered: bool
    indent: int  # twips, the text's left edge
    hanging: int  # twips from the marker to the text
    size: int  # half points
    color: str  # "RRGGBB"
    start: int = 1  # a numbered list's first number

    @classmethod
    def of(cls, para: p.Para) -> ListStyle:
        assert para.bullet is not None
        number, color = para.number, para.color.lstrip("#").upper()
        indent, hanging = para.indent, para.indent - para.bullet_at
        return cls(number is not None, indent, hanging, para.size, color, number or 1)

    def level(self, fonts: str) -> str:
        kind, text = ("decimal", "%1.") if self.numbered else ("bullet", "\u2022")
        return (
            f'<w:lvl w:ilvl="0"><w:start w:val="{self.start}"/><w:numFmt w:val="{kind}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr>'
            f'<w:tabs><w:tab w:val="num" w:pos="{self.indent}"/></w:tabs>'
            f'<w:ind w:left="{self.indent}" w:hanging="{self.hanging}"/></w:pPr>'
            f'<w:rPr>{fonts}<w:b w:val="0"/><w:i w:val="0"/><w:color w:val="{self.color}"/>'
            f'<w:sz w:val="{self.size}"/><w:szCs w:val="{self.size}"/></w:rPr></w:lvl>'
        )


def definitions(styles: list[ListStyle], first: int, fonts: str) -> tuple[list[str], list[str]]:
    """The abstract definitions and the numbering instances for lists numbered from first."""
    abstracts, nums = [], []
    for n, style in enumerate(styles, start=first):
        abstracts.append(
            f'<w:abstractNum w:abstractNumId="{n}"><w:multiLevelType w:val="singleLevel"/>'
            f"{style.level(fonts)}</w:abstractNum>"
        )
        nums.append(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{n}"/></w:num>')
    return abstracts, nums


def part(styles: list[ListStyle], fonts: str) -> str:
    """numbering.xml for the built-in base: every list's definition, then its instance."""
    abstracts, nums = definitions(styles, 1, fonts)
    return f'<w:numbering xmlns:w="{W_NS}">{"".join(abstracts)}{"".join(nums)}</w:numbering>'
