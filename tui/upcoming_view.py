"""Coming up at the console (`c`): the upcoming injects of the session as it stands, and the
hold, release and bring-forward commands the screen asks for.

The list is the white cell's: `engine.audience.visibility.sees_upcoming` decides, and with
choices hidden (`h`, the room is looking at the console) the screen does not open. The words are
`engine.prose.upcoming`'s; a refused control is said as the engine words it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.audience.visibility import ROOM, WHITE_CELL, sees_upcoming
from engine.core.commands import BringForward, HoldShock, ReleaseShock
from engine.core.upcoming import order_rule, upcoming
from engine.prose.upcoming import entry_lines, turn_heading
from tui.screens.upcoming import Row, UpcomingScreen

if TYPE_CHECKING:
    from engine.journal.session import Session
    from tui.app import WhitecellApp

NOT_FOR_THE_ROOM = "Coming up is the white cell's: show what only the white cell may see (h) first."

_CONTROLS = {"hold": HoldShock, "release": ReleaseShock, "bring-forward": BringForward}


def upcoming_rows(session: Session) -> list[Row]:
    """The list grouped by turn: a heading, then each entry of that turn with its words and controls."""
    scenario, state = session.scenario, session.state
    rows: list[Row] = []
    group: object = object()
    for entry in upcoming(session.game, state):
        if entry.turn != group:
            group = entry.turn
            rows.append(Row(turn_heading(scenario, entry.turn, state.turn)))
        text, detail = entry_lines(scenario, entry)
        title = scenario.shock(entry.shock).title
        rows.append(Row(text, detail, entry.shock, title, entry.held, entry.can_bring_forward))
    return rows


def show_upcoming(app: WhitecellApp) -> None:
    """Open the screen, unless the room may be looking (choices hidden) or there is no session."""
    session = app.session
    if session is None:
        return
    if not sees_upcoming(ROOM if app.masked else WHITE_CELL):
        app.notify(NOT_FOR_THE_ROOM, severity="warning", timeout=6)
        return

    def control(kind: str, shock: str, reason: str) -> bool:
        return app.submit(_CONTROLS[kind](shock, reason)) is not None

    heading = (
        f"Coming up: {session.scenario.turns.word} {session.state.turn} to {session.scenario.turns.count} (the white cell's only)"
    )
    app.push_screen(UpcomingScreen(heading, order_rule(session.game), lambda: upcoming_rows(session), control))
