"""Free-form moves proposed from a team's seat, at both ends: the seat console's `m` (Pilot, on the
fake link), and the facilitator's console, where a seat's proposal over TCP is said, marked on the
team's panel and argued with `m` from its words (journaled ``by: "seat"``), and where, with choices
hidden from the room (`h`), its words are not shown (visibility: the team's and the white cell's)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select

from engine.journal.replay import verify_journal
from engine.journal.session import Session
from engine.seats.client import SeatClient
from engine.seats.messages import State
from tests.helpers import WIDE, current, keys, notifications, screen_text, type_text
from tests.test_tui_play import journal_commands
from tests.test_tui_seat import OPENING, FakeLink, observation, seat_app, settle, state, text_of
from tests.test_tui_seats_console import run, seated_app, until
from tui.app import WhitecellApp
from tui.screens.free_move import ArgumentScreen
from tui.screens.play import PlayScreen
from tui.seat.link import Proposal, StateChanged
from tui.seat.proposing import ProposeDialog
from tui.widgets.orders import RolePanel

WORDS = "Offer a joint coast-guard hotline"
REASONS = "Both sides want fewer incidents at sea"


def test_m_at_the_seat_sends_a_proposal_and_the_seat_shows_it_waiting() -> None:
    link = FakeLink()
    app = seat_app(link)

    async def main() -> None:
        async with app.run_test(size=WIDE) as pilot:
            link.push(*OPENING)
            await settle(pilot, link)
            await pilot.press("m")
            assert isinstance(app.screen, ProposeDialog)
            await pilot.press(*WORDS, "enter", "enter")
            assert "Say why it would work" in str(app.screen.query_one("#error").render())
            await pilot.press(*REASONS, "enter")
            await settle(pilot, link)
            assert ("propose", 1, (WORDS, REASONS)) in link.sent
            link.push(StateChanged(observation(), (), "drafting", None, Proposal(WORDS, REASONS)))
            await settle(pilot, link)
            assert f"Free-form move proposed, waiting for the white cell: {WORDS}" in text_of(app)
            await pilot.press("m")
            assert app.screen.query_one("#action", Input).value == WORDS  # the waiting one, to change or withdraw
            await pilot.press("escape")
            link.push(state(observation()))
            await settle(pilot, link)
            assert "waiting for the white cell" not in text_of(app)

    asyncio.run(main())


def _proposing(masked: bool, tmp_path: Path) -> tuple[WhitecellApp, list[str]]:
    app = seated_app(tmp_path)
    said: list[str] = []

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await until(pilot, lambda: app.seating is not None)
        await keys(pilot, "escape")
        if masked:
            await keys(pilot, "h")
        assert app.seating is not None
        team = app.seating.summary().teams[0]
        async with SeatClient("127.0.0.1", app.seating.summary().port, team.code, name="laptop") as seat:
            stream = seat.messages()
            assert isinstance(await anext(stream), State)
            await seat.propose(WORDS, REASONS)
            await until(pilot, lambda: any("Free-form move" in note for note in notifications(app)))
            await pilot.pause()
            said.extend(notifications(app))
            said.append(screen_text(app))
            panel = app.screen.query(RolePanel).first()
            said.append(str(panel.border_subtitle))
            if masked:
                return
            await keys(pilot, "m")
            dialog = current(app)
            assert isinstance(dialog, ArgumentScreen)
            assert dialog.query_one("#team", Select).value == team.role
            assert dialog.query_one("#action", Input).value == WORDS
            assert dialog.query_one("#reasons", Input).value == REASONS
            await type_text(pilot, "Tokyo doubts the navy will agree")
            await keys(pilot, "enter")
            await type_text(pilot, "0")  # a chance of 0: it fails, and nothing changes
            await keys(pilot, "enter")
            assert isinstance(current(app), PlayScreen)
            while True:
                message = await asyncio.wait_for(anext(stream), 5)
                if isinstance(message, State) and message.proposal is None:
                    break

    run(app, script)
    return app, said


def test_the_console_is_told_and_argues_a_seats_proposal(tmp_path: Path) -> None:
    _, said = _proposing(False, tmp_path)
    assert any(WORDS in line and "m argues it" in line for line in said)
    assert said[-1].endswith("move proposed (m)")
    moves = [command for _, command in journal_commands(tmp_path / "game.jsonl") if command["command"] == "free-move"]
    assert [(move["action"], move["reasons"], move["by"], move["chance"]) for move in moves] == [(WORDS, REASONS, "seat", 0)]


def test_with_choices_hidden_the_room_is_not_shown_the_proposal(tmp_path: Path) -> None:
    _, said = _proposing(True, tmp_path)
    assert any("A team proposes a free-form move from its seat (h shows it)" in line for line in said)
    assert not any(WORDS in line or REASONS in line for line in said)
    assert "move proposed" not in said[-1]


def test_a_seats_proposal_outlives_a_console_crash_and_the_white_cell_adjudicates_it(tmp_path: Path) -> None:
    """End to end over 127.0.0.1: a team's seat proposes; the console is told and then dies with the
    proposal waiting; resumed with its seats, the console still marks it, the seat reconnecting is shown
    it, and the facilitator argues it (m), rolls (a chance of 100: it succeeds) and picks its effect.
    The journal holds the proposal, the seat's roll and the effects, and verifies."""
    journal = tmp_path / "game.jsonl"
    first = seated_app(tmp_path)
    codes: list[str] = []

    async def propose_then_die(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await until(pilot, lambda: app.seating is not None)
        await keys(pilot, "escape")
        assert app.seating is not None
        team = app.seating.summary().teams[0]
        codes.append(team.code)
        async with SeatClient("127.0.0.1", app.seating.summary().port, team.code, name="laptop") as seat:
            stream = seat.messages()
            assert isinstance(await anext(stream), State)
            await seat.propose(WORDS, REASONS)
            await until(pilot, lambda: any(WORDS in note for note in notifications(app)))

    run(first, propose_then_die)
    assert [command["command"] for _, command in journal_commands(journal)] == ["free-move-proposal"]
    again = seated_app(tmp_path, resume=journal)
    before: list[int] = []

    async def adjudicate(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: app.seating is not None)
        await pilot.pause()
        while not isinstance(current(app), PlayScreen):
            await keys(pilot, "escape")
        assert app.seating is not None
        summary = app.seating.summary()
        assert summary.teams[0].code == codes[0]
        assert str(app.screen.query(RolePanel).first().border_subtitle).endswith("move proposed (m)")
        session = app.session
        assert session is not None
        before.append(session.state.values[0])
        async with SeatClient("127.0.0.1", summary.port, codes[0], name="laptop") as seat:
            stream = seat.messages()
            shown = await anext(stream)
            assert isinstance(shown, State) and shown.proposal is not None and shown.proposal.action == WORDS
            await keys(pilot, "m")
            dialog = current(app)
            assert isinstance(dialog, ArgumentScreen)
            assert dialog.query_one("#action", Input).value == WORDS
            await keys(pilot, "enter")  # no counter-argument
            await type_text(pilot, "100")
            await keys(pilot, "enter")
            await type_text(pilot, "-2")
            await keys(pilot, "enter", "enter", "enter")  # the effect; no more; no reason
            assert isinstance(current(app), PlayScreen)
            while True:
                message = await asyncio.wait_for(anext(stream), 5)
                if (
                    isinstance(message, State)
                    and message.proposal is None
                    and any(WORDS in line for line in message.observation["log"])
                ):
                    break

    run(again, adjudicate)
    commands = [command for _, command in journal_commands(journal)]
    assert [command["command"] for command in commands] == ["free-move-proposal", "free-move", "free-move-effects"]
    assert commands[1]["by"] == "seat" and commands[1]["chance"] == 100
    variable = session_of_journal(journal)
    assert variable.state.values[0] == before[0] - 2
    assert verify_journal(str(journal)).problem is None
    variable.close()


def session_of_journal(path: Path) -> Session:
    """The session a journal records, resumed (a fresh reading of the file)."""
    session, _ = Session.resume(path)
    return session
