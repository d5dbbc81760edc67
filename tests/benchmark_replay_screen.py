"""Replay screen speed. Not a test: run `python -m tests.benchmark_replay_screen` to print figures.

The journal is the default scenario stretched to a hundred months, both teams played by the
random bot (as in `tests/benchmark_journal.py`). Goals: the screen open in under 1 s, a step in
under 50 ms. Measured headless at 120x40 with Textual's Pilot:

- open: from reading the journal (replay, steps) to the replay screen's first full render;
- step: one ``right`` key press until the screen has been redrawn (Pilot waits for the app to be
  idle, so this includes the whole redraw), over fifty steps from the middle of the game;
- jump: ``home`` then ``end`` (the two farthest steps), per key;
- a key bound to nothing, for what Pilot's own waiting costs per key.

Each is given as wall time and as this process's CPU time (the machine may be shared).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual.pilot import Pilot

from engine.journal.timeline import load_steps
from tests.benchmark_journal import REPEATS, _hundred_turns
from tui.app import make_app
from tui.launch import Launch
from tui.screens.replay import ReplayScreen

SIZE = (120, 40)
STEPS = 50


def _ms(seconds: list[float]) -> str:
    return f"best {min(seconds) * 1000:.1f} ms, median {statistics.median(seconds) * 1000:.1f} ms"


class _Clocks:
    """Wall time and this process's CPU time: on a shared machine the wall clock also counts other programs' turns."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    async def time(self, pilot: Pilot[None], key: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        await pilot.press(key)
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)

    def line(self, label: str) -> str:
        return f"  {label:<24} wall {_ms(self.wall)}; CPU {_ms(self.cpu)} (of {len(self.wall)})"


async def _measure(path: Path, opens: _Clocks, steps: _Clocks, jumps: _Clocks, idle: _Clocks) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    app = make_app(Launch(folder=path.parent), replay=load_steps(path), blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        opens.wall.append(time.perf_counter() - wall)
        opens.cpu.append(time.process_time() - cpu)
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        screen.show_step(screen.steps.last // 2)
        await pilot.pause()
        for _ in range(STEPS):
            await steps.time(pilot, "right")
            await idle.time(pilot, "x")  # a key bound to nothing: what Pilot itself costs per key
        for key in ("home", "end") * 5:
            await jumps.time(pilot, key)
        assert screen.current == screen.steps.last


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hundred.jsonl"
        turns = _hundred_turns(path)
        commands = len(path.read_text(encoding="utf-8").splitlines()) - 1
        opens, steps, jumps, idle = _Clocks(), _Clocks(), _Clocks(), _Clocks()
        for _ in range(REPEATS):
            asyncio.run(_measure(path, opens, steps, jumps, idle))
        print(f"a {turns}-turn journal ({commands} commands), {SIZE[0]}x{SIZE[1]}, {REPEATS} runs:")
        print(
            f"  {'open the replay screen':<24} wall best {min(opens.wall):.3f} s, median {statistics.median(opens.wall):.3f} s; "
            f"CPU best {min(opens.cpu):.3f} s, median {statistics.median(opens.cpu):.3f} s"
        )
        print(steps.line("one step (right)"))
        print(jumps.line("first/last (home/end)"))
        print(idle.line("a key bound to nothing"))


if __name__ == "__main__":
    main()
