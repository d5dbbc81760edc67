"""The seat console end to end: a real seat server over a journaled session on 127.0.0.1 (a free
port), the client library behind `ClientLink`, and the console, all in one event loop.

It also measures what the issue asks of a seat: from the code being accepted to the console's
first full frame (the goal is under a second; the figure is printed with ``-s``; see FIRST_FRAME_LIMIT).
"""

from __future__ import annotations

import time
from pathlib import Path

from engine.core.commands import Resolve, ReturnOrders, SubmitOrders
from engine.core.view import View
from engine.seats.client import Backoff, SeatClient
from tests.helpers import WIDE
from tests.test_seats_support import eventually, live_server, run
from tests.test_tui_play import assert_journal_replays_to, journal_commands
from tests.test_tui_seat import text_of
from tui.seat.app import SeatApp
from tui.seat.client import ClientLink

FIRST_FRAME_GOAL = 1.0
"""Seconds from the code accepted to the first full frame: the issue's goal, met with room to spare on
a quiet machine (about 0.2 s here) and still met (about 0.8 s) with three busy processes per two cores."""
FIRST_FRAME_LIMIT = 3 * FIRST_FRAME_GOAL
"""What the test holds it to, in the process's CPU time (the seat server, the client and the console
share it): a wall-clock figure measures the machine's other work too (5.8 s once with the whole suite
and other jobs on two cores), the CPU time only ours, so the test fails on a console that has become
slow to start, not on a busy machine. On a quiet machine the two are close."""


def test_a_team_plays_a_turn_from_its_seat_and_the_journal_records_its_orders_by_seat(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"
    measured: dict[str, float] = {}

    async def main() -> None:
        async with live_server(journal=journal) as live:
            session, seoul = live.session, live.session.game.role_index["seoul"]
            client = SeatClient("127.0.0.1", live.port, live.code("seoul"), name="seat test", backoff=Backoff(give_up_after=10))
            await client.connect()
            accepted = time.process_time()
            app = SeatApp(ClientLink(client), where=f"127.0.0.1:{live.port}", clock=time.process_time)
            try:
                async with app.run_test(size=WIDE) as pilot:
                    await eventually(lambda: "first_frame" in app.timings)
                    measured["first frame"] = app.timings["first_frame"] - accepted
                    assert "Month 1 of 12: January 2026" in text_of(app) and "● connected to 127.0.0.1" in text_of(app)

                    await pilot.press("space")
                    chosen = app.orders.actions
                    assert len(chosen) == 1
                    await pilot.press("s", "y")
                    await eventually(lambda: session.state.orders[seoul] is not None and app.orders.phase == "submitted")
                    assert View(session.game, session.state).orders("seoul") == chosen
                    assert "submitted — waiting for the white cell" in text_of(app)

                    live.host.apply(ReturnOrders("seoul", "please reconsider: the budget is short"))
                    await eventually(lambda: app.orders.note is not None)
                    assert "The white cell sent your orders back: please reconsider: the budget is short" in text_of(app)
                    await pilot.press("s", "y")
                    await eventually(lambda: session.state.orders[seoul] is not None and app.orders.phase == "submitted")

                    live.host.apply(SubmitOrders("tokyo", ()))
                    live.host.apply(Resolve())
                    await eventually(lambda: app.picture is not None and app.picture.turn == 2 and bool(app.latest))
                    assert "Month 2 of 12: February 2026" in text_of(app) and "[drafting]" in text_of(app)
                    assert "▌ Month 2 of 12 opens: February 2026" in text_of(app), "the resolution's lines stand out in the log"
                    await pilot.press("q")
            finally:
                await client.close()
            session.close()
            assert_journal_replays_to(journal, session)

    run(main(), timeout=60)
    print(
        f"\nseat console: code accepted to first frame {measured['first frame'] * 1000:.0f} ms of CPU (goal {FIRST_FRAME_GOAL} s)"
    )
    assert measured["first frame"] < FIRST_FRAME_LIMIT
    commands = [command for _, command in journal_commands(journal)]
    assert [(command["command"], command.get("role"), command.get("by")) for command in commands] == [
        ("orders", "seoul", "seat"),
        ("return", "seoul", None),
        ("orders", "seoul", "seat"),
        ("orders", "tokyo", None),
        ("resolve", None, None),
    ]
