"""Batched engine speed beside the scalar engine's. Not a test: run `python tests/benchmark_batch.py`.

Prints game-turns per second per core (CPU time of this process, so BLAS threads spinning on
another core would show; the batch calls no BLAS routine and the threads are pinned to one
here anyway) for the scalar `play_results` (after a warm-up) and for the batch at B = 1,000 / 10,000 / 30,000 / 50,000
(the chunk) / 100,000, with random bots on the default scenario, with numpy alone and, beside it, with numba's compiled
kernels when `whitecell[fast]` is installed (the median of ``--repeat`` runs each). A game-turn
is one game's turn resolved. The issue's goal is 1,000,000 game-turns/s per core at the best B
with numpy alone, higher with numba. numba's first-call cost (import, then compiling or loading
the cached kernels) is printed first: run with ``NUMBA_CACHE_DIR`` set to an empty folder to see
the compile.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before numpy loads: one BLAS thread

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from engine.batch import batch_totals  # noqa: E402
from engine.batch.cycle import Cycle  # noqa: E402
from engine.batch.dice import game_seeds  # noqa: E402
from engine.batch.kernels import available, use_compiled  # noqa: E402
from engine.batch.memory import keep_freed_memory  # noqa: E402
from engine.batch.play import play_batch  # noqa: E402
from engine.bots.policies import Policy  # noqa: E402
from engine.bots.registry import make_bot  # noqa: E402
from engine.bots.simulate import play_results, simulate  # noqa: E402
from engine.core.rules import Game, compile_scenario  # noqa: E402
from engine.load.catalog import resolve_scenario  # noqa: E402

SCALAR_GOAL = 20_000
"""Issue 16's goal for scalar random play, bots included: game-turns per second on the default scenario."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario", nargs="?", default=None, help="scenario file or bundled name (default scenario)")
    parser.add_argument("--policy", default="random", choices=["random", "passive"], help="the bot of every role")
    parser.add_argument("--scalar-games", type=int, default=300, help="games for the scalar figure")
    parser.add_argument("--sizes", default="1000,10000,30000,50000,100000", help="batch sizes B, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each batch size and kernel (the median is printed)")
    args = parser.parse_args()

    game = compile_scenario(resolve_scenario(args.scenario))
    policies = {role: make_bot(args.policy) for role in game.role_ids}
    print(f"scenario: {game.scenario.id}, {args.policy} bots")
    kinds = [False, True] if _numba_start(game, policies) else [False]

    scalar = _scalar_rate(game, policies, args.scalar_games, args.repeat)
    print(
        f"  scalar play_results        {scalar:>12,.0f} game-turns/s per core  ({args.scalar_games} games,"
        f" median of {max(1, args.repeat)}; goal {SCALAR_GOAL:,}, {scalar / SCALAR_GOAL:.0%} of it)"
    )

    cycle = Cycle(game)
    with use_compiled(False):
        play_batch(game, game_seeds(2, 0, 100), policies, cycle=cycle)  # warm up: the bot's bit tables are made on first use
    for size in (int(part) for part in args.sizes.split(",")):
        seeds = game_seeds(1, 0, size)
        figures = []
        for compiled in kinds:
            rates = []
            with use_compiled(compiled):
                for _ in range(max(1, args.repeat)):
                    cpu = time.process_time()
                    batch = play_batch(game, seeds, policies, cycle=cycle)
                    rates.append(int(batch.resolutions.sum()) / (time.process_time() - cpu))
            rate = statistics.median(rates)
            figures.append(f"{'numba' if compiled else 'numpy'} {rate:>10,.0f} ({rate / scalar:.0f}x scalar)")
        print(f"  batch B = {size:>7,}  game-turns/s per core:  " + "   ".join(figures))

    games = args.scalar_games
    cpu = time.process_time()
    same = batch_totals(game, games, 1, policies).report(game) == simulate(game, games, 1, policies)
    print(f"  batch report == simulate's for {games} games: {same} ({time.process_time() - cpu:.1f} s to check)")


def _scalar_rate(game: Game, policies: dict[str, Policy], games: int, repeat: int) -> float:
    """The scalar playout's game-turns per second of CPU: the median of ``repeat`` runs, after a
    warm-up (the playout plan and the dice's cached tables are made on first use)."""
    list(play_results(game, 20, 2, policies))
    rates = []
    for _ in range(max(1, repeat)):
        cpu = time.process_time()
        turns = sum(row.turns for row in play_results(game, games, 1, policies))
        rates.append(turns / (time.process_time() - cpu))
    return statistics.median(rates)


def _numba_start(game: Game, policies: dict[str, Policy]) -> bool:
    """Whether numba is installed, printing what its first use costs: the import, then the first batch."""
    wall = time.perf_counter()
    if not available():
        print("  numba: not installed (pip install 'whitecell[fast]'): numpy alone")
        return False
    imported = time.perf_counter() - wall
    with use_compiled(True):
        play_batch(game, game_seeds(3, 0, 100), policies)
    first = time.perf_counter() - wall - imported
    with use_compiled(False):
        wall = time.perf_counter()
        play_batch(game, game_seeds(3, 0, 100), policies)
    plain = time.perf_counter() - wall
    print(f"  numba: import {imported:.2f} s; first 100-game batch {first:.2f} s with the kernels, {plain:.2f} s without")
    return True


if __name__ == "__main__":
    keep_freed_memory()  # as simulate and sweep do: they own their process
    main()
