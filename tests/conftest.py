from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "us-india-defence.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines as on a terminal: no times, no journal priorities (tests of those set them)."""
    monkeypatch.setenv("BRIEFGEN_TIMESTAMPS", "never")
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    monkeypatch.delenv("BRIEFGEN_STATE_DIR", raising=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, made the working folder."""
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def brief(project: Path) -> Callable[..., Path]:
    """Write a content file into the project: brief(text, name='b.yaml')."""

    def write(text: str, name: str = "b.yaml") -> Path:
        path = project / "content" / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def run(*args: str) -> Result:
    """Run the CLI in-process."""
    from briefgen.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def run_process(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would, in its own process (env: variables to set)."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


# Runs the command line as the console script does; at exit, runs a report (statements
# that set `seen`, with gc, json and sys imported) and prints what it saw as JSON.
_AT_EXIT = """
import atexit, gc, json, sys
def shown():
{report}
    sys.__stdout__.write("\\nAT EXIT " + json.dumps(seen) + "\\n")
atexit.register(shown)
sys.argv = ["briefgen", *{args!r}]
from briefgen.cli import main
main()
"""


def at_exit(cwd: Path, report: str, *args: str) -> tuple[Any, subprocess.CompletedProcess[str]]:
    """Run briefgen with args in a fresh interpreter: what report set `seen` to as the
    process ended (after everything the command did), and the process."""
    body = textwrap.indent(textwrap.dedent(report).strip(), "    ")
    done = subprocess.run(
        [sys.executable, "-c", _AT_EXIT.format(report=body, args=list(args))],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BRIEFGEN_TIMESTAMPS": "never"},
    )
    lines = [x for x in done.stdout.splitlines() if x.startswith("AT EXIT ")]
    assert lines, done.stderr
    return json.loads(lines[-1].removeprefix("AT EXIT ")), done


def listing(folder: Path) -> list[str]:
    """Names in an output folder, sorted (briefgen's own records are kept elsewhere)."""
    return sorted(p.name for p in folder.iterdir())


def state_of(project: Path, output: str = "out") -> Path:
    """The state folder of the project's output folder `output` (see briefgen.regen.state)."""
    return project / ".briefgen" / "outputs" / output


def normalize(text: str) -> str:
    """One space between words; a word broken after its hyphen, slash or en dash at a line
    end joined again."""
    return re.sub(r"(?<=\S)([-/\u2013])\s+(?=\w)", r"\1", re.sub(r"\s+", " ", text)).strip()


def plain(markdown: str) -> str:
    """Text as printed: inline Markdown removed."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    return normalize(text.replace("**", "").replace("*", ""))


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return normalize(" ".join(page.extract_text() for page in PdfReader(path).pages))


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return normalize(" ".join(parts))


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.environ.get("BRIEFGEN_REQUIRE_SOFFICE") == "1":
        pytest.fail("BRIEFGEN_REQUIRE_SOFFICE=1 but soffice is not installed")
    return found


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice (skips the test where it is not installed)."""
    exe = soffice()
    if exe is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    profile = out_dir / "lo-profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / (docx_path.stem + ".pdf")


_STARTED: list[tuple[subprocess.Popen[str], bool]] = []


@pytest.fixture(autouse=True)
def _no_process_left() -> Iterator[None]:
    """However a test ends, the briefgen processes it started end with it."""
    yield
    while _STARTED:
        proc, group = _STARTED.pop()
        if group:  # its workers too, if the build has ended
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        elif proc.poll() is None:
            proc.kill()
        proc.communicate()


def start(
    project: Path,
    *args: str,
    pause: float = 0.0,
    env: dict[str, str] | None = None,
    group: bool = False,
) -> subprocess.Popen[str]:
    """briefgen in its own process (its own process group with group=True); pause holds
    each output file before its rename."""
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    if pause:
        environment["BRIEFGEN_TEST_WRITE_PAUSE"] = str(pause)
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", *args],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=group,
    )
    _STARTED.append((proc, group))
    return proc


def chromium() -> str | None:
    """Headless Chromium, for the HTML tests (required where BRIEFGEN_REQUIRE_CHROMIUM=1)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    found = found or shutil.which("google-chrome")
    if found is None:
        if os.environ.get("BRIEFGEN_REQUIRE_CHROMIUM") == "1":
            pytest.fail("BRIEFGEN_REQUIRE_CHROMIUM=1 but chromium is not installed")
        pytest.skip("chromium is not installed")
    return found


def browse(page: Path, *how: str) -> subprocess.CompletedProcess[bytes]:
    """Open a local file in headless Chromium, e.g. browse(x, '--dump-dom')."""
    exe = chromium()
    assert exe is not None
    profile = page.parent / "chromium-profile"
    return subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={profile}", *how, page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "td", "th", "tr", "blockquote", "br", "div",
          "header", "main", "footer", "table", "title", "hr"}  # fmt: skip


def html_text(data: bytes | str) -> str:
    """An HTML file's text as a reader sees it: blocks apart, inline elements run on."""
    from lxml import html

    doc = html.document_fromstring(data)
    body = doc.find("body")
    for listing in body.iter("ol"):  # numbers are read out, as the PDF prints them
        for number, item in enumerate(listing.iterchildren("li"), start=1):
            item.text = f"{number}. " + (item.text or "")
    for element in body.iter():
        if element.tag in BLOCKS:
            element.text = " " + (element.text or "")
            element.tail = " " + (element.tail or "")
    return normalize(body.text_content())
