"""Resolving the turn from the console: the teams' open drafts are submitted first, then the turn resolves.

A facilitator who ticked a team's actions and pressed r means those orders: every draft still
open is journaled as that team's orders before the resolution (one entry per team), and a team
with a draft does not count as having no orders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.audience.console import resolution_events
from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.core.commands import Resolve
from engine.core.events import Event
from engine.prose.turns import turn_heading
from tui.phases import after_resolution
from tui.screens.dialogs import ConfirmScreen
from tui.screens.summary import AdjudicationScreen

if TYPE_CHECKING:
    from tui.app import WhitecellApp


def without_orders(app: WhitecellApp) -> list[str]:
    """The names of the teams with neither orders in nor a draft. Actors are never asked about: an actor
    with no move does nothing this turn (the white cell chose not to act), so the turn never waits on one."""
    assert app.session is not None
    session = app.session
    return [
        role.name
        for role, orders in zip(session.scenario.roles, session.state.orders, strict=True)
        if not role.is_actor and orders is None and app.drafts.get(role.id) is None
    ]


def ask_to_resolve(app: WhitecellApp) -> None:
    """Resolve, asking first when a team has no orders at all."""
    session = app.session
    if session is None or session.state.ended:
        return
    missing = without_orders(app)
    if not missing:
        app.resolve_now()
        return
    names = " and ".join(missing)
    question = ConfirmScreen(
        f"{names} {'has' if len(missing) == 1 else 'have'} no orders. Resolve anyway?",
        "They will take no action this turn.",
    )
    app.push_screen(question, lambda yes: app.resolve_now() if yes else None)


def resolve(app: WhitecellApp) -> None:
    """Submit the open drafts, resolve, let the bots enter their next orders, show the summary (then
    the phase's hotwash and the next phase's briefing update, when due)."""
    assert app.session is not None
    session = app.session
    for orders in app.drafts.pending(session):
        if app.submit(orders, redraw=False) is None:
            return  # refused (the notification says why): the turn waits for the facilitator
    turn = session.state.turn
    events = app.submit(Resolve(), redraw=False)
    if events is None:
        return
    app.play_bots()
    app.redraw()
    title = f"Adjudication: {turn_heading(session.scenario.turns, turn)}"
    shown = resolution_events(session.scenario, events, ROOM if app.masked else WHITE_CELL)

    def shown_to(audience: Audience) -> list[Event]:
        return resolution_events(session.scenario, events, audience)

    app.push_screen(AdjudicationScreen(session.scenario, shown, title, shown_to), lambda _: after_resolution(app, turn))
