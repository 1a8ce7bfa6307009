"""Hostile and broken input: one clear line, nothing executed, read, fetched or lost."""

from __future__ import annotations

import http.server
import io
import os
import struct
import sys
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefgen.errors import BriefgenError
from conftest import docx_text, listing, pdf_text, run, run_process

MARKUP = [
    "a<b",
    "<b>unclosed",
    "AT&T",
    "&copy;",
    '<font color="red">x</font>',
    "<para><font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch pwned') "
    "for Word in [ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: "
    "1 == 0, '__eq__': lambda self, x: self.mutate() and self.mutated < 0 and str(self) == x, "
    "'mutate': lambda self: {setattr(self, 'mutated', self.mutated - 1)}, '__hash__': lambda "
    "self: hash(str(self)), }, ) ] ] for orgTypeFun in [type(type(1))] for none in [[].append(1)]]] "
    "and 'red'\">exploit</font></para>",
    '<img src="/etc/passwd"/>',
    '<a href="javascript:alert(1)">click</a>',
]


def yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_markup_in_any_text_is_literal_and_runs_nothing(
    brief: Callable[..., Path], project: Path
) -> None:
    steps = "".join(f"  - action: {yaml_quote(t)}\n" for t in MARKUP)
    brief(f"title: {yaml_quote(MARKUP[4])}\nsummary: {yaml_quote(MARKUP[0])}\nnext_steps:\n{steps}")
    result = run("build", "--allow-overflow")
    assert result.exit_code == 0, result.output
    pdf, word = pdf_text(Path("out/b.pdf")), docx_text(Path("out/b.docx"))
    for text in MARKUP:
        assert text in pdf, text
        assert text in word, text
    assert not (project / "pwned").exists()
    assert "root:" not in pdf


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("https://example.org/a", True),
        ("mailto:desk@example.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,x", False),
    ],
)
def test_only_web_and_mail_links_become_links(
    brief: Callable[..., Path], link: str, kept: bool
) -> None:
    brief(f"title: T\nsummary: 'see [here]({link})'\n")
    assert run("build").exit_code == 0
    annotations = PdfReader("out/b.pdf").pages[0].get("/Annots", [])
    uris = [a.get_object()["/A"]["/URI"] for a in annotations]
    assert uris == ([link] if kept else [])
    rels = [r.target_ref for r in docx.Document("out/b.docx").part.rels.values() if r.is_external]
    assert rels == ([link] if kept else [])


@pytest.mark.parametrize(
    ("escaped", "code"),
    [
        ("\\x00", "0000"),
        ("\\x1b", "001B"),
        ("\\x7f", "007F"),
        ("\\ufffe", "FFFE"),
    ],
)
def test_control_characters_are_refused_naming_the_field(
    brief: Callable[..., Path], escaped: str, code: str
) -> None:
    brief(f'title: T\nsummary: S\nkey_statements:\n  - speaker: A\n    text: "ok{escaped}"\n')
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        f"error: content/b.yaml:5: key_statements[0].text: contains the control character "
        f"U+{code} at position 3; remove it\n"
    )


def test_a_lone_surrogate_is_refused_by_the_yaml_reader(brief: Callable[..., Path]) -> None:
    brief('title: T\nsummary: S\nkey_statements:\n  - speaker: A\n    text: "ok\\ud800"\n')
    result = run("build")
    assert result.output == (
        'error: content/b.yaml:5:16: invalid YAML: inside "..." a backslash starts an escape, '
        "and this one is not valid; write \\\\ for a backslash, or put the text in '...' quotes\n"
        '  5 |     text: "ok\\ud800"\n'
        "    |                ^\n"
    )


def test_raw_control_bytes_are_refused_by_the_yaml_reader(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: 'a\x07b'\n")
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "error: content/b.yaml:2: the control character U+0007 is not allowed in YAML; remove it\n"
    )


def test_tabs_and_newlines_are_text(brief: Callable[..., Path]) -> None:
    brief('title: T\nsummary: "one\\ttwo\\nthree"\n')
    assert run("build").exit_code == 0


MEASURE = """
import resource, subprocess, sys
result = subprocess.run([sys.executable, "-m", "briefgen", *sys.argv[1:]], capture_output=True, text=True)
sys.stderr.write(result.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(result.returncode)
"""


def _bounded(project: Path, *args: str) -> tuple[int, str, float]:
    """Run the CLI in a child process; return its exit code, stderr and peak memory in MB.

    A fresh parent measures it, so no other child of the test run counts.
    """
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,  # a hang guard, not a speed check
    )
    return result.returncode, result.stderr, int(result.stdout.strip()) / 1024


def test_billion_laughs_is_refused_quickly(project: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    (project / "content" / "b.yaml").write_text("\n".join(lines) + "\ntitle: T\nsummary: S\n")
    code, err, peak = _bounded(project, "validate")
    assert code == 1
    assert err == "error: content/b.yaml:1: more than 50000 values (are aliases expanding?)\n"
    assert peak < 200


def test_a_50_mb_file_is_refused_before_it_is_read(project: Path) -> None:
    with (project / "content" / "b.yaml").open("w") as fh:
        fh.write("title: T\nsummary: S\nsections:\n")
        chunk = "  - heading: h\n    body: " + "x" * 1000 + "\n"
        for _ in range(50 * 1024 * 1024 // len(chunk)):
            fh.write(chunk)
    code, err, peak = _bounded(project, "validate")
    assert code == 1
    assert err == "error: content/b.yaml: file is 52.4 MB; a content file may be at most 2 MB\n"
    assert peak < 200


def test_a_2000_character_word_wraps_and_stays_on_the_page(brief: Callable[..., Path]) -> None:
    word = "x" * 2000
    brief(
        f"title: {'y' * 120}\nsummary: S\nnext_steps:\n  - action: {word}\n    owner: {word[:300]}\n"
    )
    result = run("build", "--allow-overflow")
    assert result.exit_code == 0, result.output
    import pypdfium2

    for page in pypdfium2.PdfDocument("out/b.pdf"):
        text = page.get_textpage()
        width = page.get_width()
        rights = [text.get_charbox(i)[2] for i in range(text.count_chars())]
        assert max(rights) <= width - 54 + 1  # inside the right margin


TEMPLATE_ATTACKS = [
    (
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "not allowed in a template: access to attribute '__init__' of 'type' object is unsafe.",
    ),
    (
        "{{ ''.__class__.__mro__ }}",
        "not allowed in a template: access to attribute '__class__' of 'str' object is unsafe.",
    ),
    (
        "{{ 'a{0.__class__}'|attr('format') }}",
        "not allowed in a template: access to attribute 'format' of 'str' object is unsafe.",
    ),
    (
        "{{ range.__globals__ }}",
        "not allowed in a template: access to attribute '__globals__' of 'function' object is unsafe.",
    ),
    (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "template stopped: stopped after 5 seconds",
    ),
    (
        "{{ 'x' * 1000000000 }}",
        "template stopped: repetition would be more than 4,000,000 characters",
    ),
    (
        "{% set s = namespace(t='x') %}{% for i in range(100000) %}{{ 'y' * 100 }}{% endfor %}",
        "template stopped: wrote more than 2,000,000 characters",
    ),
]


@pytest.mark.parametrize(
    ("body", "message"),
    TEMPLATE_ATTACKS,
    ids=[
        "globals",
        "mro",
        "attr-format",
        "function-globals",
        "endless-loop",
        "huge-string",
        "huge-output",
    ],
)
def test_template_attacks_are_refused(project: Path, body: str, message: str) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text("<h1>x</h1>\n" + body + "\n")
    result = run("build")
    assert result.exit_code == 1
    where = "" if "wrote more" in message else ":2"
    assert result.output == f"error: templates/onepage/brief.html.j2{where}: {message}\n"
    assert not Path("out").exists() or listing(Path("out")) == []


def test_content_templates_share_the_sandbox(brief: Callable[..., Path]) -> None:
    brief('title: T\nsummary: "{{ brief.__class__ }}"\n')
    result = run("build")
    assert result.output == (
        "error: content/b.yaml:2: summary: not allowed in a template: "
        "access to attribute '__class__' of 'Brief' object is unsafe.\n"
    )


def test_a_template_cannot_include_a_file_outside_the_templates(
    project: Path, tmp_path: Path
) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text('<h1>x</h1><p>{% include "../../etc/passwd" %}</p>')
    result = run("build")
    assert result.exit_code == 1
    assert "template not found: ../../etc/passwd" in result.output
    secret = tmp_path / "outside.txt"
    secret.write_text("SECRET")
    (folder / "leak.j2").symlink_to(secret)
    (folder / "brief.html.j2").write_text('<h1>x</h1><p>{% include "onepage/leak.j2" %}</p>')
    result = run("build")
    assert result.exit_code == 1
    assert "onepage/leak.j2 leads outside the template folders" in result.output
    assert not Path("out").exists() or listing(Path("out")) == []


def test_a_symlinked_template_folder_pointing_outside_is_refused(
    project: Path, tmp_path: Path
) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\ntemplate: evil\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "brief.html.j2").write_text("<h1>x</h1>")
    (project / "templates").mkdir()
    (project / "templates" / "evil").symlink_to(outside)
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "error: templates/evil: template folder leads outside the templates folder; refused\n"
    )


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_a_logo_that_is_not_an_image_is_refused(project: Path) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    (project / "logo.png").write_text("#!/bin/sh\necho not a picture\n")
    (project / "briefgen.toml").write_text('[theme]\nlogo = "logo.png"\nlogo_alt = "Logo"\n')
    result = run("build")
    assert result.exit_code == 1
    assert result.output.startswith("error: logo.png: logo is not a readable PNG or JPEG: ")


def test_a_tiny_png_claiming_60000_pixels_square_is_refused_unread(project: Path) -> None:
    data = _png_claiming(60_000, 60_000)
    assert len(data) < 80
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    (project / "logo.png").write_bytes(data)
    (project / "briefgen.toml").write_text('[theme]\nlogo = "logo.png"\nlogo_alt = "Logo"\n')
    code, err, peak = _bounded(project, "build")
    assert code == 1
    assert (
        err == "error: logo.png: logo claims 60000 x 60000 pixels; refused (at most 40 million)\n"
    )
    assert peak < 200


def test_a_12000_pixel_logo_is_scaled_down_before_use(project: Path) -> None:
    from PIL import Image

    Image.new("RGB", (12_000, 600), "#1f3864").save(project / "logo.png")
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    (project / "briefgen.toml").write_text('[theme]\nlogo = "logo.png"\nlogo_alt = "Logo"\n')
    assert run("build").exit_code == 0
    page = PdfReader("out/b.pdf").pages[0]
    (image,) = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    assert (image["/Width"], image["/Height"]) == (1200, 60)
    media = [n for n in zipfile.ZipFile("out/b.docx").namelist() if n.startswith("word/media/")]
    with Image.open(io.BytesIO(zipfile.ZipFile("out/b.docx").read(media[0]))) as embedded:
        assert embedded.size == (1200, 60)


def _reference(project: Path, data: bytes) -> str:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    (project / "letterhead.docx").write_bytes(data)
    (project / "briefgen.toml").write_text('reference_docx = "letterhead.docx"\n')
    result = run("build")
    assert result.exit_code == 1
    assert not Path("out").exists() or listing(Path("out")) == []
    return result.output


def test_a_zip_bomb_reference_is_refused_unexpanded(project: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/bomb.bin", "w") as member:
            for _ in range(30):
                member.write(bytes(1024 * 1024))
    output = _reference(project, buffer.getvalue())
    assert output.startswith(
        "error: letterhead.docx: reference document part word/media/bomb.bin expands "
    )
    assert output.endswith("(a zip bomb?)\n")


def test_an_xxe_reference_is_refused(project: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    buffer = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(
                    b"?>", b'?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1
                )
            target.writestr(item, data)
    output = _reference(project, buffer.getvalue())
    assert output == (
        "error: letterhead.docx: reference document declares a DTD (XML entities) in word/document.xml; refused\n"
    )


def test_a_reference_that_is_not_a_zip_is_refused(project: Path) -> None:
    assert _reference(project, b"%PDF-1.7 not a docx") == (
        "error: letterhead.docx: reference document is not a Word .docx file (not a zip archive)\n"
    )


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on loopback that records every request it gets."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_briefgen_fetches_no_url(project: Path, local_server: tuple[str, list[str]]) -> None:
    url, seen = local_server
    (project / "content" / "b.yaml").write_text(
        f"title: T\nsummary: 'see [it]({url}/summary) and {url}/plain'\n"
        f"key_statements:\n  - speaker: A\n    text: '<img src=\"{url}/img.png\">'\n    source: {url}/src\n"
    )
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text(
        '{% extends "builtin:onepage/brief.html.j2" %}'
        f'{{% block footer %}}<p><a href="{url}/footer">f</a></p>{{% endblock %}}'
    )
    assert run("build").exit_code == 0
    (project / "briefgen.toml").write_text(f'[theme]\nlogo = "{url}/logo.png"\n')
    result = run("build")
    assert result.exit_code == 1
    assert f"logo: no such file: {url}/logo.png" in result.output
    assert seen == []


def test_an_exception_while_writing_keeps_the_previous_output(
    brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief("title: First\nsummary: S\n")
    assert run("build").exit_code == 0
    before = Path("out/b.pdf").read_bytes()
    from briefgen.regen import safewrite

    real = safewrite.Batch.put

    def failing(self: safewrite.Batch, path: Path, data: bytes, *, sync: bool = True) -> None:
        if path.suffix == ".pdf":  # the disk fills up with the PDF half written
            real(self, path, data[:100], sync=sync)
            raise OSError(28, "No space left on device")
        real(self, path, data, sync=sync)

    monkeypatch.setattr(safewrite.Batch, "put", failing)
    brief("title: Second\nsummary: S\n")
    result = run("build")
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert Path("out/b.pdf").read_bytes() == before
    assert listing(Path("out")) == ["b.docx", "b.pdf"]


def test_a_brief_error_is_one_line_without_traceback(project: Path) -> None:
    (project / "content" / "b.yaml").write_text("title: [\n")
    result = run_process("build", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    error, *shown = result.stderr.splitlines()  # one error; then its line, and a caret
    assert error.startswith("error: content/b.yaml:1:8: invalid YAML: ")
    assert [line[:4] for line in shown] == ["  1 ", "    "]
    assert sys.executable  # the child ran with this interpreter


def test_briefgen_error_formats_without_a_file() -> None:
    assert str(BriefgenError("plain")) == "plain"
    assert os.sep in str(Path("a") / "b")


def test_a_value_that_contains_itself_is_refused(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\nsections: &s\n  - heading: h\n    body: *s\n")
    result = run("build")
    assert result.output == (
        "error: content/b.yaml:3: sections[0].body: an alias refers to the value that contains it\n"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - action: a\n    due: '2025/7/1'\n",
            "next_steps[0].due: '2025/7/1' looks like a date: write it 2025-07-01",
        ),
        (
            "  - action: a\n    due: 01/07/2025\n",
            "next_steps[0].due: '01/07/2025' could be 1 July 2025 or 7 January 2025: write it "
            "YYYY-MM-DD, 2025-07-01 or 2025-01-07",
        ),
    ],
)
def test_a_date_in_another_form_is_not_taken_as_free_text(
    brief: Callable[..., Path], entry: str, message: str
) -> None:
    brief(f"title: T\nsummary: S\nnext_steps:\n{entry}")
    result = run("validate")
    assert result.output == f"error: content/b.yaml:5: {message}\n"


def test_an_absurd_quantity_is_refused(brief: Callable[..., Path]) -> None:
    brief(
        "title: T\nsummary: S\nprocurement:\n  - system: a\n    stage: proposed\n    quantity: 10000000000000000000000\n"
    )
    result = run("validate")
    assert result.output == (
        "error: content/b.yaml:6: procurement[0].quantity: 10000000000000000000000 is more than 1,000,000\n"
    )
