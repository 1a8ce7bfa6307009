"""Document model + theme at one scale -> laid-out page: every style decided here, once."""

from __future__ import annotations

import itertools
from dataclasses import replace

from briefgen.layout import page as p
from briefgen.layout.page import hp, tw
from briefgen.layout.sizes import Sizes, Text
from briefgen.layout.theme import Theme
from briefgen.render import model

BORDER = 0.5  # thin rules: table rows, heading underline, horizontal rule
BAR = 1.5  # the bar beside a quote
CELL_GAP = 1.0  # white gap between shaded cells of a track
TRACK_BAR = 2.5  # the procurement track's bar, under each stage cell's first line
TRACK_GAP = 1.0  # points between that line's text and the bar
#: the track's colours: a cell shaded in one (a template written before the bars, with
#: <td class="stage-now">) is drawn as a stage's bar, as <td bar="stage-now"> is
STAGES = ("stage-past", "stage-now", "stage-next")
NO_BREAK_SPACE = "\u00a0"  # holds a line in an empty stage cell, so its bar sits as the others
HEADING_RULE_GAP = 1.0  # points between a section heading's text and its rule
RULE_HEIGHT = 1.5  # a horizontal rule's paragraph, the rule included
WHITE = "#FFFFFF"


class _Layout:
    def __init__(self, theme: Theme, sizes: Sizes) -> None:
        self.theme, self.sizes = theme, sizes
        self.blocks: list[p.Block] = []
        self.sources: list[int] = []

    def color(self, name: str) -> str:
        return self.theme.color(name)

    def spans(
        self, runs: model.Inline, text: Text, *, bold: bool, color: str
    ) -> tuple[p.Span, ...]:
        small = hp(self.sizes.small.size)
        return tuple(
            p.Span(
                r.text,
                small if r.small else hp(text.size),
                self.color("link") if r.href else self.color(r.color) if r.color else color,
                bold=bold or r.bold,
                italic=r.italic,
                href=r.href,
            )
            for r in runs
        )

    def para(
        self,
        runs: model.Inline,
        text: Text,
        *,
        bold: bool = False,
        color: str = "text",
        before: float = 0.0,
        after: float = 0.0,
        indent: float = 0.0,
        bullet: str | None = None,
        bullet_at: float = 0.0,
        align: str = "left",
        heading: int = 0,
        rule_below: p.Line | None = None,
        mark: str = "",
    ) -> p.Para:
        hex_color = self.color(color)
        spans = self.spans(runs, text, bold=bold, color=hex_color)
        if mark:  # the portion mark opens the paragraph, in its size, colour and weight
            spans = (p.Span(f"{mark} ", hp(text.size), hex_color, bold=bold, mark=True), *spans)
        return p.Para(
            spans,
            hp(text.size),
            tw(text.leading),
            hex_color,
            bold=bold,
            before=tw(before),
            after=tw(after),
            indent=tw(indent),
            bullet=bullet,
            bullet_at=tw(bullet_at),
            align=align,
            heading=heading,
            rule_below=rule_below,
        )

    def add(self, index: int, block: model.Block) -> None:
        sizes = self.sizes
        before, after = sizes.spacing(block, first=index == 0)
        out: list[p.Block] = []
        if isinstance(block, model.Heading):
            text = {1: sizes.title, 2: sizes.heading}.get(block.level, sizes.body)
            rule = (
                p.Line(self.color("rule"), BORDER, HEADING_RULE_GAP) if block.level == 2 else None
            )
            out.append(
                self.para(
                    block.runs,
                    text,
                    bold=True,
                    color="accent",
                    before=before,
                    after=after,
                    heading=block.level,
                    rule_below=rule,
                    mark=block.mark,
                )
            )
        elif isinstance(block, model.Paragraph):
            color = "muted" if block.style == "muted" else "text"
            out.append(
                self.para(
                    block.runs, sizes.text(block.style), color=color, after=after, mark=block.mark
                )
            )
        elif isinstance(block, model.ListBlock):
            indent, bullet_at = sizes.list_geometry(block.ordered)
            for i, item in enumerate(block.items):
                last = i == len(block.items) - 1
                out.append(
                    self.para(
                        item,
                        sizes.body,
                        after=after if last else sizes.item_after,
                        indent=indent,
                        bullet=f"{block.start + i}." if block.ordered else "\u2022",
                        bullet_at=bullet_at,
                        mark=block.marks[i] if block.marks else "",
                    )
                )
        elif isinstance(block, model.Table):
            out.append(self.grid(block, after))
        elif isinstance(block, model.Quote):
            out.append(self.quote(block, after))
        elif isinstance(block, model.Rule):
            out.append(p.Rule(p.Line(self.color("rule"), BORDER), RULE_HEIGHT, tw(after)))
        self.blocks.extend(out)
        self.sources.extend(index for _ in out)

    def quote(self, block: model.Quote, after: float) -> p.Quote:
        sizes = self.sizes
        paras = [self.para(block.runs, sizes.body, mark=block.mark)]
        if block.cite:
            paras.append(self.para(block.cite, sizes.small, color="muted"))
        return p.Quote(
            tuple(paras), tw(sizes.quote_indent), p.Line(self.color("rule"), BAR), tw(after)
        )

    def grid(self, block: model.Table, after: float) -> p.Grid:
        sizes = self.sizes
        width = self.theme.frame[0]
        rows = []
        for r, row in enumerate(block.rows):
            cells = []
            mark = block.marks[r] if block.marks else ""
            for c, cell in enumerate(row):
                bar = cell.bar or (cell.fill if cell.fill in STAGES else None)
                if bar and not cell.header:
                    cells.append(self.track_cell(replace(cell, bar=bar), mark if c == 0 else ""))
                    continue
                shaded = cell.header or cell.fill
                parts = [(cell.runs, False)] if shaded else _parts(cell.runs)
                paras = tuple(
                    self.para(
                        runs,
                        sizes.small if shaded or small else sizes.body,
                        bold=cell.header,
                        color="muted" if cell.header else "text",
                        align=cell.align,
                        mark=mark if c == 0 and i == 0 else "",
                    )
                    for i, (runs, small) in enumerate(parts)
                )
                fill = cell.fill or ("header-fill" if cell.header else None)
                gaps = p.Line(WHITE, CELL_GAP) if cell.fill and not cell.header else None
                cells.append(p.Cell(paras, cell.span, self.color(fill) if fill else None, gaps))
            rows.append(p.Row(tuple(cells), header=r < block.header_rows))
        return p.Grid(
            tuple(rows),
            tuple(w * width for w in block.widths),
            tw(sizes.cell_pad_x),
            tw(sizes.cell_pad_y),
            p.Line(self.color("rule"), BORDER),
            tw(after),
        )

    def track_cell(self, cell: model.Cell, mark: str) -> p.Cell:
        """A stage of the track: its marker (if any) in body text, a thin bar under the text."""
        bar = p.Line(self.color(cell.bar or ""), TRACK_BAR, TRACK_GAP)
        runs = cell.runs if any(r.text for r in cell.runs) else (model.Run(NO_BREAK_SPACE),)
        para = self.para(
            runs,
            self.sizes.body,
            align=cell.align,
            after=bar.gap + bar.width,
            rule_below=bar,
            mark=mark,
        )
        return p.Cell((para,), cell.span)


def _lines(runs: model.Inline) -> list[list[model.Run]]:
    """The runs of each line of a cell (its text broken at each line break); an empty
    line holds a no-break space, since a word processor gives an empty paragraph (or a
    line break at a paragraph's end) a line where reportlab gives it none."""
    lines: list[list[model.Run]] = [[]]
    for run in runs:
        for i, text in enumerate(run.text.split("\n")):
            if i:
                lines.append([])
            if text:
                lines[-1].append(replace(run, text=text))
    return [line or [model.Run(NO_BREAK_SPACE)] for line in lines]


def _linked(parts: list[tuple[list[model.Run], bool]]) -> bool:
    """Whether a link runs on from one part into the next (it must stay one link)."""
    return any(
        a[-1].href is not None and a[-1].href == b[0].href
        for (a, _), (b, _) in itertools.pairwise(parts)
    )


def _small(line: list[model.Run]) -> bool:
    return any(r.text.strip() for r in line) and all(r.small for r in line if r.text.strip())


def _parts(runs: model.Inline) -> list[tuple[model.Inline, bool]]:
    """A cell's text as paragraphs, each with whether it is small: the lines of small text
    under its first line (a system's facts, a step's due marker) are paragraphs of their own,
    set in the leading of their size, not the body's. A cell with none is one paragraph, as
    written: its first line keeps the body's size, so its baseline is the row's."""
    lines = _lines(runs)
    kinds = [False] + [_small(line) for line in lines[1:]]
    if not any(kinds):
        return [(runs, False)]
    parts: list[tuple[list[model.Run], bool]] = []
    for line, small in zip(lines, kinds, strict=True):
        if parts and parts[-1][1] == small:
            parts[-1][0].append(model.Run("\n"))
            parts[-1][0].extend(line)
        else:
            parts.append((list(line), small))
    if _linked(parts):
        return [(runs, False)]
    return [(tuple(r), small) for r, small in parts]


def blocks(
    doc: model.Document, theme: Theme, sizes: Sizes
) -> tuple[tuple[p.Block, ...], tuple[int, ...]]:
    """The document's blocks laid out, with the index of the document block each came from."""
    layout = _Layout(theme, sizes)
    for index, block in enumerate(doc.blocks):
        layout.add(index, block)
    return tuple(layout.blocks), tuple(layout.sources)
