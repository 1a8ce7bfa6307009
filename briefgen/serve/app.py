"""What each address gives: a fixed set of pages, pictures and downloads, all read-only.

There is no file serving: an address names a brief by its output name, looked
up among the briefs being served, and one of a fixed list of its resources.
Anything else, however it is spelt (``..``, ``%2e%2e``, an absolute path), is
not found. Every answer is made in memory from the briefs as they are now.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from urllib.parse import parse_qs, quote, unquote, urlsplit

from briefgen.errors import BriefgenError
from briefgen.serve import pages
from briefgen.serve.briefs import Briefs, Entry
from briefgen.serve.libreoffice import LibreOffice

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
STATIC = {"serve.js": "text/javascript; charset=utf-8", "serve.css": "text/css; charset=utf-8"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Response:
    status: int
    kind: str  # Content-Type
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _text(status: int, line: str) -> Response:
    return Response(status, TEXT, (line + "\n").encode())


NOT_FOUND = _text(404, "not found")


def _static() -> dict[str, bytes]:
    folder = resources.files("briefgen.serve") / "static"
    return {name: (folder / name).read_bytes() for name in STATIC}


class App:
    """The answers to GET requests (the events stream aside: see server.py)."""

    def __init__(self, briefs: Briefs, libreoffice: LibreOffice) -> None:
        self.briefs = briefs
        self.libreoffice = libreoffice
        self.static = _static()

    def get(self, target: str) -> Response:
        parts = urlsplit(target)
        query = parse_qs(parts.query)
        segments = parts.path.split("/")[1:]
        if parts.path == "/":
            project = self.briefs.project
            root = project.root if project else None
            return Response(
                200, HTML, pages.index(self.briefs.entries(), root, self.briefs.problem)
            )
        if parts.path == "/favicon.ico":
            return Response(204, TEXT, b"")
        if len(segments) == 2 and segments[0] == "static" and segments[1] in STATIC:
            return Response(200, STATIC[segments[1]], self.static[segments[1]])
        if len(segments) in (2, 3) and segments[0] == "brief":
            try:
                entry = self.briefs.get(unquote(segments[1], errors="strict"))
            except UnicodeDecodeError:
                entry = None
            if entry is not None:
                return self._brief(entry, segments[2] if len(segments) == 3 else None, query)
        return NOT_FOUND

    def _brief(self, entry: Entry, resource: str | None, query: dict[str, list[str]]) -> Response:
        picture = entry.picture
        if resource is None:
            return Response(200, HTML, pages.brief(entry, docx=query.get("docx") == ["1"]))
        if resource == "state.json":
            return Response(200, "application/json", pages.state(entry))
        if picture is None:
            return _text(409, entry.error or "not made yet") if resource in _MADE else NOT_FOUND
        if resource == "page.png":
            return Response(200, "image/png", picture.png)
        if resource == "brief.pdf":
            return Response(200, "application/pdf", picture.pdf, _attachment(entry.name + ".pdf"))
        if resource == "brief.docx":
            return Response(200, DOCX, picture.docx(), _attachment(entry.name + ".docx"))
        if resource == "libreoffice.png":
            try:
                return Response(200, "image/png", self.libreoffice.png(picture.docx()))
            except BriefgenError as exc:
                return _text(503, str(exc))
        return NOT_FOUND


_MADE = ("page.png", "brief.pdf", "brief.docx", "libreoffice.png")


def _attachment(name: str) -> tuple[tuple[str, str], ...]:
    """A download under the brief's own name, spelt safely for any name (RFC 6266)."""
    plain = "".join(c if (c.isascii() and c.isalnum()) or c in "-_." else "_" for c in name)
    return (
        (
            "Content-Disposition",
            f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}",
        ),
    )
