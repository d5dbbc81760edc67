"""Events-list (MSEL) export and import: round trips, spreadsheet quirks, every import error, the CLI.

The round trip is the promise: export a scenario, import the CSV with the same scenario as the
base, and the scenario is the same document and plays the same (same simulate output).
"""

from __future__ import annotations

import codecs
import copy
import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.core.model import Scenario
from engine.load.catalog import bundled
from engine.load.diagnostics import Diagnostic, InputError
from engine.load.loader import load_scenario
from engine.msel.codes import CODES
from engine.msel.columns import COLUMNS
from engine.msel.export import export_csv
from engine.msel.importer import Imported, import_events
from engine.msel.table import read_table
from tests.helpers import doc, examples, load
from tests.strategies import scenario_documents
from tests.test_cli import COMMAND, no_traceback, run_here

BASE = doc(
    variables=[
        {
            "id": "trust",
            "label": "Trust",
            "min": 0,
            "max": 100,
            "initial": 50,
            "bands": [{"id": "low", "label": "Low", "from": 0}, {"id": "high", "label": "High", "from": 50}],
        }
    ],
)
HEADER = "Serial,Turn,Inject ID,Inject Title,Description,Category,Trigger,Effects,Duration,Guaranteed"


def import_bytes(data: bytes, base: dict[str, Any] | None = None) -> Imported:
    """Import CSV bytes named events.csv into a base document (the small BASE by default)."""
    return import_events(read_table(data, "events.csv"), base or BASE, "out.json")


def problems_of(data: bytes) -> tuple[Diagnostic, ...]:
    with pytest.raises(InputError) as caught:
        import_bytes(data)
    return caught.value.diagnostics


def round_trip(scenario: Scenario) -> dict[str, Any]:
    imported = import_bytes(export_csv(scenario).encode("utf-8"), dict(scenario.document))
    # the one warning a round trip may give: the scenario's own shocks that only the facilitator injects
    assert [d for d in imported.warnings if d.code != "msel-never-fires"] == []
    result: dict[str, Any] = json.loads(imported.text)
    return result


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("item", bundled(), ids=lambda item: item.name)
def test_bundled_scenarios_round_trip_and_play_the_same(item: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = item.load()
    csv_file, new_file = tmp_path / "events.csv", tmp_path / "new.json"
    assert run_here(capsys, "msel", "export", item.name, "-o", str(csv_file)).returncode == 0
    result = run_here(capsys, "msel", "import", str(csv_file), "--base", item.name, "-o", str(new_file))
    assert result.returncode == 0, result.stderr
    assert json.loads(new_file.read_text(encoding="utf-8")) == scenario.document
    assert load_scenario(new_file).digest == scenario.digest
    before = run_here(capsys, "simulate", item.name, "--games", "40", "--seed", "11")
    after = run_here(capsys, "simulate", str(new_file), "--games", "40", "--seed", "11")
    assert (before.returncode, after.returncode) == (0, 0)
    assert after.stdout == before.stdout


@settings(max_examples=examples(1.5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_documents())
def test_generated_scenarios_round_trip_exactly(document: dict[str, Any]) -> None:
    scenario = load(document)
    assert round_trip(scenario) == document


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_guarded_and_restored() -> None:
    document = copy.deepcopy(BASE)
    document["shocks"] = [
        {"id": "a", "title": "=HYPERLINK(1)", "category": "other", "narrative": "+1 more", "source": "'-quoted"},
        {
            "id": "b",
            "title": "'plain",
            "category": "other",
            "narrative": 'line one\nline two, "quoted"',
            "facilitatorNotes": "@x",
        },
    ]
    scenario = load(document)
    rows = list(csv.reader(io.StringIO(export_csv(scenario), newline="")))
    assert rows[1][3] == "'=HYPERLINK(1)"
    assert rows[1][4] == "'+1 more"
    assert round_trip(scenario) == document


def test_the_serial_column_orders_the_shocks_whatever_the_row_order() -> None:
    scenario = bundled()[0].load()
    rows = list(csv.reader(io.StringIO(export_csv(scenario), newline="")))
    shuffled = [rows[0], *sorted(rows[1:], key=lambda row: (row[5], row[2]))]
    assert shuffled != rows
    imported = import_bytes(_csv_bytes(shuffled), dict(scenario.document))
    assert json.loads(imported.text) == scenario.document


# --- spreadsheets ------------------------------------------------------------------------------


def _csv_bytes(rows: list[list[str]], delimiter: str = ",", bom: bool = False, prefix: str = "") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (codecs.BOM_UTF8 if bom else b"") + (prefix + buffer.getvalue()).encode("utf-8")


@pytest.mark.parametrize("sep_line", [False, True])
def test_a_spreadsheet_saved_csv_imports_the_same(sep_line: bool) -> None:
    """BOM, ';' between cells, CRLF, a multi-line cell, blank rows, other headers in another order, an extra column."""
    document = copy.deepcopy(dict(bundled()[0].load().document))
    document["shocks"][0]["facilitatorNotes"] = "First line.\nSecond line; with a semicolon."
    scenario = load(document)
    rows = list(csv.reader(io.StringIO(export_csv(scenario), newline="")))
    renamed = {"Inject ID": "inject_id", "Inject Title": "TITLE", "Description": " narrative ", "Trigger": "trigger"}
    header = [renamed.get(name, name) for name in rows[0]]
    table = [[*reversed(row), ""] for row in [header, *rows[1:]]]
    table[0][-1] = "Owner"
    table[3][-1] = "Kim"
    table = [table[0], ["", ""], *table[1:3], [], *table[3:], ["", " ", ""]]
    data = _csv_bytes(table, delimiter=";", bom=True, prefix="sep=;\r\n" if sep_line else "")
    assert b"\r\n" in data and data.startswith(codecs.BOM_UTF8)
    imported = import_bytes(data, document)
    assert json.loads(imported.text) == document
    (warning,) = imported.warnings
    assert (warning.code, warning.severity, warning.column) == ("msel-unknown-column", "warning", len(header) + 1)
    assert "'Owner'" in warning.message


# --- import errors, each at its row and column ------------------------------------------------------

ERROR_CASES = [
    ("msel-unreadable", HEADER.encode() + b"\n1,,a,A,\x80,other", 2, 8, "not UTF-8"),
    ("msel-missing-column", b"Inject ID,Inject Title,Description\na,A,B", 1, 1, "no 'Category' column"),
    ("msel-duplicate-column", b"Inject ID,Title,Inject Title,Description,Category\na,A,A,B,other", 1, 3, "keep one"),
    ("msel-empty-cell", (HEADER + "\n1,,a,,Text,other,,,,").encode(), 2, 4, 'column "Inject Title": this cell is empty'),
    ("msel-bad-id", (HEADER + "\n1,,Big Bang,A,Text,other,,,,").encode(), 2, 3, "e.g. 'big-bang'"),
    ("msel-duplicate-id", (HEADER + "\n1,,a,A,T,other,,,,\n2,,a,B,T,other,,,,").encode(), 3, 3, "already the id of row 2"),
    ("msel-bad-value", (HEADER + "\n1,,a,A,T,other,,,two,").encode(), 2, 9, 'column "Duration": expected a whole number'),
    ("msel-bad-category", (HEADER + "\n1,,a,A,T,misile,,,,").encode(), 2, 6, "did you mean 'missile'?"),
    ("msel-bad-notation", (HEADER + "\n1,,a,A,T,other,trust >=,,,").encode(), 2, 7, 'column "Trigger": expected a whole number'),
    (
        "msel-unknown-name",
        (HEADER + "\n1,,a,A,T,other,,trst +1,,").encode(),
        2,
        8,
        "unknown variable 'trst'; did you mean 'trust'?",
    ),
    ("msel-invalid-scenario", (HEADER + "\n1,,a,A,T,other,,,,yes").encode(), 2, 10, "would not validate"),
]


def test_every_error_code_has_a_case() -> None:
    codes = {code.code for code in CODES}
    mapped = {
        "msel-bad-mapping",
        "msel-times-as-turns",
        "msel-never-fires",
        "msel-new-role",
        "msel-merged-rows",
        "msel-words-not-read",
    }
    assert {case[0] for case in ERROR_CASES} | {"msel-unknown-column"} | mapped == codes
    assert all(code.summary and code.explanation for code in CODES)


@pytest.mark.parametrize(("code", "data", "row", "column", "message"), ERROR_CASES, ids=[case[0] for case in ERROR_CASES])
def test_each_error_is_reported_at_its_cell(code: str, data: bytes, row: int, column: int, message: str) -> None:
    found = [d for d in problems_of(data) if d.code == code]
    assert found, problems_of(data)
    assert (found[0].line, found[0].column) == (row, column)
    assert message in found[0].message
    assert found[0].file == "events.csv"


def test_all_problems_are_reported_at_once() -> None:
    data = (HEADER + "\n1,,a,A,T,misile,,,,\nx,,b,B,T,other,turn >,trust ++1,0,maybe").encode()
    found = [(d.line, d.column, d.code) for d in problems_of(data)]
    assert found == [
        (2, 6, "msel-bad-category"),
        (3, 7, "msel-bad-notation"),
        (3, 8, "msel-bad-notation"),
        (3, 9, "msel-bad-value"),
        (3, 10, "msel-bad-value"),
    ]


def test_an_unknown_column_is_a_warning_with_a_suggestion() -> None:
    imported = import_bytes(b"Inject ID,Inject Title,Description,Category,Catgory\na,A,T,other,x")
    (warning,) = (d for d in imported.warnings if d.code != "msel-never-fires")
    assert (warning.line, warning.column, warning.severity) == (1, 5, "warning")
    assert "did you mean 'Category'?" in warning.message


def test_the_turn_column_reads_calendar_words_and_plain_numbers() -> None:
    rows = "\n".join(
        f"{n},{turn},s{n},A,T,other,,,," for n, turn in enumerate(["Turn 2", "3-4", "from 2", "until 3", "Turn 1 to Turn 4"], 1)
    )
    shocks = json.loads(import_bytes((HEADER + "\n" + rows).encode()).text)["shocks"]
    assert [shock["trigger"] for shock in shocks] == [
        {"atTurn": 2},
        {"from": 3, "to": 4},
        {"from": 2},
        {"to": 3},
        {"from": 1, "to": 4},
    ]


def test_every_column_has_a_documented_header() -> None:
    text = (Path(__file__).parents[1] / "docs" / "events-list.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| {column.header} |" in text


# --- the command line ------------------------------------------------------------------------------


def test_export_to_stdout_and_refusing_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_here(capsys, "msel", "export", "missile-crisis")
    assert shown.returncode == 0
    assert shown.stdout.startswith(",".join(column.header for column in COLUMNS) + "\r\n")
    target = tmp_path / "events.csv"
    target.write_text("keep me", encoding="utf-8")
    refused = run_here(capsys, "msel", "export", "missile-crisis", "-o", str(target))
    assert refused.returncode == 1
    assert "exists; add --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run_here(capsys, "msel", "export", "missile-crisis", "-o", str(target), "--force")
    assert forced.returncode == 0
    assert target.read_bytes() == shown.stdout.encode("utf-8")


def test_import_reports_bad_cells_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("events.csv").write_text(HEADER + "\n1,,a,A,T,other,trust >=,,,\n", encoding="utf-8")
    result = run_here(capsys, "msel", "import", "events.csv", "-o", "new.json")
    assert result.returncode == 1
    assert result.stderr.startswith('events.csv:2:7: error: column "Trigger": expected a whole number')
    assert "1 error; nothing was written" in result.stderr
    assert not Path("new.json").exists()
    no_traceback(result)


def test_import_without_a_base_fills_the_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "events.csv", tmp_path / "new.json"
    source.write_text(
        HEADER + "\n1,Turn 2,talks,Talks,They talk.,diplomatic,tension >= 40,trust +3; seoul.political-capital -1,2,\n"
    )
    result = run_here(capsys, "msel", "import", str(source), "-o", str(target))
    assert result.returncode == 0, result.stderr
    scenario = load_scenario(target)
    assert scenario.id == "imported-events"
    assert [shock.id for shock in scenario.shocks] == ["talks"]
    again = run_here(capsys, "msel", "import", str(source), "-o", str(target))
    assert again.returncode == 1
    assert "exists; add --force" in again.stderr


@pytest.mark.parametrize(
    ("args", "status", "needle"),
    [
        (["msel"], 2, "required"),
        (["msel", "export"], 2, "required"),
        (["msel", "export", "no-such-scenario"], 1, "no bundled scenario of that name"),
        (["msel", "import", "missing.csv"], 1, "missing.csv:1:1: error: no such file"),
    ],
)
def test_bad_usage_and_missing_inputs(args: list[str], status: int, needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_here(capsys, *args)
    assert result.returncode == status
    assert needle in result.stderr
    no_traceback(result)


def test_the_installed_command_exports_in_a_process(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    done = subprocess.run(
        [*COMMAND, "msel", "export", "history-flare-up", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote" in done.stderr
    assert target.read_bytes().startswith(b"Serial,Turn,Inject ID")


# --- untrusted input never crashes ------------------------------------------------------------------

FRAGMENTS = ["trust >= 5", "trust +1", "3 to 2", "yes", "9999999999999999", "²", "(none)", "((", '"', "a, b", "1e999%"]
CELLS = st.one_of(st.text(max_size=24), st.sampled_from(FRAGMENTS), st.sampled_from([c.header for c in COLUMNS]))


@settings(max_examples=examples(2), deadline=None)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=len(COLUMNS) + 1), max_size=4), st.sampled_from([",", ";"]))
def test_any_cells_give_a_scenario_or_located_problems(rows: list[list[str]], delimiter: str) -> None:
    header = [column.header for column in COLUMNS]
    data = _csv_bytes([header, *rows], delimiter=delimiter)
    try:
        imported = import_bytes(data)
    except InputError as error:
        assert error.diagnostics
        assert all(d.file == "events.csv" and d.line >= 1 and d.column >= 1 for d in error.diagnostics)
    else:
        assert load(json.loads(imported.text)).shocks is not None


@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_with_a_diagnostic(data: bytes) -> None:
    try:
        read_table(data, "events.csv")
    except InputError as error:
        assert {d.code for d in error.diagnostics} == {"msel-unreadable"}


def test_dropping_a_shock_the_base_refers_to_explains_the_replacement() -> None:
    scenario = bundled()[0].load()
    rows = list(csv.reader(io.StringIO(export_csv(scenario), newline="")))
    with pytest.raises(InputError) as caught:
        import_bytes(_csv_bytes(rows[:5]), dict(scenario.document))
    first = caught.value.diagnostics[0]
    assert (first.line, first.column, first.code) == (1, 1, "msel-invalid-scenario")
    assert "of the base scenario" in first.message
    assert "keep a row for every shock it refers to" in first.message
