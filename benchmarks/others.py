"""The tools people use instead, making the same brief, for the benchmark.

- docxtpl fills a Word template (made here with python-docx) -> DOCX; LibreOffice
  (``soffice --headless --convert-to pdf``) turns it into the PDF.
- Jinja2 renders HTML with print CSS; WeasyPrint makes the PDF.
- pandoc turns Markdown (written beforehand from the brief) into a DOCX.
- Typst (its Python package) sets Typst markup written from the brief -> PDF.

Each reads the brief's YAML itself. Run as a script, one tool makes one file in
a fresh process (a cold run):

    python benchmarks/others.py docxtpl BRIEF.yaml TEMPLATE.docx OUT.docx
    python benchmarks/others.py weasyprint BRIEF.yaml OUT.pdf
    python benchmarks/others.py typst BRIEF.yaml OUT.pdf
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ b.title }}</title>
<style>
@page { size: A4; margin: 22mm 18mm;
  @top-center { content: "{{ b.classification }}"; background: #007a33; color: white;
    font: bold 9pt Arial, sans-serif; width: 100%; }
  @bottom-center { content: "{{ b.classification }}"; background: #007a33; color: white;
    font: bold 9pt Arial, sans-serif; width: 100%; } }
body { font: 9pt/1.2 Arial, sans-serif; color: #202124; }
h1 { font-size: 16pt; margin: 0 0 2pt; } h2 { font-size: 11pt; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #ccc; padding: 2pt; }
</style></head><body>
<h1>{{ b.title }}</h1>{% if b.subtitle %}<p><i>{{ b.subtitle }}</i></p>{% endif %}
<p>{{ b.date }} · {{ b.prepared_by }}</p>
<h2>Bottom line</h2><p>{{ b.summary }}</p>
<h2>Key statements</h2><ul>{% for s in b.key_statements %}
<li><b>{{ s.speaker }}</b> ({{ s.role }}): {{ s.text }}
<small>{{ s.source }}</small></li>{% endfor %}
</ul>
<h2>Next steps</h2><table><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr>
{% for s in b.next_steps %}<tr><td>{{ s.action }}</td><td>{{ s.owner }}</td>
<td>{{ s.due }}</td><td>{{ s.status }}</td></tr>{% endfor %}</table>
<h2>Procurement</h2><table><tr><th>System</th><th>Category</th><th>Stage</th><th>Notes</th></tr>
{% for i in b.procurement %}<tr><td>{{ i.system }}</td><td>{{ i.category }}</td>
<td>{{ i.stage }}</td><td>{{ i.notes }}</td></tr>{% endfor %}</table>
{% for s in b.sections %}<h2>{{ s.heading }}</h2><p>{{ s.body }}</p>{% endfor %}
</body></html>
"""


def available(tool: str, python: str = sys.executable) -> bool:
    """Whether tool is installed: a command, or a package importable by python."""
    if tool in ("docxtpl", "weasyprint", "typst"):
        if python == sys.executable:
            return importlib.util.find_spec(tool) is not None
        found = subprocess.run(
            [python, "-c", f"import importlib.util as u; exit(u.find_spec({tool!r}) is None)"],
            capture_output=True,
        )
        return found.returncode == 0
    return shutil.which(tool) is not None


def _typ(value: object) -> str:
    """Text for Typst markup, every markup character escaped."""
    out = str(value)
    for char in '\\#*_`$<>@[]=-+/~"':
        out = out.replace(char, "\\" + char)
    return out


def typst_source(brief: Path) -> str:
    """The brief as Typst markup: A4, a heading per section, the lists as tables."""
    b = load(brief)
    lines = [
        '#set page(paper: "a4", margin: (x: 18mm, y: 22mm), '
        f"header: align(center)[*{_typ(b.get('classification', ''))}*])",
        "#set text(size: 9pt)",
        f"= {_typ(b['title'])}",
        _typ(b.get("subtitle") or ""),
        "",
        f"{_typ(b.get('date', ''))} · {_typ(b.get('prepared_by', ''))}",
        "== Bottom line",
        _typ(b["summary"]),
        "== Key statements",
    ]
    lines += [
        f"- *{_typ(s.get('speaker', ''))}* ({_typ(s.get('role', ''))}): {_typ(s['text'])}"
        for s in b["key_statements"]
    ]
    for heading, key, cells in (
        ("Next steps", "next_steps", ("action", "owner", "due", "status")),
        ("Procurement", "procurement", ("system", "category", "stage", "notes")),
    ):
        lines.append(f"== {heading}")
        rows = [f"[{c.capitalize()}]" for c in cells]
        rows += [f"[{_typ(item.get(c, ''))}]" for item in b[key] for c in cells]
        lines.append(f"#table(columns: {len(cells)}, {', '.join(rows)})")
    for section in b["sections"]:
        lines += [f"== {_typ(section['heading'])}", _typ(section["body"])]
    return "\n".join(lines) + "\n"


def typst_pdf(brief: Path, out: Path) -> None:
    import typst  # type: ignore[import-not-found]

    out.write_bytes(typst.compile(typst_source(brief).encode()))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("key_statements", "next_steps", "procurement", "sections"):
        data.setdefault(key, [])
    data.setdefault("subtitle", "")
    return data


def word_template(path: Path) -> Path:
    """A docxtpl template for the brief, made with python-docx."""
    import docx

    document = docx.Document()
    document.add_paragraph("{{ classification }}")
    document.add_heading("{{ title }}", level=1)
    document.add_paragraph("{{ subtitle }}")
    document.add_paragraph("{{ date }} · {{ prepared_by }}")
    document.add_heading("Bottom line", level=2)
    document.add_paragraph("{{ summary }}")
    document.add_heading("Key statements", level=2)
    document.add_paragraph("{%p for s in key_statements %}")
    document.add_paragraph("{{ s.speaker }} ({{ s.role }}): {{ s.text }} ({{ s.source }})")
    document.add_paragraph("{%p endfor %}")
    for heading, loop, cells in (
        ("Next steps", "s in next_steps", ("s.action", "s.owner", "s.due", "s.status")),
        ("Procurement", "i in procurement", ("i.system", "i.category", "i.stage", "i.notes")),
    ):
        document.add_heading(heading, level=2)
        table = document.add_table(rows=4, cols=4)
        for cell, name in zip(table.rows[0].cells, cells, strict=True):
            cell.text = name.split(".")[1].capitalize()
        table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
        for cell, name in zip(table.rows[2].cells, cells, strict=True):
            cell.text = "{{ " + name + " }}"
        table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p for s in sections %}")
    document.add_heading("{{ s.heading }}", level=2)
    document.add_paragraph("{{ s.body }}")
    document.add_paragraph("{%p endfor %}")
    document.save(str(path))
    return path


def docxtpl_docx(brief: Path, template: Path, out: Path) -> None:
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]

    document = DocxTemplate(str(template))
    document.render(load(brief))
    document.save(str(out))


def weasyprint_pdf(brief: Path, out: Path) -> None:
    import jinja2
    import weasyprint  # type: ignore[import-untyped]

    html = jinja2.Environment(autoescape=True).from_string(HTML).render(b=load(brief))
    weasyprint.HTML(string=html).write_pdf(str(out))


def markdown(brief: Path) -> str:
    """The brief as pandoc Markdown."""
    b = load(brief)
    lines = [f"# {b['title']}", "", str(b.get("subtitle") or ""), "", b["summary"], ""]
    lines += ["## Key statements", ""]
    lines += [
        f"- **{s['speaker']}** ({s.get('role', '')}): {s['text']}" for s in b["key_statements"]
    ]
    lines += ["", "## Next steps", "", "| Action | Owner | Due | Status |", "|---|---|---|---|"]
    lines += [
        f"| {s['action']} | {s.get('owner', '')} | {s.get('due', '')} | {s.get('status', '')} |"
        for s in b["next_steps"]
    ]
    lines += ["", "## Procurement", "", "| System | Category | Stage |", "|---|---|---|"]
    lines += [
        f"| {i['system']} | {i.get('category', '')} | {i['stage']} |" for i in b["procurement"]
    ]
    for section in b["sections"]:
        lines += ["", f"## {section['heading']}", "", section["body"]]
    return "\n".join(lines) + "\n"


def soffice_pdf(docx_path: Path, profile: Path) -> Path:
    """DOCX -> PDF beside it, by LibreOffice in its own process."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx_path.parent),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return docx_path.with_suffix(".pdf")


def main(argv: list[str]) -> None:
    tool, *args = argv
    if tool == "docxtpl":
        docxtpl_docx(Path(args[0]), Path(args[1]), Path(args[2]))
    elif tool == "weasyprint":
        weasyprint_pdf(Path(args[0]), Path(args[1]))
    elif tool == "typst":
        typst_pdf(Path(args[0]), Path(args[1]))
    else:
        raise SystemExit(f"unknown tool {tool}")


if __name__ == "__main__":
    main(sys.argv[1:])
