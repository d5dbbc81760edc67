"""Engine speed on the default scenario. Not a test: run `python tests/benchmark.py` to print figures.

Figures printed:
- scenario load and compile time;
- `step` turns per second with random play: time spent inside `step` only (each turn is the
  two roles' SubmitOrders plus Resolve), the orders chosen beforehand by the random bot;
- random-play turns per second including the bots' choices;
- game-turns per second of the playouts `simulate` plays (`play_results`, random bots, CPU time),
  beside issue 16's goal of 20,000;
- `simulate` games per second (random bots, with the availability statistics it gathers), with
  the scalar engine and with the batched one (tests/benchmark_batch.py has the batch's figures
  by batch size);
- greedy bots: game-turns per second (CPU time) of the scalar playouts and of the batch.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before numpy loads: one BLAS thread, as simulate does

import argparse  # noqa: E402
import time  # noqa: E402

from engine.batch import batch_results, batch_simulate  # noqa: E402
from engine.batch.memory import keep_freed_memory  # noqa: E402
from engine.bots.policies import RandomPolicy  # noqa: E402
from engine.bots.registry import make_bot  # noqa: E402
from engine.bots.simulate import game_seed, play_results, simulate  # noqa: E402
from engine.core.commands import Resolve, SubmitOrders  # noqa: E402
from engine.core.rules import compile_scenario  # noqa: E402
from engine.core.step import start, step  # noqa: E402
from engine.core.view import View  # noqa: E402
from engine.load.catalog import resolve_scenario  # noqa: E402

SCALAR_GOAL = 20_000
"""Issue 16's goal for scalar random play, bots included: game-turns per second on the default scenario."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario", nargs="?", default=None, help="scenario file or bundled name (default scenario)")
    parser.add_argument("--games", type=int, default=500, help="games per measurement")
    args = parser.parse_args()

    began = time.perf_counter()
    scenario = resolve_scenario(args.scenario)
    loaded = time.perf_counter()
    game = compile_scenario(scenario)
    compiled = time.perf_counter()
    print(f"scenario: {scenario.id}  load {1000 * (loaded - began):.1f} ms, compile {1000 * (compiled - loaded):.1f} ms")

    bot = RandomPolicy()
    step_seconds = 0.0
    total_seconds = 0.0
    turns = 0
    for index in range(args.games):
        game_began = time.perf_counter()
        state, _ = start(game, game_seed(7, index))
        while not state.ended:
            orders = [(role, bot.choose(View(game, state), role)) for role in game.role_ids]
            stepping = time.perf_counter()
            for role, actions in orders:
                state, _ = step(game, state, SubmitOrders(role, actions))
            state, _ = step(game, state, Resolve())
            step_seconds += time.perf_counter() - stepping
            turns += 1
        total_seconds += time.perf_counter() - game_began
    print(f"step with random play: {turns / step_seconds:,.0f} turns/s ({turns} turns, events recorded)")
    print(f"random play including the bots' choices: {turns / total_seconds:,.0f} turns/s")

    policies = {role: make_bot("random") for role in game.role_ids}
    cpu = time.process_time()
    played = sum(row.turns for row in play_results(game, args.games, 1, policies))
    rate = played / (time.process_time() - cpu)
    print(f"playouts (random bots): {rate:,.0f} game-turns/s per core (goal {SCALAR_GOAL:,}: {rate / SCALAR_GOAL:.0%} of it)")
    began = time.perf_counter()
    simulate(game, args.games, 1, policies)
    seconds = time.perf_counter() - began
    print(f"simulate (random bots), scalar engine: {args.games / seconds:,.0f} games/s")
    games = 20 * args.games
    began = time.perf_counter()
    batch_simulate(game, games, 1, policies)
    seconds = time.perf_counter() - began
    print(f"simulate (random bots), batched engine: {games / seconds:,.0f} games/s ({games} games)")

    greedy = {role: make_bot("greedy") for role in game.role_ids}
    games = max(args.games // 25, 1)
    cpu = time.process_time()
    played = sum(row.turns for row in play_results(game, games, 1, greedy))
    print(f"playouts (greedy bots): {played / (time.process_time() - cpu):,.0f} game-turns/s per core ({games} games)")
    games = 4 * args.games
    cpu = time.process_time()
    played = sum(row.turns for row in batch_results(game, games, 1, greedy))
    print(f"batch (greedy bots): {played / (time.process_time() - cpu):,.0f} game-turns/s per core ({games} games)")


if __name__ == "__main__":
    keep_freed_memory()  # as simulate and sweep do: they own their process
    main()
