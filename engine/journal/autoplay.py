"""Bots playing roles in a session: their orders for the turn, as commands the session journals."""

from __future__ import annotations

from engine.bots.registry import make_bot
from engine.core.commands import SubmitOrders
from engine.core.view import View
from engine.journal.session import Session


def bot_orders(session: Session) -> list[SubmitOrders]:
    """Orders for every role a bot plays that has not entered orders this turn."""
    state = session.state
    if state.ended:
        return []
    commands = []
    for role, policy in session.settings.bots:
        r = session.game.role_index[role]
        if state.orders[r] is None:
            commands.append(SubmitOrders(role, make_bot(policy).choose(View(session.game, state), role)))
    return commands
