"""`simulate` on a variable of named states: its figures are the games ending in each state, by name.

A mean of the states' places in their list ("Legal designation 1.3") would mean nothing to an
author, so the text report gives such a variable a block of its own, the JSON a ``states`` object,
and the per-game CSV the state's name.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from engine.batch.totals import Totals
from engine.bots.registry import make_bot
from engine.bots.simulate import simulate
from tests.helpers import doc, game_of, text_of
from tests.test_cli import run_here

STATES = ["none", "important-influence", "survival-threatening", "armed-attack"]


def document() -> dict[str, Any]:
    """Two teams who may step a designation up or down; the dice decide which they take."""
    return doc(
        format=2,
        variables=[
            {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50},
            {"id": "designation", "label": "Legal designation", "states": STATES, "initial": "none"},
        ],
        actions=[
            {"id": "escalate", "label": "Escalate", "roles": ["seoul"], "effects": [{"stepState": {"designation": 1}}]},
            {"id": "calm", "label": "Calm", "roles": ["seoul", "tokyo"], "effects": [{"add": {"trust": 2}}]},
            {"id": "stand-down", "label": "Stand down", "roles": ["tokyo"], "effects": [{"stepState": {"designation": -1}}]},
        ],
    )


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "designation.json"
    path.write_text(text_of(document()), encoding="utf-8")
    return path


def test_the_report_counts_the_games_ending_in_each_state() -> None:
    game = game_of(document())
    policies = {role: make_bot("random") for role in game.role_ids}
    rows: list[Any] = []
    report = simulate(game, 120, 4, policies, each_game=rows.append)
    endings = [row.variables["designation"] for row in rows]
    assert report.states == {"designation": {state: endings.count(n) for n, state in enumerate(STATES)}}
    assert sum(report.states["designation"].values()) == 120
    assert len({count for count in report.states["designation"].values() if count}) > 1, "the dice reach several states"
    assert "trust" not in report.states, "a variable of numbers keeps its mean, lowest and highest"


def test_text_json_and_csv_name_the_states(capsys: pytest.CaptureFixture[str], scenario: Path, tmp_path: Path) -> None:
    text = run_here(capsys, "simulate", str(scenario), "--games", "60", "--seed", "2")
    assert text.returncode == 0, text.stderr
    numbers, _, states = text.stdout.partition("States at the end (games that ended in each)\n")
    assert "Legal designation" not in numbers, "no mean of the states' places"
    assert "  Trust " in numbers
    block = states.split("\n\n")[0].splitlines()
    assert block[0] == "  Legal designation"
    assert [line.split()[0] for line in block[1:]] == STATES

    as_json = json.loads(run_here(capsys, "simulate", str(scenario), "--games", "60", "--seed", "2", "--json").stdout)
    counts = as_json["states"]["designation"]
    assert list(counts) == STATES and sum(counts.values()) == 60
    for line, state in zip(block[1:], STATES, strict=True):
        assert int(line.split()[1]) == counts[state]

    rows, scalar = tmp_path / "rows.csv", tmp_path / "scalar.csv"
    assert run_here(capsys, "simulate", str(scenario), "--games", "60", "--seed", "2", "--per-game", str(rows)).returncode == 0
    table = list(csv.DictReader(io.StringIO(rows.read_text(encoding="utf-8"))))
    assert {row["var.designation"] for row in table} <= set(STATES)
    assert {state: [row["var.designation"] for row in table].count(state) for state in STATES} == counts
    assert all(row["var.trust"].isdigit() for row in table)
    # The batch writes its chunks from their arrays, the scalar engine game by game: the same bytes.
    by_game = ["--per-game", str(scalar), "--engine", "scalar"]
    assert run_here(capsys, "simulate", str(scenario), "--games", "60", "--seed", "2", *by_game).returncode == 0
    assert scalar.read_bytes() == rows.read_bytes()


def test_a_scenario_without_named_states_has_no_states_block(capsys: pytest.CaptureFixture[str]) -> None:
    text = run_here(capsys, "simulate", "missile-crisis", "--games", "5")
    assert "States at the end" not in text.stdout
    assert "states" not in json.loads(run_here(capsys, "simulate", "missile-crisis", "--games", "5", "--json").stdout)


def test_batch_totals_carry_the_state_counts_through_json_and_merging() -> None:
    game = game_of(document())
    base = Totals(
        scenario=game.scenario.digest,
        engine="test",
        seed=1,
        policies=(("seoul", "random"), ("tokyo", "random")),
        ranges=((0, 3),),
        outcomes=(3,),
        end_reasons=(3,),
        shocks=(),
        actions=(1, 2, 3),
        available=(3, 3, 3),
        variables=((150, 40, 60), (3, 0, 2)),
        states=((1, 1, 1, 0),),
        turns=(9, 3, 3),
        scores=((0, 0, 0), (0, 0, 0)),
        objectives=((), ()),
    )
    later = Totals.from_json(json.loads(json.dumps(base.to_json())))
    assert later == base
    later = attrs.evolve(later, ranges=((3, 2),), states=((0, 0, 1, 1),))
    merged = base.merge(later)
    assert merged.states == ((1, 1, 2, 1),)
    assert merged.report(game).states == {"designation": dict(zip(STATES, (1, 1, 2, 1), strict=True))}
