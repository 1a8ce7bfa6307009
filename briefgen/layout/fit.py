"""One page (or two): choose the largest text size at which the whole brief fits.

The brief is laid out at body sizes from the theme's base size down to its
floor in Word's half-point steps, and each laid-out page measured with reportlab
exactly as the PDF writer will draw it (same flowables, no frame padding;
between blocks the larger space counts). Every writer then renders the chosen
page, so the DOCX fits too; a small safety margin absorbs the differences in
how Word and LibreOffice place borders.

A brief allowed two pages (``pages = 2``) fits at the largest size at which it
fits on one page or, broken where :mod:`briefgen.layout.paginate` breaks it, on
two, each page's content in the same room.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import NoReturn

from briefgen.errors import BriefgenError, FitError
from briefgen.layout import estimate, fonts, furniture, lay_out, paginate
from briefgen.layout.measure import Measure, measure
from briefgen.layout.page import Fonts, Page
from briefgen.layout.sizes import candidates, scaled
from briefgen.layout.theme import Theme
from briefgen.render import model

#: --allow-overflow writes a brief of at most this many pages: a longer one is a
#: mistake, and would take minutes to set
MAX_OVERFLOW_PAGES = 10

__all__ = ["Measure", "fit"]


def fit(
    doc: model.Document,
    theme: Theme,
    *,
    origin: str = "",
    allow_overflow: bool = False,
    pages: int = 1,
) -> Page:
    """The document laid out at the largest scale at which it fits one page (or pages).

    FitError if even the floor is too big, unless allow_overflow (then the page at
    the floor, marked as not fitting).
    """
    if not doc.blocks:
        raise BriefgenError("the template produced an empty brief", file=origin or None)
    height = theme.frame[1]
    room = height * (1 - theme.safety)
    options = candidates(theme)
    face = Fonts(theme.font_docx, fonts.register(theme))
    logo = furniture.logo(theme)
    measured: dict[int, tuple[Page, Measure]] = {}

    def at(index: int) -> tuple[Page, Measure]:
        if index not in measured:
            page = lay_out(doc, theme, scaled(theme, options[index]), face, logo)
            measured[index] = (page, measure(page, len(doc.blocks)))
        return measured[index]

    if estimate.long(doc):
        floor = lay_out(doc, theme, scaled(theme, options[-1]), face, logo)
        bound = estimate.least(floor, len(doc.blocks))
        if bound.total > height * MAX_OVERFLOW_PAGES:
            # Far too long to set at any size: refused before reportlab breaks its lines,
            # which takes time that grows with the square of a paragraph's length.
            refuse(
                doc,
                bound,
                height,
                room,
                options[-1],
                allow_overflow,
                origin,
                exact=False,
                pages=pages,
            )

    if pages == 2:
        return two(doc, theme, options, at, allow_overflow=allow_overflow, origin=origin)
    found = search(options, lambda i: at(i)[1].total, room)
    best = None if found is None else at(found)
    if best is not None:
        return replace(
            best[0], fill=best[1].total / height, room=1 - theme.safety, overflow=allow_overflow
        )
    page, m = at(len(options) - 1)
    if allow_overflow and m.total <= height * MAX_OVERFLOW_PAGES:
        return replace(
            page, fill=m.total / height, fits=False, room=1 - theme.safety, overflow=True
        )
    refuse(doc, m, height, room, options[-1], allow_overflow, origin)


def need(m: Measure, room: float) -> tuple[float, paginate.Split | None]:
    """What decides whether a page fits two pages: its height if that fits one, else the
    second page's content at the latest break (inf where there is no break)."""
    if m.total <= room:
        return m.total, None
    at = paginate.split(m.pieces, room)
    return (math.inf if at is None else at.second), at


def two(
    doc: model.Document,
    theme: Theme,
    options: list[float],
    at: Callable[[int], tuple[Page, Measure]],
    *,
    allow_overflow: bool,
    origin: str,
) -> Page:
    """The page of a brief allowed two pages: one page where it fits one, else broken."""
    height = theme.frame[1]
    room = height * (1 - theme.safety)

    def done(page: Page, fill: float, fits: bool = True) -> Page:
        return replace(
            page, fill=fill, fits=fits, room=1 - theme.safety, pages=2, overflow=allow_overflow
        )

    found = search(options, lambda i: need(at(i)[1], room)[0], room, guess=False)
    page, m = at(len(options) - 1 if found is None else found)
    _, split = need(m, room)
    if found is not None and split is None:
        return done(page, m.total / height)
    # on two pages, fill is the second page's: the first is as full as the break allows
    second = (m.total if split is None else split.second) / height
    broken = page if split is None else paginate.paged(page, split)
    if broken.breaks and not theme.reference_docx:  # a letterhead's footer is its own
        broken = replace(broken, folio=furniture.folio(theme, 2, broken.banner is not None))
    if found is not None:
        return done(broken, second)
    if allow_overflow and m.total <= height * MAX_OVERFLOW_PAGES:
        return done(broken, second, fits=False)
    if allow_overflow:
        refuse(doc, m, height, room, options[-1], allow_overflow, origin)
    raise FitError(
        f"does not fit on two pages even at {options[-1]:g} pt: its second page needs "
        f"{second:.0%} of the page, where only {room / height:.0%} fits; "
        f"longest sections: {longest(doc, m, height)} (shorten them, or use --allow-overflow)",
        file=origin or None,
    )


def search(
    options: list[float], total: Callable[[int], float], room: float, *, guess: bool = True
) -> int | None:
    """The index of the largest of the sizes (largest first) at which total fits in room.

    The largest is tried first (most briefs fit at it); the next try is guessed from
    how much too tall that was, the height growing about as the square of the size;
    then one size at a time to the edge. Two or three measurements for most briefs,
    where a binary search over six sizes needs three.
    """
    first = total(0)
    if first <= room:
        return 0
    if guess:
        near = options[0] * math.sqrt(room / first)
        i = next((k for k, size in enumerate(options) if size <= near + 1e-9), len(options) - 1)
        i = max(i, 1)
    else:  # no height to guess from (a second page's): one size at a time
        i = 1
    if i >= len(options):
        return None
    if total(i) <= room:
        while i > 1 and total(i - 1) <= room:
            i -= 1
        return i
    for k in range(i + 1, len(options)):
        if total(k) <= room:
            return k
    return None


def refuse(
    doc: model.Document,
    m: Measure,
    height: float,
    room: float,
    size: float,
    allow_overflow: bool,
    origin: str,
    *,
    exact: bool = True,
    pages: int = 1,
) -> NoReturn:
    """FitError for a brief that needs m at the floor size (exact, or at least m), on
    the one page or two pages it is allowed."""
    needs = f"{'' if exact else 'at least '}{m.total / height:.0%}"
    holds = f"{room * pages / height:.0%}"
    if allow_overflow:
        raise FitError(
            f"needs {needs} of the page at {size:g} pt; even with "
            f"--allow-overflow a brief may take at most {MAX_OVERFLOW_PAGES} pages "
            f"(longest sections: {longest(doc, m, height)})",
            file=origin or None,
        )
    # "fits" is the page less the safety margin kept for word processors, so that the
    # two figures compare directly (126% needed where 97% fits)
    where, of, room_is, how = (
        ("two pages", "a", f"two pages hold {holds}", "shorten them, or use --allow-overflow")
        if pages == 2
        else (
            "one page",
            "the",
            f"only {holds} fits",
            "shorten them, allow a second page with 'pages: 2' in the content file, "
            "or use --allow-overflow",
        )
    )
    raise FitError(
        f"does not fit on {where} even at {size:g} pt: it needs {needs} of {of} page, "
        f"where {room_is}; longest sections: {longest(doc, m, height)} ({how})",
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
