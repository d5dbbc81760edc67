"""Engine speed on the default scenario. Not a test: run `python tests/benchmark.py` to print figures.

Figures printed:
- scenario load and compile time;
- `step` turns per second with random play: time spent inside `step` only (each turn is the
  two roles' SubmitOrders plus Resolve), the orders chosen beforehand by the random bot;
- random-play turns per second including the bots' choices;
- `simulate` games per second (random bots, with the availability statistics it gathers).
"""

from __future__ import annotations

import argparse
import time

from engine.bots.policies import RandomPolicy
from engine.bots.registry import make_bot
from engine.bots.simulate import game_seed, simulate
from engine.core.commands import Resolve, SubmitOrders
from engine.core.rules import compile_scenario
from engine.core.step import start, step
from engine.core.view import View
from engine.load.catalog import resolve_scenario


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
    began = time.perf_counter()
    simulate(game, args.games, 1, policies)
    seconds = time.perf_counter() - began
    print(f"simulate (random bots): {args.games / seconds:,.0f} games/s")


if __name__ == "__main__":
    main()
