"""Colour contrast: every built-in theme's text meets WCAG 2.x AA; a user theme that does
not is built with a warning naming the pair and its ratio."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen import project
from briefgen.layout import contrast
from briefgen.render.templating import Templates
from conftest import EXAMPLE, ROOT, run

BUILTIN = sorted(p.name for p in (ROOT / "templates").iterdir() if (p / "theme.toml").is_file())


def test_the_wcag_ratio_of_known_pairs() -> None:
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.ratio("#ffffff", "#ff8c00") == pytest.approx(2.33, abs=0.005)
    assert contrast.ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)


@pytest.mark.parametrize("name", BUILTIN)
def test_every_colour_pair_of_a_built_in_theme_meets_aa(name: str) -> None:
    theme = Templates(project.find(ROOT)).theme(name)
    ratios = {what: contrast.ratio(fg, bg) for what, fg, bg in contrast.pairs(theme)}
    assert "the TOP SECRET banner's text" in ratios and "in-progress on the page" in ratios
    assert {what: r for what, r in ratios.items() if r < contrast.AA} == {}
    bars = {what: contrast.ratio(fg, bg) for what, fg, bg in contrast.graphics(theme)}
    assert "the stage-past bar on the page" in bars and "the stage-now bar on the page" in bars
    assert {what: r for what, r in bars.items() if r < contrast.GRAPHICS} == {}


def test_the_top_secret_banner_takes_dark_text_on_its_orange() -> None:
    theme = Templates(project.find(ROOT)).theme("onepage")
    assert contrast.banner_text(theme, theme.banners["TOP SECRET"]) == theme.color("text")
    assert contrast.banner_text(theme, theme.banners["SECRET"]) == "#ffffff"


def test_a_theme_under_aa_builds_with_a_warning_naming_the_pair(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "content")
    (tmp_path / "briefgen.toml").write_text('[theme.colors]\nmuted = "#999999"\n')
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = run("build")
    assert result.exit_code == 0
    assert (
        "warning: content/us-india-defence.yaml: contrast of muted on the page "
        "(#999999 on #ffffff) is 2.85:1; WCAG AA asks for 4.5:1"
    ) in result.output
    assert "muted on header-fill (#999999 on #e8edf3) is 2.42:1" in result.output
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        checked = run("validate")
    assert checked.exit_code == 0
    assert "warning: content/us-india-defence.yaml: contrast of muted on the page" in checked.output


def test_a_track_bar_too_faint_to_see_builds_with_a_warning_asking_3_to_1() -> None:
    theme = Templates(project.find(ROOT)).theme("onepage")
    faint = type(theme)(**{**vars(theme), "colors": {**theme.colors, "stage-past": "#d5deea"}})
    assert contrast.warnings(faint) == (
        "contrast of the stage-past bar on the page (#d5deea on #ffffff) is 1.36:1; "
        "WCAG AA asks for 3:1",
    )
