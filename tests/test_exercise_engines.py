"""`engine.simulate(..., engine=)`: either engine yields the same games, lazily, and ``batch`` says why not.

The scalar engine is the specification: the library's rows from the batched engine must be the
scalar engine's, game by game, on the bundled scenarios and on generated ones (format 2 included);
where the batch cannot play a run, ``auto`` falls back to the scalar engine and ``batch`` is refused
with the reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engine.batch.play as batch_play
from engine import GameResult, open_scenario, simulate
from engine.batch import can_batch
from engine.batch.engines import EngineRefused
from engine.bots.registry import make_bot
from engine.bots.simulate import GameResult as ScalarRow
from engine.bots.simulate import game_seed, play
from engine.core.rules import compile_scenario
from tests.helpers import BUNDLED, load
from tests.strategies import scenario_documents


def _same(expected: list[GameResult], found: list[GameResult]) -> None:
    assert len(found) == len(expected)
    for want, got in zip(expected, found, strict=True):
        assert got == want, f"game {want.index} (seed {want.seed}) differs"


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("bots", [None, {"tokyo": "passive"}, {"seoul": "passive", "tokyo": "passive"}])
def test_both_engines_yield_the_same_games_on_the_bundled_scenarios(name: str, bots: dict[str, str] | None) -> None:
    scalar = list(simulate(name, games=150, seed=5, bots=bots, engine="scalar"))
    _same(scalar, list(simulate(name, games=150, seed=5, bots=bots, engine="batch")))
    _same(scalar, list(simulate(name, games=150, seed=5, bots=bots)))
    assert [row.index for row in scalar] == list(range(150))


@given(
    scenario_documents(),
    st.integers(0, 2**64 - 1),
    st.lists(st.sampled_from(["random", "passive", "greedy"]), min_size=2, max_size=2),
)
def test_generated_scenarios_give_the_same_games_either_way(document: dict[str, Any], seed: int, names: list[str]) -> None:
    scenario = load(document)
    bots = {role.id: names[min(r, len(names) - 1)] for r, role in enumerate(scenario.roles)}  # an actor: the last name's
    games = 3 if "greedy" in bots.values() else 8  # greedy looks ahead with the scalar engine: slow
    scalar = list(simulate(scenario, games=games, seed=seed, bots=bots, engine="scalar"))
    _same(scalar, list(simulate(scenario, games=games, seed=seed, bots=bots)))
    reason = can_batch(scenario, {role: make_bot(name) for role, name in bots.items()})
    if reason is None:
        _same(scalar, list(simulate(scenario, games=games, seed=seed, bots=bots, engine="batch")))
    else:
        with pytest.raises(EngineRefused) as refused:
            simulate(scenario, games=games, seed=seed, bots=bots, engine="batch")
        assert str(refused.value) == f"engine='batch' cannot play this run: {reason}; use engine='auto' or 'scalar'"


def test_the_batch_streams_a_chunk_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten games of a million-game run play one chunk, not the run; the rows run on across chunks."""
    chunks: list[int] = []
    played = batch_play.play_batch

    def counting(game: Any, seeds: Any, policies: Mapping[str, Any], **options: Any) -> Any:
        batch = played(game, seeds, policies, **options)
        chunks.append(batch.games)
        return batch

    monkeypatch.setattr(batch_play, "play_batch", counting)
    rows: Iterator[GameResult] = simulate(games=1_000_000, seed=9, engine="batch")
    assert chunks == [], "nothing is played before the first row is asked for"
    first = list(itertools.islice(rows, 10))
    assert chunks == [batch_play.CHUNK]
    _same(list(simulate(games=10, seed=9, engine="scalar")), first)
    across = list(itertools.islice(rows, batch_play.CHUNK - 12, batch_play.CHUNK - 8))
    assert chunks == [batch_play.CHUNK, batch_play.CHUNK]
    game = compile_scenario(open_scenario())
    policies = {role: make_bot("random") for role in game.role_ids}
    indexes = range(batch_play.CHUNK - 2, batch_play.CHUNK + 2)
    expected = [ScalarRow.of(game, i, play(game, game_seed(9, i), policies)) for i in indexes]
    _same(expected, across)


def test_batch_where_it_cannot_play_is_refused_at_the_call_saying_why() -> None:
    # a format version the batched engine does not play (built past the loader, which knows no format 3 yet)
    newer = attrs.evolve(open_scenario("missile-crisis"), format=3)
    with pytest.raises(ValueError, match=r"engine='batch' cannot play this run: .*Scenario\.format.*'auto' or 'scalar'"):
        simulate(newer, games=1_000_000, engine="batch")
    with pytest.raises(ValueError, match="unknown engine 'fast'"):
        simulate(games=1, engine="fast")  # type: ignore[arg-type]
    rows = list(simulate(newer, games=3, seed=2, bots={"tokyo": "greedy"}))
    assert [row.index for row in rows] == [0, 1, 2], "auto plays what the batch cannot with the scalar engine"
