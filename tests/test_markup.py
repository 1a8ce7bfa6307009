"""Brief markup -> document model, and content's inline Markdown -> markup."""

from __future__ import annotations

import pytest

from briefgen.errors import BriefgenError
from briefgen.render import model
from briefgen.render.inline import blocks, inline
from briefgen.render.markup import parse


def test_it_parses_every_block_kind() -> None:
    doc = parse(
        '<meta name="title" content="T"><banner>SECRET</banner><h1>T</h1><p class="lead">x</p>'
        '<ul><li>a</li><li>b</li></ul><table widths="3,1"><tr><th>A</th><th>B</th></tr>'
        '<tr><td class="stage-now" align="center">1</td><td>2</td></tr></table>'
        "<blockquote>q<cite>who</cite></blockquote><hr>"
    )
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Heading", "Paragraph", "ListBlock", "Table", "Quote", "Rule"]
    table = doc.blocks[3]
    assert isinstance(table, model.Table)
    assert table.widths == (0.75, 0.25) and table.header_rows == 1
    assert table.rows[1][0].fill == "stage-now" and table.rows[1][0].align == "center"
    assert doc.banner == model.Banner("SECRET")
    assert doc.meta.title == "T"


def test_entities_become_text_and_whitespace_collapses() -> None:
    doc = parse("<p>  AT&amp;T &lt;b&gt;\n   ok  </p>")
    assert doc.blocks == (model.Paragraph((model.Run("AT&T <b> ok"),)),)


def test_inline_styles_nest() -> None:
    (para,) = parse('<p>a <b>b <i>c</i></b> <a href="https://x.org">d</a><br>e</p>').blocks
    assert isinstance(para, model.Paragraph)
    assert para.runs == (
        model.Run("a "),
        model.Run("b ", bold=True),
        model.Run("c", bold=True, italic=True),
        model.Run(" "),
        model.Run("d", href="https://x.org"),
        model.Run("\ne"),
    )


def test_links_other_than_http_and_mailto_lose_their_address() -> None:
    (para,) = parse(
        '<p><a href="javascript:alert(1)">x</a><a href="file:///etc/passwd">y</a></p>'
    ).blocks
    assert isinstance(para, model.Paragraph)
    assert all(r.href is None for r in para.runs)


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<p>x<img src='/etc/passwd'></p>", "markup line 1: unknown element <img>"),
        ("<p><b>x</p>", "markup line 1: <b> is not closed before </p>"),
        ("<p>x", "markup line 1: <p> is never closed"),
        ("loose text", "markup line 1: text outside any block: 'loose text'"),
        (
            '<table widths="1"><tr><td>a</td><td>b</td></tr></table>',
            "markup line 1: widths='1': give 2 positive numbers, e.g. widths=\"3,1,1\"",
        ),
        (
            "<p class='huge'>x</p>",
            "markup line 1: <p class='huge'>: class must be one of body, lead, muted, small",
        ),
        ("<ul><p>x</p></ul>", "markup line 1: <p> cannot stand inside <ul>"),
    ],
)
def test_bad_markup_is_named(markup: str, message: str) -> None:
    with pytest.raises(BriefgenError) as caught:
        parse(markup, origin="t.html.j2")
    assert str(caught.value) == f"t.html.j2: {message}"


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("**b** and *i*", "<b>b</b> and <i>i</i>"),
        ("<font color='red'>", "&lt;font color=&#39;red&#39;&gt;"),
        ("5 * 3 * 2", "5 * 3 * 2"),
        ("**a *b** c*", "<i><i>a <i>b</i></i> c</i>"),  # CommonMark's reading
        ("[x](https://a.org/?q=1&r=2)", '<a href="https://a.org/?q=1&amp;r=2">x</a>'),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ],
)
def test_inline_markdown(text: str, markup: str) -> None:
    assert str(inline(text)) == markup


def test_markdown_blocks_give_paragraphs_and_lists() -> None:
    assert str(blocks("- one\n  more\n- two\n\npara\nline\n\n1. x\n2. y")) == (
        "<ul><li>one\nmore</li><li>two</li></ul><p>para\nline</p><ol><li>x</li><li>y</li></ol>"
    )


def test_an_ordered_list_keeps_its_first_number() -> None:
    assert str(blocks("3. x\n4. y")) == '<ol start="3"><li>x</li><li>y</li></ol>'
    assert str(blocks("1. x")) == "<ol><li>x</li></ol>"
    (listing,) = parse('<ol start="3"><li>x</li><li>y</li></ol>').blocks
    assert isinstance(listing, model.ListBlock) and listing.start == 3
    (plain,) = parse("<ol><li>x</li></ol>").blocks
    assert isinstance(plain, model.ListBlock) and plain.start == 1


@pytest.mark.parametrize("start", ["-1", "x", "1.5", "1234567890", "٣"])
def test_an_ordered_lists_start_must_be_a_whole_number(start: str) -> None:
    with pytest.raises(BriefgenError, match=r"markup line 1: <ol start=.*>: give a whole number"):
        parse(f'<ol start="{start}"><li>x</li></ol>')
