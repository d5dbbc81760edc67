"""Issue 15, findings 1 and 2: dates and numbers the schema would take but the engine cannot use are refused by validate.

A start date whose turns run past 9999-12-31 once validated and then crashed docs, msel export,
replay and report (OverflowError, "year 10000"); a turn written 3.0 validated (JSON Schema counts
it as an integer) and crashed msel export. Both are now located errors, and a scenario right at
the edge of the calendar goes through every command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine import Exercise
from engine.cli.main import main
from engine.load.loader import check_scenario_bytes
from tests.helpers import doc, text_of

SHOCK = {
    "id": "quake",
    "title": "Quake",
    "category": "domestic",
    "narrative": "The ground shakes.",
    "trigger": {"atTurn": 2},
    "effects": [],
}


def codes(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    checked = check_scenario_bytes(text_of(document).encode(), "s.json")
    return [(d.code, d.pointer, d.message) for d in checked.diagnostics if d.severity == "error"]


@pytest.mark.parametrize(
    ("start", "step", "count"),
    [
        ("9999-12-31", "week", 8),
        ("9999-12-31", "day", 2),
        ("9999-11-01", "month", 3),
        ("9999-10-01", "quarter", 2),
        ("9995-06-01", "year", 5),
    ],
)
def test_turns_dated_past_9999_are_refused_at_the_start_date(start: str, step: str, count: int) -> None:
    found = codes(doc(turns={"count": count, "start": start, "step": step}))
    assert [(code, pointer) for code, pointer, _ in found] == [("bad-date", "/turns/start")]
    assert "past the year 9999" in found[0][2]


@pytest.mark.parametrize(
    ("start", "step", "count"), [("9999-12-24", "week", 1), ("9999-11-01", "month", 1), ("9998-01-01", "year", 1)]
)
def test_turns_that_end_by_9999_12_31_go_through_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str, step: str, count: int
) -> None:
    document = doc(
        turns={"count": count, "start": start, "step": step, "label": "Week"}, shocks=[dict(SHOCK, trigger={"atTurn": 1})]
    )
    assert codes(document) == []
    scenario = tmp_path / "edge.json"
    scenario.write_text(text_of(document), encoding="utf-8")
    journal = tmp_path / "edge.jsonl"
    with Exercise.open(str(scenario), seed=1, journal=journal) as game:
        game.resolve()
    for words in (
        ["docs", str(scenario)],
        ["msel", "export", str(scenario)],
        ["simulate", str(scenario), "--games", "2"],
        ["replay", str(journal)],
        ["replay", str(journal), "--json"],
        ["report", str(journal)],
    ):
        assert main(words) == 0, words
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("parts", "pointer"),
    [
        ({"shocks": [dict(SHOCK, trigger={"atTurn": 3.0})]}, "/shocks/0/trigger/atTurn"),
        ({"shocks": [dict(SHOCK, trigger={"from": 2.0, "to": 3})]}, "/shocks/0/trigger/from"),
        ({"turns": {"count": 4.0}}, "/turns/count"),
        ({"variables": [{"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 5e1}]}, "/variables/0/initial"),
    ],
)
def test_a_whole_number_written_with_a_decimal_point_is_a_located_error(parts: dict[str, Any], pointer: str) -> None:
    found = codes(doc(**parts))
    assert ("wrong-type", pointer) in [(code, where) for code, where, _ in found]
    message = next(message for code, where, message in found if where == pointer)
    assert "write it without a decimal point" in message


def test_msel_export_refuses_a_float_turn_instead_of_crashing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = doc(turns={"count": 4, "names": ["A", "B", "C", "D"]}, shocks=[dict(SHOCK, trigger={"atTurn": 3.0})])
    scenario = tmp_path / "float.json"
    scenario.write_text(text_of(document), encoding="utf-8")
    assert main(["msel", "export", str(scenario)]) == 1
    err = capsys.readouterr().err
    assert "/shocks/0/trigger/atTurn" in err and "[wrong-type]" in err
