"""White-cell actors in the batched engine: a bot plays an actor as it plays a team, game by game as the scalar engine.

An actor's audience decides only who is told of its moves, which bot games do not record, and an
actor has no objectives (it scores 0 in both engines), so the batch plays it like any role. The
tiny scenario here is written so the actor's choices decide the outcome; the full template (whose
mediator is an actor) plays batched too, and so does the report `simulate` prints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.batch import batch_results, batch_simulate, can_batch
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy
from engine.bots.simulate import GameResult, play_results, simulate
from engine.core.rules import Game
from engine.templates import build
from engine.templates.roles import parse_roles
from tests.helpers import action, doc, game_of, text_of
from tests.test_cli import run_here

BOTS: dict[str, type[Policy]] = {"random": RandomPolicy, "passive": PassivePolicy, "greedy": GreedyPolicy}


def pressing(audience: list[str] | None = None) -> dict[str, Any]:
    """Beijing, an actor, drills (trust -15) or mediates (+10) with its one point; the outcome reads what it chose."""
    beijing: dict[str, Any] = {
        "id": "beijing",
        "name": "Beijing",
        "budget": 1,
        "playedBy": "white-cell",
        "resources": [{"id": "leverage", "label": "Leverage", "initial": 1, "max": 3, "perTurn": 1}],
    }
    if audience is not None:
        beijing["audience"] = audience
    return doc(
        format=2,
        turns={"count": 4},
        roles=[
            {
                "id": "seoul",
                "name": "Seoul",
                "budget": 1,
                "objectives": [{"id": "calm", "description": "Trust holds", "condition": {"var": "trust", "atLeast": 50}}],
            },
            {"id": "tokyo", "name": "Tokyo", "budget": 1},
            beijing,
        ],
        actions=[
            action("drill", roles=["beijing"], spend={"leverage": 1}, effects=[{"add": {"trust": -15}}]),
            action("mediate", roles=["beijing"], effects=[{"add": {"trust": 10}}]),
            action("talk", roles=["seoul", "tokyo"], effects=[{"add": {"trust": 2}}]),
        ],
        outcomes=[
            {"id": "pressed", "title": "Pressed", "when": {"uses": "drill", "role": "beijing", "atLeast": 3}},
            {"id": "eased", "title": "Eased", "when": {"uses": "mediate", "role": "beijing", "atLeast": 3}},
            {"id": "mixed", "title": "Mixed"},
        ],
    )


def same_games(game: Game, games: int, seed: int, bots: tuple[str, ...], chunk: int = 7) -> list[GameResult]:
    """Both engines' rows for these bots (a role past the names gets the last name's); they must be equal."""
    policies = {role: BOTS[bots[min(r, len(bots) - 1)]]() for r, role in enumerate(game.role_ids)}
    assert can_batch(game.scenario, policies) is None
    scalar = list(play_results(game, games, seed, policies))
    batched = list(batch_results(game, games, seed, policies, chunk=chunk))
    for expected, found in zip(scalar, batched, strict=True):
        assert found == expected, f"game {expected.index} (seed {expected.seed}) differs"
    assert batch_simulate(game, games, seed, policies, chunk=chunk) == simulate(game, games, seed, policies)
    return batched


@pytest.mark.parametrize("audience", [None, ["seoul"]])
def test_an_actors_moves_decide_games_batched_as_scalar(audience: list[str] | None) -> None:
    rows = same_games(game_of(pressing(audience)), 80, 5, ("random",))
    assert {row.outcome for row in rows} == {"pressed", "eased", "mixed"}, "the actor's choices decide the games"
    assert {row.scores["beijing"] for row in rows} == {0}, "an actor has no objectives"
    assert {row.scores["seoul"] for row in rows} == {0, 1}
    passive = same_games(game_of(pressing(audience)), 10, 5, ("random", "random", "passive"))
    assert {row.outcome for row in passive} == {"mixed"}, "a passive actor moves nothing"


def test_greedy_bots_play_beside_an_actor_batched_as_scalar() -> None:
    same_games(game_of(pressing()), 6, 2, ("greedy",), chunk=4)
    same_games(game_of(pressing(["tokyo"])), 6, 2, ("greedy", "random", "greedy"), chunk=4)


@pytest.mark.parametrize("bots", [("random",), ("greedy", "random")])
def test_the_full_templates_mediator_is_played_batched(bots: tuple[str, ...]) -> None:
    game = game_of(build("full", "tour", parse_roles("seoul,tokyo")))
    assert [role.id for role in game.scenario.actors] == ["mediator"]
    games = 60 if bots == ("random",) else 4
    rows = same_games(game, games, 9, bots, chunk=25)
    assert any(row.actions_taken["mediator"]["offer-talks"] for row in rows), "the mediator moves"


def test_simulate_plays_an_actor_with_the_batch_and_prints_the_scalar_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "actor.json"
    path.write_text(text_of(pressing(["seoul"])), encoding="utf-8")
    common = ["simulate", str(path), "--games", "200", "--seed", "4"]
    batch, scalar = (run_here(capsys, *common, "--engine", engine, "--json") for engine in ("batch", "scalar"))
    assert batch.returncode == scalar.returncode == 0, batch.stderr + scalar.stderr
    found, expected = json.loads(batch.stdout), json.loads(scalar.stdout)
    assert (found.pop("engine"), expected.pop("engine")) == ("batch", "scalar")
    assert found == expected
    text = run_here(capsys, *common)
    assert "Engine: batch" in text.stdout and "Beijing: score" not in text.stdout
