"""The pages serve shows: the list of briefs, and one brief beside its changes.

Each page is whole when it arrives (it reads without script); /static/serve.js
then keeps it current from the server's events, by the state each brief's
``state.json`` gives (:func:`state`), with text set as text, never as markup.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from briefgen.errors import display_path
from briefgen.serve.briefs import Entry
from briefgen.serve.html import document, el

FIRST = "Not published yet: there is no edition to compare with."
NONE = "Nothing has changed since the edition last published."


def href(entry: Entry, resource: str = "") -> str:
    """The address of a brief's page, or of one of its resources."""
    return f"/brief/{quote(entry.name, safe='')}" + (f"/{resource}" if resource else "")


def state(entry: Entry) -> bytes:
    """What the page shows of a brief, as JSON for serve.js."""
    picture = entry.picture
    data = {
        "name": entry.name,
        "title": picture.title if picture else entry.name,
        "version": entry.version,
        "good": entry.good,
        "error": entry.error,
        "fit": picture.fit if picture else None,
        "warning": picture.warning if picture else None,
        "changes": list(picture.changes) if picture else [],
        "first_edition": picture.first_edition if picture else True,
    }
    return json.dumps(data, ensure_ascii=False).encode()


def _bar(*title: str | None) -> Markup:
    return el(
        "header",
        {"class": "bar"},
        el("a", {"class": "home", "href": "/"}, "briefgen serve"),
        *title,
        el("span", {"id": "live", "class": "live", "title": "updates as files are saved"}, "live"),
    )


def _offline() -> Markup:
    return el(
        "p",
        {"id": "offline", "class": "offline", "hidden": "hidden"},
        "Not connected to briefgen serve: changes will show once it runs again.",
    )


def index(entries: list[Entry], root: Path | None, problem: str | None) -> bytes:
    """Every brief, with how it fits now or why it does not build."""
    rows = []
    for entry in entries:
        status = entry.error or (entry.picture.fit if entry.picture else "")
        rows.append(
            el(
                "li",
                {"data-brief": entry.name, "data-version": str(entry.version)},
                el(
                    "a", {"href": href(entry)}, entry.picture.title if entry.picture else entry.name
                ),
                el("span", {"class": "file"}, display_path(entry.source)),
                el("span", {"class": "status error" if entry.error else "status"}, status),
            )
        )
    where = f"Briefs in {root.name}" if root is not None else "Briefs"
    body = (
        _bar(el("span", {"class": "sep"}, "/"), el("h1", {}, where)),
        _offline(),
        el("p", {"id": "problem", "class": "error", "role": "alert"}, problem) if problem else None,
        el("ul", {"class": "briefs"}, *rows) if rows else el("p", {}, "No briefs yet."),
    )
    return document(f"{where} · briefgen serve", {"data-page": "index"}, *body)


def brief(entry: Entry, docx: bool = False) -> bytes:
    """One brief: its page as the PDF draws it, its fit, its changes since the edition last
    published and, with docx,
    its DOCX as LibreOffice lays it out, side by side."""
    picture = entry.picture
    title = picture.title if picture else entry.name
    warning = picture.warning if picture else None
    shown = {"hidden": None} if docx else {"hidden": "hidden"}
    status = el(
        "section",
        {"class": "status"},
        el("p", {"id": "fit", "class": "fit"}, picture.fit if picture else ""),
        el(
            "p",
            {"id": "warning", "class": "warning", "hidden": None if warning else "hidden"},
            warning,
        ),
        el(
            "nav",
            {"id": "actions", "class": "actions", "hidden": None if picture else "hidden"},
            el("a", {"href": href(entry, "brief.pdf"), "download": ""}, "Download PDF"),
            el("a", {"href": href(entry, "brief.docx"), "download": ""}, "Download DOCX"),
            el(
                "a",
                {"id": "show-docx", "href": "?" if docx else "?docx=1", "class": "button"},
                "Hide the DOCX" if docx else "Show the DOCX in LibreOffice",
            ),
        ),
    )
    error = el(
        "p",
        {
            "id": "error",
            "class": "error",
            "role": "alert",
            "hidden": None if entry.error else "hidden",
        },
        entry.error,
    )
    pdf = el(
        "figure",
        {"id": "pdf", "class": "sheet stale" if entry.error and picture else "sheet"},
        el("figcaption", {}, "PDF"),
        error,
        el(
            "img",
            {
                "id": "page",
                "src": href(entry, f"page.png?v={entry.good}") if picture else None,
                "alt": "The brief's page, as the PDF draws it",
                "hidden": None if picture else "hidden",
            },
        ),
    )
    lo = el(
        "figure",
        {"id": "docx", "class": "sheet stale" if entry.error and picture else "sheet", **shown},
        el("figcaption", {}, "DOCX, as LibreOffice lays it out"),
        el("p", {"id": "docx-note", "class": "note"}, "Converting with LibreOffice…"),
        el(
            "img",
            {
                "id": "docx-page",
                "src": href(entry, f"libreoffice.png?v={entry.good}") if docx and picture else None,
                "alt": "The brief's DOCX page, as LibreOffice lays it out",
            },
        ),
    )
    changes = picture.changes if picture else ()
    aside = el(
        "aside",
        {"id": "changes-panel", "class": "changes", "hidden": None if picture else "hidden"},
        el("h2", {}, "Changes since readers last saw it"),
        el("ul", {"id": "changes"}, *(el("li", {}, line) for line in changes)),
        el(
            "p",
            {
                "id": "no-changes",
                "class": "note",
                "hidden": "hidden" if changes else None,
                "data-first": FIRST,
                "data-none": NONE,
            },
            FIRST if picture is None or picture.first_edition else NONE,
        ),
    )
    attrs = {
        "data-page": "brief",
        "data-brief": entry.name,
        "data-version": str(entry.version),
        "data-good": str(entry.good),
        "data-base": href(entry),
    }
    body = (
        _bar(el("span", {"class": "sep"}, "/"), el("h1", {"id": "title"}, title)),
        _offline(),
        status,
        el("main", {"class": "pages"}, pdf, lo, aside),
    )
    return document(f"{title} · briefgen serve", attrs, *body)
