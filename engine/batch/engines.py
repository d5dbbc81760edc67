"""Which engine plays a run of bot games, and playing it: the batch when it can, else the scalar one.

Both give the same report and the same per-game rows byte for byte (the scalar engine is the
specification, and tests hold the batch to it), so the choice is one of speed alone, and the
report says which ran and why in one line. ``auto`` takes the batch whenever `can_batch` finds
nothing in the scenario or the bots it cannot play, and nothing asks for journals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal, Protocol

import attrs

from engine.batch.cluster import cluster_totals
from engine.batch.play import CHUNK, batch_simulate, can_batch
from engine.batch.state import Batch
from engine.batch.workers import parallel_totals
from engine.bots.policies import Policy
from engine.bots.report import Run
from engine.bots.simulate import GameResult, Journaling, Progress, SimulationReport, simulate
from engine.core.rules import Game

ENGINES = ("auto", "scalar", "batch")
"""What ``--engine`` accepts; ``auto`` is the default."""

JOURNALS = "every game is journaled command by command, which only the scalar engine does"


class GameRows(Protocol):
    """Where a run's games go, one by one and in order, in the form each engine has them (`simulate_with`'s ``rows``)."""

    def chunk(self, batch: Batch, first: int) -> None:
        """A chunk the batched engine played: its games as arrays, game ``first`` of the run first."""

    def game(self, result: GameResult) -> None:
        """One game the scalar engine played."""


class EngineRefused(ValueError):
    """The batched engine was asked for where it cannot play; the message says why."""


@attrs.frozen
class Choice:
    """The engine that will play, and in words how (or why not the batch)."""

    engine: Literal["scalar", "batch"]
    detail: str
    chunk: int = CHUNK
    workers: int = 1
    """Processes playing the batch's chunks at once."""
    cluster: str | None = None
    """The Dask scheduler's address when a cluster plays the chunks."""

    def run(self, requested: int) -> Run:
        """The report's line about this choice, for a run of ``requested`` games."""
        return Run(self.engine, self.detail, requested)


def choose_engine(
    game: Game,
    policies: Mapping[str, Policy],
    wanted: str = "auto",
    *,
    journaled: bool = False,
    chunk: int = CHUNK,
    workers: int = 1,
    cluster: str | None = None,
) -> Choice:
    """The engine for these bots on this game: ``wanted`` is ``auto``, ``scalar`` or ``batch``.

    Raises `EngineRefused` when ``batch`` is asked for and the batch cannot play the run, and
    when more than one worker or a Dask cluster (``cluster``, the scheduler's address) is asked
    for and the run is not the batch's (only its chunks are played elsewhere).
    """
    if wanted not in ENGINES:
        raise ValueError(f"unknown engine {wanted!r} (known: {', '.join(ENGINES)})")
    if wanted == "scalar":
        choice = Choice("scalar", "one game at a time, as asked", chunk)
    else:
        reason = can_batch(game.scenario, policies) or (JOURNALS if journaled else None)
        if reason is None:
            processes = f", in {workers} processes" if workers > 1 else ""
            where = f", on the Dask cluster at {cluster}" if cluster is not None else processes
            return Choice("batch", f"numpy arrays, {chunk:,} games at a time{where}", chunk, workers, cluster)
        if wanted == "batch":
            raise EngineRefused(reason)
        choice = Choice("scalar", f"one game at a time, because {reason}", chunk)
    if workers > 1 or cluster is not None:
        elsewhere = "on a Dask cluster" if cluster is not None else "in several processes"
        raise EngineRefused(f"only the batched engine plays {elsewhere}, and this run is the scalar engine's: {choice.detail}")
    return choice


def simulate_with(
    choice: Choice,
    game: Game,
    games: int,
    seed: int,
    policies: Mapping[str, Policy],
    *,
    progress: Progress | None = None,
    journal: Journaling | None = None,
    rows: GameRows | None = None,
    stop: Callable[[], bool] | None = None,
) -> SimulationReport:
    """`simulate` played by the chosen engine: the same report whichever it is, and the same games to ``rows``.

    The batched engine hands ``rows`` each chunk's arrays (`GameRows.chunk`: building a
    `GameResult` per game would cost more than playing it), the scalar engine each game's result.
    """
    if choice.engine == "batch":
        if journal is not None:
            raise EngineRefused(JOURNALS)
        if choice.workers > 1 or choice.cluster is not None:
            if rows is not None:
                raise EngineRefused("per-game rows come from one process: play them with one worker and no cluster")
            bots = {role: policies[role].name for role in game.role_ids}
            document = game.scenario.document
            if choice.cluster is not None:
                totals = cluster_totals(
                    document, bots, games, seed, choice.cluster, chunk=choice.chunk, progress=progress, stop=stop
                )
            else:
                totals = parallel_totals(
                    document, bots, games, seed, choice.workers, chunk=choice.chunk, progress=progress, stop=stop
                )
            return totals.report(game)
        each_chunk = rows.chunk if rows is not None else None
        return batch_simulate(game, games, seed, policies, progress, chunk=choice.chunk, each_chunk=each_chunk, stop=stop)
    each_game = rows.game if rows is not None else None
    return simulate(game, games, seed, policies, progress, journal=journal, each_game=each_game, stop=stop)
