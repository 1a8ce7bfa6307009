"""One page: choose the largest text size at which the whole brief fits.

The brief is measured with reportlab exactly as the PDF writer will draw it
(same flowables, no frame padding; between blocks the larger space counts), at body sizes from
the theme's base size down to its floor in Word's half-point steps. Both
writers then use the chosen sizes, so the DOCX fits too; a small safety margin
absorbs the differences in how Word and LibreOffice place borders.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen import model
from briefgen.errors import BriefgenError, FitError
from briefgen.sizes import Sizes, candidates, scaled
from briefgen.theme import Theme

#: --allow-overflow writes a brief of at most this many pages: a longer one is a
#: mistake, and would take minutes to set
MAX_OVERFLOW_PAGES = 10


@dataclass(frozen=True)
class Fitted:
    document: model.Document
    theme: Theme
    sizes: Sizes
    used: float  # fraction of the page's text area the brief takes
    fits: bool


@dataclass(frozen=True)
class Measure:
    total: float
    per_block: tuple[float, ...]  # height each block takes, spacing included


def measure(doc: model.Document, theme: Theme, sizes: Sizes) -> Measure:
    from briefgen.flow import flowables

    width = theme.frame[0]
    per_block = [0.0] * len(doc.blocks)
    total = 0.0
    previous_after = 0.0
    items = flowables(doc, theme, sizes)
    for i, (index, flowable) in enumerate(items):
        _, height = flowable.wrap(width, 1e6)
        # Between two blocks the larger of the two spaces counts, not their sum:
        # word processors do this, and reportlab's frame is told to do the same.
        gap = max(flowable.getSpaceBefore(), previous_after) if i else 0.0
        previous_after = flowable.getSpaceAfter()
        per_block[index] += gap + height
        total += gap + height
    return Measure(total, tuple(per_block))


def fit(
    doc: model.Document, theme: Theme, *, origin: str = "", allow_overflow: bool = False
) -> Fitted:
    """Choose sizes so the document fits one page; FitError if even the floor is too big."""
    if not doc.blocks:
        raise BriefgenError("the template produced an empty brief", file=origin or None)
    height = theme.frame[1]
    room = height * (1 - theme.safety)
    options = candidates(theme)
    # Binary search over the candidates (largest first) for the first that fits.
    measured: dict[int, tuple[Sizes, Measure]] = {}

    def at(index: int) -> tuple[Sizes, Measure]:
        if index not in measured:
            sizes = scaled(theme, options[index])
            measured[index] = (sizes, measure(doc, theme, sizes))
        return measured[index]

    # Binary search over the candidates (largest first) for the first that fits.
    lo, hi = 0, len(options) - 1
    best: tuple[Sizes, Measure] | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if at(mid)[1].total <= room:
            best, hi = at(mid), mid - 1
        else:
            lo = mid + 1
    if best is not None:
        return Fitted(doc, theme, best[0], best[1].total / height, True)
    sizes, m = at(len(options) - 1)
    if allow_overflow and m.total <= height * MAX_OVERFLOW_PAGES:
        return Fitted(doc, theme, sizes, m.total / height, False)
    over = (m.total - room) / height * 100
    if allow_overflow:
        raise FitError(
            f"needs {m.total / height:.0%} of the page at {options[-1]:g} pt; even with "
            f"--allow-overflow a brief may take at most {MAX_OVERFLOW_PAGES} pages "
            f"(longest sections: {longest(doc, m, height)})",
            file=origin or None,
        )
    raise FitError(
        f"does not fit on one page even at {options[-1]:g} pt: it needs {m.total / height:.0%} "
        f"of the page, {over:.0f}% more than fits; "
        f"longest sections: {longest(doc, m, height)} "
        "(shorten them, or use --allow-overflow)",
        file=origin or None,
    )


def longest(doc: model.Document, m: Measure, height: float, count: int = 3) -> str:
    """The tallest sections (a level-2 heading and what follows it), in % of a page."""
    sections: list[tuple[str, float]] = []
    name = "Top"
    for block, used in zip(doc.blocks, m.per_block, strict=True):
        if isinstance(block, model.Heading) and block.level == 2:
            name = "".join(r.text for r in block.runs)
            sections.append((name, 0.0))
        elif not sections:
            sections.append((name, 0.0))
        sections[-1] = (sections[-1][0], sections[-1][1] + used)
    sections.sort(key=lambda s: -s[1])
    return ", ".join(f"{n} {h / height * 100:.0f}%" for n, h in sections[:count])


def overflow_warning(fitted: Fitted) -> str:
    over = (fitted.used - (1 - fitted.theme.safety)) * 100
    return (
        f"needs {fitted.used:.0%} of the page, {over:.0f}% more than fits on one "
        "(written anyway: --allow-overflow)"
    )
