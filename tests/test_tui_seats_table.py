"""The whole table in one event loop: the facilitator's console serving seats (`play --seats`) and
two teams' seat consoles (`whitecell join`), each a real Textual app driven by its own Pilot, over
TCP on 127.0.0.1. What the facilitator presses and what the teams press is what is under test.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path

from textual.pilot import Pilot

from engine.core.commands import ReturnOrders
from engine.journal.session import Session
from engine.seats.client import Backoff, SeatClient
from engine.seats.host import TeamStatus
from tests.helpers import current, keys, through_phase_pauses
from tests.test_seats_support import run
from tests.test_tui_play import assert_journal_replays_to, journal_commands
from tests.test_tui_seat import text_of
from tests.test_tui_seats_console import seated_app
from tui.app import WhitecellApp
from tui.screens.end import EndScreen
from tui.screens.play import PlayScreen
from tui.screens.summary import AdjudicationScreen
from tui.seat.app import SeatApp
from tui.seat.client import ClientLink
from tui.seat_options import SeatOptions


async def until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait, letting every app and the server run, until ``condition()`` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


async def open_table(
    stack: AsyncExitStack, app: WhitecellApp, roles: tuple[str, ...], *, seats_stack: AsyncExitStack | None = None
) -> tuple[Pilot[None], dict[str, tuple[SeatApp, Pilot[None], SeatClient]]]:
    """Start the console (past the briefing, the seats dialog closed) and seat each named team (the
    seats in ``seats_stack`` when they must outlive the console)."""
    console = await stack.enter_async_context(app.run_test(size=(120, 40)))
    stack = seats_stack or stack
    await keys(console, "enter")
    await until(lambda: app.seating is not None)
    await keys(console, "escape")
    assert app.seating is not None
    port = app.seating.server.address[1]
    seats = {}
    for role in roles:
        client = SeatClient(
            "127.0.0.1", port, app.seating.server.codes.code(role), name=f"{role} table", backoff=Backoff(give_up_after=20)
        )
        await client.connect()
        stack.push_async_callback(client.close)
        seat = SeatApp(ClientLink(client), where=f"127.0.0.1:{port}")
        pilot = await stack.enter_async_context(seat.run_test(size=(120, 40)))
        seats[role] = (seat, pilot, client)
    for seat, _, _ in seats.values():
        await until(showing(seat))
    return console, seats


def showing(seat: SeatApp, turn: int | None = None, *, drafting: bool = False, ended: bool = False) -> Callable[[], bool]:
    """A condition: the seat shows a picture (of this turn; while drafting; of the game's end)."""

    def holds() -> bool:
        picture = seat.picture
        if picture is None or (turn is not None and picture.turn != turn):
            return False
        return (not drafting or seat.orders.phase == "drafting") and (not ended or picture.ended)

    return holds


async def submit_first(seat: SeatApp, pilot: Pilot[None]) -> None:
    """The team toggles the highlighted action and submits, confirming."""
    await pilot.press("space")
    await until(lambda: bool(seat.orders.actions))
    await pilot.press("s", "y")
    await until(lambda: seat.orders.phase == "submitted")


def play(main: Callable[[], Awaitable[None]]) -> None:
    run(main(), timeout=240)


def teams_in(session: Session) -> bool:
    """Every team's orders are in (the default's actors are the white cell's: it may leave them without a move)."""
    return all(session.state.orders[session.game.role_index[role.id]] is not None for role in session.scenario.teams)


def test_a_whole_default_game_with_both_teams_at_their_seats(tmp_path: Path) -> None:
    """Every month each team submits from its own console; the facilitator resolves with r and
    closes the summary (and goes on past each hotwash); the game ends and the journal holds every team's orders as the seat's."""
    app = seated_app(tmp_path)
    turns: list[int] = []
    pauses: list[str] = []

    async def main() -> None:
        async with AsyncExitStack() as stack:
            console, seats = await open_table(stack, app, ("seoul", "tokyo"))
            session = app.session
            assert session is not None
            while not session.state.ended:
                turn = session.state.turn
                for seat, pilot, _ in seats.values():
                    await until(showing(seat, turn))
                    await submit_first(seat, pilot)
                await until(lambda: teams_in(session))
                assert app.seating is not None
                await until(lambda: set(app.seating.statuses().values()) == {TeamStatus.SUBMITTED})  # type: ignore[union-attr]
                await keys(console, "r")
                assert isinstance(current(app), AdjudicationScreen)
                await keys(console, "enter")
                pauses.extend(await through_phase_pauses(app, console))
                turns.append(turn)
            assert isinstance(current(app), EndScreen)
            assert pauses[:2] == ["hotwash: mandate", "update: pressure"], "the facilitator went on past the hotwash"
            for seat, _, _ in seats.values():
                await until(showing(seat, ended=True))
                assert "The game has ended" in text_of(seat) or "ended" in text_of(seat)
            await keys(console, "q")

    play(main)
    assert app.session is not None
    assert turns == list(range(1, app.session.scenario.turns.count + 1))
    orders = [command for _, command in journal_commands(tmp_path / "game.jsonl") if command["command"] == "orders"]
    assert len(orders) == 2 * len(turns) and {command.get("by") for command in orders} == {"seat"}
    assert_journal_replays_to(tmp_path / "game.jsonl", app.session)


def test_returned_orders_reach_the_team_and_come_back(tmp_path: Path) -> None:
    """b on the console sends Seoul's orders back with a note: Seoul's console shows the note and
    its status goes back to drafting; Seoul submits again and the console marks it."""
    app = seated_app(tmp_path)

    async def main() -> None:
        async with AsyncExitStack() as stack:
            console, seats = await open_table(stack, app, ("seoul",))
            seat, pilot, _ = seats["seoul"]
            await submit_first(seat, pilot)
            session = app.session
            assert session is not None and app.seating is not None
            await until(lambda: session.state.orders[0] is not None)
            await keys(console, "b")
            for letter in "the budget is short":
                await console.press("space" if letter == " " else letter)
            await keys(console, "enter")
            assert isinstance(current(app), PlayScreen)
            await until(lambda: seat.orders.note is not None)
            assert "the budget is short" in text_of(seat)
            assert app.seating.statuses()["seoul"] is TeamStatus.DRAFTING
            assert seat.orders.actions, "the orders sent back are the team's draft again"
            await pilot.press("s", "y")
            await until(lambda: session.state.orders[0] is not None)
            await keys(console, "q", "y")

    play(main)
    commands = [(command["command"], command.get("by")) for _, command in journal_commands(tmp_path / "game.jsonl")]
    assert commands == [("orders", "seat"), ("return", None), ("orders", "seat")]
    returned = journal_commands(tmp_path / "game.jsonl")[1][1]
    assert ReturnOrders(returned["role"], returned["note"]) == ReturnOrders("seoul", "the budget is short")


def test_the_facilitator_stops_and_resumes_and_the_seats_carry_on(tmp_path: Path) -> None:
    """The console goes away mid-turn (as if killed, its journal on disk): the team's console says it
    is disconnected and keeps its draft; `play --resume --seats` on the same port takes the team back
    with the same code, and its draft is still there to submit."""
    first = seated_app(tmp_path, seats=SeatOptions(port=0))

    async def main() -> None:
        async with AsyncExitStack() as seats_stack:
            console_stack = AsyncExitStack()
            _, seats = await open_table(console_stack, first, ("tokyo",), seats_stack=seats_stack)
            seat, pilot, _ = seats["tokyo"]
            assert first.seating is not None
            port = first.seating.server.address[1]
            await pilot.press("space")
            await until(lambda: bool(seat.orders.actions))
            draft = seat.orders.actions
            await console_stack.aclose()  # the console goes, and its seat server with it
            assert first.session is not None
            first.session.close()  # as a killed process lets go of its journal
            await until(lambda: seat.connection.state != "connected")
            assert "retrying" in text_of(seat) or "disconnected" in text_of(seat)
            assert seat.orders.actions == draft
            again = seated_app(tmp_path, seats=SeatOptions(port=port), resume=tmp_path / "game.jsonl")
            async with again.run_test(size=(120, 40)):
                await until(lambda: again.seating is not None, seconds=15)
                await until(lambda: seat.connection.state == "connected", seconds=20)
                await pilot.press("s", "y")
                session = again.session
                assert session is not None
                tokyo = session.game.role_index["tokyo"]
                await until(lambda: session.state.orders[tokyo] is not None)
                assert session.game.action_ids[session.state.orders[tokyo][0]] in draft  # type: ignore[index]
            if again.session is not None:
                again.session.close()

    play(main)


def test_a_team_at_its_console_against_a_bot_in_a_seat(tmp_path: Path) -> None:
    """Seoul plays from its console, Tokyo is a seat bot (`whitecell join --bot random` in-process);
    two turns are resolved at the console, then the facilitator ends the exercise and the bot's
    game ends with it."""
    from engine.seats.bots import make_seat_bot
    from engine.seats.play import play_seat

    app = seated_app(tmp_path)
    said: list[str] = []

    async def main() -> None:
        async with AsyncExitStack() as stack:
            console, seats = await open_table(stack, app, ("seoul",))
            seat, pilot, _ = seats["seoul"]
            assert app.seating is not None
            bot_client = SeatClient(
                "127.0.0.1", app.seating.server.address[1], app.seating.server.codes.code("tokyo"), name="bot"
            )
            await bot_client.connect()
            stack.push_async_callback(bot_client.close)
            bot = asyncio.create_task(play_seat(bot_client, make_seat_bot("random", seed=3), said.append))
            session = app.session
            assert session is not None
            for turn in (1, 2):
                await until(showing(seat, turn, drafting=True))
                await submit_first(seat, pilot)
                await until(lambda: teams_in(session))
                await keys(console, "r", "enter")
            await keys(console, "e")
            for letter in "time":
                await console.press(letter)
            await keys(console, "enter")
            game = await asyncio.wait_for(bot, 20)
            assert game.outcome is not None and game.turns >= 2
            await until(showing(seat, ended=True))

    play(main)
    commands = [
        (command["command"], command.get("role"), command.get("by")) for _, command in journal_commands(tmp_path / "game.jsonl")
    ]
    orders = [command for command in commands if command[0] == "orders"]
    assert {by for _, _, by in orders} == {"seat"}
    assert [role for _, role, _ in orders].count("seoul") == 2 and [role for _, role, _ in orders].count("tokyo") >= 2
    assert commands[-1][0] == "end" and len(said) >= 2
