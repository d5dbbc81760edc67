"""The batched greedy bot against the scalar one, its specification: the same choices, game by game.

Generated scenarios use every condition, effect and trigger form (joint actions, exclusions,
spends and objectives of every kind among them), so a trial the batch resolved or valued
differently shows as a game whose result differs; the bundled scenarios are checked too, with
greedy beside each other bot.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.batch import batch_results, batch_simulate
from engine.batch.cycle import Cycle
from engine.batch.dice import game_seeds
from engine.batch.state import Batch
from engine.batch.trials import BY_PLACE, COLUMNS, RoleValue, _closeness, _near_table, expand, uses_read
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy, objective_value
from engine.bots.simulate import game_seed, play_results, simulate
from engine.core import model as m
from engine.core.ranges import comparison_range
from engine.core.rules import Game, compile_scenario
from engine.core.step import start
from engine.load.catalog import resolve_scenario
from tests.helpers import BUNDLED, game_of
from tests.strategies import scenario_documents

BOTS: dict[str, type[Policy]] = {"greedy": GreedyPolicy, "random": RandomPolicy, "passive": PassivePolicy}


def _policies(game: Game, names: list[str]) -> dict[str, Policy]:
    """Bots by name for the roles in order; a role past the names (a generated actor) gets the last name's."""
    return {role: BOTS[names[min(r, len(names) - 1)]]() for r, role in enumerate(game.role_ids)}


def _same_games(game: Game, games: int, seed: int, policies: dict[str, Policy], chunk: int) -> None:
    scalar = list(play_results(game, games, seed, policies))
    batched = list(batch_results(game, games, seed, policies, chunk=chunk))
    for expected, found in zip(scalar, batched, strict=True):
        assert found == expected, f"game {expected.index} (seed {expected.seed}) differs"


@given(
    scenario_documents(),
    st.integers(0, 2**64 - 1),
    st.sampled_from([["greedy", "greedy"], ["greedy", "random"], ["passive", "greedy"]]),
    st.integers(1, 6),
)
def test_generated_scenarios_play_the_same_greedy_games_batched(
    document: dict[str, Any], seed: int, bots: list[str], chunk: int
) -> None:
    game = game_of(document)
    policies = _policies(game, bots)
    _same_games(game, 6, seed, policies, chunk)
    assert batch_simulate(game, 6, seed, policies, chunk=chunk) == simulate(game, 6, seed, policies)


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("bots", [["greedy", "greedy"], ["greedy", "random"], ["passive", "greedy"]])
def test_bundled_scenarios_play_the_same_greedy_games_batched(name: str, bots: list[str]) -> None:
    game = compile_scenario(resolve_scenario(name))
    _same_games(game, 8, 11, _policies(game, bots), chunk=5)


@given(scenario_documents(), st.integers(0, 2**63 - 1))
def test_the_value_is_the_scalar_value(document: dict[str, Any], seed: int) -> None:
    """At the start of a game, every role's value over the batch is `objective_value`, to the last bit."""
    game = game_of(document)
    cycle = Cycle(game)
    batch = Batch(game, [seed])
    cycle.open_turn(batch, first=True)
    state = start(game, seed)[0]
    for r in range(len(game.role_ids)):
        assert RoleValue(cycle.conditions, r)(batch).tolist() == [objective_value(game, state, r)]


def test_expand_copies_every_array_a_batch_holds() -> None:
    """A field added to `Batch` must be sorted into the trials' lists, or a trial would start without it."""
    game = compile_scenario(resolve_scenario(None))
    batch = Batch(game, game_seeds(1, 0, 3))
    shared = {"game", "games", "size", "ids", "seed_h", "turn", "chosen_turn", "memo", "resource_row", "resource_min", "kept"}
    known = {*COLUMNS, *BY_PLACE, *shared, "resource_max", "ever", "always", "met", "available", "last_used", "uses"}
    known |= {"ended", "ended_columns", "kept_rows", "schedule"}
    assert set(vars(batch)) == known
    columns = np.asarray([2, 0, 2])
    batch.uses[:] = np.arange(batch.uses.size).reshape(batch.uses.shape)
    rows = uses_read(game.scenario)
    assert rows, "the default scenario has an objective counting uses"
    trial = expand(batch, columns, batch.seed_h[columns], rows)
    assert set(vars(trial)) == set(vars(batch))
    for name in COLUMNS:
        assert np.array_equal(getattr(trial, name), getattr(batch, name)[..., columns]), name
    for r, a in rows:
        assert np.array_equal(trial.uses[r, a], batch.uses[r, a, columns])


def test_the_chunk_does_not_change_the_games() -> None:
    game = compile_scenario(resolve_scenario("missile-crisis"))
    policies = _policies(game, ["greedy", "greedy"])
    rows = list(batch_results(game, 7, 3, policies, chunk=7))
    assert rows == list(batch_results(game, 7, 3, policies, chunk=2))
    assert rows[4].seed == game_seed(3, 4)


@given(st.integers(-50, 50), st.integers(0, 80), st.integers(-60, 60), st.integers(-60, 60))
def test_the_nearness_table_is_the_nearness(least: int, width: int, low: int, high: int) -> None:
    """A number within its bounds is valued from a table made once: the very floats `_closeness` gives."""
    most = least + width
    comparison = m.Comparison(at_least=min(low, high), at_most=max(low, high))
    values = np.arange(least, most + 1, dtype=np.int64)
    bounds = comparison_range(comparison)
    expected = _closeness(values, *bounds, max(width, 1))
    assert _near_table(least, most, comparison)(values).tobytes() == expected.tobytes()
