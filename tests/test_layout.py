"""The layout stage: a document model in, resolved styles, spacing and widths out."""

from __future__ import annotations

import pytest

from briefgen.layout import fonts, lay_out
from briefgen.layout import page as p
from briefgen.layout.fit import fit
from briefgen.layout.sizes import scaled
from briefgen.layout.theme import Theme
from briefgen.render import model

THEME = Theme()


def laid(*blocks: model.Block, body: float = 10.0) -> p.Page:
    document = model.Document(tuple(blocks), banner=model.Banner("SECRET//NOFORN"))
    face = p.Fonts(THEME.font_docx, fonts.register())
    return lay_out(document, THEME, scaled(THEME, body), face, None)


def text(value: str, **style: object) -> model.Inline:
    return (model.Run(value, **style),)  # type: ignore[arg-type]


def test_a_section_heading_is_bold_accent_at_the_heading_size_with_a_rule_under_it() -> None:
    page = laid(model.Paragraph(text("x")), model.Heading(2, text("Next steps")))
    heading = page.blocks[1]
    assert isinstance(heading, p.Para)
    assert (heading.size, heading.bold, heading.color, heading.heading) == (22, True, "#1f3864", 2)
    assert (heading.before, heading.after) == (180, 60)  # 9 pt and 3 pt, in twips
    assert heading.rule_below == p.Line("#b7c0cc", 0.5, 1.0)
    assert heading.spans[0].bold and heading.spans[0].color == "#1f3864"


def test_the_first_block_has_no_space_before_and_the_title_none_after_the_theme_says() -> None:
    page = laid(model.Heading(2, text("First")), model.Heading(1, text("Title")))
    first, title = page.blocks
    assert isinstance(first, p.Para) and isinstance(title, p.Para)
    assert first.before == 0
    assert (title.size, title.before, title.after, title.rule_below) == (34, 0, 40, None)


def test_every_size_shrinks_together_with_the_scale() -> None:
    page = laid(model.Paragraph(text("b")), model.Heading(2, text("H")), body=8.0)
    body, heading = page.blocks
    assert isinstance(heading, p.Para) and isinstance(body, p.Para)
    assert (body.size, body.leading) == (16, 192)  # 8 pt, exact 9.6 pt lines
    assert heading.size == 18  # 11 pt x 0.8 = 8.8, to Word's half point: 9 pt
    assert heading.before == 144  # 9 pt x 0.8 = 7.2 pt
    assert page.scale == 8.0


def test_small_and_coloured_runs_and_links_take_their_own_size_and_colour() -> None:
    runs = (
        model.Run("plain "),
        model.Run("late", color="overdue", small=True),
        model.Run("here", href="https://example.org"),
    )
    (block,) = laid(model.Paragraph(runs, style="muted")).blocks
    assert isinstance(block, p.Para)
    plain, late, link = block.spans
    assert (block.size, block.color) == (16, "#5f6368")  # muted is small, in the muted colour
    assert (plain.size, plain.color) == (16, "#5f6368")
    assert (late.size, late.color) == (16, "#c62828")
    assert (link.color, link.href) == ("#1f4e99", "https://example.org")


def test_a_list_is_one_paragraph_per_item_with_its_marker_indent_and_spacing() -> None:
    page = laid(model.ListBlock((text("a"), text("b")), ordered=True), model.Paragraph(text("c")))
    first, second, after = page.blocks
    assert isinstance(first, p.Para) and isinstance(second, p.Para)
    assert (first.bullet, second.bullet) == ("1.", "2.")
    assert (first.indent, first.bullet_at) == (360, 60)  # 12 pt + room for two digits; 3 pt
    assert (first.after, second.after) == (24, 60)  # between items 40% of a paragraph's space
    assert page.sources == (0, 0, 1)
    assert isinstance(after, p.Para) and after.bullet is None


def test_a_table_gets_column_widths_in_points_and_styled_cells() -> None:
    table = model.Table(
        (
            (model.Cell(text("Action"), header=True), model.Cell(text("Due"), header=True)),
            (model.Cell(text("Sign")), model.Cell(text(""), fill="agreed", align="center")),
        ),
        (0.75, 0.25),
        header_rows=1,
    )
    (grid,) = laid(table).blocks
    assert isinstance(grid, p.Grid)
    assert grid.widths == pytest.approx((0.75 * 487.2756, 0.25 * 487.2756))
    assert (grid.pad_x, grid.pad_y, grid.rule) == (70, 30, p.Line("#b7c0cc", 0.5))
    head, row = grid.rows
    assert head.header and not row.header
    action = head.cells[0]
    assert (action.paras[0].size, action.paras[0].bold, action.paras[0].color) == (
        16,
        True,
        "#5f6368",
    )
    assert (action.fill, action.gaps) == ("#e8edf3", None)
    plain, stage = row.cells
    assert (plain.paras[0].size, plain.fill) == (20, None)
    assert (stage.paras[0].size, stage.paras[0].align, stage.fill) == (16, "center", "#1f4e99")
    assert stage.gaps == p.Line("#FFFFFF", 1.0)  # shaded cells keep apart


def test_small_lines_under_a_cells_first_line_are_paragraphs_in_their_own_leading() -> None:
    facts = (
        model.Run("Javelin", bold=True),
        model.Run("\n"),
        model.Run("Anti-tank guided missile", small=True),
        model.Run("\nqty 6", small=True),
    )
    both = (model.Run("Hegseth / Rajnath\nSingh"),)
    table = model.Table(((model.Cell(facts), model.Cell(both)),), (0.5, 0.5))
    (grid,) = laid(table).blocks
    assert isinstance(grid, p.Grid)
    system, owner = grid.rows[0].cells
    first, small = system.paras
    assert [s.text for s in first.spans] == ["Javelin"]
    assert (first.size, first.leading) == (20, 240)  # the row's first baseline: body text
    assert [s.text for s in small.spans] == ["Anti-tank guided missile", "\n", "qty 6"]
    assert (small.size, small.leading) == (16, 192)  # 8 pt in 9.6 pt, not the body's 12 pt
    # a cell whose lines are all body text stays one paragraph, as written
    (whole,) = owner.paras
    assert [s.text for s in whole.spans] == ["Hegseth / Rajnath\nSingh"]


def test_a_track_cell_is_a_line_of_body_text_over_a_thin_bar_not_a_shaded_cell() -> None:
    marker = (model.Run("\u25cf", color="stage-marker"),)
    table = model.Table(
        (
            (
                model.Cell(text("Javelin")),
                model.Cell(text(""), bar="stage-past", align="center"),
                model.Cell(marker, bar="stage-now", align="center"),
                model.Cell(text(""), bar="stage-next", align="center"),
            ),
        ),
        (0.4, 0.2, 0.2, 0.2),
    )
    (grid,) = laid(table).blocks
    assert isinstance(grid, p.Grid)
    past, now, ahead = grid.rows[0].cells[1:]
    for cell, color in ((past, "#7a90b2"), (now, "#1f3864"), (ahead, "#dfe4ea")):
        assert (cell.fill, cell.gaps) == (None, None)
        assert cell.paras[0].rule_below == p.Line(color, 2.5, 1.0)
        assert (cell.paras[0].size, cell.paras[0].leading, cell.paras[0].align) == (
            20,
            240,
            "center",
        )
        assert cell.paras[0].after == 70  # the bar's gap and width, inside the space after
    # an empty stage keeps a line (a no-break space), so its bar sits level with the others
    assert [s.text for s in past.paras[0].spans] == ["\u00a0"]
    assert [(s.text, s.color) for s in now.paras[0].spans] == [("\u25cf", "#1f3864")]


def test_a_quote_is_set_in_from_its_bar_and_its_citation_is_small_and_muted() -> None:
    (quote,) = laid(model.Quote(text("Said."), text("Someone"))).blocks
    assert isinstance(quote, p.Quote)
    said, cite = quote.paras
    assert (quote.indent, quote.bar, quote.after) == (180, p.Line("#b7c0cc", 1.5), 60)
    assert (said.size, cite.size, cite.color) == (20, 16, "#5f6368")
    assert said.after == cite.after == 0


def test_the_banner_spans_the_text_width_in_its_levels_colour() -> None:
    banner = laid(model.Paragraph(text("x"))).banner
    assert banner is not None
    assert (banner.text, banner.size, banner.height) == ("SECRET//NOFORN", 9.0, 13.5)
    assert (banner.fill, banner.color) == ("#c8102e", "#ffffff")
    assert (banner.left, banner.width, banner.distance) == (54.0, pytest.approx(487.2756), 18.0)


def test_the_fit_chooses_the_largest_scale_at_which_the_page_fits() -> None:
    short = model.Document((model.Paragraph(text("One line.")),))
    long = model.Document(tuple(model.Paragraph(text(f"Line {i}.")) for i in range(55)))
    assert fit(short, THEME).scale == 10.0
    page = fit(long, THEME)
    assert page.scale < 10.0 and page.fits
    bigger = fit(long, THEME, allow_overflow=True)
    assert bigger.scale == page.scale
    assert 0.9 < page.fill <= page.room == pytest.approx(0.97)


def test_secondary_text_shrinks_with_the_body_only_to_six_and_a_half_points() -> None:
    theme = Theme()
    assert scaled(theme, 10.0).small.size == 8.0
    assert scaled(theme, 9.0).small.size == 7.0  # 8 pt scaled with a 9 pt body
    assert scaled(theme, 7.5).small.size == 6.5  # not 6


def test_the_estimate_that_refuses_a_very_long_brief_never_exceeds_its_measure() -> None:
    from briefgen.layout.estimate import least, long
    from briefgen.layout.measure import measure

    words = "lorem ipsum dolor sit amet, consectetur adipiscing elit " * 50
    long_word = "x" * 3000
    narrow = ". . . i i l " * 400
    cells = tuple(
        (model.Cell(text(f"{i} {words[:200]}")), model.Cell(text("ok"))) for i in range(60)
    )
    blocks = (
        model.Paragraph(text(words * 2)),
        model.Paragraph(text(long_word)),
        model.Paragraph(text(narrow), style="small"),
        model.Paragraph(text("spaced       out    " * 300)),
        model.ListBlock(tuple(text(words) for _ in range(8))),
        model.Table(cells, widths=(0.7, 0.3), header_rows=0),
        model.Quote(text(words * 2), cite=text("A. Person")),
    )
    document = model.Document(blocks)
    assert long(document)
    for body in (10.0, 7.5):
        page = laid(*blocks, body=body)
        bound, measured = least(page, len(document.blocks)), measure(page, len(document.blocks))
        assert 0.5 * measured.total < bound.total <= measured.total
        for estimated, real in zip(bound.per_block, measured.per_block, strict=True):
            assert estimated <= real


def test_only_a_brief_with_much_text_is_estimated() -> None:
    from briefgen.layout.estimate import long

    words = "lorem ipsum " * 1000
    assert not long(model.Document((model.Paragraph(text("A few words.")),)))
    assert long(model.Document((model.Paragraph(text(words * 2)),)))
    cells = ((model.Cell(text(words)), model.Cell(text(words))),)
    assert long(model.Document((model.Table(cells, widths=(0.5, 0.5)),)))


def test_a_cell_shaded_in_a_stage_colour_is_drawn_as_that_stages_bar() -> None:
    # a template written before the bars (<td class="stage-now">) gets the bars, not a navy
    # block with its navy marker lost on it
    marker = (model.Run("\u25cf", color="stage-marker"),)
    row = (model.Cell(text("Javelin")), model.Cell(marker, fill="stage-now", align="center"))
    (grid,) = laid(model.Table((row,), (0.5, 0.5))).blocks
    assert isinstance(grid, p.Grid)
    now = grid.rows[0].cells[1]
    assert (now.fill, now.paras[0].rule_below) == (None, p.Line("#1f3864", 2.5, 1.0))


@pytest.mark.parametrize(
    ("runs", "texts"),
    [
        # notes and no arrangement: the cell starts with a line break
        ((model.Run("\n"), model.Run("Adds six", small=True)), [["\u00a0"], ["Adds six"]]),
        # a line break at the end, and two in a row
        (
            (model.Run("Javelin\n"), model.Run("missile", small=True), model.Run("\n")),
            [["Javelin"], ["missile"], ["\u00a0"]],
        ),
        (
            (model.Run("a\n\n"), model.Run("b", small=True)),
            [["a", "\n", "\u00a0"], ["b"]],
        ),
    ],
    ids=["leading-break", "trailing-break", "double-break"],
)
def test_an_empty_line_of_a_cell_keeps_its_height_as_in_a_word_processor(
    runs: model.Inline, texts: list[list[str]]
) -> None:
    # reportlab gives an empty paragraph no height, Word and LibreOffice a line
    (grid,) = laid(model.Table(((model.Cell(runs),),), (1.0,))).blocks
    assert isinstance(grid, p.Grid)
    assert [[s.text for s in x.spans] for x in grid.rows[0].cells[0].paras] == texts


def test_a_link_that_runs_on_into_a_small_line_stays_one_paragraph() -> None:
    runs = (model.Run("Javelin\n", href="https://example.org"),
            model.Run("missile", small=True, href="https://example.org"))  # fmt: skip
    (grid,) = laid(model.Table(((model.Cell(runs),),), (1.0,))).blocks
    assert isinstance(grid, p.Grid)
    (whole,) = grid.rows[0].cells[0].paras
    assert "".join(s.text for s in whole.spans) == "Javelin\nmissile"


def test_an_ordered_list_is_numbered_from_its_start() -> None:
    page = laid(model.ListBlock((text("x"), text("y")), ordered=True, start=3))
    assert [b.bullet for b in page.blocks if isinstance(b, p.Para)] == ["3.", "4."]
    bullets = laid(model.ListBlock((text("x"),), ordered=False, start=3))
    assert [b.bullet for b in bullets.blocks if isinstance(b, p.Para)] == ["\u2022"]
