"""Exact merging: however the games are chunked and in whatever order chunks are added, the totals and
the report they give are the same, and equal the scalar `simulate`'s byte for byte."""

from __future__ import annotations

import itertools
import json
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.batch import Totals, batch_totals
from engine.bots.policies import PassivePolicy, Policy, RandomPolicy
from engine.bots.simulate import report_json, simulate
from engine.core.rules import Game, compile_scenario
from engine.load.catalog import resolve_scenario

GAMES = 90


@pytest.fixture(scope="module")
def game() -> Game:
    return compile_scenario(resolve_scenario("history-flare-up"))


@pytest.fixture(scope="module")
def policies(game: Game) -> dict[str, Policy]:
    return {game.role_ids[0]: RandomPolicy(), game.role_ids[1]: PassivePolicy()}


@pytest.fixture(scope="module")
def whole(game: Game, policies: dict[str, Policy]) -> Totals:
    return batch_totals(game, GAMES, 5, policies)


@pytest.fixture(scope="module")
def scalar_json(game: Game, policies: dict[str, Policy]) -> str:
    return report_json(simulate(game, GAMES, 5, policies))


def _cuts(data: st.DataObject) -> list[tuple[int, int]]:
    points = sorted(data.draw(st.sets(st.integers(1, GAMES - 1), max_size=4)))
    edges = [0, *points, GAMES]
    return [(first, end - first) for first, end in itertools.pairwise(edges)]


@given(st.data())
def test_any_chunking_in_any_order_gives_the_scalar_report(
    game: Game, policies: dict[str, Policy], scalar_json: str, whole: Totals, data: st.DataObject
) -> None:
    ranges = _cuts(data)
    chunk = data.draw(st.sampled_from([8, 25, 64]))
    parts = [batch_totals(game, count, 5, policies, first=first, chunk=chunk) for first, count in ranges]
    random.Random(data.draw(st.integers(0, 1000))).shuffle(parts)
    # each part travels as JSON, as it would between processes or machines
    parts = [Totals.from_json(json.loads(json.dumps(part.to_json()))) for part in parts]
    merged = parts[0]
    for part in parts[1:]:
        merged = merged.merge(part)
    assert merged.games == GAMES
    assert report_json(merged.report(game)) == scalar_json
    assert attrs.evolve(merged, ranges=whole.ranges) == whole


def test_totals_refuse_to_count_a_game_twice_or_mix_batches(game: Game, policies: dict[str, Policy]) -> None:
    first = batch_totals(game, 10, 5, policies)
    with pytest.raises(ValueError, match="overlap"):
        first.merge(batch_totals(game, 10, 5, policies, first=5))
    with pytest.raises(ValueError, match="same scenario"):
        first.merge(batch_totals(game, 10, 6, policies, first=10))
    passive = {role: PassivePolicy() for role in game.role_ids}
    with pytest.raises(ValueError, match="same scenario"):
        first.merge(batch_totals(game, 10, 5, passive, first=10))
    with pytest.raises(ValueError, match="gap"):
        first.merge(batch_totals(game, 10, 5, policies, first=11)).report(game)
    other = compile_scenario(resolve_scenario("missile-crisis"))
    with pytest.raises(ValueError, match="another scenario"):
        first.report(other)
