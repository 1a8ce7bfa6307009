"""Choosing a paragraph's lines is linear in its length: each line looks at the break
opportunities on it, not at every one before it (a 1.9 MB paragraph took minutes)."""

from __future__ import annotations

from typing import Any, SupportsIndex

import pytest

from briefgen.layout import lines


class Counted(list[int]):
    """Break opportunities that count how often they are looked at."""

    looked = 0

    def __iter__(self) -> Any:
        for item in super().__iter__():
            Counted.looked += 1
            yield item

    def __getitem__(self, index: Any) -> Any:
        Counted.looked += 1
        return super().__getitem__(index)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> None:
    found = lines.stops_in
    Counted.looked = 0
    monkeypatch.setattr(lines, "stops_in", lambda text: Counted(found(text)))


def width(a: SupportsIndex, b: SupportsIndex) -> float:
    return (int(b) - int(a)) * 5.0  # 5 pt a character: 60 to a 300 pt line


@pytest.mark.usefixtures("counted")
def test_a_long_paragraph_looks_at_each_break_a_few_times() -> None:
    words = 3000
    text = "lorem ipsum " * (words // 2)
    starts, _, splits = lines.wrap(text.strip(), width, 300.0)
    assert splits == 0
    assert len(starts) > 250  # about 300 lines
    assert Counted.looked < 10 * words  # each line looked at every earlier break: 40x this


def test_the_lines_are_the_greedy_ones() -> None:
    text = "aaaa bbbb cccc dddd eeee"  # 5 pt a character, 50 pt lines: two words a line
    starts, _, _ = lines.wrap(text, width, 50.0)
    assert [text[i : i + 4] for i in starts] == ["cccc", "eeee"]
