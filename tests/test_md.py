"""The Markdown writer: read back with markdown-it (CommonMark with GitHub's tables),
its structure is the page's and no content becomes markup."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import html
from markdown_it import MarkdownIt

from briefgen import writers
from briefgen.layout import page as p
from conftest import normalize
from pages import para, sample

HOSTILE = [
    "a | b",
    "*not bold* and _not italic_ and **nor this**",
    "`code` and ``more``",
    "[a link](https://example.com) and ![a picture](x.png)",
    "<script>alert(1)</script> <b>bold</b> <!-- comment -->",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "+ nor this",
    "> not a quote",
    "---",
    "&amp; &#60; &copy;",
    "~~not struck~~",
    "back\\slash\\",
    "<https://example.com> www.example.com",
    "trailing #",
]


def read(data: bytes) -> html.HtmlElement:
    """The Markdown rendered as GitHub would (CommonMark, tables, strikethrough), as a tree."""
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return html.fragment_fromstring(parser.render(data.decode("utf-8")), create_parent="div")


def md(page: p.Page) -> bytes:
    return writers.get("md").render(page)


def with_text(texts: list[str]) -> p.Page:
    """The sample page with texts as a paragraph (lines) and as the cells of a table's row."""
    page = sample()
    lines = para("\n".join(texts))
    cells = tuple(p.Cell((para(t),)) for t in texts)
    grid = p.Grid(
        (p.Row(tuple(p.Cell((para(f"H{i}", bold=True),)) for i in range(len(texts))), header=True),
         p.Row(cells)),
        tuple(10.0 for _ in texts), 70, 30, p.Line("#000000", 0.5), 0,
    )  # fmt: skip
    return replace(page, blocks=(lines, grid), sources=(0, 1))


def test_the_markdown_has_the_pages_headings_list_quote_table_and_rule() -> None:
    tree = read(md(sample()))
    assert [e.tag for e in tree] == ["p", "h1", "h2", "ul", "blockquote", "table", "hr", "p"]
    assert tree.findtext("h1") == "Sample brief" and tree.findtext("h2") == "Bottom line"
    assert [li.text_content() for li in tree.iter("li")] == ["First point"]
    assert [th.text_content() for th in tree.iter("th")] == ["Action", "Owner"]
    assert [td.text_content() for td in tree.iter("td")] == ["Sign the arrangement", "MOD"]


def test_the_banner_is_the_first_and_the_last_line() -> None:
    lines = md(sample()).decode().splitlines()
    assert lines[0] == lines[-1] == "**SECRET**"


def test_markdown_in_content_stays_text_in_paragraphs_and_table_cells() -> None:
    tree = read(md(with_text(HOSTILE)))
    paragraph = tree[1]
    assert paragraph.tag == "p"
    # every line of the content is a line of the same paragraph, as it was written
    lines = [paragraph.text or "", *[br.tail or "" for br in paragraph.iter("br")]]
    assert [line.strip("\n") for line in lines] == HOSTILE
    assert {e.tag for e in paragraph} == {"br"}
    cells = [td.text_content() for td in tree.iter("td")]
    assert cells == HOSTILE
    for tag in ("a", "img", "em", "strong", "code", "script", "b", "del", "s", "h1", "ol", "hr"):
        assert not [e for block in tree[1:-1] for e in block.iter(tag)], tag  # not the banner


def test_a_link_stays_a_link_with_its_address_encoded() -> None:
    page = sample()
    link = p.Para((p.Span("see ", 20, "#000000"),
                   p.Span("the [read-out]", 20, "#1f4e99", href="https://e.org/a b(c)")),
                  20, 240, "#000000")  # fmt: skip
    tree = read(md(replace(page, blocks=(link,), sources=(0,))))
    (anchor,) = tree.iter("a")
    assert anchor.text_content() == "the [read-out]"
    assert anchor.get("href") == "https://e.org/a%20b%28c%29"


MARKUP_CHARACTERS = "ab 1.#*_`[]()<>|!&;~\\-+=:"


@settings(max_examples=100, deadline=None)
@example(["1", " "])  # a line break closing the paragraph once printed as "\\"
@example(["|", ":-"])  # a pipe over ":-" once read as a one-column table
@given(st.lists(st.text(st.sampled_from(MARKUP_CHARACTERS), min_size=1), min_size=1, max_size=3))
def test_any_text_reads_back_as_itself(texts: list[str]) -> None:
    tree = read(md(with_text(texts)))
    paragraph = tree[1] if len(tree) > 1 and tree[1].tag == "p" else None
    text = normalize(paragraph.text_content()) if paragraph is not None else ""
    assert text == normalize(" ".join(texts))
    assert [normalize(td.text_content()) for td in tree.iter("td")] == [normalize(t) for t in texts]
