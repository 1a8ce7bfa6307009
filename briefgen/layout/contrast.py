"""Colour contrast: WCAG 2.x ratios for every pair of colours a brief sets text in,
and for the graphics that carry meaning.

Text on a brief is under 18 pt, so each text pair needs 4.5:1 (WCAG 2.x AA, 1.4.3).
The pairs are the theme's: body, muted, accent and link text, the status and
change tags and the procurement track's stage marker on the page (white) and on
the table header's fill, and the banner text on each banner's colour. The
track's bars for the stages passed and the current stage are graphics that say
how far a system has come, so each needs 3:1 against the page (1.4.11); the
stages ahead are the light path still to go, and say nothing the others do not.
A theme whose pair falls short builds, with a warning naming the pair and its ratio.
"""

from __future__ import annotations

from briefgen.layout.theme import Theme

AA = 4.5  # WCAG 2.x AA, text under 18 pt (14 pt bold)
GRAPHICS = 3.0  # WCAG 2.x AA, the parts of a graphic needed to understand it (1.4.11)
PAGE = "#ffffff"
ON_PAGE = (
    "text",
    "muted",
    "accent",
    "link",
    "planned",
    "agreed",
    "in-progress",
    "done",
    "blocked",
    "overdue",
    "changed",
    "stage-marker",
)
BARS = ("stage-past", "stage-now")  # the track's bars that say a stage was reached
ON_HEADER = ("muted",)  # table header cells: muted bold small text on header-fill


def luminance(color: str) -> float:
    """WCAG 2.x relative luminance of "#rrggbb"."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def banner_text(theme: Theme, fill: str) -> str:
    """The banner's text colour: banner-text, or the body text colour where that
    reads better on the banner's fill (dark text on TOP SECRET's orange)."""
    light, dark = theme.color("banner-text"), theme.color("text")
    return light if ratio(light, fill) >= min(AA, ratio(dark, fill)) else dark


def pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background colour) the theme sets text in."""
    out = [(f"{name} on the page", theme.color(name), PAGE) for name in ON_PAGE]
    fill = theme.color("header-fill")
    out += [(f"{name} on header-fill", theme.color(name), fill) for name in ON_HEADER]
    for level, color in theme.banners.items():
        out.append((f"the {level} banner's text", banner_text(theme, color), color))
    return out


def graphics(theme: Theme) -> list[tuple[str, str, str]]:
    """Every (what, colour, background colour) of a graphic that carries meaning."""
    return [(f"the {name} bar on the page", theme.color(name), PAGE) for name in BARS]


def warnings(theme: Theme) -> tuple[str, ...]:
    """One line per pair under AA: which pair, its colours and its ratio."""
    checked = [(pair, AA) for pair in pairs(theme)] + [(pair, GRAPHICS) for pair in graphics(theme)]
    return tuple(
        f"contrast of {what} ({fg} on {bg}) is {ratio(fg, bg):.2f}:1; WCAG AA asks for {need:g}:1"
        for (what, fg, bg), need in checked
        if ratio(fg, bg) < need
    )
