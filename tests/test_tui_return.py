"""The console and a team's orders (sending them back with a note, who entered them), and the end screen as the room sees it."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from engine.audience.visibility import ROOM
from engine.core.commands import Resolve, SubmitOrders
from engine.core.events import OrdersReturned
from tests.helpers import current, drive, keys, screen_text, session_of, type_text
from tests.test_tui_play import assert_journal_replays_to, journal_commands, new_app
from tui.app import WhitecellApp
from tui.screens.dialogs import ReturnScreen
from tui.screens.play import PlayScreen
from tui.widgets.orders import RolePanel


def test_b_sends_a_teams_orders_back_with_a_note(tmp_path: Path) -> None:
    """With Seoul's orders in, b opens the dialog on Seoul (the only team with orders), the note
    is typed, Enter sends them back: the orders are gone, the journal has the note, undo restores."""
    app = new_app(tmp_path, "seoul-tokyo-2026", seed=3)
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await keys(pilot, "b")
        assert isinstance(current(app), PlayScreen), "nobody has orders: nothing to send back"
        await keys(pilot, "1", "space", "enter")
        seoul = session.game.role_index["seoul"]
        assert session.state.orders[seoul] is not None
        await keys(pilot, "b")
        assert isinstance(current(app), ReturnScreen)
        await keys(pilot, "enter")
        assert isinstance(current(app), ReturnScreen), "an empty note is refused"
        await type_text(pilot, "please reconsider: the budget is short")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        assert session.state.orders[seoul] is None
        assert "sent back by the white cell: please reconsider" in " ".join(screen_text(app).split())
        await keys(pilot, "u")
        assert session.state.orders[seoul] is not None

    drive(app, script, size=(200, 50))
    returned = [event for applied in session.history for event in applied.events if isinstance(event, OrdersReturned)]
    assert returned == []  # undone
    commands = [command["command"] for _, command in journal_commands(tmp_path / "game.jsonl")]
    assert commands == ["orders", "return", "undo"]
    assert_journal_replays_to(tmp_path / "game.jsonl", session)


def test_orders_from_a_seat_are_marked_and_the_mark_hides_with_the_choices(tmp_path: Path) -> None:
    app = new_app(tmp_path, "seoul-tokyo-2026", seed=3)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        view = app.screen.query_one("#role-tokyo", RolePanel).view
        assert view is not None
        action = next(option.action for option in view.options if option.available)
        app.submit(SubmitOrders("tokyo", (action,), "seat"))
        await pilot.pause()
        assert "orders from its seat" in screen_text(app)
        await keys(pilot, "h")
        assert "from its seat" not in screen_text(app)
        await keys(pilot, "h", "1", "space", "enter")  # Seoul's orders, entered here, carry no mark
        assert screen_text(app).count("orders from its seat") == 1

    drive(app, script, size=(200, 50))
    orders = [command for _, command in journal_commands(tmp_path / "game.jsonl")]
    assert [command.get("by", "facilitator") for command in orders] == ["seat", "facilitator"]


def test_the_end_screen_with_choices_hidden_shows_only_what_the_room_may_see(tmp_path: Path) -> None:
    """A private objective, and the score it would show through, leave the end screen on h; the
    report opened from it is then the room's edition."""
    from engine.journal.session import Session
    from tests.helpers import doc, load
    from tests.test_tui_play import resumed_app
    from tui.screens.end import EndScreen
    from tui.screens.report import ReportScreen

    roles = [
        {
            "id": "seoul",
            "name": "Seoul",
            "budget": 1,
            "objectives": [
                {"id": "open", "description": "Keep trust up", "condition": {"var": "trust", "atLeast": 0}},
                {
                    "id": "secret",
                    "description": "Quietly win the zebra vote",
                    "condition": {"var": "trust", "atLeast": 0},
                    "visibility": "private",
                },
            ],
        },
        {"id": "tokyo", "name": "Tokyo", "budget": 1},
    ]
    path = tmp_path / "game.jsonl"
    session = Session.new(load(doc(roles=roles, turns={"count": 1})), 1, path)
    session.apply(Resolve())
    session.close()
    app = resumed_app(path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), EndScreen)
        text = screen_text(app)
        assert "zebra" in text and "Seoul: score" in text
        await keys(pilot, "h")
        text = screen_text(app)
        assert "zebra" not in text and "Seoul: score" not in text and "Keep trust up" in text
        await keys(pilot, "o")
        report = current(app)
        assert isinstance(report, ReportScreen) and report.audience == ROOM
        assert "zebra" not in screen_text(app)

    drive(app, script)
