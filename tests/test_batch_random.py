"""The batched random bot's pieces: options as bit masks, and the rank-th set bit of each.

The bot itself is checked game by game against the scalar bot in tests/test_batch.py; these
pin down the bit tricks on their own, at every word width the batch may meet (up to 64 actions
a role).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.batch import batch_results, random_bot
from engine.batch.kernels import use_compiled
from engine.batch.random_bot import option_bits, select_bit
from engine.bots.policies import RandomPolicy
from engine.bots.simulate import play_results
from engine.core.rules import compile_scenario
from engine.load.catalog import resolve_scenario


@st.composite
def words_and_ranks(draw: st.DrawFn) -> tuple[int, list[int], list[int]]:
    bits = draw(st.integers(1, 64))
    words = draw(st.lists(st.integers(1, 2**bits - 1), min_size=1, max_size=30))
    ranks = [draw(st.integers(0, bin(word).count("1") - 1)) for word in words]
    return bits, words, ranks


@given(words_and_ranks())
def test_select_bit_finds_the_rank_th_set_bit(case: tuple[int, list[int], list[int]]) -> None:
    bits, words, ranks = case
    found = select_bit(np.asarray(words, dtype=np.uint64), np.asarray(ranks, dtype=np.intp), bits)
    expected = [[place for place in range(bits) if word >> place & 1][rank] for word, rank in zip(words, ranks, strict=True)]
    assert found.tolist() == expected


@given(st.integers(1, 64).flatmap(lambda n: st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=1, max_size=20)))
def test_option_bits_sets_bit_n_for_action_n(games: list[list[bool]]) -> None:
    available = np.asarray(games, dtype=np.bool_).T
    words = option_bits(available).tolist()
    assert words == [sum(1 << n for n, flag in enumerate(game) if flag) for game in games]


@pytest.mark.parametrize("traced", [1, 2])
def test_places_past_the_traced_ones_are_found_by_swapping(monkeypatch: pytest.MonkeyPatch, traced: int) -> None:
    """With fewer places traced, many games' fill reaches the places found apart (`_rest`): the games stay the scalar's."""
    monkeypatch.setattr(random_bot, "TRACED", traced)
    rest = random_bot.RandomChooser._rest
    calls: list[int] = []

    def counted(self: random_bot.RandomChooser, *args: object, **kwargs: object) -> None:
        calls.append(1)
        rest(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(random_bot.RandomChooser, "_rest", counted)
    game = compile_scenario(resolve_scenario(None))
    policies = {role: RandomPolicy() for role in game.role_ids}
    with use_compiled(False):
        batched = list(batch_results(game, 150, 5, policies, chunk=60))
    assert calls
    assert batched == list(play_results(game, 150, 5, policies))
