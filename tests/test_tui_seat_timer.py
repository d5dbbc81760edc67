"""The decision timer at a team's seat: counting down, standing still with "paused" while the white
cell has paused it, going again, and the console's own `t`, `+` and `T` reaching a seat over TCP."""

from __future__ import annotations

import asyncio
from pathlib import Path

import attrs
from textual.pilot import Pilot

from engine.seats.client import SeatClient
from engine.seats.messages import State, TimerMessage
from tests.helpers import WIDE, keys
from tests.test_tui_seat import OPENING, FakeLink, observation, settle, state, text_of
from tests.test_tui_seats_console import run, until
from tui.app import WhitecellApp, make_app
from tui.launch import Launch, open_session
from tui.seat.app import SeatApp
from tui.seat.link import Timer, TimerChanged
from tui.seat_options import SeatOptions


@attrs.define
class Clock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_seat_shows_the_timer_running_paused_and_running_again() -> None:
    clock, link = Clock(), FakeLink()
    app = SeatApp(link, where="127.0.0.1:7420", clock=clock)

    async def main() -> None:
        async with app.run_test(size=WIDE) as pilot:
            link.push(*OPENING, state(observation(), timer=Timer(600.0, 10)))
            await settle(pilot, link)
            assert "⏱ 10:00" in text_of(app) and "paused" not in text_of(app)
            clock.now += 30
            link.push(TimerChanged(Timer(570.0, 10, paused=True)))
            await settle(pilot, link)
            assert "⏱ 09:30 paused" in text_of(app)
            clock.now += 120  # time passes while paused: the seat's timer stands still
            await pilot.pause(1.2)
            assert "⏱ 09:30 paused" in text_of(app)
            link.push(TimerChanged(Timer(570.0, 10)))
            await settle(pilot, link)
            clock.now += 10  # and running again, it counts down (the seat ticks once a second)
            await pilot.pause(1.2)
            assert "⏱ 09:20" in text_of(app) and "paused" not in text_of(app)
            link.push(TimerChanged(None))
            await settle(pilot, link)
            assert "⏱" not in text_of(app)

    asyncio.run(main())


def test_the_consoles_timer_keys_reach_a_seat(tmp_path: Path) -> None:
    """`t` pauses (the seat is told, paused, with the seconds left), `t` again sets it going, `+` adds a
    minute, `T` puts it back to its full length: each reaches the seat over TCP within a moment."""
    launch = Launch(
        scenario="seoul-tokyo-2026",
        seed=5,
        journal=tmp_path / "game.jsonl",
        folder=tmp_path,
        seats=SeatOptions(port=0),
        timer_minutes=10,
    )
    session, recovery = open_session(launch)
    app = make_app(launch, session=session, recovery=recovery, blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await until(pilot, lambda: app.seating is not None)
        await keys(pilot, "escape")
        assert app.seating is not None
        summary = app.seating.summary()
        team = summary.teams[0]
        seen: list[tuple[float, bool] | None] = []

        async def listen(seat: SeatClient) -> None:
            async for message in seat.messages():
                if isinstance(message, State | TimerMessage):
                    timer = message.timer
                    seen.append(None if timer is None else (timer.seconds_left, timer.paused))

        async with SeatClient("127.0.0.1", summary.port, team.code, name="laptop") as seat:
            reader = asyncio.create_task(listen(seat))
            await until(pilot, lambda: bool(seen) and seen[-1] is not None)
            first = seen[-1]
            assert first is not None and 590 <= first[0] <= 600 and not first[1]
            await keys(pilot, "t")
            await until(pilot, lambda: seen[-1] is not None and seen[-1][1])
            paused = seen[-1]
            assert paused is not None and 590 <= paused[0] <= 600
            await keys(pilot, "plus")
            await until(pilot, lambda: seen[-1] is not None and seen[-1][1] and seen[-1][0] > paused[0] + 50)
            await keys(pilot, "t")
            await until(pilot, lambda: seen[-1] is not None and not seen[-1][1])
            await keys(pilot, "T")
            await until(pilot, lambda: seen[-1] is not None and 595 <= seen[-1][0] <= 600)
            reader.cancel()

    run(app, script)
