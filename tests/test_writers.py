"""Writers translate a laid-out page: DOCX compared as XML trees, PDF by text and positions."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from briefgen import writers
from conftest import ROOT
from pages import W, part, sample

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def same_tree(element: etree._Element, expected: str) -> bool:
    want = etree.fromstring(expected)
    canonical = {"method": "c14n", "exclusive": True}
    return etree.tostring(element, **canonical) == etree.tostring(want, **canonical)


def docx_body() -> list[etree._Element]:
    """The body's blocks after the first page's banner, which the body starts with."""
    body = part(writers.get("docx").render(sample()), "word/document.xml").find(f"{W}body")
    assert body is not None
    assert "".join(body[0].itertext()) == "SECRET"
    return list(body)[1:]


def test_the_docx_title_is_a_heading_paragraph_with_the_pages_size_and_spacing() -> None:
    title = docx_body()[0]
    assert same_tree(
        title,
        f'<w:p {NS}><w:pPr><w:pStyle w:val="Heading1"/><w:keepNext w:val="0"/>'
        '<w:widowControl w:val="0"/>'
        # 370 twips: from the banner's bottom edge (31.5 pt) to the top margin (50 pt)
        '<w:spacing w:before="370" w:after="40" w:line="408" w:lineRule="exact"/></w:pPr>'
        '<w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial"/>'
        '<w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="34"/><w:szCs w:val="34"/></w:rPr>'
        '<w:t xml:space="preserve">Sample brief</w:t></w:r></w:p>',
    )


def test_the_docx_draws_a_headings_rule_as_a_border_inside_its_space_after() -> None:
    heading = docx_body()[1]
    border = heading.find(f"{W}pPr/{W}pBdr/{W}bottom")
    spacing = heading.find(f"{W}pPr/{W}spacing")
    assert border is not None and spacing is not None
    assert (border.get(f"{W}sz"), border.get(f"{W}space"), border.get(f"{W}color")) == (
        "4",
        "1",
        "B7C0CC",
    )
    assert spacing.get(f"{W}after") == "30"  # 3 pt less the rule's 1 pt gap and 0.5 pt width


def test_a_docx_list_item_hangs_its_marker_at_the_pages_bullet_position() -> None:
    item = docx_body()[2]
    indent = item.find(f"{W}pPr/{W}ind")
    tab = item.find(f"{W}pPr/{W}tabs/{W}tab")
    assert indent is not None and tab is not None
    assert (indent.get(f"{W}left"), indent.get(f"{W}hanging"), tab.get(f"{W}pos")) == (
        "240",
        "180",
        "240",
    )
    assert "".join(item.itertext()) == "First point"  # the marker is the list's, not text
    assert item.find(f"{W}pPr/{W}numPr/{W}numId") is not None


def test_a_docx_table_takes_the_pages_column_widths_padding_and_fills() -> None:
    table = next(e for e in docx_body() if e.tag == f"{W}tbl")
    grid = [int(c.get(f"{W}w") or 0) for c in table.iter(f"{W}gridCol")]
    assert grid == [6000, 3746]  # 300 pt and 187.2756 pt in twips
    margins = table.find(f"{W}tblPr/{W}tblCellMar")
    assert margins is not None
    assert [m.get(f"{W}w") for m in margins] == ["30", "70", "30", "70"]
    shading = [s.get(f"{W}fill") for s in table.iter(f"{W}shd")]
    assert shading == ["E8EDF3", "E8EDF3"]
    assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_the_docx_page_is_the_pages_size_and_margins_with_the_banner_in_body_and_footer() -> None:
    data = writers.get("docx").render(sample())
    section = part(data, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert section is not None
    size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    assert size is not None and margins is not None
    assert (size.get(f"{W}w"), size.get(f"{W}h"), size.get(f"{W}orient")) == (
        "11906",
        "16838",
        None,
    )
    # The first page's banner is the body's first paragraph, at the top margin (18 pt);
    # its header is empty, at the edge; later pages' headers hold the banner.
    assert [margins.get(f"{W}{k}") for k in ("top", "left", "bottom", "header", "footer")] == [
        "360",
        "1080",
        "920",
        "0",
        "360",
    ]
    assert section.find(f"{W}titlePg") is not None
    assert "".join(part(data, "word/header2.xml").itertext()) == ""
    for name in ("word/header1.xml", "word/footer1.xml", "word/footer2.xml"):
        banner = part(data, name)
        assert "".join(banner.itertext()) == "SECRET"
        fill = banner.find(f"{W}p/{W}pPr/{W}shd")
        assert fill is not None and fill.get(f"{W}fill") == "C8102E"


def pdf_words(data: bytes) -> list[tuple[str, float, float, float]]:
    """(text, x, y, font size) of each piece of text drawn on the first page."""
    found: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), round(x, 3), round(y, 3), size * tm[0] * cm[0]))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_pdf_sets_each_block_where_the_page_puts_it() -> None:
    words = {
        text: (x, y, size) for text, x, y, size in pdf_words(writers.get("pdf").render(sample()))
    }
    title_x, title_y, title_size = words["Sample brief"]
    assert (title_x, title_size) == (54.0, 17.0)
    assert 841.8898 - 50.0 - 20.4 < title_y < 841.8898 - 50.0  # first line, under the top margin
    bullet_x, _, _ = words["\u2022"]
    item_x, _, item_size = words["First point"]
    assert bullet_x == 54.0 + 3.0  # the marker at 60 twips
    assert item_x == pytest.approx(54.0 + 12.0, abs=0.6) and item_size == 10.0  # 240 twips
    quote_x, quote_y, _ = words["Said on record."]
    assert quote_x == 54.0 + 9.0
    owner_x, owner_y, owner_size = words["Owner"]
    assert (owner_x, owner_size) == (54.0 + 300.0 + 3.5, 8.0)  # second column, its padding
    assert words["Action"][0] == 54.0 + 3.5
    assert words["MOD"][0] == owner_x and words["MOD"][1] < owner_y < quote_y
    _, banner_y, banner_size = words["SECRET"]  # the bottom one: drawn last
    assert banner_size == 9.0 and 18.0 < banner_y < 18.0 + 13.5


def test_the_pdf_reads_in_the_pages_order_with_its_metadata() -> None:
    reader = PdfReader(io.BytesIO(writers.get("pdf").render(sample())))
    text = reader.pages[0].extract_text()
    order = ["SECRET", "Sample brief", "Bottom line", "First point", "Said on record.", "MOD"]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert reader.metadata is not None and reader.metadata.title == "Sample brief"


def test_the_registry_lists_each_format_with_its_suffix_and_libraries() -> None:
    assert writers.names() == ("docx", "html", "md", "pdf", "pptx")
    assert [writers.get(n).suffix for n in writers.names()] == [
        ".docx",
        ".html",
        ".md",
        ".pdf",
        ".pptx",
    ]
    assert writers.libraries() == ("python-docx", "reportlab", "python-pptx")
    assert "briefgen.writers.pdf" in writers.preload()


def test_a_build_writes_docx_and_pdf_unless_told_otherwise() -> None:
    from briefgen import project

    assert writers.defaults() == ("docx", "pdf")
    assert project.Project(ROOT, ROOT / "content", ROOT / "out").formats == ("docx", "pdf")


def test_an_unknown_format_names_the_known_ones() -> None:
    from briefgen.errors import BriefgenError

    with pytest.raises(
        BriefgenError, match="unknown format 'odt'; known: docx, html, md, pdf, pptx"
    ):
        writers.get("odt")


WRITERS = ROOT / "briefgen" / "writers"


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("name", writers.names())
def test_a_writer_imports_neither_another_writer_nor_the_theme(name: str) -> None:
    files = [WRITERS / f"{name}.py"] if (WRITERS / f"{name}.py").exists() else []
    files += sorted((WRITERS / name).glob("*.py"))
    assert files
    others = {f"briefgen.writers.{n}" for n in writers.names() if n != name}
    for file in files:
        used = imports(file)
        assert not {m for m in used if any(m.startswith(o) for o in others)}, file
        banned = (
            "briefgen.layout.theme",
            "briefgen.layout.sizes",
            "briefgen.render.model",
            "briefgen.layout.fit",
        )
        assert not {m for m in used if m.startswith(banned)}, file
