"""Marking schemes as data: reading a marking, writing it as a portion and a banner, and the
banner a whole made of portions calls for, in each built-in scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import BriefgenError
from briefgen.markings import marking as m
from briefgen.markings import scheme as schemes

US = schemes.load("us")
UK = schemes.load("uk")
NATO = schemes.load("nato")


def banner_of(scheme: schemes.Scheme, *portions: str) -> str:
    return m.banner(scheme, m.combine(scheme, [m.read(p, scheme) for p in portions]))


def test_every_built_in_scheme_loads_and_none_marks_nothing() -> None:
    for name in schemes.NAMES:
        assert schemes.load(name).name == name
    assert not schemes.load("none").active
    assert US.active and UK.active and NATO.active


@pytest.mark.parametrize(
    ("written", "portion", "banner"),
    [
        ("U", "(U)", "UNCLASSIFIED"),
        ("unclassified", "(U)", "UNCLASSIFIED"),
        ("CUI", "(CUI)", "CUI"),
        ("s//nf", "(S//NF)", "SECRET//NOFORN"),
        ("SECRET//NOFORN", "(S//NF)", "SECRET//NOFORN"),
        ("TS//ORCON/NOFORN", "(TS//OC/NF)", "TOP SECRET//ORCON/NOFORN"),
        ("S//REL TO IND, USA", "(S//REL TO USA, IND)", "SECRET//REL TO USA, IND"),
        (
            "C//REL TO USA, GBR, AUS",
            "(C//REL TO USA, AUS, GBR)",
            "CONFIDENTIAL//REL TO USA, AUS, GBR",
        ),
        ("CUI//NF", "(CUI//NF)", "CUI//NOFORN"),
    ],
)
def test_us_marking_is_written_in_portion_and_banner_form(
    written: str, portion: str, banner: str
) -> None:
    read = m.read(written, US)
    assert m.portion(US, read) == portion
    assert m.banner(US, read) == banner


@pytest.mark.parametrize(
    ("written", "complaint"),
    [
        ("U//FOUO", "legacy marking, replaced by CUI"),
        ("SBU", "legacy marking, replaced by CUI"),
        ("SEKRET", "does not start with a level of the us scheme"),
        ("S//XYZ", "'XYZ' is not a control of the us scheme"),
        ("U//NF", "NOFORN marks CUI or above, not UNCLASSIFIED"),
        ("S//NF/REL TO USA, GBR", "NOFORN and REL TO contradict each other"),
        ("S//REL TO GBR", "a REL TO list holds USA: write REL TO USA, GBR"),
        ("S//REL TO USA", "releases to no one else: write NOFORN"),
        ("S//REL TO", "needs a list of country codes"),
        ("U//ORCON", "ORCON marks CONFIDENTIAL or above"),
    ],
)
def test_a_us_marking_that_is_wrong_says_why(written: str, complaint: str) -> None:
    with pytest.raises(m.Invalid, match=complaint):
        m.read(written, US)


def test_us_banner_is_the_highest_portion() -> None:
    assert banner_of(US, "U", "C", "CUI") == "CONFIDENTIAL"
    assert banner_of(US, "U", "TS", "S") == "TOP SECRET"
    assert banner_of(US, "U") == "UNCLASSIFIED"


def test_noforn_on_any_portion_makes_the_banner_noforn_and_drops_rel_to() -> None:
    assert banner_of(US, "U", "S//REL TO USA, GBR", "C//NF") == "SECRET//NOFORN"


def test_rel_to_lists_intersect() -> None:
    got = banner_of(US, "S//REL TO USA, GBR, IND", "C//REL TO USA, IND, AUS", "U")
    assert got == "SECRET//REL TO USA, IND"


def test_rel_to_lists_that_share_only_usa_make_the_banner_noforn() -> None:
    assert banner_of(US, "S//REL TO USA, GBR", "C//REL TO USA, IND") == "SECRET//NOFORN"


def test_a_classified_portion_without_rel_to_keeps_rel_to_off_the_banner() -> None:
    assert banner_of(US, "S//REL TO USA, GBR", "C") == "SECRET"


def test_unclassified_portions_do_not_narrow_a_release() -> None:
    assert banner_of(US, "S//REL TO USA, GBR", "U", "U") == "SECRET//REL TO USA, GBR"


def test_orcon_on_any_portion_is_on_the_banner() -> None:
    assert banner_of(US, "S//OC", "TS//NF") == "TOP SECRET//ORCON/NOFORN"


def test_uk_scheme_writes_official_sensitive_and_its_descriptors() -> None:
    read = m.read("OFFICIAL-SENSITIVE COMMERCIAL", UK)
    assert m.portion(UK, read) == "(OS COMMERCIAL)"
    assert m.banner(UK, read) == "OFFICIAL-SENSITIVE COMMERCIAL"
    assert m.banner(UK, m.read("os", UK)) == "OFFICIAL-SENSITIVE"


def test_uk_banner_is_the_highest_portion_with_every_caveat() -> None:
    got = banner_of(UK, "O", "OS PERSONAL", "S UK EYES ONLY")
    assert got == "SECRET UK EYES ONLY PERSONAL"
    assert banner_of(UK, "OFFICIAL", "O") == "OFFICIAL"


def test_uk_refuses_the_markings_it_retired() -> None:
    with pytest.raises(m.Invalid, match="RESTRICTED left the UK scheme in 2014"):
        m.read("RESTRICTED", UK)
    with pytest.raises(m.Invalid, match="COMMERCIAL marks OFFICIAL-SENSITIVE or above"):
        m.read("OFFICIAL COMMERCIAL", UK)


def test_nato_levels_and_releasable_to() -> None:
    assert m.portion(NATO, m.read("NATO SECRET", NATO)) == "(NS)"
    assert banner_of(NATO, "NU", "NR", "CTS") == "COSMIC TOP SECRET"
    got = banner_of(NATO, "NS RELEASABLE TO SWE, FIN", "NC REL TO FIN")
    assert got == "NATO SECRET RELEASABLE TO FIN"
    assert m.portion(NATO, m.read("NS REL TO FIN", NATO)) == "(NS REL TO FIN)"


def test_a_scheme_of_ones_own_is_read_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "desk.toml").write_text(
        'title = "Desk"\nseparator = " - "\n'
        '[[levels]]\nname = "PUBLIC"\nportion = "P"\ncolour = "UNCLASSIFIED"\n'
        '[[levels]]\nname = "INTERNAL"\nportion = "I"\n',
        encoding="utf-8",
    )
    desk = schemes.load("desk.toml", tmp_path)
    assert banner_of(desk, "P", "internal") == "INTERNAL"
    assert desk.levels[0].colour == "UNCLASSIFIED"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('[[levels]]\nname = "A"\n', "levels[0].portion: expected text"),
        ('[[levels]]\nname = "A"\nportion = "A"\nblocks = ["x"]\n', "no [blocks.x]"),
        (
            '[[levels]]\nname = "A"\nportion = "A"\n[[controls]]\nname = "X"\nlowest = "B"\n',
            "controls[0].lowest: 'B' is not a level",
        ),
        (
            '[[levels]]\nname = "A"\nportion = "A"\n[blocks.stamp]\n',
            "a block is 'authority' or 'cui'",
        ),
    ],
)
def test_a_bad_scheme_file_names_the_key(tmp_path: Path, text: str, complaint: str) -> None:
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(BriefgenError, match=r"bad\.toml") as caught:
        schemes.load("bad.toml", tmp_path)
    assert complaint in str(caught.value)


def test_an_unknown_scheme_name_lists_the_built_in_ones() -> None:
    with pytest.raises(BriefgenError, match="use us, uk, nato, none or a scheme file"):
        schemes.load("fvey")
