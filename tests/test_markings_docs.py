"""The markings page's worked examples build as it says: each scheme's example brief gets the
banner and the marks the page names, and the scheme file of one's own loads."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.markings import scheme as schemes
from tests.conftest import ROOT, run

PAGE = (ROOT / "docs" / "markings.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return PAGE.split(f"### {title}", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]


def block(text: str, kind: str) -> str:
    found = re.search(rf"```{kind}\n(.*?)```", text, re.DOTALL)
    assert found, kind
    return found.group(1)


def built(project: Path, brief: Callable[..., Path], scheme: str, content: str) -> str:
    (project / "briefgen.toml").write_text(f'marking = "{scheme}"\n', encoding="utf-8")
    brief("title: Worked example\ndate: 2025-07-02\n" + content)
    result = run("build", "--as-of", "2025-07-02", "-f", "pdf")
    assert result.exit_code == 0, result.output
    reader = PdfReader(project / "out" / "b.pdf")
    return " ".join("".join(p.extract_text() for p in reader.pages).split())


@pytest.mark.parametrize(
    ("title", "scheme"),
    [("United States", "us"), ("United Kingdom", "uk"), ("NATO", "nato")],
)
def test_each_worked_example_gets_the_banner_the_page_names(
    project: Path, brief: Callable[..., Path], title: str, scheme: str
) -> None:
    text = section(title)
    banner = re.search(r"the banner is\s+\*\*(.+?)\*\*", text, re.DOTALL | re.IGNORECASE)
    assert banner is not None
    page = built(project, brief, scheme, block(text, "yaml"))
    assert page.startswith(" ".join(banner.group(1).split()) + " ")
    reads = text.split("The page reads", 1)[-1].split("(a portion", 1)[0].split("The banner")[0]
    for mark in re.findall(r"`(\([^`]+\)) ?[^`]*`", reads):
        assert mark in page, mark


def test_the_us_examples_variants_give_the_banners_the_page_names(
    project: Path, brief: Callable[..., Path]
) -> None:
    example = block(section("United States"), "yaml")
    noforn = example.replace(
        "classification: C//REL TO USA, IND\nauthority", "classification: S//NF\nauthority"
    )
    assert built(project, brief, "us", noforn).startswith("SECRET//NOFORN ")
    plain = example.replace(
        "summary_classification: C//REL TO USA, IND", "summary_classification: C"
    )
    assert built(project, brief, "us", plain).startswith("SECRET Worked example")


def test_the_scheme_of_ones_own_loads(tmp_path: Path) -> None:
    (tmp_path / "desk.toml").write_text(
        block(section("A scheme of your own"), "toml"), encoding="utf-8"
    )
    desk = schemes.load("desk.toml", tmp_path)
    assert [level.name for level in desk.levels] == ["PUBLIC", "INTERNAL"]
    assert desk.controls[0].name == "NO PRESS" and desk.block("authority").fields[1].kind == "date"
