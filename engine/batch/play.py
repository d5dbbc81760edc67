"""Playing N games of a scenario at once: the batched engine's public entry.

`play_batch` plays games from their seeds with a built-in bot for each role, every
live game one turn per batch step, and returns the played `Batch`; `results` turns it into the
scalar engine's `GameResult` rows and `totals` into exact integer aggregates. `can_batch` says
what the batch cannot play, so a caller falls back to the scalar engine rather than differ.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from engine.batch import kernels
from engine.batch.cycle import Cycle
from engine.batch.dice import game_seeds
from engine.batch.known import unknown_form
from engine.batch.policies import Availability, Chooser, policy_problem
from engine.batch.state import Batch, end_reasons
from engine.batch.totals import Totals
from engine.bots.policies import Policy, RandomPolicy
from engine.bots.simulate import GameResult, Progress, SimulationReport
from engine.core import model as m
from engine.core.rules import Game


def can_batch(scenario: m.Scenario, policies: Mapping[str, Policy] | None = None) -> str | None:
    """Why the batched engine cannot play this scenario with these bots, or None when it can.

    The batch plays the forms `engine.batch.known` lists (every form the format had when it was
    written): a scenario using anything else is refused, so it falls to the scalar engine. The
    bots are the other limit: only the built-in ones are batched (a bot of one's own chooses on a `View`).
    The batch clamps a change only on the side it moves towards, so it also needs every value to
    start within its bounds, as the loader ensures.
    """
    problem = _scenario_problem(scenario)
    if problem is None and policies is not None:
        problem = _bots_problem(scenario, policies)
    return problem


def _scenario_problem(scenario: m.Scenario) -> str | None:
    unknown = unknown_form(scenario)
    if unknown is not None:
        return unknown
    for var in scenario.variables:
        if not var.min <= var.initial <= var.max:
            return f"variable {var.id} starts outside its bounds (the loader refuses such a scenario)"
    for role in scenario.roles:
        for resource in role.resources:
            if not resource.min <= resource.initial <= resource.max:
                return f"{role.id}'s {resource.id} starts outside its bounds (the loader refuses such a scenario)"
    return None


def _bots_problem(scenario: m.Scenario, policies: Mapping[str, Policy]) -> str | None:
    missing = [role.id for role in scenario.roles if role.id not in policies]
    if missing:
        return f"no bot for {', '.join(missing)}"
    return policy_problem(policies)


def play_batch(game: Game, seeds: npt.ArrayLike, policies: Mapping[str, Policy], *, cycle: Cycle | None = None) -> Batch:
    """Play one whole game from each seed, with a bot for every role; the games as a `Batch`.

    ``cycle`` (the scenario compiled for batches) may be passed to reuse it across chunks, and
    with it the check that the batch can play the scenario.
    """
    reuse = cycle is not None and cycle.game is game
    problem = _bots_problem(game.scenario, policies) if reuse and cycle in _PLAYABLE else can_batch(game.scenario, policies)
    if problem is not None:
        raise ValueError(problem)
    cycle = cycle if cycle is not None and reuse else Cycle(game)
    _PLAYABLE.add(cycle)
    availability = Availability(cycle)
    chooser = Chooser(cycle, policies)
    batch = Batch(game, seeds)
    cycle.open_turn(batch, first=True)
    final = len(cycle.reasons) - 1
    while playing := batch.playing:
        if playing <= batch.size * COMPACT_AT:
            batch.compact()
        available = availability.of(batch)  # and what any role could order joins `Batch.available`
        cycle.resolve(batch, chooser.orders(batch, available))
        if not batch.playing:
            break
        if batch.turn >= game.turn_count:
            cycle.finish(batch, np.flatnonzero(~batch.ended), final, None)
            break
        batch.turn += 1
        cycle.open_turn(batch)
    return batch


_PLAYABLE: weakref.WeakSet[Cycle] = weakref.WeakSet()
"""Compiled scenarios `can_batch` found nothing in (walking a scenario takes milliseconds: once, not per chunk)."""

COMPACT_AT = 0.75
"""Ended games play on unseen (the phases work on whole arrays) until the live share falls to this."""


def play_chunk(game: Game, batch_seed: int, first: int, count: int, policies: Mapping[str, Policy]) -> Batch:
    """Games ``first`` to ``first + count - 1`` of the scalar `simulate`'s batch with this seed."""
    return play_batch(game, game_seeds(batch_seed, first, count), policies)


def results(batch: Batch, first: int = 0) -> Iterator[GameResult]:
    """Each game as the scalar engine's result row; ``first`` is the first game's index in its batch.

    Every column is turned into Python lists once, and each column's dicts are zipped from them by
    `map` (`engine.exercise.simulate` yields a row for each of 100,000 games and more); the
    per-game CSV needs no such row (`engine.batch.per_game`).
    """
    game = batch.game
    scenario = game.scenario
    reasons = end_reasons(scenario)
    outcomes = [game.outcome_ids[o] for o in batch.outcome.tolist()]
    ends = [reasons[e] for e in batch.end_reason.tolist()]
    seeds, turns = batch.seeds.tolist(), batch.end_turn.tolist()
    values = batch.final_values.T.tolist()
    scores = batch.scores.T.tolist()
    fires = batch.final_fires.T.tolist()
    objective_ids = [[objective.id for objective in role.objectives] for role in scenario.roles]
    own_ids = [[game.action_ids[a] for a in actions] for actions in game.role_actions]
    met = [rows.T.tolist() for rows in batch.met]
    uses = [batch.final_uses[r][list(actions)].T.tolist() for r, actions in enumerate(game.role_actions)]
    rows = zip(
        range(first, first + batch.games),
        seeds,
        outcomes,
        ends,
        turns,
        _dicts(game.var_ids, values),
        _dicts(game.role_ids, scores),
        _dicts(game.role_ids, zip(*(_dicts(ids, rows) for ids, rows in zip(objective_ids, met, strict=True)), strict=True)),
        _dicts(game.shock_ids, fires),
        _dicts(game.role_ids, zip(*(_dicts(ids, rows) for ids, rows in zip(own_ids, uses, strict=True)), strict=True)),
        strict=True,
    )
    for index, seed, outcome, end_reason, turn, variables, score, objectives, fired, taken in rows:
        yield GameResult(index, seed, outcome, end_reason, turn, variables, score, objectives, fired, taken)


def _dicts(keys: Sequence[str], rows: Iterable[Sequence[_Value]]) -> list[dict[str, _Value]]:
    """``dict(zip(keys, row))`` for every row, the loop in C (`map`), not in a comprehension's frame."""
    return list(map(dict, map(zip, itertools.repeat(keys), rows)))


_Value = TypeVar("_Value")


CHUNK = 50_000
"""Games played at once by default: numpy's call overhead dominates below, memory above (measured on the
default scenario with random bots, numpy alone, on a quiet machine, medians: 703,000 game-turns/s at
10,000, 1,005,000 at 30,000, 1,095,000 at 50,000, 1,182,000 at 100,000 (docs/batch.md). 100,000 is a
little faster still, but a chunk of 50,000 holds most of the gain at about 40 MiB less peak memory:
an earlier round measured 100,000 games end to end at 1.26 s of CPU in chunks of 50,000 against 1.20
to 1.28 s in chunks of 100,000, at peaks of 164 and 205 MiB)."""


def chunk_ranges(first: int, games: int, chunk: int) -> Iterator[tuple[int, int]]:
    """(first game, count) of each chunk of ``games`` games from ``first``."""
    if games < 1 or chunk < 1:
        raise ValueError("play at least one game, in chunks of at least one")
    for start in range(first, first + games, chunk):
        yield start, min(chunk, first + games - start)


def batch_results(
    game: Game, games: int, seed: int, policies: Mapping[str, Policy], *, chunk: int = CHUNK
) -> Iterator[GameResult]:
    """`engine.bots.simulate.play_results`, batched: the same rows, game by game, in order."""
    cycle = Cycle(game)
    plan = _role_turns(game, games, policies)
    for start, count in chunk_ranges(0, games, chunk):
        with kernels.planned(plan):  # around the play alone: a generator's caller runs between the rows
            batch = play_batch(game, game_seeds(seed, start, count), policies, cycle=cycle)
        yield from results(batch, start)


def _role_turns(game: Game, games: int, policies: Mapping[str, Policy]) -> int:
    """About how many times random bots will choose in a run of so many games (`kernels.planned`)."""
    return games * game.turn_count * sum(type(policy) is RandomPolicy for policy in policies.values())


def batch_totals(
    game: Game,
    games: int,
    seed: int,
    policies: Mapping[str, Policy],
    *,
    first: int = 0,
    chunk: int = CHUNK,
    progress: Progress | None = None,
    each_chunk: Callable[[Batch, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Totals:
    """The totals of games ``first`` to ``first + games - 1`` of the batch with this seed, played in chunks.

    ``each_chunk`` receives every chunk played, in order, with its first game's index (`results`
    makes its games' rows, `engine.batch.per_game` its CSV); ``stop``, asked after each chunk,
    ends the run early, with the totals of the chunks played (at least one).
    """
    cycle = Cycle(game)
    found: Totals | None = None
    with kernels.planned(_role_turns(game, games, policies)):
        for start, count in chunk_ranges(first, games, chunk):
            totals = _play_chunk(game, cycle, seed, start, count, policies=policies, each_chunk=each_chunk)
            found = totals if found is None else found.merge(totals)
            if progress is not None:
                progress(start + count - first, games)
            if stop is not None and stop():
                break
    assert found is not None
    return found


def _play_chunk(
    game: Game,
    cycle: Cycle,
    seed: int,
    start: int,
    count: int,
    *,
    policies: Mapping[str, Policy],
    each_chunk: Callable[[Batch, int], None] | None,
) -> Totals:
    """One chunk's totals, the chunk handed to ``each_chunk``."""
    batch = play_batch(game, game_seeds(seed, start, count), policies, cycle=cycle)
    totals = Totals.of(batch, seed, start, policies)
    if each_chunk is not None:
        each_chunk(batch, start)
    return totals


def batch_simulate(
    game: Game,
    games: int,
    seed: int,
    policies: Mapping[str, Policy],
    progress: Progress | None = None,
    *,
    chunk: int = CHUNK,
    each_chunk: Callable[[Batch, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> SimulationReport:
    """`engine.bots.simulate.simulate` (without journals), batched: the same report, byte for byte, and the same games
    to ``each_chunk`` (see `batch_totals`)."""
    totals = batch_totals(game, games, seed, policies, chunk=chunk, progress=progress, each_chunk=each_chunk, stop=stop)
    return totals.report(game)
