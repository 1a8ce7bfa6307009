"""The slide: laid out once (layout/slide.py), fitted, and translated into an editable PPTX."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from briefgen import writers
from briefgen.errors import FitError
from briefgen.layout import slide as s
from briefgen.layout.digest import first_sentence
from briefgen.layout.page import Page
from conftest import EXAMPLE, FIXTURES, normalize, run, soffice
from pages import para, sample

BRIEFS = [EXAMPLE, FIXTURES / "japan-philippines.yaml"]


P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def prepared_page(source: Path) -> Page:
    from briefgen import project
    from briefgen.pipeline import prepare
    from briefgen.render.templating import Templates

    return prepare(source, Templates(project.find(source.parent))).page


def prepared(source: Path) -> s.Slide:
    return s.lay_out(prepared_page(source))


def inside(inner: s.Frame, outer: s.Frame) -> bool:
    return (
        inner.left >= outer.left - 0.01
        and inner.top >= outer.top - 0.01
        and inner.left + inner.width <= outer.left + outer.width + 0.01
        and inner.top + inner.height <= outer.top + outer.height + 0.01
    )


def apart(a: s.Frame, b: s.Frame) -> bool:
    return (a.left + a.width <= b.left + 0.01 or b.left + b.width <= a.left + 0.01
            or a.top + a.height <= b.top + 0.01 or b.top + b.height <= a.top + 0.01)  # fmt: skip


@pytest.mark.parametrize("source", BRIEFS, ids=lambda p: p.stem)
def test_every_box_is_inside_the_body_area_and_no_two_overlap(source: Path) -> None:
    slide = prepared(source)
    assert s.SMALLEST <= slide.size <= s.LARGEST
    body = s.Frame(s.MARGIN, s.TOP, s.WIDTH - 2 * s.MARGIN, s.BOTTOM - s.TOP)
    boxes = [shape for shape in slide.shapes if not (isinstance(shape, s.Text) and shape.fill)]
    for shape in boxes:
        assert inside(shape.frame, body), shape.frame
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert apart(a.frame, b.frame) or isinstance(a, s.Bar) or isinstance(b, s.Bar), (a, b)


def test_each_stage_of_the_track_has_its_bar_under_its_cell_on_the_slide() -> None:
    slide = prepared(EXAMPLE)
    (table,) = [shape for shape in slide.shapes if isinstance(shape, s.Table) and
                len(shape.grid.widths) == 7]  # fmt: skip
    bars = [shape for shape in slide.shapes if isinstance(shape, s.Bar)
            and inside(shape.frame, table.frame)]  # fmt: skip
    rows = len(table.grid.rows) - 1  # the header row has no track
    assert len(bars) == 5 * rows
    first = sorted(bars[:5], key=lambda b: b.frame.left)
    assert [b.color for b in first] == ["#7a90b2", "#1f3864", "#dfe4ea", "#dfe4ea", "#dfe4ea"]
    # each bar spans its column less the cell's padding, under the first row's one line
    left = table.frame.left + sum(table.grid.widths[:2])
    pad = table.grid.pad_x / 20
    assert first[0].frame.left == pytest.approx(left + pad)
    assert first[0].frame.width == pytest.approx(table.grid.widths[2] - 2 * pad)
    assert table.frame.top + table.heights[0] < first[0].frame.top
    assert first[0].frame.top < table.frame.top + table.heights[0] + table.heights[1]


def test_the_slides_rules_and_bars_take_no_style_from_the_theme() -> None:
    """A theme style's effect (p:style) is drawn by LibreOffice as a soft shadow under
    each rule and stage bar, whatever the shape's own empty effect list says."""
    data = writers.get("pptx").render(prepared_page(EXAMPLE))
    shapes = Presentation(io.BytesIO(data)).slides[0].shapes
    drawn = [shape for shape in shapes if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert len(drawn) > 15  # the heading rules and the track's bars
    assert all(shape._element.find(f"{P}style") is None for shape in drawn)


@pytest.mark.parametrize("source", BRIEFS, ids=lambda p: p.stem)
def test_no_word_on_the_slide_only_just_fits_its_column(source: Path) -> None:
    # PowerPoint splits a word (a date of no-break spaces) that reportlab lets be: the
    # slide takes a size at which every word has room, as the rows were measured
    from briefgen.layout import lines

    slide = prepared(source)
    assert slide.size > s.SMALLEST
    family = slide.fonts.pdf
    for table in (shape for shape in slide.shapes if isinstance(shape, s.Table)):
        grid = table.grid
        for row in grid.rows:
            c = 0
            for cell in row.cells:
                room = sum(grid.widths[c : c + cell.span]) - 2 * grid.pad_x / 20
                assert not any(lines.crowded(x, room, family) for x in cell.paras), cell
                c += cell.span


def test_the_slide_takes_the_largest_size_at_which_it_fits() -> None:
    from briefgen import project
    from briefgen.pipeline import prepare
    from briefgen.render.templating import Templates

    page = prepare(EXAMPLE, Templates(project.find(EXAMPLE.parent))).page
    slide = s.lay_out(page)
    _, needs = s.at_size(page, slide.size)
    assert max(needs.values()) <= 1.0
    if slide.size < s.LARGEST:
        _, larger = s.at_size(page, slide.size + 0.5)
        assert max(larger.values()) > 1.0


def test_a_page_too_long_for_a_slide_fails_naming_the_column() -> None:
    page = sample()
    long = para(" ".join(["Every word of a very long paragraph."] * 400))
    page = replace(page, blocks=(*page.blocks[:2], long), sources=(0, 1, 2))
    with pytest.raises(
        FitError, match=r"does not fit on one slide even at 9 pt: the left column needs \d+%"
    ):
        s.lay_out(page)
    assert not s.lay_out(replace(page, overflow=True)).fits


def test_a_list_item_and_a_quotation_keep_their_first_sentence() -> None:
    cut = first_sentence(para("First point, said by Col. Devine of the U.S. Army. The second."))
    assert (
        "".join(x.text for x in cut.spans) == "First point, said by Col. Devine of the U.S. Army."
    )
    whole = para("One sentence only.")
    assert first_sentence(whole) == whole


def deck(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


@pytest.mark.parametrize("source", BRIEFS, ids=lambda p: p.stem)
def test_the_pptx_is_one_16_by_9_slide_with_the_layouts_boxes(source: Path, tmp_path: Path) -> None:
    assert run("build", str(source), "-f", "pptx", "-o", str(tmp_path)).exit_code == 0
    opened = deck((tmp_path / (source.stem + ".pptx")).read_bytes())
    assert (opened.slide_width, opened.slide_height) == (Emu(12192000), Emu(6858000))
    (only,) = opened.slides
    slide = prepared(source)
    frames = [(round(x.frame.left), round(x.frame.top)) for x in slide.shapes]
    found = [(round(x.left / 12700), round(x.top / 12700)) for x in only.shapes]
    assert found == frames
    texts = [x for x in slide.shapes if isinstance(x, s.Text)]
    boxes = [x for x in only.shapes if x.shape_type == MSO_SHAPE_TYPE.TEXT_BOX]
    assert [normalize(b.text_frame.text) for b in boxes] == [
        normalize("\n".join("".join(sp.text for sp in p.spans) for p in t.paras)) for t in texts
    ]
    assert opened.core_properties.title == slide.meta.title


def test_the_speaker_notes_carry_every_statement_whole(tmp_path: Path) -> None:
    import yaml

    assert run("build", str(EXAMPLE), "-f", "pptx", "-o", str(tmp_path)).exit_code == 0
    notes = deck((tmp_path / "us-india-defence.pptx").read_bytes()).slides[0].notes_slide
    text = normalize(notes.notes_text_frame.text)
    for statement in yaml.safe_load(EXAMPLE.read_text())["key_statements"]:
        assert normalize(statement["text"]) in text
    assert text.startswith("UNCLASSIFIED") and text.endswith("UNCLASSIFIED")


def test_the_same_page_gives_the_same_bytes() -> None:
    import zipfile

    render = writers.get("pptx").render
    data = render(sample())
    assert data == render(sample())
    with zipfile.ZipFile(io.BytesIO(data)) as package:  # not the time it was made
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_brief_too_long_for_a_slide_is_one_line_naming_its_file(
    brief: Callable[..., Path],
) -> None:
    # one long sentence: the page holds it, the slide's left column cannot
    words = " ".join(f"word{i % 10}" for i in range(700))
    brief(f"title: T\nsummary: {words}\nnext_steps:\n  - action: Act\n    status: planned\n")
    result = run("build", "-f", "pptx", "--allow-overflow")
    assert result.exit_code == 0 and Path("out/b.pptx").exists()
    result = run("build", "-f", "pptx", "--force")
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert re.match(r"error: content/b\.yaml: does not fit on one slide even at 9 pt", line), line


def test_without_python_pptx_the_format_is_one_line(
    brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief("title: T\nsummary: S\n")
    monkeypatch.setitem(sys.modules, "pptx", None)  # import pptx raises ImportError
    result = run("build", "-f", "pptx")
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith("error: the pptx format needs python-pptx, which is not installed")


def words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True)
    found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
                       out.stdout)  # fmt: skip
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in found]


@pytest.mark.slow
@pytest.mark.soffice
def test_libreoffice_draws_every_word_inside_the_slide_and_none_over_another(
    tmp_path: Path,
) -> None:
    exe = soffice()
    if exe is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    for source in BRIEFS:
        assert run("build", str(source), "-f", "pptx", "-o", str(tmp_path)).exit_code == 0
    decks = sorted(str(p) for p in tmp_path.glob("*.pptx"))
    subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *decks],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    for source in BRIEFS:
        pdf = tmp_path / (source.stem + ".pdf")
        found = words(pdf)
        assert len(found) > 100
        banner = prepared(source).shapes[0]
        assert isinstance(banner, s.Text) and banner.fill
        mark = {w for p in banner.paras for sp in p.spans for w in sp.text.split()}
        for word, x0, y0, x1, y1 in found:
            assert 0 <= x0 < x1 <= s.WIDTH and 0 <= y0 < y1 <= s.HEIGHT, word
            if word not in mark:  # the text keeps between the banners
                assert (
                    y0 > s.BANNER_EDGE + s.BANNER_HEIGHT
                    and y1 < s.HEIGHT - s.BANNER_EDGE - s.BANNER_HEIGHT
                ), word
        boxes = [(x0 + 0.5, y0 + 1.5, x1 - 0.5, y1 - 1.5) for _, x0, y0, x1, y1 in found]
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                assert not overlap, (source.stem, found[i], found[j])


def test_the_logo_is_a_picture_at_the_top_right(tmp_path: Path) -> None:
    from PIL import Image

    from briefgen.layout import page as p

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "#1f3864").save(buffer, "PNG")
    logo = p.Logo(buffer.getvalue(), "png", (20, 10), 60.0, 30.0, 481.0, 40.0, 100)
    opened = deck(writers.get("pptx").render(replace(sample(), logo=logo)))
    (picture,) = [x for x in opened.slides[0].shapes if x.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert (picture.left + picture.width, picture.top) == (
        Emu(round((s.WIDTH - s.MARGIN) * 12700)),
        Emu(round(s.TOP * 12700)),
    )
    assert picture.image.blob == buffer.getvalue()
