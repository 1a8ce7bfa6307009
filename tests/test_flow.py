"""The PDF's paragraphs: fragments made from runs break lines as parsed markup would."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from briefgen import flow, model, pipeline, project
from briefgen.templating import Templates
from conftest import EXAMPLE, FIXTURES, ROOT


def every_inline(document: model.Document) -> list[model.Inline]:
    found: list[model.Inline] = []
    for block in document.blocks:
        if isinstance(block, (model.Paragraph, model.Heading)):
            found.append(block.runs)
        elif isinstance(block, model.Quote):
            found += [block.runs, block.cite]
        elif isinstance(block, model.ListBlock):
            found += list(block.items)
        elif isinstance(block, model.Table):
            found += [cell.runs for row in block.rows for cell in row]
    return found


@pytest.mark.parametrize(
    "source", [EXAMPLE, FIXTURES / "japan-philippines.yaml"], ids=["example", "fixture"]
)
def test_direct_fragments_break_lines_like_parsed_markup(source: Path) -> None:
    fitted = pipeline.prepare(source, Templates(project.find(ROOT))).fitted
    styles = flow.Styles(fitted.theme, fitted.sizes)
    checked = 0
    for runs in every_inline(fitted.document):
        for style in (styles.get(fitted.sizes.body), styles.get(fitted.sizes.heading, bold=True)):
            for width in (60.0, 150.0, 487.0):
                parsed = Paragraph(flow.inline(runs, fitted.theme, fitted.sizes), style)
                direct = styles.paragraph(runs, style)
                assert parsed.wrap(width, 1e6) == direct.wrap(width, 1e6)
                lines = [[w for w in getattr(line, "words", [])] for line in direct.blPara.lines]
                assert len(parsed.blPara.lines) == len(lines)
                checked += 1
    assert checked > 200


def test_a_paragraph_wraps_the_same_however_often_it_is_wrapped() -> None:
    """reportlab changes fragments while breaking at a hyphen; a table wraps cells twice."""
    from briefgen import fonts
    from briefgen.sizes import scaled
    from briefgen.theme import Theme

    theme = Theme()
    fonts.register(theme)
    sizes = scaled(theme, 10)
    styles = flow.Styles(theme, sizes)
    runs = (
        model.Run("Government-to-government-to-government sale with "),
        model.Run("state-of-the-art", bold=True),
        model.Run(" kit"),
    )
    paragraph = styles.paragraph(runs, styles.get(sizes.body))

    def lines(width: float) -> list[str]:
        paragraph.wrap(width, 1e6)
        return ["".join(w.text for w in line.words) for line in paragraph.blPara.lines]

    first = lines(60)
    assert first[:3] == ["Government-", "to-", "government-"]
    lines(50)
    assert lines(60) == lines(60) == first
