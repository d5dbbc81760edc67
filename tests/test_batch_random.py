"""The batched random bot's pieces: options as bit masks, and the rank-th set bit of each.

The bot itself is checked game by game against the scalar bot in tests/test_batch.py; these
pin down the bit tricks on their own, at every word width the batch may meet (up to 64 actions
a role).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from engine.batch.random_bot import option_bits, select_bit


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
