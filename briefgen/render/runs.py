"""A block's text runs as the markup parser collects them: one style per run, alike
neighbours merged, and trimmed of the spaces HTML would not show."""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefgen.render import model


@dataclass
class Style:
    """The inline style open where text is read: what its run carries."""

    bold: bool = False
    italic: bool = False
    href: str | None = None
    color: str | None = None
    small: bool = False


def same_style(a: model.Run, b: model.Run) -> bool:
    """Whether b continues a's run: the same style throughout."""
    return (a.bold, a.italic, a.href, a.color, a.small) == (
        b.bold,
        b.italic,
        b.href,
        b.color,
        b.small,
    )


def trim(runs: list[model.Run]) -> model.Inline:
    """Drop the spaces HTML would not show: at both ends and around line breaks."""
    out = [_text(r, r.text.replace(" \n", "\n").replace("\n ", "\n")) for r in runs]
    if out:
        out[0] = _text(out[0], out[0].text.lstrip(" "))
        out[-1] = _text(out[-1], out[-1].text.rstrip(" "))
    return tuple(r for r in out if r.text)


def _text(run: model.Run, text: str) -> model.Run:
    """The run with text, or the run itself where its text is text already (most are)."""
    return run if text == run.text else replace(run, text=text)
