"""The batched engine against the scalar engine, its specification: the same games, game by game.

Generated scenarios use every condition, effect and trigger form, so a mechanism the batch
got wrong shows here as a game whose result differs; the bundled scenarios are checked game by
game as well, with each bot and with the two teams on different bots.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.batch import batch_results, batch_simulate, can_batch, play_batch
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy
from engine.bots.simulate import play_results, simulate
from engine.core.rules import Game, compile_scenario
from engine.load.catalog import resolve_scenario
from tests.helpers import BUNDLED, game_of
from tests.strategies import scenario_documents

BOTS: dict[str, type[Policy]] = {"random": RandomPolicy, "passive": PassivePolicy}


class OwnRandom(RandomPolicy):
    """A bot of one's own (here a subclass of a built-in one): the batch plays built-in bots only."""

    name = "own-random"


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
    st.lists(st.sampled_from(sorted(BOTS)), min_size=2, max_size=2),
    st.integers(1, 9),
)
def test_generated_scenarios_play_the_same_games_batched(
    document: dict[str, Any], seed: int, bots: list[str], chunk: int
) -> None:
    """Every game of a batch equals the scalar engine's, and so do the statistics (availability included)."""
    game = game_of(document)
    policies = _policies(game, bots)
    _same_games(game, 12, seed, policies, chunk)
    assert batch_simulate(game, 12, seed, policies, chunk=chunk) == simulate(game, 12, seed, policies)


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("bots", [["random", "random"], ["passive", "passive"], ["random", "passive"], ["passive", "random"]])
def test_bundled_scenarios_play_the_same_games_batched(name: str, bots: list[str]) -> None:
    game = compile_scenario(resolve_scenario(name))
    games = 120 if "random" in bots else 20
    _same_games(game, games, 11, _policies(game, bots), chunk=50)


def test_the_batch_says_what_it_cannot_play() -> None:
    """A bot it cannot batch (or a role with no bot) is named, and playing anyway is refused, never approximated."""
    game = compile_scenario(resolve_scenario("missile-crisis"))
    scenario = game.scenario
    assert can_batch(scenario) is None
    assert can_batch(scenario, {role: RandomPolicy() for role in game.role_ids}) is None
    assert can_batch(scenario, {role: GreedyPolicy() for role in game.role_ids}) is None
    own: dict[str, Policy] = {game.role_ids[0]: OwnRandom(), game.role_ids[1]: RandomPolicy()}
    reason = can_batch(scenario, own)
    assert reason is not None and "own-random" in reason
    with pytest.raises(ValueError, match="own-random"):
        play_batch(game, [1, 2], own)
    missing = can_batch(scenario, {game.role_ids[0]: RandomPolicy()})
    assert missing is not None and game.role_ids[1] in missing


def test_a_scenario_built_past_the_loader_with_a_value_out_of_bounds_is_not_batched() -> None:
    """The batch clamps only towards the side a change moves, which needs values to start in bounds."""
    scenario = resolve_scenario("missile-crisis")
    first = scenario.variables[0]
    outside = attrs.evolve(scenario, variables=(attrs.evolve(first, initial=first.max + 1), *scenario.variables[1:]))
    reason = can_batch(outside)
    assert reason is not None and first.id in reason
