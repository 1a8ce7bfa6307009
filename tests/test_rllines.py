"""reportlab's lines for paragraphs whose lines the layout chose are built without a
second search for breaks (layout.rllines), and are exactly the lines reportlab's own
breakLines makes: words, widths, frags and every field it draws or splits by."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.abag import ABag
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from briefgen import pipeline, project, writers
from briefgen.layout import kept, rllines
from briefgen.layout import rlflowables as rf
from briefgen.render.templating import Templates
from conftest import EXAMPLE, FIXTURES, ROOT


def shape(x: Any) -> Any:
    """Everything about a line structure or frag that can differ, floats to the bit."""
    if isinstance(x, Color):
        return ("Color", repr(x))
    if isinstance(x, ABag):
        return (type(x).__name__, tuple(sorted((k, shape(v)) for k, v in vars(x).items())))
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, tuple(shape(v) for v in x))
    if isinstance(x, float):
        return ("float", x.hex())
    return x


def fresh(para: Paragraph) -> Paragraph:
    """A copy to break: breaking sets attributes of the paragraph and of its frags."""
    made = copy.copy(para)
    made.frags = copy.deepcopy(para.frags)
    return made


def both(para: Paragraph, widths: list[float]) -> tuple[Any, Any]:
    """(ours, reportlab's): the lines, the paragraph's frags after, the widths after
    (a bullet narrows the first) and the widest line; ours is None if it declined."""
    a, b = fresh(para), fresh(para)
    wa, wb = list(widths), list(widths)
    ours = rllines.break_lines(a, wa)
    theirs = Paragraph.breakLines(b, wb)
    if ours is None:
        return None, None
    return (
        (shape(ours), shape(a.frags), wa, shape(a._width_max)),
        (shape(theirs), shape(b.frags), wb, shape(b._width_max)),
    )


class Compared:
    """Every paragraph a brief's fit and PDF break, compared as they are broken."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.same = 0
        self.declined = 0
        self.differ: list[str] = []
        original = rf.StableParagraph.breakLines

        def compared(para: rf.StableParagraph, widths: Any) -> Any:
            ours, theirs = both(para, widths)
            if ours is None:
                self.declined += 1
            elif ours == theirs:
                self.same += 1
            else:
                self.differ.append(repr([getattr(f, "text", "") for f in para.frags]))
            return original(para, widths)

        monkeypatch.setattr(rf.StableParagraph, "breakLines", compared)


def build(source: Path, template: str | None, tmp_path: Path) -> None:
    if template is not None:
        text = source.read_text(encoding="utf-8")
        changed = text.replace("classification:", f"template: {template}\nclassification:", 1)
        source = tmp_path / source.name
        source.write_text(changed, encoding="utf-8")
    kept.clear()
    page = pipeline.prepare(source, Templates(project.find(ROOT))).page
    writers.get("pdf").render(page)


@pytest.mark.parametrize(
    ("source", "template"),
    [
        (EXAMPLE, None),
        (EXAMPLE, "pipeline"),
        (EXAMPLE, "talking-points"),
        (FIXTURES / "dense.yaml", None),
        (FIXTURES / "japan-philippines.yaml", None),
        (FIXTURES / "japan-philippines-card.yaml", None),
    ],
    ids=["example", "pipeline", "talking-points", "dense", "fixture", "card"],
)
def test_every_paragraph_of_a_brief_gets_reportlabs_own_lines(
    source: Path, template: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared = Compared(monkeypatch)
    build(source, template, tmp_path)
    assert compared.differ == []
    assert compared.same >= 10  # the paragraphs were built here, not handed to reportlab
    assert compared.declined < compared.same / 4, (compared.declined, compared.same)


def style(**settings: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": "Helvetica",
        "fontSize": 9,
        "leading": 11,
        "embeddedHyphenation": 1,
        "hyphenationMinWordLength": 1,
    }
    return ParagraphStyle("t", **{**base, **settings})


#: markup whose frags meet every rule the lines are built by
CASES = {
    "one run": "India and the United States agreed",
    "runs": "Agreed to <b>extend</b> the framework <i>for ten</i> years",
    "space ends a run": "Agreed to <b>extend </b>the framework",
    "space starts a run": "Agreed to<b> extend</b> the framework",
    "runs touch": "<b>US</b>-India <i>co</i><b>operation</b>, signed",
    "same look twice": "<font color='#336699'>one</font><font color='#336699'> two</font> three",
    "breaks": "First line<br/>second <b>line</b><br/>third",
    "empty line": "First<br/><br/>third",
    "space after a break": "First line<br/> second line<br/><b> third</b> line",
    "break ends it": "Only line<br/>",
    "spaces": "  many   spaces\u00a0and\u202fno-break  ",
    "sizes": "Small <font size='6'>tiny</font> and <font size='14'>large</font> text",
    "colours": "<font color='red'>red</font> <font color='#00aa00'>green</font> plain",
}


@pytest.mark.parametrize("markup", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"alignment": TA_CENTER},
        {"alignment": TA_RIGHT, "rightIndent": 7},
        {"leftIndent": 12, "bulletIndent": 2},
        {"leftIndent": 2, "firstLineIndent": 5},
        {"justifyBreaks": 1},
    ],
    ids=["left", "center", "right", "indent", "first-line", "justified-breaks"],
)
def test_lines_match_reportlabs_for_every_kind_of_run(
    markup: str, settings: dict[str, Any]
) -> None:
    bullet = "\u2022" if "bulletIndent" in settings else None
    para = rf.StableParagraph(markup, style(**settings), bulletText=bullet)
    ours, theirs = both(para, [400.0, 400.0])
    assert ours is not None, "declined a paragraph it can build"
    assert ours == theirs


@pytest.mark.parametrize(
    "markup",
    [
        "a line far too long for a room this narrow, so reportlab must break it itself",
        "many <b>runs</b> and far too long a line for a room this narrow to hold",
        "soft\xadhyphen",
    ],
    ids=["one run", "runs", "soft hyphen"],
)
def test_what_reportlab_must_break_is_left_to_it(markup: str) -> None:
    para = rf.StableParagraph(markup, style(), bulletText=None)
    widths = [60.0, 60.0]
    assert rllines.break_lines(fresh(para), list(widths)) is None
    _, height = para.wrap(60.0, 1e6)
    theirs = fresh(para)
    del theirs.blPara
    assert height == Paragraph.wrap(theirs, 60.0, 1e6)[1]  # reportlab broke it as always


def test_a_declined_paragraph_keeps_its_bullet_width_once() -> None:
    """A bullet narrows the first line in place: a paragraph handed on to reportlab
    must be narrowed by reportlab alone, not twice."""
    para = rf.StableParagraph("far too long a line to fit here", style(leftIndent=0), "\u2022")
    widths = [50.0, 50.0]
    assert rllines.break_lines(para, widths) is None
    assert widths == [50.0, 50.0]


@pytest.mark.parametrize(
    "markup",
    [
        "one run of text, long enough for five lines or more",
        "two <b>runs</b> of text, enough for five lines",
    ],
)
def test_the_halves_of_a_split_paragraph_are_broken_as_reportlab_breaks_them(markup: str) -> None:
    """reportlab's halves of a split paragraph carry its words, not its text."""
    para = rf.StableParagraph(markup, style(), bulletText=None)
    para.wrap(60.0, 1e6)
    halves = para.split(60.0, 23.0)
    assert len(halves) == 2
    for half in halves:
        theirs = fresh(half)
        assert half.wrap(60.0, 1e6) == Paragraph.wrap(theirs, 60.0, 1e6)
        assert shape(half.blPara) == shape(theirs.blPara)
