"""`whitecell simulate --per-game out.csv`: one row per game, the same games the report counts, safe to open."""

from __future__ import annotations

import csv
import functools
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.batch.dice import game_seeds
from engine.batch.per_game import PerGameCsv, chunk_text, text_cell
from engine.batch.play import play_batch, results
from engine.batch.state import Batch
from engine.bots.per_game import Guard, csv_text, header
from engine.bots.per_game import row as csv_row
from engine.bots.policies import RandomPolicy
from engine.bots.registry import make_bot
from engine.core.rules import compile_scenario
from engine.load.catalog import resolve_scenario
from engine.msel.cells import FORMULA_STARTS, guard
from tests.helpers import doc, game_of, text_of
from tests.strategies import scenario_documents
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


@given(scenario_documents(), st.integers(0, 2**64 - 1), st.sampled_from(["random", "passive"]), st.integers(0, 10**6))
def test_a_chunk_is_written_as_row_writes_each_of_its_games(document: dict[str, Any], seed: int, bot: str, first: int) -> None:
    """The columnar writer (every kind of scenario, named states included) gives the bytes of the csv module writing `row`."""
    game = game_of(document)
    batch = play_batch(game, game_seeds(seed, first, 9), {role: make_bot(bot) for role in game.role_ids})
    assert _chunk(batch, first, guard) == _by_row(batch, first, guard)


def test_odd_values_and_texts_that_need_quotes_are_written_as_row_writes_them() -> None:
    """A value outside the states (shown as a number, guarded as text), numbers too far apart to look up, and a
    guard whose texts the csv module must quote."""
    mood = {"id": "mood", "label": "Mood", "states": ["calm", "tense"], "initial": "tense"}
    wide = {"id": "wide", "label": "Wide", "min": -(10**6), "max": 10**6, "initial": 0}
    game = game_of(doc(format=2, variables=[*doc()["variables"], mood, wide]))
    batch = play_batch(game, game_seeds(1, 0, 6), {role: RandomPolicy() for role in game.role_ids})
    mood_row, wide_row = game.var_ids.index("mood"), game.var_ids.index("wide")
    batch.final_values[mood_row, :3] = [-4, 1, 7]
    batch.final_values[wide_row] = [-(10**6), 10**6, 5, -5, 0, 123_456]
    plain = _chunk(batch, 40, guard)
    assert plain == _by_row(batch, 40, guard)
    assert ",'-4," in plain and ",tense," in plain and ",7," in plain and ",-1000000," in plain

    def awkward(text: str) -> str:
        return f'"{text}", said\n{text}' if text in ("tense", "final-turn") else guard(text)

    quoted = _chunk(batch, 0, awkward)
    assert quoted == _by_row(batch, 0, awkward)
    assert '"""tense"", said\ntense"' in quoted
    assert [row[0] for row in csv.reader(io.StringIO(quoted))] == [str(n) for n in range(6)]


def test_chunks_and_games_make_the_same_file() -> None:
    """`PerGameCsv` takes the batch's chunks and the scalar engine's games: the same text, header first."""
    game = compile_scenario(resolve_scenario(None))
    policies = {role: RandomPolicy() for role in game.role_ids}
    by_chunk, by_game = io.StringIO(), io.StringIO()
    chunks, games = PerGameCsv(game, by_chunk, guard), PerGameCsv(game, by_game, guard)
    expected = []
    for first, count in ((0, 7), (7, 5)):
        batch = play_batch(game, game_seeds(3, first, count), policies)
        chunks.chunk(batch, first)
        for result in results(batch, first):
            games.game(result)
            expected.append(csv_row(game, result))
    assert by_chunk.getvalue() == by_game.getvalue() == csv_text(header(game), expected, guard)


def _chunk(batch: Batch, first: int, guard: Guard) -> str:
    return chunk_text(batch, first, functools.partial(text_cell, guard=guard))


def _by_row(batch: Batch, first: int, guard: Guard) -> str:
    """The chunk's rows, `row` by `row` through the csv module (`csv_text` without its header line)."""
    rows = [csv_row(batch.game, result) for result in results(batch, first)]
    return csv_text(header(batch.game), rows, guard).split("\r\n", 1)[1]
