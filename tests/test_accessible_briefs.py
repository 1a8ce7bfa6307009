"""Built briefs, end to end: the example and one with every element, as readers see them.

poppler prints the PDF's tree and its fonts; pikepdf reads the marks and the
XMP; the DOCX is read as XML. What the issue of accessible briefs calls done.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

import tagged
from conftest import EXAMPLE, FIXTURES, run
from pages import W, part

pytestmark = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="needs poppler-utils")


def elements(tree: str) -> list[tuple[str, str]]:
    """(role, its first text) for each element poppler prints, in the tree's order."""
    out: list[tuple[str, str]] = []
    for line in tree.splitlines():
        text = line.strip()
        if text.startswith('"') and out and not out[-1][1]:
            out[-1] = (out[-1][0], text.strip('"'))
        elif re.match(r"^[A-Z][A-Za-z0-9]*( \((block|inline)\))?:?$", text):
            out.append((text.split()[0].rstrip(":"), ""))
    return out


def fonts(path: Path) -> list[str]:
    """pdffonts' embedded column, one entry per font."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    return [line.split()[-5] for line in lines.splitlines()[2:]]


def built(project: Path, name: str) -> tuple[Path, Path]:
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # the built-in colours meet AA
    return project / "out" / f"{name}.pdf", project / "out" / f"{name}.docx"


def check_pdf(pdf: Path) -> list[tuple[str, str]]:
    """The checks every built brief passes; its elements for the test to look at."""
    tree = tagged.struct_text(pdf)
    found = elements(tree)
    assert found[0] == ("Document", "")
    assert fonts(pdf) and set(fonts(pdf)) == {"yes"}
    report = tagged.read(pdf.read_bytes())
    assert report.unmarked == [] and sorted(report.in_tree) == sorted(report.in_stream)
    assert report.parent_tree == report.owners and report.annotations_untagged == []
    assert report.nested == [] and tagged.misplaced(report) == []
    assert tagged.heading_skips(report) == []
    with pikepdf.open(pdf) as doc:
        assert doc.open_metadata()["pdfuaid:part"] == "1"
        assert doc.Root.MarkInfo.Marked is True
    return found


def test_the_example_reads_title_sections_quotes_and_tables_in_order(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    pdf, docx = built(project, "us-india-defence")
    found = check_pdf(pdf)
    assert found[1] == ("H1", "US-India Defence Partnership")
    sections = [text for role, text in found if role == "H2"]
    assert sections == [
        "Bottom line",
        "Key statements",
        "Next steps",
        "Procurement pipeline",
        "Context",
    ]
    roles = [role for role, _ in found]
    assert roles.count("BlockQuote") == 5 and roles.count("Table") == 2
    assert ("TH", "Action") in found and ("TH", "System") in found
    assert roles.count("L") == 1 and roles.count("LI") == 2
    assert "UNCLASSIFIED" not in tagged.struct_text(pdf)  # the banners are artifacts
    body = part(docx.read_bytes(), "word/document.xml")
    assert len(list(body.iter(f"{W}numId"))) == 2  # the Context section's two bullets


def test_a_brief_with_every_element_reads_as_it_looks(project: Path) -> None:
    shutil.copytree(FIXTURES / "every-element", project / "templates" / "every-element")
    (project / "content" / "s.yaml").write_text(
        "title: Sink\nsummary: S\ntemplate: every-element\ndate: 2025-01-02\n"
    )
    pdf, docx = built(project, "s")
    found = check_pdf(pdf)
    roles = [role for role, _ in found]
    assert roles[1:3] == ["Figure", "H1"] and found[2] == ("H1", "Sink")
    order = ["H1", "H2", "H3", "L", "L", "BlockQuote", "BlockQuote", "Table", "Table"]
    assert [r for r in roles if r in set(order)] == order
    assert roles.count("Link") == 2 and roles.count("TH") == 2 and roles.count("LI") == 12
    assert "SECRET//NOFORN" not in tagged.struct_text(pdf)
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "en-GB"
        figure = doc.Root.StructTreeRoot.K[0].K[0]
        assert str(figure.Alt) == "Example ministry"
    data = docx.read_bytes()
    assert len(list(part(data, "word/document.xml").iter(f"{W}numId"))) == 12
    assert 'descr="Example ministry"' in part_text(data, "word/document.xml")
    lang = part(data, "word/styles.xml").find(f".//{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "en-GB"


def part_text(data: bytes, name: str) -> str:
    from lxml import etree

    return etree.tostring(part(data, name)).decode()
