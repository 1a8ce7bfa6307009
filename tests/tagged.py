"""A tagged PDF read back with pikepdf: what is marked, what the tree holds, what points where.

Written against ISO 32000-1 (14.6 marked content, 14.7 the structure tree), not
against briefgen's writer: the checks read only the file.
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

#: operators that put something on the page: text, paths painted, images, shadings
PAINTING = {"Tj", "TJ", "'", '"', "Do", "sh", "BI", "INLINE IMAGE"}
PAINTING |= {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}


@dataclass
class Report:
    unmarked: list[str] = field(default_factory=list)  # painting operators outside any mark
    #: (page, MCID) of every marked-content sequence in the content streams
    in_stream: list[tuple[int, int]] = field(default_factory=list)
    #: (page, MCID) of every reference from a structure element
    in_tree: list[tuple[int, int]] = field(default_factory=list)
    #: (page, MCID) -> the element's role, as the ParentTree says and as the tree says
    parent_tree: dict[tuple[int, int], Any] = field(default_factory=dict)
    owners: dict[tuple[int, int], Any] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)  # every element's role, in tree order
    role_of: dict[Any, str] = field(default_factory=dict)  # an element's objgen -> its role
    annotations_untagged: list[str] = field(default_factory=list)
    #: artifacts inside tagged content and tagged content inside artifacts (Matterhorn 01-003/4)
    nested: list[str] = field(default_factory=list)
    edges: set[tuple[str, str]] = field(default_factory=set)  # (parent role, child role)


def _marks(page: pikepdf.Page, number: int, report: Report) -> None:
    stack: list[tuple[str, int | None]] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            mcid = None
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                mcid = int(operands[1].get("/MCID", -1))
                mcid = None if mcid < 0 else mcid
            if mcid is not None:
                report.in_stream.append((number, mcid))
            if tag == "/Artifact" and any(m is not None for _, m in stack):
                report.nested.append(f"page {number + 1}: an artifact inside tagged content")
            if mcid is not None and any(t == "/Artifact" for t, _ in stack):
                report.nested.append(f"page {number + 1}: MCID {mcid} inside an artifact")
            stack.append((tag, mcid))
        elif op == "EMC":
            stack.pop()
        elif op in PAINTING:
            marked = any(tag == "/Artifact" or mcid is not None for tag, mcid in stack)
            if not marked:
                report.unmarked.append(f"page {number + 1}: {op} {operands!r}"[:120])
    assert not stack, "a marked-content sequence is never closed"


def _walk(element: Any, pages: dict[Any, int], report: Report, page: int | None) -> None:
    role = str(element.get("/S"))
    report.roles.append(role)
    report.role_of[element.objgen] = role
    if "/Pg" in element:
        page = pages[element.Pg.objgen]
    kids = element.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int):
            assert page is not None, f"{role} has an MCID but no page"
            report.in_tree.append((page, kid))
            report.owners[(page, kid)] = element.objgen
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            where = (pages[kid.Pg.objgen], int(kid.MCID))
            report.in_tree.append(where)
            report.owners[where] = element.objgen
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            continue
        else:
            report.edges.add((role, str(kid.get("/S"))))
            _walk(kid, pages, report, page)


def read(data: bytes) -> Report:
    """Everything the checks below need, from the file alone."""
    report = Report()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        for number, page in enumerate(pdf.pages):
            _marks(page, number, report)
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(pdf.pages):
            for mcid, owner in enumerate(by_key.get(int(page.obj.get("/StructParents", -1)), [])):
                report.parent_tree[(number, mcid)] = owner.objgen
            for annot in page.obj.get("/Annots", []):
                key = int(annot.get("/StructParent", -1))
                owner = by_key.get(key)
                kids = owner.K if owner is not None else []
                objrs = [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
                if not any(k.Obj.objgen == annot.objgen for k in objrs):
                    report.annotations_untagged.append(str(annot.get("/Subtype")))
        for top in root.K if isinstance(root.K, pikepdf.Array) else [root.K]:
            _walk(top, pages, report, None)
    return report


def duplicates(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [pair for pair, count in Counter(pairs).items() if count > 1]


def struct_text(path: Path) -> str:
    """poppler's reading of the structure tree, with the text of each element."""
    return subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout


#: ISO 32000-1's standard structure types briefgen uses: no RoleMap is needed (Matterhorn 02)
STANDARD = {"/Document", "/P", "/H1", "/H2", "/H3", "/L", "/LI", "/Lbl", "/LBody", "/Table"}
STANDARD |= {"/THead", "/TBody", "/TR", "/TH", "/TD", "/BlockQuote", "/Figure", "/Link"}
#: what each grouping element may hold (ISO 32000-1, 14.8.4.3; Matterhorn 09, 15, 16)
CHILDREN = {
    "/L": {"/LI"},
    "/LI": {"/Lbl", "/LBody"},
    "/Table": {"/THead", "/TBody", "/TR"},
    "/THead": {"/TR"},
    "/TBody": {"/TR"},
    "/TR": {"/TH", "/TD"},
}


def misplaced(report: Report) -> list[tuple[str, str]]:
    """Parent-child pairs the standard does not allow, and roles outside the standard set."""
    parents: dict[str, set[str]] = {}
    for parent, kids in CHILDREN.items():
        for kid in kids:
            parents.setdefault(kid, set()).add(parent)
    wrong = [
        (a, b)
        for a, b in report.edges
        if (a in CHILDREN and b not in CHILDREN[a]) or (b in parents and a not in parents[b])
    ]
    wrong += [("?", r) for r in report.roles if r not in STANDARD]
    return sorted(set(wrong))


def heading_skips(report: Report) -> list[str]:
    """Headings that skip a level (H1 then H3), or a first heading that is not H1 (Matterhorn 14)."""
    levels = [int(r[2:]) for r in report.roles if re.fullmatch(r"/H[1-6]", r)]
    wrong = [f"first heading is H{levels[0]}"] if levels and levels[0] != 1 else []
    wrong += [f"H{a} then H{b}" for a, b in itertools.pairwise(levels) if b > a + 1]
    return wrong
