"""The facilitator's console with team seats: a seat server in the app's event loop, driven by Pilot
while real seat clients join over TCP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from engine.seats.client import SeatClient
from engine.seats.host import TeamStatus
from engine.seats.messages import State
from tests.helpers import current, keys, screen_text
from tests.test_tui_play import assert_journal_replays_to, journal_commands
from tui.app import WhitecellApp, make_app
from tui.launch import Launch, open_session
from tui.screens.play import PlayScreen
from tui.screens.seats import SeatsScreen
from tui.seat_options import SeatOptions
from tui.widgets.orders import RolePanel


def seated_app(folder: Path, *, seats: SeatOptions | None = None, resume: Path | None = None) -> WhitecellApp:
    """The console as `play --seats --listen 127.0.0.1:0` opens it (port 0: a free port)."""
    options = seats or SeatOptions(port=0)
    if resume is not None:
        launch = Launch(resume=resume, folder=folder, seats=options)
    else:
        launch = Launch(scenario="seoul-tokyo-2026", seed=5, journal=folder / "game.jsonl", folder=folder, seats=options)
    session, recovery = open_session(launch)
    return make_app(launch, session=session, recovery=recovery, blink=False)


async def until(pilot: Pilot[None], condition: object, seconds: float = 5.0) -> None:
    """Let the app run until ``condition()`` holds (the seat server and the clients share its loop)."""
    assert callable(condition)
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await pilot.pause(0.01)


async def first_state(seat: SeatClient) -> State:
    async for message in seat.messages():
        if isinstance(message, State):
            return message
    raise AssertionError("no state came")


def run(app: WhitecellApp, script: object) -> None:
    async def main() -> None:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            assert callable(script)
            await script(app, pilot)

    try:
        asyncio.run(main())
    finally:
        if app.session is not None:
            app.session.close()


def test_teams_join_with_their_codes_and_their_orders_reach_the_console(tmp_path: Path) -> None:
    """The codes show once play opens; each team joins and submits from its seat; the console marks
    the orders, the statuses follow, and the journal says the orders came from the seats."""
    app = seated_app(tmp_path)
    latencies: list[float] = []

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")  # past the briefing
        await until(pilot, lambda: isinstance(current(app), SeatsScreen))
        assert app.seating is not None
        summary = app.seating.summary()
        text = screen_text(app)
        for team in summary.teams:
            assert team.code in text and team.status is TeamStatus.NOT_STARTED
        assert f"whitecell join 127.0.0.1:{summary.port} --code" in text
        await keys(pilot, "escape")
        assert isinstance(current(app), PlayScreen)
        assert "seat not joined" in screen_text(app)
        session = app.session
        assert session is not None
        for team in summary.teams:
            async with SeatClient("127.0.0.1", summary.port, team.code, name=f"{team.role} laptop") as seat:
                state = await first_state(seat)
                await until(
                    pilot, lambda role=team.role: app.seating is not None and app.seating.statuses()[role] is TeamStatus.DRAFTING
                )
                action = next(option["action"] for option in state.observation["actions"] if option["available"])
                r = session.game.role_index[team.role]
                started = time.perf_counter()
                await seat.submit([action])
                await until(pilot, lambda r=r: session.state.orders[r] is not None)
                latencies.append(time.perf_counter() - started)
                await pilot.pause()
                assert "orders from its seat" in screen_text(app)
        assert all(status is TeamStatus.SUBMITTED for status in app.seating.statuses().values())
        await keys(pilot, "h")
        shown = [panel.border_subtitle for panel in app.screen.query(RolePanel) if panel.display]  # the actors' panels are gone
        assert shown == ["orders in", "orders in"]
        await keys(pilot, "h", "r")
        assert session.state.turn == 2

    run(app, script)
    orders = [command for _, command in journal_commands(tmp_path / "game.jsonl") if command["command"] == "orders"]
    assert [command.get("by") for command in orders] == ["seat", "seat"]
    assert all(latency < 1.0 for latency in latencies), latencies
    assert app.session is not None
    assert_journal_replays_to(tmp_path / "game.jsonl", app.session)


def test_the_codes_stay_hidden_while_the_room_is_watching(tmp_path: Path) -> None:
    app = seated_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await until(pilot, lambda: isinstance(current(app), SeatsScreen))
        assert app.seating is not None
        codes = [team.code for team in app.seating.summary().teams]
        await keys(pilot, "escape", "h", "s")
        assert isinstance(current(app), PlayScreen)
        assert not any(code in screen_text(app) for code in codes)
        await keys(pilot, "h", "s")
        assert isinstance(current(app), SeatsScreen)

    run(app, script)


def test_a_resumed_session_keeps_its_codes(tmp_path: Path) -> None:
    first = seated_app(tmp_path)
    codes: list[str] = []

    async def note_codes(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await until(pilot, lambda: app.seating is not None)
        assert app.seating is not None
        codes.extend(team.code for team in app.seating.summary().teams)

    run(first, note_codes)
    again = seated_app(tmp_path, resume=tmp_path / "game.jsonl")

    async def same_codes(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: app.seating is not None)
        assert app.seating is not None
        assert [team.code for team in app.seating.summary().teams] == codes

    run(again, same_codes)
    assert (tmp_path / "game.jsonl.seats.json").stat().st_mode & 0o077 == 0


def test_a_taken_port_leaves_the_console_playing_without_seats(tmp_path: Path) -> None:
    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        import socket

        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            object.__setattr__(app.launch, "seats", SeatOptions(port=port))
            await keys(pilot, "enter")
            await pilot.pause(0.2)
            assert app.seating is None
            assert "Cannot serve the seats on 127.0.0.1:" in " ".join(screen_text(app).split())
            assert isinstance(current(app), PlayScreen)

    run(seated_app(tmp_path), script)


@pytest.mark.parametrize("text", ["0.0.0.0:7000", "[::1]:7421", "::1", "127.0.0.1"])
def test_listen_addresses_read(text: str) -> None:
    from engine.seats.address import listen_argument

    address, port = listen_argument(text)
    assert address in text and 0 < port < 65536


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--listen", "0.0.0.0"], "--listen and --tls are options of --seats"),
        (["--tls"], "--listen and --tls are options of --seats"),
        (["--seats", "--listen", "192.168.1.300:80"], "is not an IP address"),
        (["--seats", "--listen", "127.0.0.1:99999"], "is not a port"),
    ],
)
def test_seat_options_that_make_no_sense_are_refused(capsys: pytest.CaptureFixture[str], args: list[str], said: str) -> None:
    from tui.main import main

    try:
        status = main(["play", *args])
    except SystemExit as done:  # argparse's own refusals (a bad address) exit
        status = done.code if isinstance(done.code, int) else 1
    assert status == 2
    error = capsys.readouterr().err
    assert said in error and "Traceback" not in error


def test_the_start_screen_offers_seats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Choosing "from their own seats" on the start screen opens the session with the seat server."""
    from textual.widgets import Select

    from tui.screens import start

    monkeypatch.setitem(start.SEATING, "seats-here", SeatOptions(port=0))  # a free port, not the default

    app = make_app(Launch(start_screen=True, folder=tmp_path), blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), start.StartScreen)
        await until(pilot, lambda: bool(app.screen.query("#who-seoul")))
        app.screen.query_one("#seats", Select).value = "seats-here"
        await keys(pilot, "ctrl+s", "enter")
        await until(pilot, lambda: app.seating is not None)
        assert isinstance(current(app), SeatsScreen)

    run(app, script)
