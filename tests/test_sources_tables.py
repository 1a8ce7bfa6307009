"""Lists from tables: a brief's procurement, next steps or statements from CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from briefgen.content.schema import Item, load
from briefgen.errors import BriefgenError
from conftest import EXAMPLE, docx_text, pdf_pages, pdf_text, run, run_process

HEAD = "title: T\nsummary: S\n"
STAGES = "proposed, announced, negotiation, contracted, delivery, in-service"
COLUMNS = ["System", "Category", "Quantity", "Arrangement", "Stage", "Value", "Notes"]


class Text(str):
    """A cell written as text even though it starts with '=' (as Excel does for '=...)."""


def write_xlsx(
    path: Path, sheets: dict[str, list[list[Any]]], patches: dict[str, str] | None = None
) -> Path:
    """A workbook made with openpyxl; patches replace whole cells ('Sheet!C4': '<c .../>').

    openpyxl writes formulas without a result and cannot calculate one, so a formula
    with a saved result (as Excel or LibreOffice write it) is made by patching the XML.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, Text):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    book.save(path)
    if patches:
        names = list(sheets)
        with zipfile.ZipFile(path) as archive:
            parts = {i.filename: archive.read(i) for i in archive.infolist()}
        for where, cell_xml in patches.items():
            sheet_name, ref = where.split("!")
            part = f"xl/worksheets/sheet{names.index(sheet_name) + 1}.xml"
            xml = parts[part].decode()
            pattern = rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)'
            assert re.search(pattern, xml), f"no cell {ref} to patch"
            parts[part] = re.sub(pattern, cell_xml, xml, count=1).encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return path


def example_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def example_rows() -> list[list[Any]]:
    return [[item.get(c.lower()) for c in COLUMNS] for item in example_data()["procurement"]]


def write_example(folder: Path, procurement: Any, name: str = "india.yaml") -> Path:
    """The example brief, with its procurement pipeline replaced by a table reference."""
    data = example_data()
    data["procurement"] = procurement
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[list[Any]], delimiter: str = ",", bom: bool = False) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def error_of(path: Path) -> str:
    with pytest.raises(BriefgenError) as caught:
        load(path)
    return str(caught.value)


# --- the example brief, its pipeline from a table -----------------------------------


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", True)], ids=["comma", "bom"])
def test_the_example_pipeline_from_a_csv_is_the_same_pipeline(
    project: Path, delimiter: str, bom: bool
) -> None:
    content = project / "content"
    write_csv(content / "pipeline.csv", [COLUMNS, *example_rows()], delimiter, bom)
    brief = load(write_example(content, "pipeline.csv"))
    assert brief.procurement == load(EXAMPLE).procurement
    assert brief.inputs == (content / "india.yaml", content / "pipeline.csv")


def test_the_example_builds_one_page_with_its_pipeline_from_a_csv(project: Path) -> None:
    content = project / "content"
    write_csv(content / "pipeline.csv", [COLUMNS, *example_rows()], ";", bom=True)
    write_example(content, "pipeline.csv")
    result = run("build")
    assert result.exit_code == 0, result.output
    pdf, docx = project / "out" / "india.pdf", project / "out" / "india.docx"
    assert pdf_pages(pdf) == 1
    for item in load(EXAMPLE).procurement:
        assert item.system in pdf_text(pdf)
        assert item.system in docx_text(docx)


def example_workbook(path: Path, stryker_notes: str | None = None) -> Path:
    """The pipeline on sheet 'Pipeline' (not the first), P-8I's quantity a formula =2*3."""
    rows = example_rows()
    p8i = next(i for i, row in enumerate(rows) if row[0] == "P-8I Poseidon" and row[2] == 6)
    rows[p8i][2] = "=2*3"
    if stryker_notes is not None:
        next(row for row in rows if row[0] == "Stryker")[6] = Text(stryker_notes)
    ref = f"Pipeline!C{p8i + 2}"
    return write_xlsx(
        path,
        {"Cover": [["US-India pipeline, July 2025"]], "Pipeline": [COLUMNS, *rows]},
        {ref: f'<c r="{ref[9:]}"><f>2*3</f><v>6</v></c>'},
    )


def test_the_example_pipeline_from_an_xlsx_sheet_uses_saved_formula_results(
    project: Path,
) -> None:
    content = project / "content"
    workbook = example_workbook(content / "pipeline.xlsx")
    brief = load(write_example(content, {"file": "pipeline.xlsx", "sheet": "Pipeline"}))
    assert brief.procurement == load(EXAMPLE).procurement
    assert [i.quantity for i in brief.procurement if i.system == "P-8I Poseidon"] == [6, None]
    assert brief.inputs == (content / "india.yaml", workbook)


def test_the_example_builds_one_page_with_its_pipeline_from_an_xlsx(project: Path) -> None:
    content = project / "content"
    example_workbook(content / "pipeline.xlsx", stryker_notes="=SUM(A1:A3) stays text")
    write_example(content, {"file": "pipeline.xlsx", "sheet": "Pipeline"})
    result = run("build")
    assert result.exit_code == 0, result.output
    pdf, docx = project / "out" / "india.pdf", project / "out" / "india.docx"
    assert pdf_pages(pdf) == 1
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "P-8I Poseidon" in text and "qty 6" in text
        assert "=SUM(A1:A3) stays text" in text
        for item in load(EXAMPLE).procurement:
            assert item.system in text


# --- what cells become ----------------------------------------------------------


def test_text_that_looks_like_a_formula_stays_text(project: Path) -> None:
    content = project / "content"
    link = '=HYPERLINK("https://example.org","Javelin")'
    write_xlsx(
        content / "p.xlsx",
        {
            "S": [
                ["system", "stage", "notes"],
                [Text(link), "announced", Text("=1+1")],
                ["Stryker", "announced", "'=1+1"],
            ]
        },
    )
    (content / "b.yaml").write_text(HEAD + "procurement: p.xlsx\n")
    brief = load(content / "b.yaml")
    assert [(i.system, i.notes) for i in brief.procurement] == [
        (link, "=1+1"),
        ("Stryker", "'=1+1"),
    ]
    write_csv(content / "p.csv", [["system", "stage", "notes"], ["=2+2", "announced", "=A1"]])
    (content / "c.yaml").write_text(HEAD + "procurement: p.csv\n")
    assert [(i.system, i.notes) for i in load(content / "c.yaml").procurement] == [("=2+2", "=A1")]
    result = run("build", "content/b.yaml")
    assert result.exit_code == 0, result.output
    # the column is narrow: the PDF's text breaks the link across lines
    assert link.replace(" ", "") in pdf_text(project / "out" / "b.pdf").replace(" ", "")


def test_date_cells_become_dates_and_other_cells_keep_their_text(project: Path) -> None:
    content = project / "content"
    write_xlsx(
        content / "steps.xlsx",
        {
            "Steps": [
                ["Action", "Owner", "Due", "Status"],
                ["a", "Desk", dt.date(2025, 8, 1), "agreed"],
                ["b", None, dt.datetime(2025, 9, 2, 14, 30), "in progress"],
                ["c", None, "later this year", None],
                ["d", None, "2025-10-03", "DONE"],
            ]
        },
    )
    (content / "b.yaml").write_text(HEAD + "next_steps: steps.xlsx\n")
    steps = load(content / "b.yaml").next_steps
    assert [(s.action, s.owner, s.due, s.status) for s in steps] == [
        ("a", "Desk", dt.date(2025, 8, 1), "agreed"),
        ("b", None, dt.date(2025, 9, 2), "in-progress"),
        ("c", None, "later this year", "agreed"),
        ("d", None, dt.date(2025, 10, 3), "done"),
    ]


def test_numbers_become_whole_numbers_and_text_where_the_field_wants_text(project: Path) -> None:
    content = project / "content"
    write_xlsx(
        content / "p.xlsx",
        {"S": [["system", "stage", "quantity", "value"], [155, "announced", 6.0, 2.5]]},
    )
    write_csv(content / "p.csv", [["system", "stage", "quantity"], ["007", "announced", " 12 "]])
    (content / "b.yaml").write_text(HEAD + "procurement: p.xlsx\nnext_steps: []\n")
    (content / "c.yaml").write_text(HEAD + "procurement: p.csv\n")
    assert load(content / "b.yaml").procurement == (
        Item(system="155", stage="announced", quantity=6, value="2.5"),
    )
    assert load(content / "c.yaml").procurement == (
        Item(system="007", stage="announced", quantity=12),
    )


def test_a_formula_whose_saved_result_is_empty_text_is_an_absent_value(project: Path) -> None:
    content = project / "content"
    write_xlsx(
        content / "p.xlsx",
        {"S": [["system", "stage", "notes"], ["X", "announced", '=IF(1,"","y")']]},
        {"S!C2": '<c r="C2" t="str"><f>IF(1,"","y")</f><v></v></c>'},
    )
    (content / "b.yaml").write_text(HEAD + "procurement: p.xlsx\n")
    assert load(content / "b.yaml").procurement == (Item(system="X", stage="announced"),)


def test_headers_match_fields_whatever_their_case_and_empty_rows_are_skipped(
    project: Path,
) -> None:
    content = project / "content"
    write_csv(
        content / "s.csv",
        [
            ["SPEAKER", " Role ", "Text", "", "DATE"],
            [],
            ["A", None, "said x", None, "2025-07-01"],
            [None, None, None, None, None],
            ["B", "Minister", "said y", None, None],
        ],
    )
    (content / "b.yaml").write_text(HEAD + "key_statements: s.csv\n")
    statements = load(content / "b.yaml").key_statements
    assert [(s.speaker, s.role, s.text, s.date) for s in statements] == [
        ("A", None, "said x", dt.date(2025, 7, 1)),
        ("B", "Minister", "said y", None),
    ]


def test_a_table_with_only_a_header_gives_an_empty_list(project: Path) -> None:
    content = project / "content"
    write_csv(content / "h.csv", [["system", "stage"]])
    (content / "b.yaml").write_text(HEAD + "procurement: h.csv\n")
    assert load(content / "b.yaml").procurement == ()


def test_an_empty_table_file_is_an_error_not_an_empty_list(project: Path) -> None:
    content = project / "content"
    (content / "e.csv").write_text("\n\n", encoding="utf-8")
    (content / "b.yaml").write_text(HEAD + "next_steps: e.csv\n")
    with pytest.raises(BriefgenError) as caught:
        load(content / "b.yaml")
    assert str(caught.value) == (
        "content/e.csv: has no header row (it is empty); the columns of next_steps are "
        "action, owner, due, status, id, classification"
    )


def test_one_workbook_for_two_lists_is_one_input(project: Path) -> None:
    content = project / "content"
    write_xlsx(
        content / "desk.xlsx",
        {"Pipeline": [["system", "stage"], ["X", "proposed"]], "Steps": [["action"], ["do"]]},
    )
    (content / "b.yaml").write_text(
        HEAD + "procurement: {file: desk.xlsx, sheet: Pipeline}\n"
        "next_steps:\n  file: desk.xlsx\n  sheet: Steps\n"
    )
    brief = load(content / "b.yaml")
    assert [i.system for i in brief.procurement] == ["X"]
    assert [s.action for s in brief.next_steps] == ["do"]
    assert brief.inputs == (content / "b.yaml", content / "desk.xlsx")


def test_a_file_inside_the_project_but_beside_content_is_allowed(project: Path) -> None:
    (project / "briefgen.toml").write_text("")
    (project / "data").mkdir()
    write_csv(project / "data" / "p.csv", [["system", "stage"], ["X", "proposed"]])
    (project / "content" / "b.yaml").write_text(HEAD + "procurement: ../data/p.csv\n")
    assert [i.system for i in load(project / "content" / "b.yaml").procurement] == ["X"]


# --- errors -----------------------------------------------------------------------


def csv_case(
    header: list[Any], *rows: list[Any], key: str = "procurement"
) -> Callable[[Path], Path]:
    def make(content: Path) -> Path:
        write_csv(content / "t.csv", [header, *rows])
        (content / "b.yaml").write_text(HEAD + f"{key}: t.csv\n")
        return content / "b.yaml"

    return make


def xlsx_case(
    sheets: dict[str, list[list[Any]]], ref: str, **patches: str
) -> Callable[[Path], Path]:
    def make(content: Path) -> Path:
        write_xlsx(
            content / "pipeline.xlsx", sheets, {k.replace("_", "!"): v for k, v in patches.items()}
        )
        (content / "b.yaml").write_text(HEAD + f"procurement: {ref}\n")
        return content / "b.yaml"

    return make


def yaml_case(text: str, **files: bytes) -> Callable[[Path], Path]:
    def make(content: Path) -> Path:
        for name, data in files.items():
            (content / name.replace("_", ".")).write_bytes(data)
        (content / "b.yaml").write_text(HEAD + text)
        return content / "b.yaml"

    return make


SEVEN = [["system", "stage"], *[[f"S{i}", "proposed"] for i in range(4)], [], ["S5", "maybe"]]

ERRORS: list[tuple[str, Callable[[Path], Path], str]] = [
    (
        "csv_cell_outside_the_enum_names_the_row_and_column",
        csv_case(["System", "stage"], ["A", "proposed"], ["B", "maybe"]),
        f"content/t.csv: row 3, column stage: 'maybe' is not one of {STAGES}",
    ),
    (
        "xlsx_cell_outside_the_enum_names_the_sheet_row_and_column",
        xlsx_case({"Cover": [["x"]], "Pipeline": SEVEN}, "{file: pipeline.xlsx, sheet: Pipeline}"),
        f"content/pipeline.xlsx: sheet Pipeline, row 7, column stage: 'maybe' is not one of {STAGES}",
    ),
    (
        "unknown_column_suggests_the_field_it_contains",
        csv_case(["Action", "Owner", "Due Date"], ["a", "b", "2025-01-01"], key="next_steps"),
        "content/t.csv: row 1: unknown column 'Due Date' (did you mean 'due'?); the columns of "
        "next_steps are action, owner, due, status, id, classification",
    ),
    (
        "an_abbreviated_column_suggests_the_field_it_abbreviates",
        csv_case(["System", "Qty", "stage"], ["a", "6", "proposed"]),
        "content/t.csv: row 1: unknown column 'Qty' (did you mean 'quantity'?); the "
        "columns of procurement are system, category, quantity, arrangement, stage, value, notes, id, "
        "classification",
    ),
    (
        "unknown_columns_are_all_named",
        csv_case(["System", "Stge", "Colour", "stage"], ["a", "b", "c", "proposed"]),
        "content/t.csv: row 1: unknown columns 'Stge' (did you mean 'stage'?), 'Colour'; the "
        "columns of procurement are system, category, quantity, arrangement, stage, value, notes, id, "
        "classification",
    ),
    (
        "a_column_given_twice",
        csv_case(["System", "Stage", "stage"], ["a", "proposed", "proposed"]),
        "content/t.csv: row 1, column stage: a second stage column (the first is 'Stage')",
    ),
    (
        "a_required_column_missing",
        csv_case(["System", "Category"], ["a", "b"]),
        "content/t.csv: row 1: no stage column; procurement needs system, stage",
    ),
    (
        "a_required_cell_empty",
        csv_case(["System", "Stage"], ["a", "proposed"], ["", "proposed"]),
        "content/t.csv: row 3, column System: is required but empty",
    ),
    (
        "a_quantity_that_is_not_a_whole_number",
        csv_case(["System", "Stage", "Quantity"], ["a", "proposed", "six"]),
        "content/t.csv: row 2, column Quantity: 'six' is not a whole number",
    ),
    (
        "a_value_in_a_column_without_a_header",
        csv_case(["System", "Stage"], ["a", "proposed", "stray"]),
        "content/t.csv: row 2, column 3: 'stray' is in a column with no header; name the column "
        "or clear the cell",
    ),
    (
        "a_csv_that_is_not_utf8",
        yaml_case(
            "procurement: t.csv\n", t_csv="system,stage\nM\xfcnchen,proposed\n".encode("cp1252")
        ),
        "content/t.csv: not UTF-8 text (byte 14); save it as 'CSV UTF-8'",
    ),
    (
        "a_csv_with_an_unclosed_quote",
        yaml_case("procurement: t.csv\n", t_csv=b'system,stage\n"a,proposed\n'),
        "content/t.csv: row 2: not valid CSV: unexpected end of data",
    ),
    (
        "a_csv_over_the_size_limit",
        yaml_case("procurement: t.csv\n", t_csv=b"system,stage\n" + b"x" * (5 * 1024 * 1024)),
        "content/t.csv: file is 5.2 MB; a table may be at most 5 MB",
    ),
    (
        "a_table_with_more_rows_than_a_page_can_show",
        csv_case(["system", "stage"], *[[f"S{i}", "proposed"] for i in range(501)]),
        "content/t.csv: more than 500 rows; a one-page brief shows far fewer",
    ),
    (
        "a_missing_table_names_the_content_file_and_line",
        yaml_case("procurement: pipeline.csv\n"),
        "content/b.yaml:3: procurement: cannot read 'pipeline.csv': No such file or directory",
    ),
    (
        "an_absolute_path",
        yaml_case("procurement: /etc/hosts.csv\n"),
        "content/b.yaml:3: procurement: '/etc/hosts.csv' is an absolute path; name the file "
        "relative to this one",
    ),
    (
        "a_path_out_of_the_project",
        yaml_case("next_steps: ../steps.csv\n"),
        "content/b.yaml:3: next_steps: '../steps.csv' is outside the project folder (content); "
        "a brief reads only files inside it",
    ),
    (
        "a_file_that_is_not_a_table",
        yaml_case("procurement:\n  file: pipeline.ods\n"),
        "content/b.yaml:4: procurement.file: 'pipeline.ods' is not a .csv or .xlsx file",
    ),
    (
        "a_sheet_the_workbook_lacks_suggests_the_nearest",
        xlsx_case({"Pipeline": [["system", "stage"]]}, "{file: pipeline.xlsx, sheet: Pipelines}"),
        "content/b.yaml:3: procurement.sheet: content/pipeline.xlsx has no sheet 'Pipelines'; "
        "did you mean 'Pipeline'?",
    ),
    (
        "a_sheet_the_workbook_lacks_lists_the_sheets",
        xlsx_case({"A": [["system"]], "B": [["system"]]}, "{file: pipeline.xlsx, sheet: Steps}"),
        "content/b.yaml:3: procurement.sheet: content/pipeline.xlsx has no sheet 'Steps'; its "
        "sheets are A, B",
    ),
    (
        "a_sheet_of_a_csv",
        yaml_case("procurement:\n  file: t.csv\n  sheet: One\n", t_csv=b"system,stage\n"),
        "content/b.yaml:5: procurement.sheet: only an .xlsx workbook has sheets",
    ),
    (
        "an_unknown_key_in_a_table_reference",
        yaml_case("procurement:\n  file: t.csv\n  shet: One\n", t_csv=b"system,stage\n"),
        "content/b.yaml:5: procurement.shet: unknown field; did you mean 'sheet'?",
    ),
    (
        "a_sheet_without_a_file",
        yaml_case("procurement:\n  sheet: One\n"),
        "content/b.yaml:3: procurement: names a sheet but no file: add file: <name>.xlsx",
    ),
    (
        "an_xlsx_that_is_not_a_zip",
        yaml_case("procurement: pipeline.xlsx\n", pipeline_xlsx=b"\xd0\xcf\x11\xe0 an old .xls"),
        "content/pipeline.xlsx: not an .xlsx workbook (not a zip archive; an old .xls file must "
        "be saved as .xlsx or CSV)",
    ),
    (
        "a_formula_with_no_saved_result",
        xlsx_case(
            {"Pipeline": [["system", "stage", "quantity"], ["X", "proposed", "=2*3"]]},
            "pipeline.xlsx",
        ),
        "content/pipeline.xlsx: sheet Pipeline, row 2, column quantity: the formula '=2*3' has no "
        "saved result (briefgen never calculates formulas): open and save the workbook in a "
        "spreadsheet program, or type the value",
    ),
    (
        "a_cell_showing_a_spreadsheet_error",
        xlsx_case(
            {"Pipeline": [["system", "stage", "quantity"], ["X", "proposed", "=NA()"]]},
            "pipeline.xlsx",
            Pipeline_C2='<c r="C2" t="e"><f>NA()</f><v>#N/A</v></c>',
        ),
        "content/pipeline.xlsx: sheet Pipeline, row 2, column quantity: the cell shows the error "
        "#N/A",
    ),
]


@pytest.mark.parametrize(("make", "expected"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_table_error(project: Path, make: Callable[[Path], Path], expected: str) -> None:
    assert error_of(make(project / "content")) == expected


def test_a_damaged_workbook_is_one_clear_line(project: Path) -> None:
    content = project / "content"
    good = write_xlsx(content / "good.xlsx", {"S": [["system", "stage"]]})
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(content / "p.xlsx", "w") as dst:
        for info in src.infolist():
            if info.filename != "xl/workbook.xml":
                dst.writestr(info, src.read(info))
    (content / "b.yaml").write_text(HEAD + "procurement: p.xlsx\n")
    assert error_of(content / "b.yaml").startswith("content/p.xlsx: cannot read the workbook: ")
    (content / "p.xlsx").write_bytes(good.read_bytes()[:300])
    assert error_of(content / "b.yaml") == (
        "content/p.xlsx: not an .xlsx workbook (not a zip archive; an old .xls file must be saved "
        "as .xlsx or CSV)"
    )
    result = run_process("build", "content/b.yaml", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: content/p.xlsx: not an .xlsx workbook (not a zip archive; an old .xls file must "
        "be saved as .xlsx or CSV)"
    ]


def test_a_workbook_that_unpacks_to_too_much_is_refused(project: Path) -> None:
    content = project / "content"
    with zipfile.ZipFile(content / "p.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (51 * 1024 * 1024))
    assert (content / "p.xlsx").stat().st_size < 1024 * 1024
    (content / "b.yaml").write_text(HEAD + "procurement: p.xlsx\n")
    assert error_of(content / "b.yaml") == (
        "content/p.xlsx: the workbook unpacks to 53 MB; at most 50 MB are read"
    )


def test_a_link_out_of_the_project_is_refused(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "p.csv"
    write_csv(outside, [["system", "stage"], ["X", "proposed"]])
    (project / "content" / "p.csv").symlink_to(outside)
    (project / "content" / "b.yaml").write_text(HEAD + "procurement: p.csv\n")
    assert error_of(project / "content" / "b.yaml") == (
        "content/b.yaml:3: procurement: 'p.csv' is outside the project folder (content); a brief "
        "reads only files inside it"
    )


def test_a_character_the_font_lacks_is_named_by_row_and_column(project: Path) -> None:
    write_csv(
        project / "content" / "p.csv", [["system", "stage"], ["X", "proposed"], ["ሰላም", "proposed"]]
    )
    (project / "content" / "b.yaml").write_text(HEAD + "procurement: p.csv\n")
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "error: content/p.csv: row 3, column system: the font Arimo cannot draw 'ሰ' (U+1230), "
        "'ላ' (U+120B), 'ም' (U+121D); replace or remove them\n"
    )


def test_a_broken_table_leaves_the_previous_brief_in_place(project: Path) -> None:
    content = project / "content"
    write_csv(content / "pipeline.csv", [COLUMNS, *example_rows()])
    write_example(content, "pipeline.csv")
    assert run("build").exit_code == 0
    before = {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()}
    write_csv(content / "pipeline.csv", [COLUMNS, ["Javelin", None, None, None, "maybe"]])
    result = run("build")
    assert result.exit_code == 1
    assert "content/pipeline.csv: row 2, column Stage: 'maybe'" in result.output
    assert {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()} == before


def test_a_brief_without_tables_is_its_only_input(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    assert load(project / "content" / EXAMPLE.name).inputs == (project / "content" / EXAMPLE.name,)
