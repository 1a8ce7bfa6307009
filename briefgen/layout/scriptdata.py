"""The scripts briefgen knows beyond Latin, Greek and Cyrillic: their code points,
language, direction, Word's font slot, and whether briefgen[scripts] brings a font."""

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
    packaged: bool = True  # a font for it comes with briefgen[scripts]


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
    Script(
        "Japanese kana", "ja", ((0x3040, 0x30FF), (0x31F0, 0x31FF)), east_asian=True, packaged=False
    ),
    Script(
        "Hangul",
        "ko",
        ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)),
        east_asian=True,
        packaged=False,
    ),
    Script(
        "Han (Chinese characters)",
        "zh",
        ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)),
        east_asian=True,
        packaged=False,
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
    named = list(dict.fromkeys(s for c in chars if (s := script_of(c)) is not None))
    packaged = [s.name for s in named if s.packaged]
    other = [s.name for s in named if not s.packaged]
    parts = []
    if packaged:
        verb = "needs" if len(packaged) == 1 else "need"
        parts.append(f"{_listed(packaged)} {verb} `pip install {EXTRA}`")
    if other:
        parts.append(
            f"no font for {_listed(other)} comes with {EXTRA}: add a TrueType font "
            "that has it to the theme's fallback_fonts"
        )
    return "; ".join(parts) + ("; or " if parts else "") + "replace or remove "


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
