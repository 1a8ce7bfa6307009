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
    fields = ("frags", "_width_max", "height", "_hyphenations", "_splitLongWordCount")
    return (
        (shape(ours), wa, *(shape(getattr(a, f)) for f in fields)),
        (shape(theirs), wb, *(shape(getattr(b, f)) for f in fields)),
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
    "a run of spaces": "a <b> </b> c",
    "spaces both sides": "a <b> b</b> c",
    "runs touch": "<b>US</b>-India <i>co</i><b>operation</b>, signed",
    "a word in two sizes": "<font size='6'>co</font>op next word",
    "a word in two fonts": "<font name='Courier'>co</font>op next",
    "a word grows": "x co<font size='14'>op</font> next",
    "same look twice": "<font color='#336699'>one</font><font color='#336699'> two</font> three",
    "links": "<a href='https://a.example'>one</a> and <a href='https://a.example'>two</a>",
    "breaks": "First line<br/>second <b>line</b><br/>third",
    "empty line": "First<br/><br/>third",
    "space after a break": "First line<br/> second line<br/><b> third</b> line",
    "break ends it": "Only line<br/>",
    "spaces": "  many   spaces\u00a0and\u202fno-break  ",
    "sizes": "Small <font size='6'>tiny</font> and <font size='14'>large</font> text",
    "sizes on two lines": "Small <font size='14'>large</font><br/>small <font size='6'>tiny</font>",
    "colours": "<font color='red'>red</font> <font color='#00aa00'>green</font> plain",
}

#: the room each line has, and the style settings that change it or the lines' fields
ROOMS = {
    "even": ([400.0, 400.0], {}),
    "first line narrower": ([380.5, 400.0], {"firstLineIndent": 19.5}),
    "bullet past its indent": ([400.0, 400.0], {"leftIndent": 6, "bulletIndent": 2}),
    "justified breaks": ([400.0, 400.0], {"justifyBreaks": 1}),
}


@pytest.mark.parametrize("markup", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize(("widths", "settings"), ROOMS.values(), ids=ROOMS.keys())
def test_lines_match_reportlabs_for_every_kind_of_run(
    markup: str, widths: list[float], settings: dict[str, Any]
) -> None:
    bullet = "\u2022" if "bulletIndent" in settings else None
    para = rf.StableParagraph(markup, style(**settings), bulletText=bullet)
    ours, theirs = both(para, widths)
    assert ours is not None, "declined a paragraph it can build"
    assert ours == theirs


def test_a_bullet_wider_than_its_indent_narrows_the_first_line() -> None:
    para = rf.StableParagraph("Agreed", style(leftIndent=6, bulletIndent=2), bulletText="\u2022")
    widths = [400.0, 400.0]
    assert rllines.break_lines(fresh(para), widths) is not None
    assert widths[0] < 400.0 == widths[1]


def frags_of(*texts: str, **attrs: Any) -> rf.StableParagraph:
    """A paragraph of frags made directly, as the layout makes them (one per run)."""
    made = rf.StableParagraph("x", style())
    frags = [made.frags[0].clone(text=text, **attrs) for text in texts]
    return rf.StableParagraph("", style(), frags=frags)


@pytest.mark.parametrize(
    "texts",
    [
        ("a\t", "b"),
        ("a", "\tb"),
        ("a", " ", " ", "b"),
        ("a ", " b"),
        ("end", "\u00a0next"),
        ("a\n", "b"),
    ],
    ids=["tab ends", "tab starts", "only spaces", "spaces meet", "no-break space", "newline"],
)
def test_frags_made_directly_get_reportlabs_lines(texts: tuple[str, ...]) -> None:
    ours, theirs = both(frags_of(*texts), [400.0, 400.0])
    assert ours is not None
    assert ours == theirs


def test_a_frag_of_no_text_that_is_no_line_break_is_left_to_reportlab() -> None:
    assert rllines.break_lines(frags_of("a", ""), [400.0, 400.0]) is None


@pytest.mark.parametrize("texts", [(" ", " "), ("  ",)], ids=["runs", "one run"])
def test_spaces_alone_are_left_to_reportlab(texts: tuple[str, ...]) -> None:
    """reportlab makes an empty word of them, as it does of a paragraph of no text."""
    assert rllines.break_lines(frags_of(*texts), [400.0, 400.0]) is None


DECLINED = {
    "dots to the end": {"endDots": "."},
    "right to left": {"wordWrap": "RTL"},
    "hyphenated by language": {"hyphenationLang": "en_US"},
    "leading by the text": {"autoLeading": "max"},
    "shaped": {"shaping": 1},
    "spaces that grow": {"spaceShrinkage": -0.5},
    "no shrinkage given": {"spaceShrinkage": None},
}


@pytest.mark.parametrize("settings", DECLINED.values(), ids=DECLINED.keys())
@pytest.mark.parametrize("markup", ["India and the United States", "Agreed to <b>extend</b> it"])
def test_a_style_reportlab_breaks_by_other_rules_is_left_to_it(
    markup: str, settings: dict[str, Any]
) -> None:
    para = rf.StableParagraph(markup, style(), bulletText=None)
    para.style = style(**settings)  # set after parsing: the parser reads none of these
    assert rllines.break_lines(fresh(para), [400.0, 400.0]) is None


@pytest.mark.parametrize(
    "markup",
    ["<span backColor='yellow'>marked</span> text", "an anchor<a name='here'/> in text"],
    ids=["background", "anchor"],
)
def test_frags_reportlab_draws_by_other_rules_are_left_to_it(markup: str) -> None:
    para = rf.StableParagraph(markup, style(), bulletText=None)
    assert rllines.break_lines(fresh(para), [400.0, 400.0]) is None


@pytest.mark.parametrize("markup", ["India and the United States", "Agreed to <b>extend</b> it"])
def test_a_room_that_is_no_number_is_left_to_reportlab(markup: str) -> None:
    para = rf.StableParagraph(markup, style(), bulletText=None)
    nan = float("nan")
    assert rllines.break_lines(fresh(para), [nan, nan]) is None


def test_a_reportlab_release_not_compared_breaks_every_paragraph_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    para = rf.StableParagraph("Agreed to <b>extend</b> it", style(), bulletText=None)
    assert rllines.break_lines(fresh(para), [400.0, 400.0]) is not None
    monkeypatch.setattr(rllines, "Version", "5.9.0")
    assert rllines.break_lines(fresh(para), [400.0, 400.0]) is None


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
