"""The scripts briefgen knows beyond Latin, Greek and Cyrillic: their code points,
language, direction and Word's font slot; briefgen[scripts] brings a font for each."""

from __future__ import annotations

from dataclasses import dataclass

EXTRA = "briefgen[scripts]"


@dataclass(frozen=True)
class Script:
    name: str
    lang: str  # BCP 47, what a run in this script is marked as
    ranges: tuple[tuple[int, int], ...]
    rtl: bool = False
    east_asian: bool = False  # Word's eastAsia slot rather than its complex-script one


SCRIPTS = (
    Script("Devanagari", "hi", ((0x0900, 0x097F), (0xA8E0, 0xA8FF))),
    Script(
        "Arabic",
        "ar",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
        rtl=True,
    ),
    Script("Hebrew", "he", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)), rtl=True),
    Script("Thai", "th", ((0x0E00, 0x0E7F),)),
    Script("Japanese kana", "ja", ((0x3040, 0x30FF), (0x31F0, 0x31FF)), east_asian=True),
    Script("Hangul", "ko", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)), east_asian=True),
    # the language of Chinese characters and CJK punctuation is their paragraph's: Japanese
    # beside kana, Korean beside hangul, else Chinese (layout.cjk.languages)
    Script(
        "Han (Chinese characters)",
        "",
        ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)),
        east_asian=True,
    ),
    Script(
        "CJK punctuation",
        "",
        ((0x3000, 0x303F), (0xFF01, 0xFF60)),
        east_asian=True,
    ),
)


def script_of(char: str) -> Script | None:
    code = ord(char)
    for script in SCRIPTS:
        if any(lo <= code <= hi for lo, hi in script.ranges):
            return script
    return None


def remedy(chars: list[str]) -> str:
    """What adds the characters' scripts, for an error message that ends "... replace or
    remove it"."""
    named = list(dict.fromkeys(s.name for c in chars if (s := script_of(c)) is not None))
    if not named:
        return "replace or remove "
    verb = "needs" if len(named) == 1 else "need"
    return f"{_listed(named)} {verb} `pip install {EXTRA}`; or replace or remove "


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
