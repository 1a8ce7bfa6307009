"""The DOCX as a word processor lays it out: LibreOffice converts it to PDF,
in a scratch folder of serve's own, and its pages are drawn as the PDF's are.

One conversion runs at a time (LibreOffice refuses a second on the same
profile); the last few pictures are kept by the DOCX's bytes, so a page that
asks again for the same brief does not convert it again.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
from collections import OrderedDict
from pathlib import Path

from briefgen import preview
from briefgen.errors import BriefgenError

TIMEOUT = 120.0  # seconds; a first start with a new profile takes a few
KEPT = 8


class LibreOffice:
    """soffice --headless --convert-to pdf, in scratch (removed by whoever made it)."""

    def __init__(self, scratch: Path, dpi: int) -> None:
        self._scratch = scratch
        self._dpi = dpi
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, bytes] = OrderedDict()

    def png(self, docx: bytes) -> bytes:
        """The pages of docx as LibreOffice lays them out, one under the next, as PNG bytes."""
        key = hashlib.sha256(docx).hexdigest()
        with self._lock:
            if key not in self._kept:
                self._kept[key] = preview.sheets(self._convert(docx), self._dpi)
                while len(self._kept) > KEPT:
                    self._kept.popitem(last=False)
            self._kept.move_to_end(key)
            return self._kept[key]

    def _convert(self, docx: bytes) -> bytes:
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        if exe is None:
            raise BriefgenError(
                "LibreOffice is not installed (soffice not found); "
                "Debian: apt-get install libreoffice-writer-nogui"
            )
        job = self._scratch / "job"
        shutil.rmtree(job, ignore_errors=True)
        job.mkdir(parents=True)
        source = job / "brief.docx"
        source.write_bytes(docx)
        profile = (self._scratch / "profile").as_uri()
        command = [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        try:
            subprocess.run(
                [*command, "--outdir", str(job), str(source)],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
            return (job / "brief.pdf").read_bytes()
        except subprocess.TimeoutExpired:
            raise BriefgenError(f"LibreOffice took more than {TIMEOUT:g} s; gave up") from None
        except OSError:
            raise BriefgenError("LibreOffice could not convert the DOCX") from None
        finally:
            shutil.rmtree(job, ignore_errors=True)
