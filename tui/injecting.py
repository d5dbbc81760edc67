"""Firing one of the scenario's shocks from the console (`i`): the list to choose from, the reason,
and a word when the inject takes a shock past the limit the scenario sets for it.

The list is every shock the scenario holds, fired or still to come: the white cell's plan. With
choices hidden (`h`) the room is looking at the console, and what is still to come is not the
room's (`visibility.sees_upcoming`), so the list does not open then, as `c` does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.audience.visibility import ROOM, WHITE_CELL, sees_upcoming
from engine.core.commands import InjectShock
from tui.asking import past_limit_notice
from tui.screens.dialogs import InjectScreen

if TYPE_CHECKING:
    from tui.app import WhitecellApp

NOT_WITH_THE_ROOM = "The scenario's shocks are the white cell's plan: show what only the white cell may see (h) first."


def ask_to_inject(app: WhitecellApp) -> None:
    """Open the list of shocks (not while the room is watching); the one chosen is fired with its reason."""
    session = app.session
    if session is None or session.state.ended:
        return
    if not sees_upcoming(ROOM if app.masked else WHITE_CELL):
        app.notify(NOT_WITH_THE_ROOM, severity="warning", timeout=6)
        return
    remaining = session.state.remaining
    shocks = [(shock.id, shock.title, shock.category, bool(remaining[s])) for s, shock in enumerate(session.scenario.shocks)]

    def injected(result: object) -> None:
        if isinstance(result, tuple):
            fire(app, *result)

    app.push_screen(InjectScreen(shocks), injected)


def fire(app: WhitecellApp, shock: str, reason: str) -> None:
    """Fire a shock now, and say so when that takes it past the scenario's limit for it."""
    if app.submit(InjectShock(shock, reason)) is not None and (notice := past_limit_notice(app.session, shock)):
        app.notify(notice, title="Inject", severity="warning", timeout=12)
    app.sync_end_screen()
