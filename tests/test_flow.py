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
