"""Content text's Markdown follows CommonMark: the spec's own examples, within the subset.

The fixtures (tests/fixtures/commonmark/) are the spec's examples copied as they are
(and, for relative links, made absolute); the brief markup briefgen makes for each is
compared with the spec's HTML once both are written the same way (<b> is <strong>,
<i> is <em>, a loose list item's paragraphs are line breaks, titles are dropped).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.render.inline import blocks, inline

FIXTURES = Path(__file__).parent / "fixtures" / "commonmark"


def read_fixtures(path: Path) -> list[tuple[str, str, str]]:
    """(title, markdown, html) for each example of a fixture file."""
    lines = path.read_text("utf-8").split("\n")
    while lines and (lines[0].startswith("#") or not lines[0]):  # the heading comment
        lines.pop(0)
    text = "\n".join(lines)
    found = []
    for chunk in text.strip().split("\n.\n\n"):
        title, rest = chunk.strip().split("\n.\n", 1)
        markdown, html = rest.split("\n.\n", 1)
        found.append((title, markdown + "\n", html.removesuffix("\n.") + "\n"))
    return found


EXAMPLES = [
    pytest.param(md, html, id=title.split(" (")[0].replace(" ", "-"))
    for name in ("spec-subset.txt", "spec-links-absolute.txt")
    for title, md, html in read_fixtures(FIXTURES / name)
]
_BLOCK_TAG = r"</?(?:p|ul|ol|li)>"


def _same_form(html: str) -> str:
    html = html.replace("&#34;", "&quot;").replace("&#39;", "'")
    html = html.replace("<b>", "<strong>").replace("</b>", "</strong>")
    html = html.replace("<i>", "<em>").replace("</i>", "</em>")
    html = html.replace("<br>", "<br />").replace("<br />\n", "<br />")
    html = re.sub(r' title="[^"]*"', "", html)
    return re.sub(rf"\n*({_BLOCK_TAG})\n*", r"\1", html)


def _spec_form(html: str) -> str:
    html = _same_form(html)

    def item(match: re.Match[str]) -> str:
        body = match.group(1).replace("</p><p>", "<br />")
        return "<li>" + body.replace("<p>", "").replace("</p>", "") + "</li>"

    return re.sub(r"<li>(.*?)</li>", item, html, flags=re.S)


def test_the_fixtures_hold_the_examples_of_each_part_of_the_subset() -> None:
    assert len(EXAMPLES) > 120
    text = (FIXTURES / "spec-subset.txt").read_text("utf-8")
    for part in ("Backslash escapes", "Emphasis and strong emphasis", "List items", "Lists"):
        assert f"({part})" in text


@pytest.mark.parametrize(("markdown", "html"), EXAMPLES)
def test_commonmark_examples_within_the_subset_pass(markdown: str, html: str) -> None:
    assert _same_form(str(blocks(markdown))) == _spec_form(html)


def test_a_backslash_escapes_emphasis() -> None:
    assert str(inline(r"\*x\*")) == "*x*"


def test_a_link_keeps_the_parentheses_of_its_address() -> None:
    url = "https://en.wikipedia.org/wiki/Mercury_(planet)"
    assert str(inline(f"[Mercury]({url}).")) == f'<a href="{url}">Mercury</a>.'


def test_a_dash_list_then_a_numbered_list_are_two_lists() -> None:
    assert str(blocks("- a\n- b\n1. c\n2. d")) == (
        "<ul><li>a</li><li>b</li></ul><ol><li>c</li><li>d</li></ol>"
    )


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("_x_ and __y__", "_x_ and __y__"),
        ("`code`", "`code`"),
        ("# heading", "# heading"),
        ("> quote", "&gt; quote"),
        ("<b>raw</b>", "&lt;b&gt;raw&lt;/b&gt;"),
        ("&copy;", "&amp;copy;"),
        # an image is no image: its ! stays, and its link is a link (as before)
        ("![alt](https://x.org/a.png)", '!<a href="https://x.org/a.png">alt</a>'),
        ("<https://x.org>", "&lt;https://x.org&gt;"),
        ("[x](/relative)", "[x](/relative)"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("[x][ref]\n\n[ref]: https://x.org", "[x][ref]\n\n[ref]: https://x.org"),
    ],
)
def test_markdown_outside_the_subset_stays_literal(text: str, markup: str) -> None:
    assert str(inline(text)) == markup


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("# heading", "<p># heading</p>"),
        ("> quote", "<p>&gt; quote</p>"),
        ("    indented", "<p>indented</p>"),
        ("---", "<p>---</p>"),
        ("```\ncode\n```", "<p>```\ncode\n```</p>"),
        ("<div>x</div>", "<p>&lt;div&gt;x&lt;/div&gt;</p>"),
        ("[ref]: https://x.org\n\n[ref]", "<p>[ref]: https://x.org</p><p>[ref]</p>"),
    ],
)
def test_blocks_outside_the_subset_stay_literal(text: str, markup: str) -> None:
    assert str(blocks(text)) == markup


def test_a_nested_list_is_flattened_into_its_list() -> None:
    assert str(blocks("- a\n  - b\n- c")) == "<ul><li>a</li><li>b</li><li>c</li></ul>"
