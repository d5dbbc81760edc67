"""The bundled Strait week: it uses the format's newer powers as its guide claims, every inject can
happen in play, its outcomes are spread, and both engines play it alike.

The figures asserted here are loose on purpose (a few hundred games): they say the scenario is
playable and not decided in advance, not what its exact shares are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from engine import GameResult, simulate
from engine.lint.check import lint
from engine.lint.source import open_source
from engine.load.catalog import resolve_scenario
from tests.test_cli import run_here

NAME = "strait-week"
GAMES = 400
SEED = 7


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return dict(resolve_scenario(NAME).document)


@pytest.fixture(scope="module")
def random_games() -> list[GameResult]:
    return list(simulate(NAME, games=GAMES, seed=SEED))


def conditions(value: object) -> Iterator[dict[str, Any]]:
    """Every object in a part of the document, nested ones included."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from conditions(item)
    elif isinstance(value, list):
        for item in value:
            yield from conditions(item)


def test_it_is_a_week_in_daily_turns_in_format_2(document: dict[str, Any]) -> None:
    assert document["format"] == 2
    assert document["turns"]["count"] == 7 and len(document["turns"]["names"]) == 7
    assert document["turns"]["label"] == "Day"
    assert document["turns"]["deadline"] > 0


def test_beijing_is_a_white_cell_actor_with_a_menu_of_moves(document: dict[str, Any]) -> None:
    actors = [role for role in document["roles"] if role.get("playedBy") == "white-cell"]
    assert [actor["id"] for actor in actors] == ["beijing"]
    teams = [role["id"] for role in document["roles"] if role.get("playedBy", "team") == "team"]
    assert teams == ["seoul", "tokyo"]
    assert sorted(actors[0]["audience"]) == teams
    moves = [action for action in document["actions"] if action["roles"] == ["beijing"]]
    assert 5 <= len(moves) <= 8
    assert all(action["effects"] for action in moves), "every move does something"


def test_the_posture_is_a_named_state_that_moves_are_tested_on_and_change(document: dict[str, Any]) -> None:
    named = [variable for variable in document["variables"] if "states" in variable]
    assert [variable["id"] for variable in named] == ["posture"]
    assert named[0]["states"] == ["routine", "exercise", "quarantine", "blockade"]
    found = list(conditions([document["actions"], document["shocks"], document["rules"], document["outcomes"]]))
    assert any("setState" in item for item in found) and any("stepState" in item for item in found)
    assert any(item.get("state") == "posture" for item in found)


def test_phases_brief_the_room_and_pause_for_a_hotwash(document: dict[str, Any]) -> None:
    phases = document["phases"]
    assert [(phase["from"], phase["to"]) for phase in phases] == [(1, 2), (3, 5), (6, 7)]
    assert any(phase.get("hotwash") for phase in phases)
    assert any(phase.get("briefing") for phase in phases[1:])
    scenario = resolve_scenario(NAME)
    assert scenario.hotwash_after(2) and scenario.hotwash_after(5) and not scenario.hotwash_after(7)
    assert scenario.deadline_at(4) == 10 and scenario.deadline_at(1) == 15


def test_three_exercise_objectives_each_tested_by_injects(document: dict[str, Any]) -> None:
    objectives = [objective["id"] for objective in document["exerciseObjectives"]]
    assert len(objectives) == 3
    tested = Counter(test for shock in document["shocks"] for test in shock.get("tests", []))
    assert all(tested[objective] >= 2 for objective in objectives), tested


def test_a_joint_choice_and_a_follow_up_that_checks_when_due(document: dict[str, Any]) -> None:
    joint = [item["chose"] for item in conditions(document["rules"]) if "roles" in item.get("chose", {})]
    assert {"roles": ["seoul", "tokyo"], "action": "joint-statement"} in joint
    follow_ups = [follow for shock in document["shocks"] for follow in shock.get("followUps", [])]
    assert any("if" in follow and follow["after"] >= 2 for follow in follow_ups)


def test_each_team_has_a_private_briefing_and_a_private_objective(document: dict[str, Any]) -> None:
    for role in document["roles"][:2]:
        assert role["briefing"]
        assert any(objective.get("visibility") == "private" for objective in role["objectives"]), role["id"]


def test_every_shock_fires_in_random_games(random_games: list[GameResult], document: dict[str, Any]) -> None:
    fired = Counter(shock for game in random_games for shock, times in game.shocks_fired.items() if times)
    assert {shock["id"] for shock in document["shocks"]} == set(fired)
    assert min(fired.values()) >= GAMES // 100, fired


def test_the_outcomes_are_spread_in_random_games(random_games: list[GameResult], document: dict[str, Any]) -> None:
    outcomes = Counter(game.outcome for game in random_games)
    assert set(outcomes) == {outcome["id"] for outcome in document["outcomes"]}, "every tier is reached"
    assert max(outcomes.values()) <= 0.6 * GAMES, outcomes


def test_greedy_teams_do_not_always_reach_the_best_outcome() -> None:
    games = list(simulate(NAME, games=60, seed=SEED, bots={"seoul": "greedy", "tokyo": "greedy"}))
    best = sum(game.outcome == "wound-down-together" for game in games)
    assert 0 < best < len(games)


@pytest.mark.parametrize("bots", [None, {"seoul": "passive"}, {"seoul": "greedy", "tokyo": "greedy"}])
def test_the_batch_and_the_scalar_engine_play_the_same_games(bots: dict[str, str] | None) -> None:
    games = 8 if bots and "greedy" in bots.values() else 150
    scalar = list(simulate(NAME, games=games, seed=SEED, bots=bots, engine="scalar"))
    assert list(simulate(NAME, games=games, seed=SEED, bots=bots, engine="batch")) == scalar


def test_the_list_names_beijing_as_played_by_the_white_cell(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_here(capsys, "list").stdout.splitlines()
    entry = lines.index(next(line for line in lines if line.startswith(NAME + " ")))
    assert lines[entry + 1].split(";")[1:] == [" roles: seoul, tokyo", " played by the white cell: beijing"]


def test_lint_finds_nothing() -> None:
    result = lint(open_source(NAME), 200, 1, None)
    assert not (result.validate or result.static or result.dynamic)
