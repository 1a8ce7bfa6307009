"""The fallback fonts a DOCX uses, embedded (subset), as Word's "Embed fonts" does.

A machine without Noto Sans Devanagari would draw the brief's Hindi in another
font, or in boxes; the DOCX carries each fallback font its runs name, cut to the
characters they use, in Word's obfuscated form (ECMA-376 Part 1, 17.8.1: the first
32 bytes XORed with the font key). The font key and the subset depend only on the
font and the text, so the same brief gives the same bytes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from briefgen.layout import page as p
from briefgen.writers._subset import subset, used

FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
NAMESPACE = uuid.UUID("6f1d1b4e-8f5c-4c1e-9d7a-3b1f0e2a9c41")  # briefgen's font keys


@dataclass(frozen=True)
class Embedded:
    family: str  # the name runs give it (w:rFonts)
    key: str  # "{GUID}", w:fontKey
    part: str  # word/fonts/fontN.odttf
    data: bytes  # obfuscated


def fonts(page: p.Page) -> list[Embedded]:
    """The fonts to embed, or none where fontTools (briefgen[scripts]) is missing."""
    try:
        import fontTools  # noqa: F401
    except ImportError:
        return []
    out = []
    for n, ((family, file), text) in enumerate(used(page).items(), start=1):
        data = subset(file, text)
        key = uuid.uuid5(NAMESPACE, family + text)
        out.append(
            Embedded(
                family, "{" + str(key).upper() + "}", f"fonts/font{n}.odttf", obfuscate(data, key)
            )
        )
    return out


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """Word's obfuscated font: the first 32 bytes XORed with the key's bytes, reversed."""
    mask = bytes.fromhex(key.hex)[::-1]
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def font_table(embedded: list[Embedded]) -> tuple[str, str]:
    """word/fontTable.xml and its relationships."""
    from briefgen.writers.docx.parts import PKG_RELS, XML_HEAD, R, W

    entries = "".join(
        f'<w:font w:name="{e.family}"><w:embedRegular r:id="rIdF{n}" w:fontKey="{e.key}"/></w:font>'
        for n, e in enumerate(embedded, start=1)
    )
    table = XML_HEAD + (
        f'<w:fonts xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"{entries}</w:fonts>"
    )
    rels = "".join(
        f'<Relationship Id="rIdF{n}" Type="{R}/font" Target="{e.part}"/>'
        for n, e in enumerate(embedded, start=1)
    )
    return table, XML_HEAD + f'<Relationships xmlns="{PKG_RELS}">{rels}</Relationships>'
