"""The DOCX lays out on one page in a word processor too (LibreOffice here).

Skipped where soffice is missing, unless BRIEFGEN_REQUIRE_SOFFICE=1 (as in CI).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from test_build import facts

from conftest import EXAMPLE, FIXTURES, docx_to_pdf, pdf_pages, pdf_text, plain, run


@pytest.mark.soffice
@pytest.mark.parametrize(
    "source", [EXAMPLE, FIXTURES / "japan-philippines.yaml"], ids=["example", "fixture"]
)
def test_docx_is_one_page_in_libreoffice(project: Path, tmp_path: Path, source: Path) -> None:
    shutil.copy(source, project / "content")
    assert run("build", "-f", "docx").exit_code == 0
    converted = docx_to_pdf(project / "out" / (source.stem + ".docx"), tmp_path / "lo")
    assert pdf_pages(converted) == 1
    text = pdf_text(converted)
    for fact in facts(source):
        assert fact in text, fact
    marking = yaml.safe_load(source.read_text(encoding="utf-8"))["classification"]
    assert plain(marking) in text  # the banner, as the content file gives it
