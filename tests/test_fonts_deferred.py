"""The PDF font's styles are read when a page first sets text in them, and a style
from the regular's own file is the regular, read once; fonts map as before."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.layout import fonts
from conftest import EXAMPLE

# Builds as the console script does, then prints the TrueType faces it read.
PROGRAM = """
import json, sys
from reportlab.pdfbase import ttfonts
read = []
made = ttfonts.TTFont.__init__
def counted(self, name, *args, **kwargs):
    read.append(name)
    made(self, name, *args, **kwargs)
ttfonts.TTFont.__init__ = counted
sys.argv = ["briefgen", "build", "-q", "--no-progress"]
from briefgen.cli import main
try:
    main()
finally:
    sys.__stdout__.write("\\nREAD " + json.dumps(read) + "\\n")
"""


def faces_read(cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BRIEFGEN_TIMESTAMPS": "never"},
    )
    assert done.returncode == 0, done.stderr
    line = [x for x in done.stdout.splitlines() if x.startswith("READ ")][-1]
    read: list[str] = json.loads(line.removeprefix("READ "))
    return read


@pytest.fixture
def example(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "content")
    return tmp_path


def test_a_brief_in_regular_and_bold_reads_only_those_two_faces(example: Path) -> None:
    assert "*" not in EXAMPLE.read_text(encoding="utf-8").replace("**", "")  # no italic
    assert faces_read(example) == ["Arimo", "Arimo-Bold"]
    assert (example / "out" / "us-india-defence.pdf").is_file()


def test_a_brief_with_italic_text_reads_the_italic_face(example: Path) -> None:
    brief = example / "content" / EXAMPLE.name
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("**key defence partner", "*key* **defence partner", 1))
    assert faces_read(example) == ["Arimo", "Arimo-Bold", "Arimo-Italic"]


def test_every_style_maps_as_when_all_four_were_read_at_once() -> None:
    from reportlab.lib.fonts import ps2tt, tt2ps
    from reportlab.pdfbase import pdfmetrics

    family = fonts.register()
    for name in fonts.STYLES:
        pdfmetrics.getFont(name)  # read now, if it was not
    styles = ((0, 0, "Arimo"), (1, 0, "Arimo-Bold"), (0, 1, "Arimo-Italic"))
    for bold, italic, name in (*styles, (1, 1, "Arimo-BoldItalic")):
        assert tt2ps(family, bold, italic) == name
        assert ps2tt(name) == ("arimo", bold, italic)
        assert pdfmetrics.getFont(name).face.name.decode() == name  # its own file


def test_a_face_from_the_regulars_file_is_the_regular_read_once() -> None:
    from reportlab.lib.fonts import ps2tt, tt2ps
    from reportlab.pdfbase import pdfmetrics, ttfonts

    file = str(fonts.HERE / "Arimo-Regular.ttf")
    read: list[str] = []
    made = ttfonts.TTFont.__init__

    def counted(self: ttfonts.TTFont, name: str, *args: object) -> None:
        read.append(name)
        made(self, name, *args)

    ttfonts.TTFont.__init__ = counted  # type: ignore[method-assign]
    try:
        family = fonts._register_faces("OneFace", tuple((file, file) for _ in range(4)))
    finally:
        ttfonts.TTFont.__init__ = made  # type: ignore[method-assign]
    assert read == ["OneFace"]
    for bold, italic, suffix in ((1, 0, "-Bold"), (0, 1, "-Italic"), (1, 1, "-BoldItalic")):
        assert pdfmetrics.getFont(family + suffix) is pdfmetrics.getFont(family)
        assert tt2ps(family, bold, italic) == family + suffix
        assert ps2tt(family + suffix) == ("oneface", bold, italic)
        assert tt2ps(family + suffix, 1, 1) == family + suffix  # as registerFont leaves it


def test_a_name_no_font_has_is_still_unknown_to_reportlab() -> None:
    from reportlab.pdfbase import pdfmetrics

    fonts.register()
    with pytest.raises(KeyError):
        pdfmetrics.getFont("Arimo-Condensed")
