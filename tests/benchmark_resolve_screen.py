"""Resolve to the summary on screen. Not a test: run `python -m tests.benchmark_resolve_screen` to print figures.

The issue's goal: from `r` to the adjudication summary on screen, under 100 ms of our own work.
A whole game of the default scenario, both teams played by the random bot (so orders are in when
`r` is pressed, and the bots enter the next turn's as the console does), seed 7, 120x40:

- on screen: one ``r`` press, headless with Textual's Pilot, until the summary is up and the app
  is idle (Pilot waits for that), so it holds our work and Textual's layout and rendering of the
  play screen under the summary and of the summary; a key bound to nothing gives what Pilot's own
  waiting costs per key;
- our own work: what that press asks of whitecell, without Textual, on a session of the same game:
  the resolution journaled to disk (fsynced, as the console does), the bots' next orders, the
  summary's events and sections, and the play screen's projections (variables, shocks, teams,
  log) that the redraw renders; each part is timed too.

Each is given as wall time and as this process's CPU time (the machine may be shared); the
difference between the two measurements is, roughly, Textual's part. One more game is played under
cProfile to split the time of an ``r`` press by whose code ran (self time, profiler overhead
included): whitecell's (engine/ and tui/, the console's widgets filling themselves included),
Textual's and Rich's, and the rest (the standard library, asyncio, attrs).
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from engine.audience.console import log_lines, resolution_events, role_views, shock_views, variable_views
from engine.audience.visibility import WHITE_CELL
from engine.core.commands import Resolve
from engine.journal.autoplay import bot_orders
from engine.journal.format import Settings
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tui.app import make_app
from tui.launch import Launch, open_session
from tui.screens.play import PlayScreen
from tui.screens.summary import AdjudicationScreen, summary_sections

SIZE = (120, 40)
REPEATS = 3
BOTS = (("seoul", "random"), ("tokyo", "random"))
SEED = 7


def _ms(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds) * 1000:6.1f} ms, best {min(seconds) * 1000:6.1f} ms"


class _Clocks:
    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def line(self, label: str) -> str:
        return f"  {label:<34} wall {_ms(self.wall)}; CPU {_ms(self.cpu)} (of {len(self.wall)})"


def _timed(clocks: _Clocks, work: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    clocks.wall.append(time.perf_counter() - wall)
    clocks.cpu.append(time.process_time() - cpu)
    return result


async def _on_screen(folder: Path, pressed: _Clocks, idle: _Clocks, profile: cProfile.Profile | None = None) -> None:
    launch = Launch(scenario=None, seed=SEED, journal=folder / "screen.jsonl", folder=folder, bots=BOTS)
    session, recovery = open_session(launch)
    app = make_app(launch, session=session, recovery=recovery, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # past the briefing
        await pilot.pause()
        while not session.state.ended:
            await _press(pilot, "x", idle)  # a key bound to nothing
            if profile is not None:
                profile.enable()
            await _press(pilot, "r", pressed)
            if profile is not None:
                profile.disable()
            assert _shows(app, AdjudicationScreen), type(app.screen).__name__
            while not _shows(app, PlayScreen) and not session.state.ended:
                await pilot.press("enter")  # the summary, then a hotwash or a briefing update when due
    session.close()


def _shows(app: Any, kind: type) -> bool:
    """Whether the screen on top is of this kind (a function: mypy would carry one narrowing past a key press)."""
    return isinstance(app.screen, kind)


async def _press(pilot: Pilot[None], key: str, clocks: _Clocks) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    clocks.wall.append(time.perf_counter() - wall)
    clocks.cpu.append(time.process_time() - cpu)


def _our_work(folder: Path, parts: dict[str, _Clocks]) -> None:
    session = Session.new(resolve_scenario(None), SEED, folder / "work.jsonl", settings=Settings(bots=BOTS))
    for command in bot_orders(session):
        session.apply(command)
    scenario = session.scenario
    while not session.state.ended:
        wall, cpu = time.perf_counter(), time.process_time()
        events = _timed(parts["resolve, journaled and fsynced"], lambda: session.apply(Resolve()))
        _timed(parts["the bots' next orders"], lambda: [session.apply(c) for c in bot_orders(session)])
        shown = _timed(parts["the summary's events"], partial(resolution_events, scenario, events, WHITE_CELL))
        _timed(parts["the summary's sections (words)"], partial(summary_sections, scenario, shown))
        _timed(
            parts["the play screen's projections"],
            lambda: (
                variable_views(session, WHITE_CELL),
                shock_views(session, WHITE_CELL),
                role_views(session, WHITE_CELL),
                log_lines(session, WHITE_CELL),
            ),
        )
        parts["our own work, in all"].wall.append(time.perf_counter() - wall)
        parts["our own work, in all"].cpu.append(time.process_time() - cpu)
    session.close()


def _by_whose_code(profile: cProfile.Profile, presses: int) -> dict[str, float]:
    """Self time per press, in ms, by the package whose function it was."""
    root = str(Path(__file__).resolve().parent.parent)
    shares: dict[str, float] = {}
    stats: dict[tuple[str, int, str], tuple[Any, ...]] = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    for (file, _, _), (_, _, own, *_) in stats.items():
        if file.startswith((root + "/engine/", root + "/tui/")):
            whose = "whitecell (engine/, tui/)"
        elif "/textual/" in file or "/rich/" in file:
            whose = "Textual and Rich"
        else:
            whose = "the rest (stdlib, asyncio, attrs...)"
        shares[whose] = shares.get(whose, 0.0) + own * 1000 / presses
    return shares


def main() -> None:
    pressed, idle = _Clocks(), _Clocks()
    names = (
        "resolve, journaled and fsynced",
        "the bots' next orders",
        "the summary's events",
        "the summary's sections (words)",
        "the play screen's projections",
        "our own work, in all",
    )
    parts = {name: _Clocks() for name in names}
    for _ in range(REPEATS):
        with tempfile.TemporaryDirectory() as folder:
            _our_work(Path(folder), parts)
            asyncio.run(_on_screen(Path(folder), pressed, idle))
    turns = resolve_scenario(None).turns.count
    print(f"the default scenario ({turns} turns, random bots, seed {SEED}), {SIZE[0]}x{SIZE[1]}, {REPEATS} games:")
    print("r to the summary on screen (Pilot, Textual included):")
    print(pressed.line("r until the summary is up"))
    print(idle.line("a key bound to nothing"))
    print("our own work for one r (no Textual; goal: under 100 ms):")
    for name in names:
        print(parts[name].line(name))
    with tempfile.TemporaryDirectory() as folder:
        profile, profiled = cProfile.Profile(), _Clocks()
        asyncio.run(_on_screen(Path(folder), profiled, _Clocks(), profile))
    print("one r under cProfile, self time by whose code ran (ms per press, profiler overhead included):")
    for whose, ms in sorted(_by_whose_code(profile, len(profiled.wall)).items(), key=lambda item: -item[1]):
        print(f"  {whose:<38} {ms:6.1f} ms")
    ours = statistics.median(parts["our own work, in all"].cpu)
    textual = statistics.median(pressed.cpu) - statistics.median(idle.cpu) - ours
    print(f"  Textual's part (CPU, r minus Pilot's idle key minus our own work): about {textual * 1000:.0f} ms")


if __name__ == "__main__":
    main()
