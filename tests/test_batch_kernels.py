"""numba's compiled kernels (``whitecell[fast]``) against numpy alone: the same games, bit for bit.

The batch with numpy alone is held to the scalar engine in tests/test_batch.py (which runs with
the kernels when numba is installed, as CI's is); here the two batch paths are compared game by
game on generated and bundled scenarios, and the keyed dice number by number.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.batch import batch_results, batch_totals, kernels
from engine.batch.dice import game_seeds, mix, rolls, scaled_rolls
from engine.bots.policies import PassivePolicy, Policy, RandomPolicy
from engine.bots.simulate import GameResult
from engine.core.dice import roll
from engine.core.rules import Game, compile_scenario
from engine.load.catalog import resolve_scenario
from tests.helpers import BUNDLED, game_of
from tests.optional import need
from tests.strategies import scenario_documents


@pytest.fixture(autouse=True)
def _numba() -> None:
    need("numba", "fast")


def _both(game: Game, games: int, seed: int, policies: dict[str, Policy], chunk: int) -> tuple[list[GameResult], ...]:
    found = []
    for on in (False, True):
        with kernels.use_compiled(on):
            assert (kernels.compiled() is not None) is on
            found.append(list(batch_results(game, games, seed, policies, chunk=chunk)))
    return tuple(found)


@given(
    scenario_documents(),
    st.integers(0, 2**64 - 1),
    st.lists(st.sampled_from([RandomPolicy, PassivePolicy]), min_size=2, max_size=2),
    st.integers(1, 40),
)
def test_generated_scenarios_play_the_same_games_with_and_without_the_kernels(
    document: dict[str, Any], seed: int, bots: list[type[Policy]], chunk: int
) -> None:
    game = game_of(document)
    policies = {role: bots[min(r, len(bots) - 1)]() for r, role in enumerate(game.role_ids)}
    plain, fast = _both(game, 40, seed, policies, chunk)
    for expected, found in zip(plain, fast, strict=True):
        assert found == expected, f"game {expected.index} (seed {expected.seed}) differs"


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_scenarios_play_the_same_games_with_and_without_the_kernels(name: str) -> None:
    game = compile_scenario(resolve_scenario(name))
    policies: dict[str, Policy] = {role: RandomPolicy() for role in game.role_ids}
    plain, fast = _both(game, 3000, 5, policies, 1000)
    assert fast == plain


@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=50), st.integers(1, 60), st.integers(0, 2**64 - 1))
def test_the_compiled_dice_roll_the_scalar_numbers(seeds: list[int], turn: int, key_h: int) -> None:
    seed_h = np.asarray(seeds, dtype=np.uint64)
    with kernels.use_compiled(True):
        fast = (mix(seed_h).tolist(), rolls(seed_h, turn, key_h, 3).tolist(), scaled_rolls(seed_h, turn, key_h, 2, 7).tolist())
    with kernels.use_compiled(False):
        plain = (mix(seed_h).tolist(), rolls(seed_h, turn, key_h, 3).tolist(), scaled_rolls(seed_h, turn, key_h, 2, 7).tolist())
    assert fast == plain
    assert fast[1] == [roll(h, turn, key_h, 3) for h in seeds]


def test_numba_is_loaded_only_once_a_run_is_long_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short run never pays numba's start-up; a long one loads it and goes on with the same games."""
    monkeypatch.delenv(kernels.ENVIRONMENT, raising=False)
    monkeypatch.setattr(kernels, "_loaded", [])
    monkeypatch.setattr(kernels, "_played", [0])
    assert kernels.compiled(kernels.LOAD_AFTER - 1) is None
    assert kernels.compiled() is None
    assert kernels.compiled(1) is not None
    assert kernels.compiled() is not None, "once loaded, every caller uses them"
    monkeypatch.setattr(kernels, "_loaded", [])
    monkeypatch.setenv(kernels.ENVIRONMENT, "numba")
    assert kernels.compiled() is not None


def test_the_environment_can_keep_the_kernels_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kernels.ENVIRONMENT, "numpy")
    assert kernels.compiled() is None
    with kernels.use_compiled(True):
        assert kernels.compiled() is not None
    monkeypatch.setenv(kernels.ENVIRONMENT, "numba")
    assert kernels.compiled() is not None
    with kernels.use_compiled(False):
        plain = game_seeds(3, 0, 50).tolist()
    assert game_seeds(3, 0, 50).tolist() == plain


def test_a_run_of_known_length_loads_numba_at_its_start_only_when_that_pays(monkeypatch: pytest.MonkeyPatch) -> None:
    """`batch_totals` says how long its run is: a short one never loads numba, however much this process played before."""
    monkeypatch.delenv(kernels.ENVIRONMENT, raising=False)
    monkeypatch.setattr(kernels, "_loaded", [])
    monkeypatch.setattr(kernels, "_played", [kernels.LOAD_AFTER])
    game = compile_scenario(resolve_scenario(None))
    policies: dict[str, Policy] = {role: RandomPolicy() for role in game.role_ids}
    batch_totals(game, 20, 1, policies)
    assert kernels._loaded == [], "20 games do not pay for loading numba"
    with kernels.planned(kernels.PAYS_AT - 1):
        assert kernels.compiled(kernels.LOAD_AFTER) is None
    with kernels.planned(kernels.PAYS_AT):
        assert kernels.compiled() is not None, "a long run loads it at once"
