"""Colour contrast: WCAG 2.x ratios for every pair of colours a brief sets text in.

Text on a brief is under 18 pt, so each pair needs 4.5:1 (WCAG 2.x AA, 1.4.3).
The pairs are the theme's: body, muted, accent and link text and the status
and change tags on the page (white) and on the table header's fill, the
banner text on each banner's colour, and the stage marker on the current
stage. A theme whose pair falls short builds, with a warning naming the pair
and its ratio.
"""

from __future__ import annotations

from briefgen.layout.theme import Theme

AA = 4.5  # WCAG 2.x AA, text under 18 pt (14 pt bold)
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
)
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
    now = theme.color("stage-now")
    out.append(("stage-marker on stage-now", theme.color("stage-marker"), now))
    return out


def warnings(theme: Theme) -> tuple[str, ...]:
    """One line per pair under AA: which pair, its colours and its ratio."""
    return tuple(
        f"contrast of {what} ({fg} on {bg}) is {ratio(fg, bg):.2f}:1; WCAG AA asks for {AA:g}:1"
        for what, fg, bg in pairs(theme)
        if ratio(fg, bg) < AA
    )
