"""Decision options and branches (issue 14): a poll's options become actions the inject opens, a choice picks the next inject."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from engine import Exercise
from engine.exercise import simulate
from engine.load.loader import load_scenario
from engine.msel.decisions import Option, OptionError, parse_options
from engine.msel.export import export_csv
from engine.msel.importer import import_events
from engine.msel.options import ImportOptions, mapping_options
from engine.msel.sources import read_events
from engine.msel.table import read_table
from engine.msel.template import template
from tests.helpers import load
from tests.test_cli import run_here
from tests.test_msel_mapping import import_text, problems

DATA = Path(__file__).parent / "data" / "msel"


@pytest.mark.parametrize(
    "cell",
    [
        "A) Pay; B) Refuse",
        "A) Pay B) Refuse",
        "(a) Pay\n(b) Refuse",
        "1. Pay | 2. Refuse",
        "- Pay\n- Refuse",
        "Pay; Refuse",
    ],
)
def test_the_ways_lists_write_options(cell: str) -> None:
    assert parse_options(cell) == [Option("Pay"), Option("Refuse")]


def test_a_word_before_a_colon_is_part_of_the_option() -> None:
    assert parse_options("No: we refuse; Yes: we pay") == [Option("No: we refuse"), Option("Yes: we pay")]


def test_an_option_names_the_inject_it_leads_to_in_the_cell_or_the_next_column() -> None:
    assert parse_options("A) Pay -> paid; B) Refuse (go to 7); C) Wait \u2192 inject 9") == [
        Option("Pay", "paid"),
        Option("Refuse", "7"),
        Option("Wait", "inject 9"),
    ]
    assert parse_options("A) Pay; B) Refuse", "paid; 7") == [Option("Pay", "paid"), Option("Refuse", "7")]
    assert parse_options("A) Pay; B) Refuse", "paid") == [Option("Pay", "paid"), Option("Refuse")]


@pytest.mark.parametrize(
    ("cell", "next_cell", "needle"),
    [
        ("A) Pay; B) Refuse", "x; y; z", "names 3 injects for 2 options"),
        ("A) Pay -> x; B) Refuse", "y", "leads to 'x' and to 'y'; keep one"),
        ("A) ; B) Refuse", "", "has no words"),
        ("; ".join(f"option {n}" for n in range(13)), "", "at most 12"),
        ("A) " + "x" * 201, "", "at most 200"),
    ],
)
def test_options_that_cannot_be_read(cell: str, next_cell: str, needle: str) -> None:
    with pytest.raises(OptionError, match=needle):
        parse_options(cell, next_cell)


HEADER = "No,Turn,Title,Description,Category,To,Options\n"


def test_options_become_actions_for_the_recipients_while_the_inject_is_in_progress() -> None:
    rows = '1,1,Ransom,Pay up.,cyber,Seoul,"A) Pay; B) Refuse"\n'
    actions = json.loads(import_text(HEADER + rows).text)["actions"]
    made = [action for action in actions if action.get("unlockedBy") == ["ransom"]]
    assert made == [
        {
            "id": "ransom-pay",
            "label": "Pay",
            "description": "An option of 'Ransom', open while it is in progress.",
            "roles": ["seoul"],
            "unlockedBy": ["ransom"],
            "limit": 1,
            "effects": [],
            "excludes": ["ransom-refuse"],
        },
        {
            "id": "ransom-refuse",
            "label": "Refuse",
            "description": "An option of 'Ransom', open while it is in progress.",
            "roles": ["seoul"],
            "unlockedBy": ["ransom"],
            "limit": 1,
            "effects": [],
            "excludes": ["ransom-pay"],
        },
    ]


def test_an_option_leading_to_no_inject_is_refused_at_its_cell() -> None:
    rows = '1,1,Ransom,Pay up.,cyber,,"A) Pay -> 5; B) Refuse -> payd"\n2,,Paid,They paid.,cyber,,\n'
    found = [d for d in problems(HEADER + rows) if d.code == "msel-bad-value"]
    assert [(d.line, d.column) for d in found] == [(2, 7)]
    assert "an option leads to '5', which is no inject of the list" in found[0].message


def test_importing_the_scenario_again_replaces_the_options_it_made(tmp_path: Path) -> None:
    rows = '1,1,Ransom,Pay up.,cyber,,"A) Pay; B) Refuse"\n'
    first = json.loads(import_text(HEADER + rows).text)
    again = json.loads(import_text(HEADER + rows, ImportOptions(), base=first).text)
    assert again["actions"] == first["actions"]


def test_the_branching_json_imports_and_a_choice_fires_its_next_inject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "branching.json"
    source, mapping = DATA / "branching.json", DATA / "branching.toml"
    result = run_here(capsys, "msel", "import", str(source), "--map", str(mapping), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "never fire" not in result.stderr
    scenario = load_scenario(target)
    assert len(list(simulate(scenario, games=5, seed=2))) == 5
    ex = Exercise.open(scenario, seed=1)
    options = {option.action: option for option in ex.legal_actions("ceo")}
    assert options["ransom-demand-pay-the-ransom"].available
    assert not options["data-published-notify-the-regulator-now"].available
    ex.submit("ceo", ["ransom-demand-pay-the-ransom"])
    ex.resolve()
    assert ex.view.times_fired("decryptor-fails") == 1
    assert ex.view.times_fired("data-published") == 0


def test_the_dry_run_shows_each_rows_options(capsys: pytest.CaptureFixture[str]) -> None:
    source, mapping = DATA / "branching.json", DATA / "branching.toml"
    result = run_here(capsys, "msel", "import", str(source), "--map", str(mapping), "--dry-run")
    assert result.returncode == 0, result.stdout
    assert "; options: Pay the ransom -> 2 | Refuse and restore from backups -> 3\n" in result.stdout


def test_export_writes_the_options_import_made_and_the_round_trip_is_exact(tmp_path: Path) -> None:
    source, mapping = DATA / "branching.json", DATA / "branching.toml"
    options = mapping_options(mapping.read_text(encoding="utf-8"), str(mapping))
    table = read_events(source.read_bytes(), str(source), options)
    scenario = load(json.loads(import_events(table, template(), "out.json", options).text))
    rows = list(csv.DictReader(io.StringIO(export_csv(scenario))))
    assert [row["Decision Options"] for row in rows] == [
        "A) Pay the ransom -> decryptor-fails; B) Refuse and restore from backups -> data-published",
        "",
        "A) Notify the regulator now; B) Wait for the forensic report",
    ]
    again = import_events(read_table(export_csv(scenario).encode(), "e.csv"), dict(scenario.document), "out.json")
    assert json.loads(again.text) == scenario.document


def test_an_option_edited_by_hand_is_left_to_the_scenario() -> None:
    rows = '1,1,Ransom,Pay up.,cyber,,"A) Pay; B) Refuse"\n'
    document = json.loads(import_text(HEADER + rows).text)
    pay = next(action for action in document["actions"] if action["id"] == "ransom-pay")
    pay["effects"] = [{"add": {"trust": -5}}]
    scenario = load(document)
    (row,) = list(csv.DictReader(io.StringIO(export_csv(scenario))))
    assert row["Decision Options"] == ""
    again = import_events(read_table(export_csv(scenario).encode(), "e.csv"), document, "out.json")
    assert json.loads(again.text) == document


def test_a_next_inject_column_without_options_is_reported_not_dropped_silently() -> None:
    imported = import_text("Turn,Title,Description,Category,Next\n1,A,a.,other,b\n")
    (warning,) = [d for d in imported.warnings if d.code == "msel-unknown-column"]
    assert (warning.line, warning.column) == (1, 5)
    assert "column 'Next' gives the inject each decision option leads to, but the list has no options column" in warning.message
