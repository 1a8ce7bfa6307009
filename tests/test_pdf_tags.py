"""The tagged PDF, read back by readers briefgen did not write: poppler and pikepdf.

Each test takes a laid-out page (tests/pages.py), writes its PDF and checks one
property ISO 32000-1 or PDF/UA-1 (ISO 14289-1) asks for; docs/accessibility.md
lists which Matterhorn Protocol conditions these cover.
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

import tagged
from briefgen import writers
from briefgen.layout import page as p
from pages import ACCENT, para, sample

needs_poppler = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="needs poppler's pdfinfo")


def full(tmp_path: Path) -> p.Page:
    """The sample page with a logo, a link to an IRI and a numbered list after the bullet."""
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), ACCENT).save(logo)
    page = sample()
    link = p.Span("the read-out", 20, "#1f4e99", href="https://example.org/résumé?a=1&b=2")
    linked = p.Para((p.Span("See ", 20, "#1a1a1a"), link), 20, 240, "#1a1a1a", after=60)
    numbered = tuple(
        para(text, indent=240, bullet=f"{n}.", bullet_at=60) for n, text in ((1, "One"), (2, "Two"))
    )
    blocks = (*page.blocks[:3], *numbered, linked, *page.blocks[3:])
    sources = (0, 1, 2, 3, 3, 4, 5, 6, 7)
    data = logo.read_bytes()
    box = p.Logo(data, "png", (300, 100), 90.0, 30.0, 451.0, 35.5, 80, alt="Example ministry")
    return replace(page, blocks=blocks, sources=sources, logo=box)


def write(page: p.Page, path: Path) -> Path:
    path.write_bytes(writers.get("pdf").render(page))
    return path


@needs_poppler
def test_poppler_reads_title_heading_list_quote_and_table_in_the_pages_order(
    tmp_path: Path,
) -> None:
    tree = tagged.struct_text(write(full(tmp_path), tmp_path / "b.pdf"))
    wanted = [
        "Document",
        "Figure",
        "H1",
        '"Sample brief"',
        "H2",
        '"Bottom line"',
        "L",
        "LI",
        "Lbl",
        '"•"',
        "LBody",
        '"First point"',
        "L",
        "LI",
        "Lbl",
        '"1."',
        "LBody",
        '"One"',
        "P",
        '"See "',
        "Link",
        '"the read-out"',
        "BlockQuote",
        "P",
        '"Said on record."',
        "Table",
        "THead",
        "TR",
        "TH",
        "/Scope /Column",
        '"Action"',
        "TBody",
        "TR",
        "TD",
        '"Sign the arrangement"',
    ]
    lines = [re.sub(r"( \((block|inline)\))?:?$", "", x.strip()) for x in tree.splitlines()]
    found = iter(lines)
    assert all(any(line == want for line in found) for want in wanted), tree


@needs_poppler
def test_the_banners_are_drawn_but_outside_the_tree(tmp_path: Path) -> None:
    path = write(sample(), tmp_path / "b.pdf")
    assert "SECRET" not in tagged.struct_text(path)
    with pikepdf.open(path) as pdf:
        stream = pdf.pages[0].Contents.read_bytes()
    headers = stream.count(b"/Artifact <</Type /Pagination /Subtype /Header>> BDC")
    footers = stream.count(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
    assert (headers, footers) == (1, 1)


def test_every_drawn_thing_is_marked_content_or_an_artifact(tmp_path: Path) -> None:
    report = tagged.read(writers.get("pdf").render(full(tmp_path)))
    assert report.in_stream and report.unmarked == []
    assert report.nested == []  # no artifact inside tagged content, nor the reverse


def test_the_tree_uses_standard_types_nested_as_the_standard_says(tmp_path: Path) -> None:
    report = tagged.read(writers.get("pdf").render(full(tmp_path)))
    assert ("/TR", "/TH") in report.edges and ("/LI", "/LBody") in report.edges
    assert tagged.misplaced(report) == [] and tagged.heading_skips(report) == []
    report.edges.add(("/L", "/P"))
    report.roles += ["/H3", "/Span2"]
    assert tagged.misplaced(report) == [("/L", "/P"), ("?", "/Span2")]
    assert tagged.heading_skips(report) == []  # H1 H2 then H3
    report.roles += ["/H1", "/H3"]
    assert tagged.heading_skips(report) == ["H1 then H3"]


def test_an_untagged_pdf_is_seen_to_be_unmarked() -> None:
    """The check above can fail: the same page written untagged has unmarked text."""
    data = writers.get("pdf").render(replace(sample(), pdf_standard="none"))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
    report = tagged.Report()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tagged._marks(pdf.pages[0], 0, report)
    assert any(op.startswith("page 1: TJ") or " Tj " in op for op in report.unmarked)


def test_a_brief_over_two_pages_is_tagged_on_both_with_one_figure(tmp_path: Path) -> None:
    """--allow-overflow: content on page 2 is marked there; the logo repeats as an artifact."""
    page = full(tmp_path)
    more = tuple(para(f"Paragraph {n}", after=120) for n in range(60))
    page = replace(page, blocks=page.blocks + more, sources=page.sources + tuple(range(9, 69)))
    data = writers.get("pdf").render(page)
    report = tagged.read(data)
    assert {page for page, _ in report.in_stream} == {0, 1}
    assert report.unmarked == [] and sorted(report.in_tree) == sorted(report.in_stream)
    assert report.parent_tree == report.owners
    assert report.roles.count("/Figure") == 1
    with pikepdf.open(io.BytesIO(data)) as pdf:
        streams = [pg.Contents.read_bytes() for pg in pdf.pages]
    assert [s.count(b"/Figure <</MCID") for s in streams] == [1, 0]
    assert [s.count(b"/Subtype /Header>> BDC") for s in streams] == [1, 2]  # banner, logo


def test_a_list_item_split_across_pages_is_one_element_with_one_label() -> None:
    page = sample()
    more = tuple(para(f"Paragraph {n}", after=120) for n in range(30))
    words = " ".join(f"word{n}" for n in range(500))
    item = para(words, indent=240, bullet="1.", bullet_at=60)
    blocks, sources = page.blocks + more + (item,), page.sources + tuple(range(6, 37))
    report = tagged.read(writers.get("pdf").render(replace(page, blocks=blocks, sources=sources)))
    assert report.unmarked == [] and report.parent_tree == report.owners
    pages = {where[0] for where in report.owners}
    rest = report.owners[max(report.owners)]  # the last MCID on the last page
    assert len(pages) > 1 and rest in {o for w, o in report.owners.items() if w[0] < max(pages)}
    labels = [w for w, owner in report.owners.items() if report.role_of[owner] == "/Lbl"]
    assert len(labels) == 2  # the sample's bullet and this item's number, each marked once


def test_a_link_over_lines_and_a_page_break_is_one_link_element() -> None:
    page = sample()
    more = tuple(para(f"Paragraph {n}", after=120) for n in range(30))
    words = " ".join(f"word{n}" for n in range(300))
    link = p.Span(words, 20, "#1f4e99", href="https://example.org/a")
    item = p.Para(
        (p.Span("Before ", 20, "#1a1a1a"), link, p.Span(" after.", 20, "#1a1a1a")),
        20,
        240,
        "#1a1a1a",
        indent=240,
        bullet="1.",
        bullet_at=60,
    )
    blocks, sources = page.blocks + more + (item,), page.sources + tuple(range(6, 37))
    data = writers.get("pdf").render(replace(page, blocks=blocks, sources=sources))
    report = tagged.read(data)
    assert report.unmarked == [] and report.nested == [] and report.parent_tree == report.owners
    assert report.annotations_untagged == [] and tagged.misplaced(report) == []
    links = {o for o in report.owners.values() if report.role_of[o] == "/Link"}
    assert len(links) == 1  # one element for the link's every line, on both pages
    (link_element,) = links
    assert {w[0] for w, o in report.owners.items() if o == link_element} == {0, 1}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        areas = [a for pg in pdf.pages for a in pg.obj.get("/Annots", [])]
    assert len(areas) > 2  # an area per line


def test_every_mcid_is_in_the_tree_once_and_the_parent_tree_agrees(tmp_path: Path) -> None:
    report = tagged.read(writers.get("pdf").render(full(tmp_path)))
    assert tagged.duplicates(report.in_stream) == []
    assert tagged.duplicates(report.in_tree) == []
    assert sorted(report.in_tree) == sorted(report.in_stream)
    assert report.parent_tree == report.owners  # each MCID's ParentTree entry is its element


def test_a_link_is_a_link_element_with_its_area_its_text_and_an_ascii_uri(
    tmp_path: Path,
) -> None:
    data = writers.get("pdf").render(full(tmp_path))
    report = tagged.read(data)
    assert report.annotations_untagged == [] and "/Link" in report.roles
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (annot,) = pdf.pages[0].Annots
        assert str(annot.Contents) == "the read-out"
        link = annot  # its element holds the link's text as well as its area
        (owner,) = [e for e in _elements(pdf) if e.S == "/Link"]
        text, area = owner.K  # an MCID, then the OBJR
        assert isinstance(text, int) and area.Obj.objgen == link.objgen
        assert str(annot.A.URI) == "https://example.org/r%C3%A9sum%C3%A9?a=1&b=2"
        assert int(annot.F) & 4  # printed
        assert pdf.pages[0].obj.Tabs == "/S"


def test_the_logo_is_a_figure_with_its_alternative_text_and_box(tmp_path: Path) -> None:
    data = writers.get("pdf").render(full(tmp_path))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        figure = pdf.Root.StructTreeRoot.K[0].K[0]
        assert (figure.S, str(figure.Alt)) == ("/Figure", "Example ministry")
        assert [float(x) for x in figure.A.BBox] == [451.0, 776.3898, 541.0, 806.3898]


def test_the_catalog_says_tagged_its_language_its_title_and_pdf_ua_1() -> None:
    with pikepdf.open(io.BytesIO(writers.get("pdf").render(sample()))) as pdf:
        assert pdf.Root.MarkInfo.Marked is True and "/Suspects" not in pdf.Root.MarkInfo
        assert str(pdf.Root.Lang) == "en-US"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.pdf_version == "1.7"
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1" and "pdfaid:part" not in meta
        assert meta["dc:title"] == str(pdf.docinfo.Title) == "Sample brief"
        assert meta["dc:creator"] == [str(pdf.docinfo.Author)] == ["Desk"]
        assert meta["xmp:CreateDate"] == "2025-07-02T00:00:00+00:00"
        assert [str(e.Title) for e in _outline(pdf)] == ["Bottom line"]
        assert "/OutputIntents" not in pdf.Root


def test_pdf_a_2b_adds_the_srgb_output_intent_and_its_claim() -> None:
    data = writers.get("pdf").render(replace(sample(), pdf_standard="a-2b+ua-1"))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["pdfuaid:part"] == "1"
        assert "/Filter" not in pdf.Root.Metadata  # PDF/A reads XMP unfiltered


def test_every_font_is_embedded(tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(writers.get("pdf").render(full(tmp_path)))) as pdf:
        fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            assert "/FontFile2" in font.FontDescriptor, font.BaseFont


def test_the_same_page_gives_the_same_bytes(tmp_path: Path) -> None:
    page = full(tmp_path)
    assert writers.get("pdf").render(page) == writers.get("pdf").render(page)


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, in the tree's order."""
    out: list[pikepdf.Dictionary] = []

    def walk(element: pikepdf.Dictionary) -> None:
        out.append(element)
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    walk(pdf.Root.StructTreeRoot.K[0])
    return out


def _outline(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    with pdf.open_outline() as outline:
        return [item.obj for item in outline.root]
