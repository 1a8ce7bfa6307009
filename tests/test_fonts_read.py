"""A brief reads only the fonts it is drawn in: the theme's fallback fonts are read
(registered, parsed) only when a text has a character the page's own font lacks or
that belongs to another script."""

from __future__ import annotations

from typing import Any

import pytest

from briefgen.layout import fonts, scripts
from briefgen.layout.theme import FALLBACK_FONTS


@pytest.fixture
def chained(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    calls: list[tuple[str, ...]] = []
    original = scripts.chain

    def counted(names: tuple[str, ...]) -> Any:
        calls.append(names)
        return original(names)

    monkeypatch.setattr(scripts, "chain", counted)
    return calls


def test_curly_quotes_and_dashes_read_no_fallback_font(chained: list[tuple[str, ...]]) -> None:
    family = fonts.register()
    text = "“The partnership is strong” — 2025–26, at €4 million…"
    assert scripts.OTHER.search(text)  # past the quick test for Latin text
    assert scripts.missing(text, family, FALLBACK_FONTS) == []
    assert chained == []


def test_another_script_reads_the_fallback_fonts(chained: list[tuple[str, ...]]) -> None:
    family = fonts.register()
    scripts.missing("“राजनाथ सिंह”", family, FALLBACK_FONTS)
    assert chained == [FALLBACK_FONTS]


def test_a_character_no_font_draws_is_still_found(chained: list[tuple[str, ...]]) -> None:
    family = fonts.register()
    assert scripts.missing("“a” \U0001f600 b \U0001f600", family, FALLBACK_FONTS) == ["\U0001f600"]


def test_the_quick_test_leaves_out_exactly_the_characters_of_another_script() -> None:
    from briefgen.layout.scriptdata import SCRIPTS, script_of

    edges = {c + d for s in SCRIPTS for r in s.ranges for c in r for d in (-1, 0, 1)}
    own = frozenset(range(0x20, 0x20000, 5)) | edges
    quick = scripts.plain(own)
    for code in sorted(own):
        assert bool(quick.fullmatch(chr(code))) == (script_of(chr(code)) is None), hex(code)
