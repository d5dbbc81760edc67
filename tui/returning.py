"""Sending a team's orders back with a note: which teams can be chosen, and what the console says after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.commands import ReturnOrders
from tui.screens.dialogs import ReturnScreen

if TYPE_CHECKING:
    from tui.app import WhitecellApp


def ask_to_return(app: WhitecellApp) -> None:
    """Open the dialog on the teams whose orders are in; say so when there are none."""
    session = app.session
    if session is None or session.state.ended:
        return
    labels = {action.id: action.label for action in session.scenario.actions}
    teams = [
        (role.id, role.name, ", ".join(labels[session.game.action_ids[a]] for a in orders) or "no action")
        for role, orders in zip(session.scenario.roles, session.state.orders, strict=True)
        if orders is not None
    ]
    if not teams:
        app.notify("No team has orders in to send back.", severity="warning", timeout=5)
        return

    def returned(result: object) -> None:
        if isinstance(result, tuple):
            role, note = result
            if app.submit(ReturnOrders(role, note)) is not None:
                app.notify("Orders sent back with the note.", timeout=4)

    app.push_screen(ReturnScreen(teams), returned)
