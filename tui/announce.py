"""What the projector says besides the game itself: a resolution taken back, and the decision timer.

Both come from what the console wrote: the journal's last line (an undo of a resolution is public:
the room saw the resolution, and sees the turn go back) and the timer file beside the journal.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from textual.content import Content

from engine.core.commands import Undo
from engine.core.events import Undone
from engine.journal.session import Session
from engine.prose.turns import turn_name
from tui.decision_timer import clock_text, load_timer


def undone_resolution(session: Session) -> str | None:
    """What to tell the room when the journal's last line took back a resolution, else None."""
    if not session.records or not isinstance(session.records[-1].command, Undo):
        return None
    for event in session.records[-1].events:
        if isinstance(event, Undone):
            try:
                kind = json.loads(event.command).get("command")
            except (ValueError, AttributeError):
                return None
            if kind == "resolve":
                turns, turn = session.scenario.turns, session.state.turn
                name = turn_name(turns, turn)
                which = f"{turns.label} {turn} of {turns.count}" + ("" if name == f"{turns.label} {turn}" else f" ({name})")
                return f"The white cell took back the last resolution: {which} is open again."
    return None


def countdown(journal: Path, turn: int, ended: bool) -> Content | None:
    """The decision timer as the room sees it, when the console runs one for this turn."""
    timer = load_timer(journal)
    if timer is None or ended or timer.turn != turn:
        return None
    left = timer.left(time.time())
    if left <= 0:
        state, style = "time is up", "bold reverse $error"
    elif timer.paused is not None:
        state, style = "paused", "bold reverse $warning"
    else:
        state, style = "to decide", "bold reverse $accent"
    clock = (f" {clock_text(left)} ", style)
    return Content.assemble(("DECISION TIME", "bold $text-muted"), "\n", clock, "\n", (state, "$text-muted"))
