"""Questions the console asks before a key that changes the whole room: undoing a resolution, leaving a live game."""

from __future__ import annotations

from typing import Any

from textual.app import App

from engine.audience.console import resolution_events
from engine.audience.visibility import Audience
from engine.core.commands import Resolve
from engine.core.events import Event
from engine.journal.session import Session
from engine.prose.turns import turn_heading
from tui.screens.dialogs import ConfirmScreen

DETAIL = "The game goes back to before it, orders and all, on every screen in the room; y redoes it afterwards."


def resolution_to_undo(session: Session | None) -> str | None:
    """The heading of the turn whose resolution the next undo would take back, or None if it takes back something else."""
    if session is None or not session.history:
        return None
    last = session.history[-1]
    if not isinstance(last.command, Resolve):
        return None
    return turn_heading(session.scenario.turns, last.before.turn)


def ask_to_leave(app: App[Any]) -> None:
    """q on the play screen: asked first, since the room is mid-game; the journal is on disk either way."""
    question = ConfirmScreen("Leave the game?", "It is saved in its journal; whitecell play --resume opens it again.")
    app.push_screen(question, lambda yes: app.exit() if yes else None)


def last_adjudication(session: Session | None, audience: Audience) -> tuple[str, list[Event]] | None:
    """The title and events of the last resolution in effect, as its summary showed them to ``audience``."""
    if session is None:
        return None
    for applied in reversed(session.history):
        if isinstance(applied.command, Resolve):
            title = f"Adjudication: {turn_heading(session.scenario.turns, applied.before.turn)}"
            return title, resolution_events(session.scenario, applied.events, audience)
    return None


def last_events(session: Session | None, audience: Audience) -> list[Event]:
    """The events of the last resolution's summary as ``audience`` may see them (none when there is none)."""
    last = last_adjudication(session, audience)
    return [] if last is None else last[1]


def past_limit_notice(session: Session | None, shock_id: str) -> str | None:
    """What to tell the facilitator when an inject made a shock happen more often than the scenario lets it on its own."""
    if session is None:
        return None
    s = session.game.shock_index[shock_id]
    shock, fired = session.scenario.shocks[s], session.state.fires[s]
    if fired <= shock.max_fires:
        return None
    allowed = "once" if shock.max_fires == 1 else f"{shock.max_fires} times"
    return (
        f"{shock.title} has now happened {fired} times; the scenario lets it happen {allowed} on its own. "
        "The inject went past that limit, as the white cell chose (the journal records it)."
    )
