"""The naive stack the benchmark compares briefgen with: what a first version of a
brief generator looks like without fitting, templates, markings or records.

A click command reads the brief's YAML with PyYAML, writes a DOCX with python-docx
(headings, paragraphs, bulleted statements, the next steps and procurement as
tables) and a PDF with reportlab's platypus (the same, on A4, one set of styles),
each format a straight translation of the data, nothing measured or fitted:

    python benchmarks/naive.py BRIEF.yaml -o OUT_FOLDER          both formats
    python benchmarks/naive.py BRIEF.yaml -o OUT_FOLDER -f pdf   one

``make(path, out, formats)`` does the same in one process (a warm build).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import yaml

STEPS = ("action", "owner", "due", "status")
SYSTEMS = ("system", "category", "stage", "notes")


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _rows(items: list[dict[str, Any]], keys: tuple[str, ...]) -> list[list[str]]:
    return [[k.capitalize() for k in keys]] + [[str(i.get(k, "")) for k in keys] for i in items]


def docx_file(brief: dict[str, Any], out: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(str(brief.get("classification", "")))
    document.add_heading(str(brief["title"]), level=1)
    if brief.get("subtitle"):
        document.add_paragraph(str(brief["subtitle"]))
    document.add_paragraph(f"{brief.get('date', '')} · {brief.get('prepared_by', '')}")
    document.add_heading("Bottom line", level=2)
    document.add_paragraph(str(brief["summary"]))
    if brief.get("key_statements"):
        document.add_heading("Key statements", level=2)
        for s in brief["key_statements"]:
            document.add_paragraph(
                f"{s.get('speaker', '')} ({s.get('role', '')}): {s['text']}", style="List Bullet"
            )
    for heading, key, keys in (
        ("Next steps", "next_steps", STEPS),
        ("Procurement", "procurement", SYSTEMS),
    ):
        if brief.get(key):
            document.add_heading(heading, level=2)
            rows = _rows(brief[key], keys)
            table = document.add_table(rows=len(rows), cols=len(keys))
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
    for section in brief.get("sections", []):
        document.add_heading(str(section["heading"]), level=2)
        document.add_paragraph(str(section["body"]))
    document.save(str(out))


def pdf_file(brief: dict[str, Any], out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from reportlab.platypus.flowables import Spacer

    styles = getSampleStyleSheet()
    body, h1, h2 = styles["BodyText"], styles["Heading1"], styles["Heading2"]

    def para(text: object, style: Any = body) -> Paragraph:
        return Paragraph(str(text).replace("&", "&amp;").replace("<", "&lt;"), style)

    story: list[Any] = [para(brief.get("classification", "")), para(brief["title"], h1)]
    if brief.get("subtitle"):
        story.append(para(brief["subtitle"]))
    story += [para(f"{brief.get('date', '')} · {brief.get('prepared_by', '')}"), Spacer(1, 6)]
    story += [para("Bottom line", h2), para(brief["summary"])]
    if brief.get("key_statements"):
        story.append(para("Key statements", h2))
        story += [
            para(f"• {s.get('speaker', '')} ({s.get('role', '')}): {s['text']}")
            for s in brief["key_statements"]
        ]
    grid = TableStyle(
        [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    )
    for heading, key, keys in (
        ("Next steps", "next_steps", STEPS),
        ("Procurement", "procurement", SYSTEMS),
    ):
        if brief.get(key):
            story.append(para(heading, h2))
            rows = [[para(v) for v in row] for row in _rows(brief[key], keys)]
            story.append(Table(rows, style=grid, repeatRows=1))
    for section in brief.get("sections", []):
        story += [para(section["heading"], h2), para(section["body"])]
    SimpleDocTemplate(str(out), pagesize=A4, title=str(brief["title"])).build(story)


def make(path: Path, out: Path, formats: tuple[str, ...] = ("docx", "pdf")) -> None:
    brief = load(path)
    out.mkdir(parents=True, exist_ok=True)
    if "docx" in formats:
        docx_file(brief, out / f"{path.stem}.docx")
    if "pdf" in formats:
        pdf_file(brief, out / f"{path.stem}.pdf")


@click.command()
@click.argument("brief", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out"))
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(["docx", "pdf"]))
def main(brief: Path, output: Path, formats: tuple[str, ...]) -> None:
    """Make BRIEF.yaml into a DOCX and a PDF in OUTPUT."""
    make(brief, output, formats or ("docx", "pdf"))


if __name__ == "__main__":
    main()
