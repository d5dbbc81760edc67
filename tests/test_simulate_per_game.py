"""`whitecell simulate --per-game out.csv`: one row per game, the same games the report counts, safe to open."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import attrs
import pytest

from engine.batch import batch_results
from engine.bots.per_game import csv_text, header, per_game_csv
from engine.bots.per_game import row as csv_row
from engine.bots.policies import RandomPolicy
from engine.core.rules import compile_scenario
from engine.load.catalog import resolve_scenario
from engine.msel.cells import FORMULA_STARTS, guard
from tests.helpers import BUNDLED, doc, game_of, text_of
from tests.test_cli import run_here

HOSTILE = '=HYPERLINK("http://evil.example","x")'

SCENARIO: dict[str, Any] = doc(
    title=HOSTILE,
    variables=[
        {"id": "trust", "label": HOSTILE, "min": 0, "max": 100, "initial": 50},
        {"id": "debt", "label": "+cmd|' /C calc'!A0", "min": -100, "max": 100, "initial": -5},
    ],
    actions=[
        {
            "id": "talk",
            "label": "@SUM(A1:A9)",
            "roles": ["seoul", "tokyo"],
            "effects": [{"chance": 0.5, "then": [{"add": {"trust": 5}}], "else": [{"add": {"trust": -5}}]}],
        }
    ],
    shocks=[
        {
            "id": "storm",
            "title": HOSTILE,
            "category": "disaster",
            "narrative": "-2+3",
            "trigger": {"chance": 0.5},
            "effects": [{"add": {"trust": -3}}],
        },
        {
            "id": "quake",
            "title": "Quake",
            "category": "disaster",
            "narrative": "A quake.",
            "trigger": {"chance": 0.25},
            "effects": [{"add": {"debt": -1}}],
        },
    ],
    outcomes=[
        {"id": "good", "title": HOSTILE, "when": {"var": "trust", "atLeast": 50}},
        {"id": "bad", "title": "Bad"},
    ],
)

COLUMNS = [
    "index",
    "seed",
    "outcome",
    "end_reason",
    "end_turn",
    "var.trust",
    "var.debt",
    "score.seoul",
    "score.tokyo",
    "shock.storm",
    "shock.quake",
]


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(text_of(SCENARIO), encoding="utf-8")
    return path


def rows_of(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as stream:
        return list(csv.reader(stream))


def simulate(capsys: pytest.CaptureFixture[str], scenario: Path, out: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return run_here(capsys, "simulate", str(scenario), "--games", "12", "--seed", "3", "--per-game", str(out), *more)


def test_one_row_per_game_with_every_column(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "games.csv"
    result = simulate(capsys, scenario, out, "--json")
    assert result.returncode == 0, result.stderr
    header, *rows = rows_of(out)
    assert header == COLUMNS
    assert len(rows) == 12
    assert [int(row[0]) for row in rows] == list(range(12))
    assert len({row[1] for row in rows}) == 12
    report = json.loads(result.stdout)
    # The rows are the games the report counts.
    assert {outcome: sum(row[2] == outcome for row in rows) for outcome in ("good", "bad")} == report["outcomes"]
    assert sum(int(row[9]) > 0 for row in rows) == report["shocks"]["storm"]
    assert sum(int(row[10]) > 0 for row in rows) == report["shocks"]["quake"]
    trust = [int(row[5]) for row in rows]
    assert (min(trust), max(trust)) == (report["variables"]["trust"]["min"], report["variables"]["trust"]["max"])
    assert [int(row[4]) for row in rows] == [4] * 12
    assert {row[3] for row in rows} == {"final-turn"}
    # Negative numbers stay numbers, not guarded text.
    assert all(int(row[6]) <= -5 for row in rows)


def test_same_arguments_same_bytes(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    assert simulate(capsys, scenario, first).returncode == 0
    assert simulate(capsys, scenario, second, "--policy", "random").returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert run_here(capsys, "simulate", str(scenario), "--games", "12", "--seed", "4", "--per-game", str(other)).returncode == 0
    assert other.read_bytes() != first.read_bytes()


def test_hostile_text_never_becomes_a_formula(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "games.csv"
    assert simulate(capsys, scenario, out).returncode == 0
    for row in rows_of(out):
        for cell in row:
            assert cell[:1] not in FORMULA_STARTS or cell.lstrip("-").isdigit(), cell
    # Every text cell goes through the guard, headers included; whole numbers are written as they are.
    text = csv_text([HOSTILE, "score.x"], [["@SUM(A1)", -3], ["\tx", 7], ["'=x", 0]], guard)
    assert list(csv.reader(io.StringIO(text))) == [
        ["'" + HOSTILE, "score.x"],
        ["'@SUM(A1)", "-3"],
        ["'\tx", "7"],
        ["''=x", "0"],
    ]


def test_a_hostile_id_is_refused_before_anything_is_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text_of({**SCENARIO, "outcomes": [{"id": "=cmd", "title": "Bad"}]}), encoding="utf-8")
    out = tmp_path / "games.csv"
    result = simulate(capsys, path, out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_an_existing_file_is_kept_unless_forced(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "games.csv"
    out.write_text("keep me\n", encoding="utf-8")
    refused = simulate(capsys, scenario, out)
    assert refused.returncode == 1
    assert "exists" in refused.stderr and "--force" in refused.stderr
    assert refused.stdout == ""
    assert out.read_text(encoding="utf-8") == "keep me\n"
    forced = simulate(capsys, scenario, out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert rows_of(out)[0] == COLUMNS


def test_only_a_csv_name_is_written(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    result = simulate(capsys, scenario, target, "--force")
    assert result.returncode == 2
    assert "ending in .csv" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("name", BUNDLED)
def test_the_fast_writer_writes_what_each_row_says(name: str) -> None:
    """`per_game_csv` reads the rows' dicts by getters and guards each distinct text once: the bytes of `csv_text` of `row`."""
    game = compile_scenario(resolve_scenario(name))
    results = list(batch_results(game, 40, 3, {role: RandomPolicy() for role in game.role_ids}))
    slow = csv_text(header(game), [csv_row(game, result) for result in results], guard)
    assert per_game_csv(game, results, guard) == slow


def test_the_fast_writer_writes_named_states_as_row_does() -> None:
    """A state's name, and a value outside the states (text a spreadsheet would read as a formula), as `row` writes them."""
    mood = {"id": "mood", "label": "Mood", "states": ["calm", "tense"], "initial": "tense"}
    game = game_of(doc(format=2, variables=[*doc()["variables"], mood]))
    result = next(iter(batch_results(game, 1, 1, {role: RandomPolicy() for role in game.role_ids})))
    odd = attrs.evolve(result, variables={**result.variables, "mood": -4})
    text = per_game_csv(game, [result, odd], guard)
    assert text == csv_text(header(game), [csv_row(game, result), csv_row(game, odd)], guard)
    assert ",tense," in text and ",'-4," in text
