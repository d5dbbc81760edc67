"""Undoing a resolution is asked first: it takes the whole room back a turn, projector included."""

from __future__ import annotations

from engine.core.commands import Resolve
from engine.journal.session import Session
from engine.prose.turns import turn_heading

DETAIL = "The game goes back to before it, orders and all, on every screen in the room; y redoes it afterwards."


def resolution_to_undo(session: Session | None) -> str | None:
    """The heading of the turn whose resolution the next undo would take back, or None if it takes back something else."""
    if session is None or not session.history:
        return None
    last = session.history[-1]
    if not isinstance(last.command, Resolve):
        return None
    return turn_heading(session.scenario.turns, last.before.turn)
