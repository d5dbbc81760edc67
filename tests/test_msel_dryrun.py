"""msel import --dry-run (issue 14): how each column, time and recipient was understood, row by row, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import no_traceback, run_here, usage_error

DATA = Path(__file__).parent / "data" / "msel"
COMPANY = [str(DATA / "one-row-per-recipient.csv"), "--map", str(DATA / "one-row-per-recipient.toml")]


def test_the_dry_run_shows_each_column_and_row_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "new.json"
    result = run_here(capsys, "msel", "import", *COMPANY, "--dry-run", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert not target.exists()
    lines = result.stdout.splitlines()
    assert lines[0].endswith("one-row-per-recipient.csv: the column names are in row 1")
    assert "    B Day           -> Date" in lines
    assert "    E Recipient(s)  -> To" in lines
    assert "    F Method        -> Method (kept in the facilitator notes)" in lines
    assert (
        "  row 2: ransomware-note 'Ransomware note'; 'D+1 09:00' -> Turn 1; to 'IT Department, CEO': it-department, ceo; cyber"
    ) in lines
    assert "  row 5: regulator-asks 'Regulator asks'; 'D+2 09:00' -> Turn 3; to 'All players': every team; cyber" in lines
    assert "rows 2 and 3 differ only in their recipient" in result.stdout
    assert lines[-1] == "Dry run: nothing was written."


def test_a_refused_list_still_shows_its_reading_and_its_problems(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_here(capsys, "msel", "import", str(DATA / "card-deck.csv"), "--dry-run")
    assert result.returncode == 1
    no_traceback(result)
    assert "    D Deck         -> ignored" in result.stdout
    assert "  row 4: ransom-note 'Ransom note'; no time; to every team; no category  (1 problem below)" not in result.stdout
    assert "  row 4: ransom-note 'Ransom note'; no time; to every team; no category" in result.stdout
    assert "error: the header has no 'Category' column" in result.stdout
    assert "1 error, 2 warnings\nDry run: nothing was written." in result.stdout


def test_a_bad_cell_is_flagged_on_its_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text("Turn,Title,Description,Category,To\nfrom 2,A,a.,other,Seol\n3,B,b.,other,\n", encoding="utf-8")
    result = run_here(capsys, "msel", "import", str(plan), "--dry-run")
    assert result.returncode == 1
    assert "  row 2: a 'A'; 'from 2' -> from Turn 2; to 'Seol': every team; other  (1 problem below)" in result.stdout
    assert "  row 3: b 'B'; '3' -> Turn 3; to every team; other\n" in result.stdout


def test_the_dry_run_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_here(capsys, "msel", "import", *COMPANY, "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    assert reading["headerRow"] == 1 and reading["written"] is False
    assert reading["columns"][4] == {"column": "E", "header": "Recipient(s)", "field": "audience", "fate": "field"}
    first = reading["rows"][0]
    assert (first["row"], first["id"], first["time"], first["trigger"]) == (2, "ransomware-note", "D+1 09:00", {"atTurn": 1})
    assert first["audience"] == ["it-department", "ceo"]
    assert {problem["code"] for problem in reading["problems"]} >= {"msel-merged-rows", "msel-new-role"}


def test_text_from_the_list_reaches_the_terminal_made_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text("Turn,Title,Description,Category\n1,A\x1b[31mred,a.,other\n", encoding="utf-8")
    result = run_here(capsys, "msel", "import", str(plan), "--dry-run")
    assert "\x1b" not in result.stdout


def test_a_file_that_cannot_be_read_says_so_and_nothing_more(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.ods"
    plan.write_bytes(b"PK\x03\x04")
    result = run_here(capsys, "msel", "import", str(plan), "--dry-run")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].endswith("plan.ods: no column names were read")
    assert "save it as CSV or XLSX" in result.stdout


def test_json_without_a_dry_run_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    usage_error(run_here(capsys, "msel", "import", *COMPANY, "--json"), "--json prints a dry run's reading: add --dry-run")
