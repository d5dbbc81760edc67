"""Snapshots of what the facilitator sees of the seats: the seats dialog (from a fixed summary, so
that no random code or free port reaches the picture) and the play screen with each team's seat
status on its panel's border while one team has joined and submitted from its seat."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from engine.seats.client import SeatClient
from engine.seats.host import TeamStatus
from engine.seats.messages import State
from tests.helpers import SMALL, WIDE, current, notifications, screen_text, until
from tests.test_tui_seats_console import seated_app
from tests.test_tui_snapshots import SnapCompare
from tui.screens.play import PlayScreen
from tui.screens.seats import SeatsScreen
from tui.seating import SeatsSummary, TeamLine

FINGERPRINT = "SHA256:" + ":".join(f"{n:02X}" for n in range(32))


def summary(*, tls: bool) -> SeatsSummary:
    teams = (
        TeamLine("seoul", "Seoul", "RAEW-7Z3X-QJDS-9M9B", TeamStatus.SUBMITTED, ("seoul laptop",)),
        TeamLine("tokyo", "Tokyo", "C3QW-482G-WA6C-HC3D", TeamStatus.DISCONNECTED, ()),
    )
    warning = None if tls else "seat traffic is not encrypted: anyone on the network can read the teams' pictures and orders"
    return SeatsSummary("192.168.1.20", 7420, FINGERPRINT if tls else None, warning, teams)


class DialogHost(App[None]):
    """An app that only shows the seats dialog over a plain background."""

    def __init__(self, shown: SeatsSummary) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        yield Static("the console")

    def on_mount(self) -> None:
        self.push_screen(SeatsScreen(self.shown))


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("tls", [True, False], ids=["tls", "plain"])
def test_seats_dialog(snap_compare: SnapCompare, size: tuple[int, int], tls: bool) -> None:
    assert snap_compare(DialogHost(summary(tls=tls)), terminal_size=size)


def test_play_screen_with_seats(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Tokyo has joined and submitted from its seat; Seoul has not joined."""
    app = seated_app(tmp_path)
    clients: list[SeatClient] = []

    async def seat_tokyo(pilot: Pilot[None]) -> None:
        # Each step waits for what it needs, the seat server and the client sharing the app's loop: under
        # load Pilot's pause returns before queued work is done (the notification a seat's orders raise is
        # posted, and would come after a clear_notifications made too soon).
        await pilot.press("enter")
        await until(pilot, lambda: app.seating is not None and isinstance(current(app), SeatsScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(current(app), PlayScreen))
        assert app.seating is not None
        server = app.seating.server
        client = SeatClient("127.0.0.1", server.address[1], server.codes.code("tokyo"), name="tokyo laptop")
        clients.append(client)
        await client.connect()
        async for message in client.messages():
            if isinstance(message, State):
                available = [option["action"] for option in message.observation["actions"] if option["available"]]
                await client.submit(available[:1])
                break
        await until(pilot, lambda: any("orders are in from its seat" in note for note in notifications(app)))
        app.clear_notifications()
        await until(pilot, lambda: "orders from its seat ─" in screen_text(app) and not notifications(app))

    try:
        assert snap_compare(app, run_before=seat_tokyo, terminal_size=WIDE)
    finally:  # the seat's connection goes with the app's event loop
        if app.session is not None:
            app.session.close()
