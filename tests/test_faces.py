"""What reportlab reads from the shipped Arimo faces is shipped too (briefgen.layout.faces)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportlab import Version
from reportlab.pdfbase.ttfonts import TTFont

from briefgen.layout import faces, fonts
from conftest import EXAMPLE

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "read_faces.py"


def _written_by_this_reportlab() -> None:
    """Fails, not skips, under another reportlab: the table would go unused unnoticed."""
    import pickle

    table = pickle.loads(faces.TABLE.read_bytes())
    assert table["reportlab"] == Version, (
        f"briefgen/layout/arimo/faces.bin was written by reportlab {table['reportlab']}, "
        f"this is {Version}: run python tools/read_faces.py"
    )


def _state(value: Any) -> Any:
    """value, with the attributes of any object in it (TTFNameBytes, TTEncoding) compared too."""
    if isinstance(value, dict):
        return {k: _state(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_state(v) for v in value]
    if hasattr(value, "__dict__") and not callable(value):
        return (type(value).__name__, value if isinstance(value, bytes) else None,
                _state(vars(value)))  # fmt: skip
    return value


@pytest.mark.parametrize("name", list(fonts.STYLES))
def test_each_shipped_face_is_as_reportlab_reads_it(name: str) -> None:
    _written_by_this_reportlab()
    path = fonts.HERE / fonts.STYLES[name]
    read = TTFont(name, str(path))
    made = faces.font(name, path)
    assert made is not None, "the table does not hold the shipped file as it is"
    assert made.face is not read.face
    assert _state(faces.kept(made.face)) == _state(faces.kept(read.face))
    assert made.face._ttf_data == read.face._ttf_data and made.face.filename == read.face.filename
    for units in (0, 1, 2048, -217, 905.5):
        assert made.face._pdfScale(units) == read.face._pdfScale(units)
    mine = {k: v for k, v in vars(made).items() if k not in ("face", "state", "encoding")}
    theirs = {k: v for k, v in vars(read).items() if k not in ("face", "state", "encoding")}
    assert mine == theirs and vars(made.encoding) == vars(read.encoding)
    assert made.stringWidth("Key defence partner", 9) == read.stringWidth("Key defence partner", 9)


def test_each_font_made_has_a_face_of_its_own() -> None:
    _written_by_this_reportlab()
    from reportlab.pdfbase import ttfonts

    real = ttfonts.TTFontFace
    path = fonts.HERE / fonts.STYLES["Arimo"]
    one, two = faces.font("Arimo", path), faces.font("Arimo", path)
    assert ttfonts.TTFontFace is real  # reportlab's constructor as it was
    assert one is not None and two is not None
    one.face.charWidths[65] = 0
    assert two.face.charWidths[65] != 0


def test_a_changed_file_or_another_reportlabs_table_is_read_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / fonts.STYLES["Arimo"]
    data = bytearray((fonts.HERE / fonts.STYLES["Arimo"]).read_bytes())
    data[-1] ^= 1  # the same name, other bytes
    copy.write_bytes(bytes(data))
    assert faces.face(copy, bytes(data)) is None
    assert faces.font("Arimo", copy) is None
    faces._table.cache_clear()
    monkeypatch.setattr(faces, "TABLE", tmp_path / "missing.bin")
    assert faces.font("Arimo", fonts.HERE / fonts.STYLES["Arimo"]) is None
    import pickle

    other = tmp_path / "other.bin"
    table = pickle.loads((ROOT / "briefgen/layout/arimo/faces.bin").read_bytes())
    other.write_bytes(pickle.dumps({**table, "reportlab": "0.0"}))
    monkeypatch.setattr(faces, "TABLE", other)
    faces._table.cache_clear()
    assert faces.font("Arimo", fonts.HERE / fonts.STYLES["Arimo"]) is None
    faces._table.cache_clear()


def test_the_table_is_current() -> None:
    _written_by_this_reportlab()
    done = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


PROBE = """
import sys
from reportlab.pdfbase import ttfonts
from briefgen.layout import faces
read = []
real = ttfonts.TTFontFile.extractInfo
ttfonts.TTFontFile.extractInfo = lambda self, *a, **k: read.append(1) or real(self, *a, **k)
if sys.argv[1] == "off":
    faces._table = lambda: {}
from briefgen.cli import main
sys.argv = ["briefgen", "build", "-q", "--no-progress", "-o", sys.argv[2]]
try:
    main()
finally:
    print("faces read", len(read))
"""


def test_a_pdf_set_from_the_table_is_the_pdf_set_from_the_files(tmp_path: Path) -> None:
    _written_by_this_reportlab()
    (tmp_path / "content").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "content")
    seen = {}
    for mode in ("on", "off"):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, mode, f"out-{mode}"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0 and "faces read" in done.stdout, done.stderr
        seen[mode] = done.stdout.split("faces read ")[1].split()[0]
    assert seen["on"] == "0" and int(seen["off"]) >= 2  # none read with the table; 2+ without
    on = (tmp_path / "out-on" / "us-india-defence.pdf").read_bytes()
    off = (tmp_path / "out-off" / "us-india-defence.pdf").read_bytes()
    assert on == off


def test_fonts_made_at_once_in_many_threads_each_get_their_face() -> None:
    import threading

    from reportlab.pdfbase import ttfonts

    real = ttfonts.TTFontFace
    paths = [fonts.HERE / file for file in fonts.STYLES.values()]
    errors: list[str] = []
    made: list[Any] = []

    def work(i: int) -> None:
        for _ in range(10):
            try:
                made.append(faces.font(f"T{i}", paths[i % 4]))
                made.append(TTFont(f"U{i}", str(paths[(i + 1) % 4])))  # read meanwhile
            except Exception as exc:
                errors.append(repr(exc))

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads change as often as they can
    try:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert errors == [] and ttfonts.TTFontFace is real
    assert len({id(font.face) for font in made}) == len(made) == 160  # no face shared


def test_a_shipped_face_that_cannot_be_read_is_left_to_reportlab(tmp_path: Path) -> None:
    assert faces.font("Arimo", tmp_path / fonts.STYLES["Arimo"]) is None  # missing


def test_a_font_of_the_same_file_made_during_the_stand_in_reads_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlab.pdfbase import ttfonts

    path = fonts.HERE / fonts.STYLES["Arimo"]
    real = ttfonts.TTFont
    meanwhile: list[Any] = []

    def constructor(name: str, filename: str) -> Any:
        meanwhile.append(real("Meanwhile", filename))  # another thread's, in the window
        return real(name, filename)

    monkeypatch.setattr(ttfonts, "TTFont", constructor)
    made = faces.font("Arimo", path)
    assert made is not None and meanwhile[0].face is not made.face
    assert made.face.filename == meanwhile[0].face.filename == str(path)
