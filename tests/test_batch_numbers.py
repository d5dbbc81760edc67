"""The type a batch holds values and stocks in: int16 only where every number it can compute fits.

Each scenario here is played game by game against the scalar engine with random bots, its
numbers pushed against their bounds: had the batch chosen int16 where an intermediate does not
fit, a value would wrap before its clamp and the games would differ.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from engine.batch import batch_results, play_batch, state
from engine.batch.dice import game_seeds
from engine.batch.numbers import number_type
from engine.bots.policies import Policy, RandomPolicy
from engine.bots.simulate import play_results
from engine.core.rules import compile_scenario
from engine.load.catalog import resolve_scenario
from tests.helpers import BUNDLED, action, doc, game_of, variable

EDGE = int(np.iinfo(np.int16).max)


def pushed(low: int, high: int, initial: int, step: int, *, stock: int = 10, gain: int = 1) -> dict[str, Any]:
    """Trust within [low, high] from ``initial``, which Seoul pushes up and Tokyo down by ``step`` or twice that
    (Seoul spending a stock of at most ``stock`` that Tokyo adds ``gain`` to)."""
    capital = {"id": "capital", "label": "Capital", "initial": stock // 2, "max": stock, "perTurn": 1}
    return doc(
        turns={"count": 10},
        roles=[
            {"id": "seoul", "name": "Seoul", "budget": 2, "resources": [capital]},
            {"id": "tokyo", "name": "Tokyo", "budget": 2},
        ],
        variables=[variable("trust", initial, low, high)],
        actions=[
            action("raise", ["seoul"], [{"add": {"trust": step}}], spend={"capital": 1}),
            action("raise-more", ["seoul"], [{"add": {"trust": 2 * step}}]),
            action("lower", ["tokyo"], [{"add": {"trust": -step}}]),
            action("lower-more", ["tokyo"], [{"add": {"trust": -2 * step}}]),
            action("fund", ["tokyo"], [{"gain": {"role": "seoul", "resource": "capital", "amount": gain}}]),
        ],
    )


CASES = {
    "small bounds": (pushed(0, 100, 50, 7), np.int16),
    "an add reaching int16's top exactly": (pushed(0, EDGE - 14, EDGE - 14, 7), np.int16),
    "an add one past int16's top": (pushed(0, EDGE - 13, EDGE - 13, 7), np.int64),
    "an add reaching int16's bottom exactly": (pushed(-EDGE - 1 + 14, 0, -EDGE - 1 + 14, 7), np.int16),
    "an add one past int16's bottom": (pushed(-EDGE - 1 + 13, 0, -EDGE - 1 + 13, 7), np.int64),
    "wide bounds": (pushed(0, 1_000_000, 30_000, 4_000), np.int64),
    "a span wider than int16's top": (pushed(-20_000, 20_000, 0, 5_000), np.int64),
    "a wide stock": (pushed(0, 100, 50, 7, stock=100_000, gain=40_000), np.int64),
}


def _random(roles: tuple[str, ...]) -> dict[str, Policy]:
    return {role: RandomPolicy() for role in roles}


@pytest.mark.parametrize("name", sorted(CASES))
def test_numbers_are_held_narrow_only_where_they_fit_and_play_the_same_games(name: str) -> None:
    document, kind = CASES[name]
    game = game_of(document)
    assert number_type(game) is kind
    policies = _random(game.role_ids)
    batch = play_batch(game, game_seeds(3, 0, 4), policies)
    assert batch.values.dtype == kind and batch.resources.dtype == kind
    scalar = list(play_results(game, 300, 3, policies))
    for expected, found in zip(scalar, batch_results(game, 300, 3, policies, chunk=97), strict=True):
        assert found == expected, f"game {expected.index} (seed {expected.seed}) differs"


@pytest.mark.parametrize("name", ["an add one past int16's top", "an add one past int16's bottom"])
def test_held_in_int16_regardless_those_games_would_differ(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the choice guards against: the cases held wide, forced into int16, wrap before the clamp and differ."""
    game = game_of(CASES[name][0])
    policies = _random(game.role_ids)
    scalar = list(play_results(game, 300, 3, policies))
    monkeypatch.setattr(state, "number_type", lambda game: np.int16)
    assert play_batch(game, game_seeds(3, 0, 4), policies).values.dtype == np.int16
    assert list(batch_results(game, 300, 3, policies, chunk=97)) != scalar


def test_the_bundled_scenarios_are_held_in_int16() -> None:
    """Every bundled scenario's numbers fit: what the speed figures in docs/batch.md are measured on."""
    for name in BUNDLED:
        assert number_type(compile_scenario(resolve_scenario(name))) is np.int16, name


def test_a_drift_from_either_bound_to_a_far_target_is_held_wide() -> None:
    """A drift's step is its target less the value: from a bound to a target beyond int16's reach it does not fit."""
    near = doc(
        variables=[variable("trust", 0, -100, 100)],
        rules=[{"id": "pull", "effects": [{"drift": {"var": "trust", "toward": 100, "by": 3}}]}],
    )
    assert number_type(game_of(near)) is np.int16
    far = doc(
        variables=[variable("trust", 0, -20_000, 100)],
        rules=[{"id": "pull", "effects": [{"drift": {"var": "trust", "toward": 14_000, "by": 3}}]}],
    )
    assert number_type(game_of(far)) is np.int64
