"""Playouts play the games `step` plays: game by game, over generated scenarios and the bundled ones.

The reference below is how bot games were played before playouts (and still are when journaled):
each bot asked through a `View` of a frozen state, its orders submitted and the turn resolved by
`step`. A playout must end every game in the same state, having offered the same actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.bots.choosers import chooser
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy
from engine.bots.simulate import game_seed, play
from engine.core.availability import available_actions
from engine.core.commands import Resolve, SubmitOrders
from engine.core.dice import KeyedDraws, key_hash, keyed_rolls, packed_keys, roll, rolls, seed_hash, shuffle
from engine.core.refusals import CommandRefused
from engine.core.rules import Game, compile_scenario
from engine.core.state import State, state_digest
from engine.core.step import start, step
from engine.core.view import View
from engine.core.work import Work
from engine.load.catalog import resolve_scenario
from engine.playout import Plan, Playout, play_out
from tests.helpers import BUNDLED, game_of
from tests.strategies import scenario_documents

SEEDS = st.integers(0, 2**64 - 1)


class OwnRandom(RandomPolicy):
    """Not a built-in bot (a subclass): a playout asks it through a `View`, as a session would."""

    name = "own-random"


class Overspender:
    """Orders every action it may take, however much they cost: its orders are refused."""

    name = "overspender"
    description = "orders everything"

    def choose(self, view: View, role: str) -> tuple[str, ...]:
        game = view.game
        r = game.role_index[role]
        return tuple(game.action_ids[a] for a in game.role_actions[r])


BOTS: dict[str, type[Policy]] = {"random": RandomPolicy, "passive": PassivePolicy, "greedy": GreedyPolicy, "own": OwnRandom}


def reference(game: Game, seed: int, policies: Mapping[str, Policy]) -> tuple[State, frozenset[int]]:
    """A bot game through `step`, command by command, with the actions offered at each turn's opening."""
    state = start(game, seed)[0]
    seen: set[int] = set()
    while not state.ended:
        view = View(game, state)
        for r in range(len(game.role_ids)):
            seen.update(available_actions(game, view, r))
        for role in game.role_ids:
            orders = policies[role].choose(View(game, state), role)
            if orders:
                state = step(game, state, SubmitOrders(role, orders), record=False)[0]
        state = step(game, state, Resolve(), record=False)[0]
    return state, frozenset(seen)


def _policies(game: Game, names: list[str]) -> dict[str, Policy]:
    return {role: BOTS[names[r % len(names)]]() for r, role in enumerate(game.role_ids)}


@given(scenario_documents(), SEEDS, st.lists(st.sampled_from(sorted(BOTS)), min_size=1, max_size=2))
def test_a_playout_is_the_game_step_plays(document: dict[str, Any], seed: int, bots: list[str]) -> None:
    game = game_of(document)
    policies = _policies(game, bots)
    expected, offered = reference(game, seed, policies)
    record = play(game, seed, policies, track_availability=True)
    assert state_digest(game, record.final) == state_digest(game, expected)
    assert record.final == expected
    assert record.available == offered


@given(scenario_documents(), SEEDS)
def test_the_plan_offers_what_availability_offers(document: dict[str, Any], seed: int) -> None:
    game = game_of(document)
    plan = Plan(game)
    bot = RandomPolicy()
    state = start(game, seed)[0]
    while True:
        view = View(game, state)
        for r in range(len(game.role_ids)):
            assert plan.available(view, r) == available_actions(game, view, r)
        if state.ended:
            break
        for role in game.role_ids:
            orders = bot.choose(View(game, state), role)
            if orders:
                state = step(game, state, SubmitOrders(role, orders), record=False)[0]
        state = step(game, state, Resolve(), record=False)[0]


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("bots", [["random"], ["greedy", "random"], ["passive"], ["own", "passive"]])
def test_bundled_games_are_the_same(name: str, bots: list[str]) -> None:
    game = compile_scenario(resolve_scenario(name))
    policies = _policies(game, bots)
    for index in range(3 if "greedy" in bots else 20):
        seed = game_seed(11, index)
        expected, offered = reference(game, seed, policies)
        record = play(game, seed, policies, track_availability=True)
        assert (record.final, record.available) == (expected, offered)


def test_orders_a_session_would_refuse_are_refused() -> None:
    game = compile_scenario(resolve_scenario(None))
    plan = Plan(game)
    choosers = [chooser(Overspender(), game, role) for role in game.role_ids]
    with pytest.raises(CommandRefused, match="Seoul's orders are refused"):
        play_out(plan, 1, choosers)


def test_a_playout_freezes_to_the_state_step_leaves() -> None:
    game = compile_scenario(resolve_scenario(None))
    playout = Playout(Plan(game), 5)
    assert playout.state() == start(game, 5)[0]


def test_a_playout_refuses_the_seeds_start_refuses() -> None:
    game = compile_scenario(resolve_scenario(None))
    plan = Plan(game)
    for seed in (-1, 2**64):
        with pytest.raises(ValueError, match="seed"):
            start(game, seed)
        with pytest.raises(ValueError, match="seed"):
            Playout(plan, seed)


@given(st.integers(0, 2**64 - 1), st.integers(1, 2000), st.text(max_size=12), st.integers(0, 70))
def test_rolls_are_the_rolls_one_at_a_time(seed: int, turn: int, key: str, count: int) -> None:
    seed_h, key_h = seed_hash(seed), key_hash(key)
    assert rolls(seed_h, turn, key_h, count) == [roll(seed_h, turn, key_h, index) for index in range(count)]


@given(SEEDS, st.integers(1, 2000), st.text(max_size=12), st.integers(1, 70))
def test_shuffle_is_fisher_yates_with_the_rolls(seed: int, turn: int, key: str, count: int) -> None:
    seed_h, key_h = seed_hash(seed), key_hash(key)
    draws = rolls(seed_h, turn, key_h, count)
    expected = list(range(count))
    for i in range(count - 1, 0, -1):
        j = int(draws[i] * (i + 1))
        expected[i], expected[j] = expected[j], expected[i]
    items = list(range(count))
    assert shuffle(seed_h, turn, key_h, items) == draws[0]
    assert items == expected


@given(SEEDS, st.integers(1, 2000), st.text(max_size=12))
def test_a_working_state_rolls_the_dice_roll(seed: int, turn: int, key: str) -> None:
    game = compile_scenario(resolve_scenario(None))
    work = Work(game, attrs.evolve(start(game, seed)[0], turn=turn), record=False)
    assert work.roll(key_hash(key)) == roll(seed_hash(seed), turn, key_hash(key))


@given(SEEDS, st.integers(1, 2000), st.lists(st.text(max_size=12), max_size=40))
def test_keyed_rolls_are_each_keys_roll(seed: int, turn: int, keys: list[str]) -> None:
    seed_h, hashes = seed_hash(seed), [key_hash(key) for key in keys]
    draws = keyed_rolls(seed_h, packed_keys(turn, hashes), len(hashes))
    assert [draw * 2.0**-53 for draw in draws] == [roll(seed_h, turn, key_h) for key_h in hashes]


@given(SEEDS, st.integers(1, 2000), st.lists(st.tuples(st.text(max_size=12), st.integers(0, 40), st.integers(0, 40)), max_size=6))
def test_keyed_draws_are_each_keys_rolls(seed: int, turn: int, streams: list[tuple[str, int, int]]) -> None:
    """Two turns' worth of counts per key, the second packing more or fewer lanes than the first."""
    seed_h = seed_hash(seed)
    keyed = KeyedDraws([key_hash(key) for key, _, _ in streams])
    for counts in ([first for _, first, _ in streams], [second for _, _, second in streams]):
        draws, ends = keyed.draws(seed_h, turn, counts)
        assert len(draws) == sum(counts)
        for (key, _, _), count, end in zip(streams, counts, ends, strict=True):
            assert [draws[end - 1 - i] * 2.0**-53 for i in range(count)] == rolls(seed_h, turn, key_hash(key), count)


def test_the_plan_offers_actions_in_the_scenarios_order() -> None:
    """An action nothing stops, after one only a cooldown can stop: offered in the file's order."""
    action = {"roles": ["seoul"], "tags": [], "cost": 0, "effects": []}
    document = {
        "format": 2,
        "id": "generated",
        "title": "Generated",
        "turns": {"count": 1},
        "roles": [{"id": "seoul", "name": "Seoul", "budget": 1, "resources": [], "objectives": []}],
        "variables": [{"id": "v", "label": "V", "min": 0, "max": 1, "initial": 0}],
        "actions": [
            {**action, "id": "cooled", "label": "Cooled", "cooldown": 1},
            {**action, "id": "free", "label": "Free"},
        ],
        "shocks": [],
        "rules": [],
        "endConditions": [],
        "outcomes": [{"id": "o", "title": "O"}],
    }
    game = game_of(document)
    view = View(game, start(game, 0)[0])
    assert Plan(game).available(view, 0) == available_actions(game, view, 0) == [0, 1]
