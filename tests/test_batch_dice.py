"""The batch's dice are the scalar dice bit for bit, and the batch never wakes numpy's BLAS threads."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from engine.batch.dice import below, game_seeds, rolls, scaled_rolls, seed_hashes, shuffle_places
from engine.batch.kernels import use_compiled
from engine.bots.simulate import game_seed
from engine.core.dice import roll, seed_hash

U64 = st.integers(0, 2**64 - 1)
BATCH = Path(__file__).resolve().parent.parent / "engine" / "batch"


@given(st.lists(U64, min_size=1, max_size=20), st.integers(1, 500), U64, st.integers(0, 2**32 - 1))
def test_rolls_are_the_scalar_rolls(seeds: list[int], turn: int, key_h: int, index: int) -> None:
    hashes = seed_hashes(seeds)
    assert hashes.tolist() == [seed_hash(seed) for seed in seeds]
    assert rolls(hashes, turn, key_h, index).tolist() == [roll(seed_hash(seed), turn, key_h, index) for seed in seeds]


@given(st.lists(U64, min_size=1, max_size=20), st.integers(1, 500), U64, st.integers(0, 64), st.integers(1, 10**6))
def test_scaled_rolls_are_the_scalar_rolls_times_the_scale(
    seeds: list[int], turn: int, key_h: int, index: int, scale: int
) -> None:
    """One multiplication by 2**-53 * scale gives the scalar ``roll * scale`` bit for bit (the bots' int(draw * n))."""
    found = scaled_rolls(seed_hashes(seeds), turn, key_h, index, scale).tolist()
    assert found == [roll(seed_hash(seed), turn, key_h, index) * scale for seed in seeds]


@given(U64, st.integers(0, 10**6), st.integers(1, 30))
def test_game_seeds_are_simulates(batch_seed: int, first: int, count: int) -> None:
    assert game_seeds(batch_seed, first, count).tolist() == [game_seed(batch_seed, i) for i in range(first, first + count)]


def test_rolls_at_the_edges_of_the_unit_interval() -> None:
    """The largest and smallest mixed values still convert exactly (the float is (z >> 11) * 2**-53)."""
    hashes = np.asarray([0, 1, 2**63, 2**64 - 1], dtype=np.uint64)
    for turn in (1, 2**20):
        found = rolls(hashes, turn, 2**64 - 1, 2**32 - 1)
        assert found.tolist() == [roll(int(h), turn, 2**64 - 1, 2**32 - 1) for h in hashes]
        assert ((found >= 0) & (found < 1)).all()


def test_the_batch_calls_no_blas_routine() -> None:
    """Matrix products would start BLAS threads that spin on the other core; the batch uses none."""
    blas = {"dot", "matmul", "einsum", "inner", "outer", "tensordot", "vdot", "linalg"}
    for path in BATCH.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            assert not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult)), f"{path.name} multiplies matrices"
            assert not (isinstance(node, ast.Attribute) and node.attr in blas), f"{path.name} uses {node.attr}"


@given(st.lists(U64, min_size=1, max_size=20), st.integers(1, 500), U64, st.floats(-0.5, 1.5), st.integers(-2, 2))
def test_below_is_a_roll_compared_with_the_chance(seeds: list[int], turn: int, key_h: int, chance: float, nudge: int) -> None:
    """Compared as integers, a roll is below a chance exactly when the scalar's float is, at the edge too."""
    hashes = seed_hashes(seeds)
    found = [roll(seed_hash(seed), turn, key_h) for seed in seeds]
    edge = float(np.nextafter(found[0], 2.0 if nudge > 0 else -1.0)) if nudge else found[0]  # a roll itself, or next to one
    for probability in (chance, edge):
        with use_compiled(False):
            assert below(hashes, turn, key_h, probability).tolist() == [value < probability for value in found]


@given(st.lists(U64, min_size=1, max_size=10), st.integers(1, 500), U64, st.integers(1, 64))
def test_shuffle_places_are_each_draw_scaled_by_its_place(seeds: list[int], turn: int, key_h: int, count: int) -> None:
    hashes = seed_hashes(seeds)
    found = shuffle_places(hashes, turn, key_h, count).tolist()
    assert found == [[int(roll(seed_hash(seed), turn, key_h, index) * (index + 1)) for seed in seeds] for index in range(count)]
