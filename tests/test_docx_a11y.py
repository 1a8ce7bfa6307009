"""The DOCX for screen readers and Word's accessibility checker, read as XML.

Lists are Word lists, the logo has its alternative text, the language and the
title are the document's, the marking is the body's first paragraph, and a
table's header rows repeat and are marked as headers.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from lxml import etree

from briefgen import writers
from briefgen.layout import page as p
from conftest import EXAMPLE, ROOT, run
from pages import ACCENT, W, para, part, sample

DC = "{http://purl.org/dc/elements/1.1/}"


def lists_page(tmp_path: Path | None = None) -> p.Page:
    """The sample page with a second bullet in its list and a numbered list after it."""
    page = sample()
    bullet = para("Second point", indent=240, bullet="\u2022", bullet_at=60)
    numbered = tuple(
        para(text, indent=240, bullet=f"{n}.", bullet_at=60) for n, text in ((1, "One"), (2, "Two"))
    )
    blocks = (*page.blocks[:3], bullet, *numbered, *page.blocks[3:])
    page = replace(page, blocks=blocks, sources=(0, 1, 2, 2, 3, 3, 4, 5, 6))
    if tmp_path is None:
        return page
    from PIL import Image

    Image.new("RGB", (300, 100), ACCENT).save(tmp_path / "logo.png")
    data = (tmp_path / "logo.png").read_bytes()
    box = p.Logo(data, "png", (300, 100), 90.0, 30.0, 451, 35.5, 80, alt="Example ministry")
    return replace(page, logo=box, geometry=replace(page.geometry, margin_top=73.5))


def num_ids(document: etree._Element) -> list[str]:
    return [n.get(f"{W}val") or "" for n in document.iter(f"{W}numId")]


def test_list_items_are_word_list_paragraphs_one_list_per_list() -> None:
    data = writers.get("docx").render(lists_page())
    document = part(data, "word/document.xml")
    assert num_ids(document) == ["1", "1", "2", "2"]  # the numbered list starts again at 1
    texts = [
        "".join(p.itertext()) for p in document.iter(f"{W}p") if p.find(f".//{W}numId") is not None
    ]
    assert texts == ["First point", "Second point", "One", "Two"]  # no typed marker
    numbering = part(data, "word/numbering.xml")
    formats = [
        (lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val"))  # type: ignore[union-attr]
        for lvl in numbering.iter(f"{W}lvl")
    ]
    assert formats == [("bullet", "\u2022"), ("decimal", "%1.")]
    (indent,) = {(i.get(f"{W}left"), i.get(f"{W}hanging")) for i in numbering.iter(f"{W}ind")}
    assert indent == ("240", "180")  # the page's marker at 60 twips, its text at 240
    types = part(data, "[Content_Types].xml")
    assert any(o.get("PartName") == "/word/numbering.xml" for o in types)


def test_a_numbered_list_starts_at_its_first_items_number_in_word_and_html() -> None:
    page = lists_page()
    blocks = tuple(
        replace(b, bullet=f"{int(b.bullet[:-1]) + 2}.")
        if isinstance(b, p.Para) and b.bullet and b.bullet[0].isdigit()
        else b
        for b in page.blocks
    )
    numbering = part(writers.get("docx").render(replace(page, blocks=blocks)), "word/numbering.xml")
    starts = [lvl.find(f"{W}start").get(f"{W}val") for lvl in numbering.iter(f"{W}lvl")]  # type: ignore[union-attr]
    assert starts == ["1", "3"]  # the bullets' start is Word's default
    html = writers.get("html").render(replace(page, blocks=blocks)).decode()
    assert '<ol style="' in html and 'start="3"' in html
    assert 'start="' not in writers.get("html").render(page).decode()


def test_the_logo_has_its_alternative_text_in_the_body_and_the_header(tmp_path: Path) -> None:
    data = writers.get("docx").render(lists_page(tmp_path))
    for name in ("word/document.xml", "word/header1.xml"):
        drawn = part(data, name)
        (frame,) = drawn.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
        assert frame.get("descr") == "Example ministry"
    ids = [
        f.get("id")
        for name in ("word/document.xml", "word/header1.xml")
        for f in part(data, name).iter("{*}docPr")
    ]
    assert len(set(ids)) == len(ids)  # each drawing's id is unique in the document


def test_the_marking_is_the_bodys_first_paragraph_where_screen_readers_start(
    tmp_path: Path,
) -> None:
    data = writers.get("docx").render(lists_page(tmp_path))
    body = part(data, "word/document.xml").find(f"{W}body")
    assert body is not None
    assert "".join(body[0].itertext()) == "SECRET"  # then the logo, then the title
    assert body[1].find(f".//{W}drawing") is not None
    assert "".join(body[2].itertext()) == "Sample brief"
    spacing = body[2].find(f"{W}pPr/{W}spacing")
    assert spacing is not None and spacing.get(f"{W}before") == "160"  # 65.5 pt to 73.5 pt


def test_language_and_title_are_the_documents() -> None:
    page = replace(sample(), meta=replace(sample().meta, language="en-GB"))
    data = writers.get("docx").render(page)
    lang = part(data, "word/styles.xml").find(f".//{W}rPrDefault//{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "en-GB"
    core = part(data, "docProps/core.xml")
    assert core.findtext(f"{DC}title") == "Sample brief"
    assert core.findtext(f"{DC}language") == "en-GB"


def test_a_tables_header_row_repeats_as_a_header() -> None:
    data = writers.get("docx").render(sample())
    (table,) = part(data, "word/document.xml").iter(f"{W}tbl")
    rows = table.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert rows[1].find(f"{W}trPr/{W}tblHeader") is None


def test_a_letterheads_lists_follow_its_own_numbering(project: Path) -> None:
    """The brief's list definitions join the letterhead's, with ids it does not use."""
    import docx

    letterhead = docx.Document()
    letterhead.add_paragraph("a", style="List Number")  # the letterhead's own list
    letterhead.save(str(project / "letterhead.docx"))
    folder = project / "templates" / "talking-points"
    shutil.copytree(ROOT / "templates" / "talking-points", folder)
    shutil.copy(EXAMPLE, project / "content")
    (project / "briefgen.toml").write_text(
        'template = "talking-points"\nreference_docx = "letterhead.docx"\n'
    )
    assert run("build").exit_code == 0
    data = (project / "out" / "us-india-defence.docx").read_bytes()
    numbering = part(data, "word/numbering.xml")
    used = set(num_ids(part(data, "word/document.xml")))
    defined = {n.get(f"{W}numId") for n in numbering.findall(f"{W}num")}
    assert used and used <= defined
    abstract = [a.get(f"{W}abstractNumId") for a in numbering.findall(f"{W}abstractNum")]
    assert len(abstract) == len(set(abstract))
    children = [etree.QName(e).localname for e in numbering]
    assert children.index("num") > max(i for i, c in enumerate(children) if c == "abstractNum")


def empty_paragraphs(data: bytes) -> int:
    """Body paragraphs outside tables with no text and no border (a rule's paragraph)."""
    body = part(data, "word/document.xml").find(f"{W}body")
    assert body is not None
    return sum(
        1
        for e in body
        if e.tag == f"{W}p"
        and not "".join(e.itertext())
        and e.find(f".//{W}pBdr") is None
        and e.find(f".//{W}drawing") is None
    )


def test_no_empty_paragraph_spaces_the_body_except_the_one_word_needs_after_a_table() -> None:
    page = sample()  # ends with a rule
    assert empty_paragraphs(writers.get("docx").render(page)) == 0
    ending_in_a_table = replace(page, blocks=page.blocks[:-1], sources=page.sources[:-1])
    assert empty_paragraphs(writers.get("docx").render(ending_in_a_table)) == 1
