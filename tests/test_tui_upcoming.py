"""Coming up (`c`): the upcoming injects at the console, hold/release and bring forward from it, and
that none of it reaches the room (choices hidden, the projector)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList

from engine.core.commands import BringForward, HoldShock
from engine.journal.reader import open_journal
from tests.helpers import SMALL, WIDE, current, doc, drive, keys, load, notifications, screen_text, session_of, shock, type_text
from tests.test_tui_play import new_app
from tui.app import WhitecellApp
from tui.commands import PLAY_COMMANDS, help_lines
from tui.screens.upcoming import UpcomingScreen
from tui.upcoming_view import NOT_FOR_THE_ROOM, upcoming_rows


def test_c_is_in_help_and_the_palette_but_not_the_footer() -> None:
    (command,) = [command for command in PLAY_COMMANDS if command.key == "c"]
    assert (command.action, command.title, command.in_footer, command.in_palette) == ("upcoming", "Coming up", False, True)
    assert ("c", command.help) in help_lines(PLAY_COMMANDS)


def _enabled_steps(app: WhitecellApp, shock: str) -> int:
    """Down presses from the first entry to ``shock``'s first entry (headings are skipped)."""
    rows = [row for row in upcoming_rows(session_of(app)) if row.shock is not None]
    return next(n for n, row in enumerate(rows) if row.shock == shock)


def test_hold_release_and_bring_forward_from_the_list(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "c")
        screen = current(app)
        assert isinstance(screen, UpcomingScreen)
        text = screen_text(app)
        assert "Coming up" in text and "fired 1 of 1" in text and "a week" in text
        first = screen.highlighted()
        assert first is not None and first.shock is not None
        await keys(pilot, "h")
        await type_text(pilot, "the ministers need a quiet week")
        await keys(pilot, "enter")
        session = session_of(app)
        assert [session.game.shock_ids[s] for s in session.state.held] == [first.shock]
        assert "HELD" in screen_text(app) and isinstance(current(app), UpcomingScreen)
        await keys(pilot, "h")
        await type_text(pilot, "go on")
        await keys(pilot, "enter")
        assert session_of(app).state.held == ()
        forward = next(row for row in upcoming_rows(session_of(app)) if row.can_bring_forward and row.shock)
        assert forward.shock is not None
        await keys(pilot, "home", *["down"] * _enabled_steps(app, forward.shock))
        assert screen.highlighted() is not None and screen.highlighted().shock == forward.shock  # type: ignore[union-attr]
        await keys(pilot, "f")
        await type_text(pilot, "the carrier arrives early")
        await keys(pilot, "enter")
        due = [(item.turn, session_of(app).game.shock_ids[item.shock]) for item in session_of(app).state.scheduled]
        assert (2, forward.shock) in due
        await keys(pilot, "escape")
        assert not isinstance(current(app), UpcomingScreen)

    drive(app, script)
    commands = [line.data["command"] for line in open_journal(tmp_path / "game.jsonl").lines if "command" in line.data]
    assert [command["command"] for command in commands[-3:]] == ["hold", "release", "bring-forward"]
    assert commands[-1]["reason"] == "the carrier arrives early"


def test_the_list_fits_at_80x24_and_a_refused_control_is_said(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "c")
        screen = current(app)
        assert isinstance(screen, UpcomingScreen)
        assert screen.query_one(OptionList).size.width <= 80
        first = screen.highlighted()
        assert first is not None and not first.can_bring_forward  # in progress this week
        await keys(pilot, "f")
        assert any("cannot be brought forward" in text for text in notifications(app))
        assert isinstance(current(app), UpcomingScreen)

    drive(app, script, SMALL)


def test_with_choices_hidden_c_does_not_open(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "h", "c")
        assert not isinstance(current(app), UpcomingScreen)
        assert any(NOT_FOR_THE_ROOM in text for text in notifications(app))

    drive(app, script, WIDE)


def test_holds_never_reach_the_room_or_a_team(tmp_path: Path) -> None:
    """The room's and the teams' logs and reports carry no hold, release or bring-forward, nor their reasons."""
    from engine.audience.console import log_lines
    from engine.audience.visibility import ROOM, Audience

    app = new_app(tmp_path)
    session = session_of(app)
    movable = [row.shock for row in upcoming_rows(session) if row.can_bring_forward and row.shock]
    session.apply(HoldShock(movable[0], "Zqxholdreason"))
    session.apply(BringForward(movable[1], "Zqxforwardreason"))
    for reader in (ROOM, *(Audience.team(role.id) for role in session.scenario.roles)):
        told = " ".join(line.text for line in log_lines(session, reader))
        assert "Zqx" not in told and " held" not in told and "forward" not in told
    session.close()


PLANTED = doc(
    turns={"count": 4},
    variables=[
        {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50},
        {"id": "gauge", "label": "Zqxgauge", "min": 0, "max": 10, "initial": 3, "visibility": "facilitator"},
    ],
    shocks=[
        shock("storm", title="Storm at the harbour", trigger={"atTurn": 3}, facilitatorNotes="Zqxnote for the cell"),
        shock("quake", title="Quake", trigger={"from": 2, "chance": 0.5, "when": {"var": "gauge", "atLeast": 5}}),
    ],
)


def test_planted_notes_and_hidden_conditions_reach_the_console_list_but_never_the_projector(tmp_path: Path) -> None:
    from engine.journal.session import Session
    from tests.helpers import until
    from tests.test_display import drive as drive_display
    from tests.test_display import screen_text as display_text
    from tui.display import DisplayApp

    path = tmp_path / "game.jsonl"
    session = Session.new(load(PLANTED), 5, path)
    rows = " ".join(f"{row.text} {row.detail}" for row in upcoming_rows(session))
    assert "Zqxgauge at least 5" in rows  # the white cell's list names the hidden condition
    session.apply(HoldShock("storm", "Zqxholdreason"))
    session.apply(BringForward("quake", "Zqxforwardreason"))
    session.close()

    for size in (WIDE, SMALL):

        async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
            await until(pilot, lambda: app.view is not None)
            text = display_text(app)
            assert "Trust" in text and "zqx" not in text.lower() and "held" not in text.lower(), text

        drive_display(DisplayApp(path), script, size)


def test_the_replay_timeline_names_each_control(tmp_path: Path) -> None:
    from engine.core.commands import ReleaseShock
    from engine.journal.session import Session
    from tests.helpers import replay_app

    path = tmp_path / "game.jsonl"
    session = Session.new(load(PLANTED), 5, path)
    session.apply(HoldShock("storm", "a calm week"))
    session.apply(ReleaseShock("storm", "now"))
    session.apply(BringForward("quake", "sooner"))
    session.close()

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        text = screen_text(app)
        assert "‖ hold Storm at the harbour (a" in text and "▷ release Storm at the harbour" in text
        assert "» bring Quake forward (sooner)" in text and "Quake is scheduled for Turn 2" in text

    drive(replay_app(path), script)
