"""Batched engine speed beside the scalar engine's. Not a test: run `python tests/benchmark_batch.py`.

Prints game-turns per second per core (CPU time of this process, so BLAS threads spinning on
another core would show; the batch calls no BLAS routine and the threads are pinned to one
here anyway) for the scalar `play_results` and for the batch at B = 1,000 / 10,000 / 100,000,
with random bots on the default scenario. A game-turn is one game's turn resolved. The issue's
goal is 1,000,000 game-turns/s per core at the best B.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before numpy loads: one BLAS thread

import argparse  # noqa: E402
import time  # noqa: E402

from engine.batch import batch_totals  # noqa: E402
from engine.batch.cycle import Cycle  # noqa: E402
from engine.batch.dice import game_seeds  # noqa: E402
from engine.batch.play import play_batch  # noqa: E402
from engine.bots.registry import make_bot  # noqa: E402
from engine.bots.simulate import play_results, simulate  # noqa: E402
from engine.core.rules import compile_scenario  # noqa: E402
from engine.load.catalog import resolve_scenario  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario", nargs="?", default=None, help="scenario file or bundled name (default scenario)")
    parser.add_argument("--policy", default="random", choices=["random", "passive"], help="the bot of every role")
    parser.add_argument("--scalar-games", type=int, default=300, help="games for the scalar figure")
    parser.add_argument("--sizes", default="1000,10000,100000", help="batch sizes B, comma-separated")
    args = parser.parse_args()

    game = compile_scenario(resolve_scenario(args.scenario))
    policies = {role: make_bot(args.policy) for role in game.role_ids}
    print(f"scenario: {game.scenario.id}, {args.policy} bots")

    cpu = time.process_time()
    turns = sum(row.turns for row in play_results(game, args.scalar_games, 1, policies))
    scalar = turns / (time.process_time() - cpu)
    print(f"  scalar play_results        {scalar:>12,.0f} game-turns/s per core  ({args.scalar_games} games)")

    cycle = Cycle(game)
    play_batch(game, game_seeds(2, 0, 100), policies, cycle=cycle)  # warm up: the bot's bit tables are made on first use
    for size in (int(part) for part in args.sizes.split(",")):
        seeds = game_seeds(1, 0, size)
        cpu, wall = time.process_time(), time.perf_counter()
        batch = play_batch(game, seeds, policies, cycle=cycle)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        played = int(batch.resolutions.sum())
        print(
            f"  batch B = {size:>7,}          {played / cpu:>12,.0f} game-turns/s per core  "
            f"({played / cpu / scalar:.0f}x scalar; {size / cpu:,.0f} games/s; wall {wall:.2f} s)"
        )

    games = args.scalar_games
    cpu = time.process_time()
    same = batch_totals(game, games, 1, policies).report(game) == simulate(game, games, 1, policies)
    print(f"  batch report == simulate's for {games} games: {same} ({time.process_time() - cpu:.1f} s to check)")


if __name__ == "__main__":
    main()
