"""Events lists in the files planners have (issue 14): XLSX workbooks (openpyxl, the xlsx extra) and JSON lists.

Fixtures are written here in the shapes real files have: a workbook with a notes sheet before the
list and a title row above its header, dates as the spreadsheet stores them; a JSON timeline
under a key of its own, recipients as lists. Export then import is the identity through XLSX as
through CSV, for the bundled scenarios and generated ones.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from engine.exercise import simulate
from engine.load.catalog import bundled
from engine.load.diagnostics import InputError, ScenarioError
from engine.load.loader import load_scenario
from engine.msel.export import export_csv, export_xlsx
from engine.msel.importer import import_events
from engine.msel.options import ImportOptions
from engine.msel.sources import read_events
from engine.msel.template import template
from tests.helpers import load
from tests.strategies import scenario_documents
from tests.test_cli import run_here, usage_error

openpyxl = pytest.importorskip("openpyxl")
DATA = Path(__file__).parent / "data" / "msel"


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


PLAN: dict[str, list[list[Any]]] = {
    "Read me": [["How to use this workbook"], ["Controllers fill in the MSEL sheet."]],
    "MSEL": [
        ["Harbour drill: master scenario events list"],
        [],
        ["No.", "Date", "Subject", "Script", "To", "Type"],
        [1, dt.datetime(2024, 6, 26, 9, 0), "Gauge rising", "The river gauge passes amber.", "Seoul", "Phone"],
        [2, dt.datetime(2024, 6, 26, 14, 30), "Care home", "A care home asks about moving residents.", "Tokyo", "Email"],
        [3, dt.datetime(2024, 6, 27, 9, 0), "Press", "Television asks for a statement.", "All players", "Media"],
    ],
}


def import_file(path: Path, options: ImportOptions | None = None) -> dict[str, Any]:
    options = options or ImportOptions(category="disaster")
    table = read_events(path.read_bytes(), str(path), options)
    document: dict[str, Any] = json.loads(import_events(table, template(), "out.json", options).text)
    return document


def test_a_workbook_with_a_notes_sheet_and_a_title_row_imports_and_plays(tmp_path: Path) -> None:
    document = import_file(workbook(tmp_path / "plan.xlsx", PLAN))
    shocks = document["shocks"]
    assert [shock["id"] for shock in shocks] == ["gauge-rising", "care-home", "press"]
    assert [shock["trigger"] for shock in shocks] == [{"atTurn": 1}, {"atTurn": 2}, {"atTurn": 3}]
    assert document["turns"]["names"][:3] == ["2024-06-26 09:00", "2024-06-26 14:30", "2024-06-27 09:00"]
    assert [shock.get("audience") for shock in shocks] == [["seoul"], ["tokyo"], None]
    assert shocks[0]["facilitatorNotes"] == "Type: Phone"
    assert len(list(simulate(load(document), games=3, seed=1))) == 3


def test_the_sheet_is_chosen_by_name_and_problems_are_at_the_spreadsheet_row(tmp_path: Path) -> None:
    sheets = {**PLAN, "Spare": [["Title", "Description", "To"], ["A", "a.", "Seol"]]}
    path = workbook(tmp_path / "plan.xlsx", sheets)
    with pytest.raises(InputError) as caught:
        import_file(path, ImportOptions(category="disaster", sheet="spare"))
    (problem,) = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert (problem.line, problem.column, problem.code) == (2, 3, "msel-unknown-name")
    with pytest.raises(ScenarioError, match="no sheet 'Plan'; its sheets: 'Read me', 'MSEL', 'Spare'"):
        import_file(path, ImportOptions(category="disaster", sheet="Plan"))


def test_a_bad_cell_in_a_workbook_is_reported_at_its_row_and_column(tmp_path: Path) -> None:
    rows = [["Title", "Description", "Category"], ["A", "a.", "other"], [], ["B", "b.", "misile"]]
    with pytest.raises(InputError) as caught:
        import_file(workbook(tmp_path / "plan.xlsx", {"Sheet": rows}), ImportOptions())
    (problem,) = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert (problem.line, problem.column, problem.code) == (4, 3, "msel-bad-category")


def test_the_command_reads_a_workbook_with_sheet_and_dry_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path / "plan.xlsx", PLAN)
    result = run_here(capsys, "msel", "import", str(path), "--sheet", "MSEL", "--category", "disaster", "--dry-run")
    assert result.returncode == 0, result.stdout
    assert "plan.xlsx: the column names are in row 3" in result.stdout
    assert "  row 4: gauge-rising 'Gauge rising'; '2024-06-26 09:00' -> Turn 1; to 'Seoul': seoul; disaster" in result.stdout


def test_a_json_timeline_under_its_own_key_imports_with_its_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "flood.json"
    source, mapping = DATA / "exercise-platform.json", DATA / "exercise-platform.toml"
    result = run_here(capsys, "msel", "import", str(source), "--map", str(mapping), "-o", str(target))
    assert result.returncode == 0, result.stderr
    shocks = load_scenario(target).document["shocks"]
    assert [shock["title"] for shock in shocks] == ["River gauge rising", "Evacuation question", "Press conference"]
    assert [shock.get("audience") for shock in shocks] == [["seoul"], ["seoul", "tokyo"], None]
    assert shocks[1]["facilitatorNotes"] == "channel: Email"
    assert shocks[2]["facilitatorNotes"] == "channel: Media\nowner: Lee"
    assert len(list(simulate(load_scenario(target), games=3, seed=1))) == 3


@pytest.mark.parametrize(
    ("text", "sheet", "titles"),
    [
        ('[{"Title": "A", "Description": "a."}, {"Title": "B", "Description": "b.", "To": ["seoul", "tokyo"]}]', None, "AB"),
        ('{"meta": {"x": 1}, "injects": [{"Title": "A", "Description": "a."}]}', None, "A"),
        ('{"a": [{"Title": "A", "Description": "a."}], "b": [{"Title": "B", "Description": "b."}]}', "b", "B"),
        ('{"exercise": {"events": [{"Title": "C", "Description": "c."}]}}', None, "C"),
    ],
)
def test_json_lists_as_arrays_or_under_a_key(tmp_path: Path, text: str, sheet: str | None, titles: str) -> None:
    path = tmp_path / "list.json"
    path.write_text(text, encoding="utf-8")
    document = import_file(path, ImportOptions(category="other", sheet=sheet))
    assert "".join(shock["title"] for shock in document["shocks"]) == titles


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("list.json", b'{"count": 3}', "the JSON holds no list of injects"),
        ("list.json", b"[1, 2", "not a JSON list of injects"),
        ("plan.xls", b"\xd0\xcf\x11\xe0rest", "save it as CSV or XLSX"),
        ("plan.ods", b"PK\x03\x04rest", ".ods workbooks cannot be read; save it as CSV or XLSX"),
        ("plan.numbers", b"", "save it as CSV or XLSX"),
        ("plan.xlsx", b"PK\x03\x04 not really", "not an XLSX workbook"),
    ],
)
def test_files_that_cannot_be_read_say_what_to_do(tmp_path: Path, name: str, data: bytes, needle: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        read_events(data, name)
    (problem,) = caught.value.diagnostics
    assert problem.code == "msel-unreadable" and needle in problem.message


def test_without_openpyxl_a_workbook_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ScenarioError, match=r"pip install 'whitecell\[xlsx\]'"):
        read_events(b"PK\x03\x04", "plan.xlsx")
    with pytest.raises(ScenarioError, match=r"pip install 'whitecell\[xlsx\]'") as caught:
        export_xlsx(bundled()[0].load(), "out/plan.xlsx")
    assert caught.value.diagnostics[0].file == "out/plan.xlsx"  # the file to be written, not the option's name


def test_export_writes_a_workbook_with_the_csv_columns_every_cell_guarded(tmp_path: Path) -> None:
    document = load(template()).document
    document = {**document, "shocks": [{"id": "a", "title": "=HYPERLINK(1)", "category": "other", "narrative": "@x"}]}
    scenario = load(document)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(scenario)))
    sheet = book["MSEL"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = export_csv(scenario).splitlines()[0].split(",")
    assert rows[0] == header
    assert rows[1][header.index("Inject Title")] == "'=HYPERLINK(1)"
    assert rows[1][header.index("Description")] == "'@x"
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)


def test_export_to_xlsx_and_refusing_other_workbooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "plan.xlsx"
    result = run_here(capsys, "msel", "export", "seoul-tokyo-2026", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"PK\x03\x04")
    usage_error(
        run_here(capsys, "msel", "export", "seoul-tokyo-2026", "-o", str(tmp_path / "plan.ods")), "name the file .csv or .xlsx"
    )


def round_trip_xlsx(scenario: Any, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_xlsx(scenario))
    table = read_events(path.read_bytes(), str(path))
    imported = import_events(table, dict(scenario.document), "out.json")
    assert [d for d in imported.warnings if d.code != "msel-never-fires"] == []
    result: dict[str, Any] = json.loads(imported.text)
    return result


@pytest.mark.parametrize("item", bundled(), ids=lambda item: item.name)
def test_bundled_scenarios_round_trip_through_a_workbook(item: Any, tmp_path: Path) -> None:
    scenario = item.load()
    assert round_trip_xlsx(scenario, tmp_path) == scenario.document


@given(scenario_documents())
def test_generated_scenarios_round_trip_through_a_workbook(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert round_trip_xlsx(load(document), Path(folder)) == document


def _rebuilt(data: bytes, change: Any) -> bytes:
    """A copy of a workbook with each member passed through ``change`` (None leaves it out)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            member = change(name, source.read(name))
            if member is not None:
                target.writestr(name, member)
    return out.getvalue()


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([c]), (b"&%s;" % bytes([c - 1])) * 10) for c in range(ord("b"), ord("i")))
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    + b'<c r="A1" t="inlineStr"><is><t>&h;</t></is></c></row></sheetData></worksheet>'
)


@pytest.mark.parametrize(
    ("case", "change"),
    [
        ("a sheet cut short", lambda name, data: data[: len(data) // 2] if "sheet1" in name else data),
        ("no workbook part", lambda name, data: None if name == "xl/workbook.xml" else data),
        ("broken styles", lambda name, data: b"<x" if "styles" in name else data),
        ("entities that multiply", lambda name, data: LAUGHS if "sheet1" in name else data),
    ],
)
def test_a_damaged_or_hostile_workbook_is_unreadable_not_a_crash(case: str, change: Any) -> None:
    good = export_xlsx(bundled()[0].load())
    with pytest.raises(ScenarioError) as caught:
        read_events(_rebuilt(good, change), "plan.xlsx")
    (problem,) = caught.value.diagnostics
    assert problem.code == "msel-unreadable" and "save it from the spreadsheet as .xlsx or as CSV" in problem.message


def test_json_nested_past_reason_is_unreadable() -> None:
    with pytest.raises(ScenarioError, match="nested too deeply"):
        read_events(b"[" * 100_000, "list.json")


def test_a_mapping_file_chooses_the_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spare = [["Title", "Description"], ["Wrong sheet", "x."]]  # a list too, found first without the mapping
    path = workbook(tmp_path / "plan.xlsx", {"Spare": spare, "MSEL": PLAN["MSEL"]})
    mapping = tmp_path / "map.toml"
    mapping.write_text('[defaults]\ncategory = "disaster"\n[import]\nsheet = "msel"\n', encoding="utf-8")
    result = run_here(capsys, "msel", "import", str(path), "--map", str(mapping))
    assert result.returncode == 0, result.stderr
    assert [shock["title"] for shock in json.loads(result.stdout)["shocks"]] == ["Gauge rising", "Care home", "Press"]


def test_the_same_scenario_gives_the_same_workbook_bytes() -> None:
    data = export_xlsx(bundled()[0].load())
    book = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in book.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    assert b"<dcterms:modified" in book.read("docProps/core.xml")
    assert b">2000-01-01T00:00:00Z</dcterms:modified>" in book.read("docProps/core.xml")
