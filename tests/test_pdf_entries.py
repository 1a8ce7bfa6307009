"""The structure tree's dictionaries are written byte for byte as reportlab writes them."""

from __future__ import annotations

from typing import Any

import pytest
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFArrayCompact,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObjectReference,
    PDFString,
)

from briefgen.writers.pdf.objects import Entries


@pytest.fixture
def document() -> PDFDocument:
    doc = PDFDocument(invariant=1)
    for n in range(30):
        doc.Reference(PDFDictionary({"N": n}), f"Obj{n}")
    return doc


def ref(n: int) -> PDFObjectReference:
    return PDFObjectReference(f"Obj{n}")


CASES: dict[str, dict[str, Any]] = {
    "an element": {
        "Type": PDFName("StructElem"),
        "S": PDFName("H1"),
        "P": ref(3),
        "Pg": ref(4),
        "K": PDFArray([0, 1, ref(5)]),
    },
    "more than six entries, and twelve": {f"K{k}": k for k in range(14)},
    "arrays of ten, eleven and twenty-five": {
        "A": PDFArray(list(range(10))),
        "B": PDFArray([ref(n) for n in range(11)]),
        "C": PDFArray([PDFName(f"N{n}") for n in range(25)]),
        "D": PDFArray([]),
    },
    "names that need escaping": {"S": PDFName("Tab le#(1)"), "Odd key": PDFName("Ünï")},
    "what goes to reportlab": {
        "Alt": PDFString("Chart: exports (2025), \\ growth"),
        "ActualText": PDFString("भारत 日本"),
        "F": 1.25,
        "B": True,
        "Raw": "a\tb",
        "Wide": "é",
        "Nested": PDFDictionary({"Type": PDFName("MCR"), "MCID": 3, "Pg": ref(2)}),
        "Compact": PDFArrayCompact(list(range(15))),
        "Mixed": PDFArray([1, 2.5, PDFDictionary({"O": PDFName("Layout")}), PDFString("x")]),
    },
}


@pytest.mark.parametrize("entries", CASES.values(), ids=CASES.keys())
def test_an_entries_dictionary_writes_the_bytes_reportlab_writes(
    entries: dict[str, Any], document: PDFDocument
) -> None:
    assert Entries(entries).format(document) == PDFDictionary(entries).format(document)


def test_a_forced_multiline_dictionary_is_written_by_reportlab(document: PDFDocument) -> None:
    entries = Entries(CASES["more than six entries, and twelve"])
    entries.multiline = "forced"
    plain = PDFDictionary(CASES["more than six entries, and twelve"])
    plain.multiline = "forced"
    assert entries.format(document) == plain.format(document)
    assert entries.format(document).count(b"\n") > 12  # one entry a line


def test_reportlab_settings_and_marks_the_rules_here_do_not_cover_give_its_bytes(
    document: PDFDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import OrderedDict

    from reportlab import rl_config

    ordered = OrderedDict([("Type", PDFName("StructElem")), ("S", PDFName("P")), ("K", 1)])
    assert Entries(ordered).format(document) == PDFDictionary(ordered).format(document)

    forced = PDFArray(list(range(12)))
    forced.multiline = "forced"  # one item a line
    entries = {"K": forced, "P": ref(1)}
    assert Entries(entries).format(document) == PDFDictionary(entries).format(document)

    indirect = PDFArray([1, 2])
    indirect.__RefOnly__ = 1  # written as a reference to an object of its own
    entries = {"K": indirect}
    assert Entries(entries).format(document) == PDFDictionary(entries).format(document)

    commented = PDFObjectReference("Obj3")
    commented.__Comment__ = "parent"
    entries = {"P": commented, "K": PDFArray([ref(4)])}
    monkeypatch.setattr(rl_config, "invariant", 0)
    monkeypatch.setattr(rl_config, "pdfComments", 1)
    assert b"% parent" in PDFDictionary(entries).format(document)
    assert Entries(entries).format(document) == PDFDictionary(entries).format(document)
    monkeypatch.setattr(rl_config, "pdfComments", 0)

    monkeypatch.setattr(rl_config, "pdfMultiLine", 1)  # every dictionary and array, one a line
    for case in CASES.values():
        assert Entries(case).format(document) == PDFDictionary(case).format(document)
