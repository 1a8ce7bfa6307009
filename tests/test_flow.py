"""The PDF's paragraphs: fragments made from spans break lines as parsed markup would."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from briefgen import pipeline, project
from briefgen.layout import lines as lines_of
from briefgen.layout import page as p
from briefgen.layout.measure import Flowables
from briefgen.layout.rlmarkup import markup
from briefgen.render.templating import Templates
from conftest import EXAMPLE, FIXTURES, ROOT


def every_para(page: p.Page) -> list[p.Para]:
    found: list[p.Para] = []
    for block in page.blocks:
        if isinstance(block, p.Para):
            found.append(block)
        elif isinstance(block, p.Quote):
            found += block.paras
        elif isinstance(block, p.Grid):
            found += [para for row in block.rows for cell in row.cells for para in cell.paras]
    return found


@pytest.mark.parametrize(
    "source", [EXAMPLE, FIXTURES / "japan-philippines.yaml"], ids=["example", "fixture"]
)
def test_direct_fragments_break_lines_like_parsed_markup(source: Path) -> None:
    page = pipeline.prepare(source, Templates(project.find(ROOT))).page
    made = Flowables(page)
    checked = 0
    for para in every_para(page):
        if any(s.href for s in para.spans):
            continue  # a paragraph with a link is always made from markup
        style = made.style(para)
        for width in (60.0, 150.0, 487.0):
            # the layout's own line breaks, written into both
            parsed = Paragraph(markup(lines_of.broken(para)), style)
            direct = made.paragraph(para)
            assert parsed.wrap(width, 1e6) == direct.wrap(width, 1e6)
            lines = [[w for w in getattr(line, "words", [])] for line in direct.blPara.lines]
            assert len(parsed.blPara.lines) == len(lines)
            checked += 1
    assert checked > 100


def test_a_paragraph_wraps_the_same_however_often_it_is_wrapped() -> None:
    """reportlab changes fragments while breaking at a hyphen; a table wraps cells twice."""
    from briefgen.layout import fonts, lay_out
    from briefgen.layout.sizes import scaled
    from briefgen.layout.theme import Theme
    from briefgen.render import model

    theme = Theme()
    runs = (
        model.Run("Government-to-government-to-government sale with "),
        model.Run("state-of-the-art", bold=True),
        model.Run(" kit"),
    )
    document = model.Document((model.Paragraph(runs),))
    page = lay_out(document, theme, scaled(theme, 10), p.Fonts("Arial", fonts.register()), None)
    assert isinstance(page.blocks[0], p.Para)
    paragraph = Flowables(page).paragraph(page.blocks[0])

    def lines(width: float) -> list[str]:
        paragraph.wrap(width, 1e6)
        return ["".join(w.text for w in line.words) for line in paragraph.blPara.lines]

    first = lines(60)
    assert first[:3] == ["Government-", "to-", "government-"]
    lines(50)
    assert lines(60) == lines(60) == first
