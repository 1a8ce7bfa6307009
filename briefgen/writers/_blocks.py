"""What the text formats (HTML, Markdown) read from a laid-out page alike.

The page stores a list as one paragraph per item, each with its marker; formats
that have lists of their own take consecutive items as one list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from briefgen.layout import page as p


@dataclass(frozen=True)
class Items:
    """Consecutive list items of the page, as one list."""

    paras: tuple[p.Para, ...]

    @property
    def ordered(self) -> bool:
        return self.paras[0].number is not None

    @property
    def start(self) -> int:
        """An ordered list's first number (1 for a bulleted list)."""
        return self.paras[0].number or 1


def grouped(page: p.Page) -> Iterator[p.Block | Items]:
    """The page's blocks in order; the items of one list (one document block) as one Items."""
    run: list[p.Para] = []
    source = -1
    for block, index in zip(page.blocks, page.sources, strict=True):
        if run and index != source:
            yield Items(tuple(run))
            run = []
        if isinstance(block, p.Para) and block.bullet:
            run.append(block)
            source = index
        else:
            yield block
    if run:
        yield Items(tuple(run))


def merged(spans: tuple[p.Span, ...], *, faces: bool = False) -> tuple[p.Span, ...]:
    """Neighbouring spans of one style as one (a format's markup then opens and closes once);
    faces: spans in another script (their language and direction) kept apart too."""
    out: list[p.Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and _style(last, faces) == _style(span, faces):
            out[-1] = replace(last, text=last.text + span.text)
        elif span.text:
            out.append(span)
    return tuple(out)


def _style(span: p.Span, faces: bool = False) -> tuple[object, ...]:
    face = (span.face.lang, span.face.rtl) if faces and span.face else None
    return (span.size, span.color, span.bold, span.italic, span.href, face)
