"""The batch's chunks played in several local processes, their totals merged exactly.

Each worker gets the scenario as its JSON document (a compiled `Game` holds functions, which do
not cross processes), the bots by name and a range of game indexes, and sends back the range's
`Totals` as JSON: integers only, which merge to the very report one process gives, whatever the
number of workers and the order the chunks finish in. Workers ignore Ctrl-C: the parent asks
them to stop by cancelling what has not started, and reports the chunks finished from game 0 on
without a gap.
"""

from __future__ import annotations

import functools
import json
import signal
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from engine.batch.play import CHUNK, batch_totals, chunk_ranges
from engine.batch.totals import Totals
from engine.bots.registry import make_bot
from engine.core.rules import Game, compile_scenario
from engine.load.loader import load_scenario_document


def parallel_totals(
    document: Mapping[str, Any],
    bots: Mapping[str, str],
    games: int,
    seed: int,
    workers: int,
    *,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Totals:
    """The totals of games 0 to ``games - 1`` played in chunks by ``workers`` processes.

    Stopped early, the totals cover the chunks finished from game 0 on (at least the first).
    """
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    bot_names = tuple(sorted(bots.items()))
    found: dict[int, Totals] = {}
    done = 0
    with ProcessPoolExecutor(max_workers=workers, initializer=_ignore_ctrl_c) as pool:
        running: dict[Future[dict[str, Any]], int] = {
            pool.submit(play_range, text, bot_names, seed, first, count): first for first, count in chunk_ranges(0, games, chunk)
        }
        stopping = False
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                first = running.pop(future)
                if future.cancelled():
                    continue
                totals = Totals.from_json(future.result())
                found[first] = totals
                done += totals.games
                if progress is not None:
                    progress(done, games)
            if not stopping and stop is not None and stop():
                stopping = True
                for future in running:
                    future.cancel()
    return from_game_zero(found)


def from_game_zero(found: dict[int, Totals]) -> Totals:
    """The merged totals of the chunks that run from game 0 without a gap."""
    merged: Totals | None = None
    start = 0
    while start in found:
        merged = found[start] if merged is None else merged.merge(found[start])
        start += found[start].games
    if merged is None:
        raise RuntimeError("the first chunk did not finish")
    return merged


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@functools.lru_cache(maxsize=4)
def _game(text: str) -> Game:
    """The scenario compiled once per worker process (a worker plays many chunks of one scenario)."""
    return compile_scenario(load_scenario_document(json.loads(text), "<sent to a worker>"))


def play_range(text: str, bots: tuple[tuple[str, str], ...], seed: int, first: int, count: int) -> dict[str, Any]:
    """In a worker: the totals of games ``first`` to ``first + count - 1``, as JSON."""
    game = _game(text)
    policies = {role: make_bot(name) for role, name in bots}
    return batch_totals(game, count, seed, policies, first=first, chunk=count).to_json()
