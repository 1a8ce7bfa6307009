"""The HTML writer: one self-contained, accessible file; read back as a tree and in Chromium."""

from __future__ import annotations

import base64
import re
import struct
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html

from briefgen import writers
from briefgen.layout import page as p
from conftest import browse, html_text
from pages import para, sample


def tree(page: p.Page) -> html.HtmlElement:
    return html.document_fromstring(writers.get("html").render(page))


def png(path: Path) -> Path:
    """A 2 x 1 pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x1f\x38\x64" * 2)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
                     + chunk(b"IEND", b""))  # fmt: skip
    return path


def test_the_html_has_landmarks_headings_a_list_a_quote_and_a_data_table() -> None:
    doc = tree(sample())
    assert doc.get("lang") == "en-US" and doc.findtext(".//title") == "Sample brief"
    body = doc.find("body")
    assert body is not None
    assert [e.tag for e in body.iter("header", "main", "footer")] == ["header", "main", "footer"]
    sheet = body[0]  # mail clients keep a table's width where they drop a div's
    assert (sheet.tag, sheet.get("role"), sheet.get("width")) == ("table", "presentation", "650")
    main = body.find(".//main")
    assert main is not None
    assert [e.tag for e in main] == ["h1", "h2", "ul", "blockquote", "table", "hr"]
    assert [li.text_content() for li in main.iter("li")] == ["First point"]
    headers = list(main.iter("th"))
    assert [(th.text_content(), th.get("scope")) for th in headers] == [
        ("Action", "col"), ("Owner", "col")]  # fmt: skip
    assert [td.text_content() for td in main.iter("td")] == ["Sign the arrangement", "MOD"]
    assert headers[0].getparent().getparent().tag == "thead"


def test_the_banner_is_the_first_and_the_last_text_in_its_colours() -> None:
    doc = tree(sample())
    top, bottom = doc.find(".//header/p"), doc.find(".//footer/p")
    assert top is not None and bottom is not None
    assert top.text == bottom.text == "SECRET"
    assert "background-color: #c8102e" in (top.get("style") or "")
    words = html_text(writers.get("html").render(sample())).split()
    assert words[0] == words[-1] == "SECRET"


def test_the_html_takes_the_pages_sizes_colours_and_spacing() -> None:
    main = tree(sample()).find(".//main")
    assert main is not None
    title, heading = main[0].get("style") or "", main[1].get("style") or ""
    assert "font-size: 17pt" in title and "line-height: 20.4pt" in title
    assert "color: #1f3864" in title and "margin: 0pt 0 2pt 0" in title
    # the heading's rule sits inside its 3 pt after, as on the page
    assert "border-bottom: 0.5pt solid #b7c0cc" in heading and "margin: 9pt 0 1.5pt 0" in heading
    table = main.find("table")
    assert table is not None and [c.get("style") for c in table.iter("col")] == [
        "width: 300pt", "width: 187.276pt"]  # fmt: skip


def test_each_stage_of_the_track_is_its_line_over_a_thin_bar_in_its_colour() -> None:
    from briefgen import project
    from briefgen.pipeline import prepare
    from briefgen.render.templating import Templates
    from conftest import EXAMPLE

    page = prepare(EXAMPLE, Templates(project.find(EXAMPLE.parent))).page
    tables = tree(page).findall(".//table")
    javelin = tables[-1].findall(".//tbody/tr")[0].findall("td")
    bars = [cell.find("div") for cell in javelin[2:]]
    styles = [bar.get("style") or "" if bar is not None else "" for bar in bars]
    colours = [re.search(r"border-bottom: 2.5pt solid (#\w+)", s) for s in styles]
    assert [m.group(1) if m else None for m in colours] == [
        "#7a90b2", "#1f3864", "#dfe4ea", "#dfe4ea", "#dfe4ea"]  # fmt: skip
    assert [(bar.text_content() if bar is not None else None) for bar in bars] == [
        "\u00a0", "\u25cf", "\u00a0", "\u00a0", "\u00a0"]  # fmt: skip


HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes" \' <!--'


def test_content_is_text_in_elements_and_attributes() -> None:
    page = sample()
    blocks = (para(HOSTILE), *page.blocks[1:])
    page = replace(page, blocks=blocks, meta=replace(page.meta, title=HOSTILE, author=HOSTILE))
    data = writers.get("html").render(page)
    doc = html.document_fromstring(data)
    assert doc.findtext(".//title") == HOSTILE
    assert doc.find(".//meta[@name='author']").get("content") == HOSTILE  # type: ignore[union-attr]
    assert doc.find(".//main/p").text_content() == HOSTILE  # type: ignore[union-attr]
    assert not list(doc.iter("script")) and [i.get("src") for i in doc.iter("img")] == []
    assert b"<script" not in data and b"<img" not in data


def test_the_logo_is_in_the_file_as_a_data_uri_with_alt_text(tmp_path: Path) -> None:
    picture = png(tmp_path / "logo.png")
    logo = p.Logo(picture.read_bytes(), "png", (2, 1), 60.0, 30.0, 481.0, 40.0, 100, alt="Desk")
    img = tree(replace(sample(), logo=logo)).find(".//header/img")
    assert img is not None and img.get("alt") == "Desk"  # the theme's logo_alt
    src = img.get("src") or ""
    assert src.startswith("data:image/png;base64,")
    assert base64.b64decode(src.split(",", 1)[1]) == picture.read_bytes()


def external(data: bytes) -> list[str]:
    """Every address the file would fetch: any src, any url(), any link but a content link."""
    doc = html.document_fromstring(data)
    found = [e.get("src") or "" for e in doc.iter() if e.get("src") is not None]
    found += [e.get("href") or "" for e in doc.iter() if e.get("href") and e.tag != "a"]
    found += re.findall(rb"url\(([^)]*)\)|@import", data)  # type: ignore[arg-type]
    return [f for f in found if not str(f).startswith("data:")]


def test_the_only_addresses_in_the_file_are_the_contents_links(tmp_path: Path) -> None:
    link = p.Para((p.Span("read-out", 20, "#1f4e99", href="https://example.org/r"),), 20, 240,
                  "#1f4e99")  # fmt: skip
    logo = p.Logo(png(tmp_path / "l.png").read_bytes(), "png", (2, 1), 60.0, 30.0, 481.0, 40.0, 100)
    page = replace(sample(), blocks=(link, *sample().blocks), sources=tuple(range(7)), logo=logo)
    data = writers.get("html").render(page)
    assert external(data) == []
    assert [a.get("href") for a in html.document_fromstring(data).iter("a")] == [
        "https://example.org/r"]  # fmt: skip
    assert b"<script" not in data.lower() and b"javascript:" not in data.lower()


def luminance(color: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colours(doc: html.HtmlElement) -> list[tuple[str, str, str]]:
    """(text, its colour, the background behind it) for every element that holds text."""
    found = []
    for element in doc.iter():
        text = (element.text or "").strip()
        if not text or element.tag in ("title", "style"):
            continue
        color, background = "#000000", "#ffffff"
        for e in (element, *element.iterancestors()):
            style = e.get("style") or ""
            if color == "#000000" and (m := re.search(r"(?<![-\w])color: (#\w{6})", style)):
                color = m.group(1)
            if background == "#ffffff" and (m := re.search(r"background-color: (#\w{6})", style)):
                background = m.group(1)
        found.append((text, color, background))
    return found


def test_every_text_of_the_example_has_aa_contrast(tmp_path: Path) -> None:
    from conftest import EXAMPLE, run

    assert run("build", str(EXAMPLE), "-f", "html", "-o", str(tmp_path)).exit_code == 0
    doc = html.document_fromstring((tmp_path / "us-india-defence.html").read_bytes())
    found = colours(doc)
    assert len(found) > 50
    for text, color, background in found:
        assert contrast(color, background) >= 4.5, (text, color, background)


@pytest.mark.slow
def test_chromium_reads_the_file_as_written_and_prints_it_on_one_page(tmp_path: Path) -> None:
    from conftest import EXAMPLE, FIXTURES, run

    for source in (EXAMPLE, FIXTURES / "japan-philippines.yaml"):
        assert run("build", str(source), "-f", "html", "-o", str(tmp_path)).exit_code == 0
        page = tmp_path / (source.stem + ".html")
        dom = html.document_fromstring(browse(page, "--dump-dom").stdout)
        written = html.document_fromstring(page.read_bytes())
        assert [e.tag for e in dom.find("body").iter()] == [  # type: ignore[union-attr]
            e.tag for e in written.find("body").iter()]  # type: ignore[union-attr]  # fmt: skip
        assert html_text(html.tostring(dom)) == html_text(page.read_bytes())
        printed = tmp_path / (source.stem + ".pdf")
        browse(page, "--no-pdf-header-footer", f"--print-to-pdf={printed}")
        info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), (source, info)
