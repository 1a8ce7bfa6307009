"""Portion marks are part of the laid-out page: the layout sets them first in each portion's
paragraph (a table row's first cell), the fit measures them, and an unmarked brief is the
brief it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from briefgen import pipeline, project
from briefgen.content import schema as content
from briefgen.layout import page as p
from briefgen.markings import apply as markings
from briefgen.regen import editions
from briefgen.render import markup, model
from briefgen.render.templating import Templates
from tests.conftest import EXAMPLE, ROOT

AS_OF = dt.date(2025, 7, 2)


def marked_example(default: str = "U") -> content.Brief:
    brief = content.load(EXAMPLE)
    lines = dict(brief.lines)
    lines.pop(("classification",), None)  # the banner is derived, not given
    return dataclasses.replace(
        brief, marking="us", default_classification=default, lines=lines, origin=None
    )


def paragraphs(page: p.Page) -> list[p.Para]:
    out: list[p.Para] = []
    for block in page.blocks:
        if isinstance(block, p.Para):
            out.append(block)
        elif isinstance(block, p.Quote):
            out.extend(block.paras)
        elif isinstance(block, p.Grid):
            out.extend(row.cells[0].paras[0] for row in block.rows)
    return out


def test_the_markup_carries_each_mark_into_the_document_model() -> None:
    doc = markup.parse(
        '<h2 mark="(S)">H</h2><p mark="(C)">P</p><ul><li mark="(U)">a</li><li>b</li></ul>'
        '<blockquote mark="(S//NF)">Q</blockquote>'
        '<table><tr><th>A</th></tr><tr mark="(CUI)"><td>x</td></tr></table><p>plain</p>'
    )
    heading, para, items, quote, table, plain = doc.blocks
    assert isinstance(heading, model.Heading) and heading.mark == "(S)"
    assert isinstance(para, model.Paragraph) and para.mark == "(C)"
    assert isinstance(items, model.ListBlock) and items.marks == ("(U)", "")
    assert isinstance(quote, model.Quote) and quote.mark == "(S//NF)"
    assert isinstance(table, model.Table) and table.marks == ("", "(CUI)")
    assert isinstance(plain, model.Paragraph) and plain.mark == ""


def test_each_portion_opens_with_its_mark_as_a_span_of_the_page() -> None:
    made = pipeline.prepare_brief(marked_example(), Templates(project.find(ROOT)), as_of=AS_OF)
    marks = [para.spans[0] for para in paragraphs(made.page) if para.spans and para.spans[0].mark]
    assert [s.text for s in marks[:3]] == ["(U) ", "(U) ", "(U) "]
    lead = next(para for para in paragraphs(made.page) if para.spans[0].mark)
    assert lead.spans[0].size == lead.size and lead.spans[0].color == lead.color
    # a table row carries its mark in its first cell only
    grid = next(b for b in made.page.blocks if isinstance(b, p.Grid))
    assert grid.rows[1].cells[0].paras[0].spans[0].mark
    assert not any(s.mark for c in grid.rows[1].cells[1:] for s in c.paras[0].spans)
    assert made.page.banner is not None and made.page.banner.text == "UNCLASSIFIED"


def test_the_fit_measures_the_marks() -> None:
    templates = Templates(project.find(ROOT))
    plain = pipeline.prepare(EXAMPLE, templates, as_of=AS_OF).page
    long_marks = marked_example("CUI//REL TO USA, AUS, CAN, GBR, IND, NZL")
    desk_blocks = {
        "cui": {"controlled_by": "OUSD(P)", "category": "CTI", "poc": "J. Smith"},
    }
    templates.project = dataclasses.replace(templates.project, marking_blocks=desk_blocks)
    marked = pipeline.prepare_brief(long_marks, templates, as_of=AS_OF).page
    assert (marked.scale, -marked.fill) < (plain.scale, -plain.fill)
    assert marked.fits


def test_an_unmarked_brief_passes_through_untouched() -> None:
    brief = content.load(EXAMPLE)
    made = markings.apply(brief, markings.Desk(), AS_OF)
    assert made.brief is brief and made.scheme is None and made.blocks == ()
    doc = markup.parse("<p>x</p>")
    assert markings.finish(doc, made, Path("t")) is doc


def test_an_unmarked_brief_records_its_edition_as_before() -> None:
    snap = editions.snapshot(content.load(EXAMPLE))
    later = {"summary_classification", "default_classification", "marking", "authority", "cui"}
    assert not later & set(snap)
    for key in ("key_statements", "next_steps", "procurement"):
        assert all("classification" not in entry for entry in snap[key])


def test_a_schemes_levels_take_the_banner_colours_their_scheme_names() -> None:
    templates = Templates(project.find(ROOT))
    banners = templates.theme("onepage").banners
    for scheme, written, colour in [
        ("nato", "NS", "SECRET"),
        ("nato", "CTS", "TOP SECRET"),
        ("uk", "O", "UNCLASSIFIED"),
        ("uk", "OS", "CUI"),
        ("us", "S//NF", "SECRET"),
    ]:
        brief = dataclasses.replace(
            marked_example(written), marking=scheme, date=AS_OF, authority=AUTHORITY
        )
        page = pipeline.prepare_brief(brief, templates, as_of=AS_OF).page
        assert page.banner is not None and page.banner.fill == banners[colour], written


AUTHORITY = (
    ("classified_by", "J. Smith"),
    ("derived_from", "SCG"),
    ("declassify_on", dt.date(2035, 1, 1)),
)
