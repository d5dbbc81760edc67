"""The greedy bot's playout chooser chooses what `GreedyPolicy.choose` chooses, turn by turn.

`GreedyPolicy` (asked through a `View` of a frozen state, its trials resolved by `step`) is the
specification; the chooser resolves its trials on copies of the playout's working state and
values them with the nearness compiled once. Over generated scenarios and the bundled ones,
every turn of a game, both are asked for every role and must agree exactly, values included.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.bots.look_ahead import greedy_chooser, role_value
from engine.bots.policies import GreedyPolicy, RandomPolicy, objective_value
from engine.bots.simulate import game_seed
from engine.core.dice import seed_hash
from engine.core.rules import Game, compile_scenario
from engine.core.view import View
from engine.core.work import Work
from engine.load.catalog import resolve_scenario
from engine.playout import Plan, Playout
from engine.playout.cycle import resolve
from tests.helpers import BUNDLED, game_of
from tests.strategies import scenario_documents

SEEDS = st.integers(0, 2**64 - 1)


def _agree_over_a_game(game: Game, seed: int) -> None:
    """Play a game (random orders move it on) asking both greedy bots every turn; they must agree."""
    plan = Plan(game)
    playout = Playout(plan, seed)
    work = playout.work
    policy, bot = GreedyPolicy(), RandomPolicy()
    choosers = [greedy_chooser(game, role) for role in game.role_ids]
    while not work.ended:
        state = playout.state()
        for r, role in enumerate(game.role_ids):
            expected = tuple(sorted(game.action_index[a] for a in policy.choose(View(game, state), role)))
            assert choosers[r](playout, plan.available(work, r)) == expected
            assert role_value(game, r)(work) == objective_value(game, state, r)
        for r, role in enumerate(game.role_ids):
            chosen = bot.choose(View(game, state), role)
            if chosen:
                work.orders[r] = tuple(sorted(game.action_index[a] for a in chosen))
        playout.last_orders = resolve(plan, work)


@given(scenario_documents(), SEEDS)
def test_the_chooser_chooses_what_the_policy_chooses(document: dict[str, Any], seed: int) -> None:
    _agree_over_a_game(game_of(document), seed)


@pytest.mark.parametrize("name", BUNDLED)
def test_the_chooser_agrees_on_the_bundled_scenarios(name: str) -> None:
    game = compile_scenario(resolve_scenario(name))
    for index in range(2):
        _agree_over_a_game(game, game_seed(3, index))


@given(scenario_documents(), SEEDS, SEEDS)
def test_a_copy_is_the_work_it_was_copied_from(document: dict[str, Any], seed: int, other: int) -> None:
    game = game_of(document)
    plan = Plan(game)
    playout = Playout(plan, seed)
    work = playout.work
    before = playout.state()
    copied = work.copy()
    assert copied.freeze(playout.last_orders) == before
    assert all(hasattr(copied, name) for kind in Work.__mro__ for name in getattr(kind, "__slots__", ()))
    elsewhere = work.copy(other)
    assert (elsewhere.seed, elsewhere.seed_h) == (other, seed_hash(other))
    if not copied.ended:
        resolve(plan, copied)
    assert playout.state() == before
