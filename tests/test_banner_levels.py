"""A classification that names none of the theme's banner levels, with no marking scheme:
built (its banner has the colour for others) with one located warning naming the nearest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run


def test_a_misspelt_classification_is_built_with_a_warning_naming_the_nearest_level(
    brief: Callable[..., Path],
) -> None:
    brief("title: T\nsummary: S\nclassification: UNCLASIFIED\n")
    result = run("build")
    assert result.exit_code == 0
    assert Path("out/b.pdf").is_file()
    [warning] = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert warning == (
        "warning: content/b.yaml:3: classification: 'UNCLASIFIED' is none of the theme's "
        "banner levels, so the banner has the colour for others; did you mean 'UNCLASSIFIED'?"
    )
    assert run("validate").output.count("did you mean 'UNCLASSIFIED'?") == 1


def test_the_level_before_the_caveats_is_what_is_compared(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\nclassification: SECRT//NOFORN\n")
    assert "did you mean 'SECRET'?" in run("build").output


@pytest.mark.parametrize("classification", ["OFFICIAL-SENSITIVE", "OFFICIAL"])
def test_a_level_like_none_lists_the_themes_levels(
    brief: Callable[..., Path], classification: str
) -> None:
    brief(f"title: T\nsummary: S\nclassification: {classification}\n")
    result = run("build")
    assert result.exit_code == 0
    assert (
        "the theme's levels are UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET "
        "(add one to [banners] in theme.toml)"
    ) in result.output
    assert "did you mean" not in result.output  # not CONFIDENTIAL for OFFICIAL


@pytest.mark.parametrize(
    "classification",
    ["UNCLASSIFIED", "Secret//NOFORN", "CONFIDENTIAL//REL TO JPN, PHL", "TOP SECRET"],
)
def test_a_known_level_is_no_warning(brief: Callable[..., Path], classification: str) -> None:
    brief(f"title: T\nsummary: S\nclassification: {classification}\n")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_a_level_the_project_theme_adds_is_no_warning(
    brief: Callable[..., Path], project: Path
) -> None:
    (project / "briefgen.toml").write_text('[theme.banners]\nOFFICIAL = "#000000"\n')
    brief("title: T\nsummary: S\nclassification: OFFICIAL\n")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_under_a_marking_scheme_the_scheme_checks_the_banner_instead(
    brief: Callable[..., Path], project: Path
) -> None:
    (project / "briefgen.toml").write_text('marking = "uk"\n')
    brief("title: T\nsummary: S\nclassification: OFFICIAL\ndefault_classification: O\n")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "banner levels" not in result.output
