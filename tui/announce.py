"""What the projector says besides the game itself: a resolution taken back, the decision timer,
a phase's briefing update and the hotwash.

All come from what the console wrote: the journal's last line (an undo of a resolution is public:
the room saw the resolution, and sees the turn go back), the timer and hotwash files beside the
journal, and the scenario's phases (their titles and briefing updates are for the whole room).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from textual.content import Content

from engine.core.commands import Undo
from engine.core.events import Undone
from engine.core.model import Phase, Scenario
from engine.journal.session import Session
from engine.prose.turns import turn_name
from engine.text.terminal import printable
from tui.decision_timer import clock_text, load_timer
from tui.hotwash_file import hotwash_up
from tui.text import plain_lines


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


def briefing_due(scenario: Scenario, turn: int, ended: bool) -> Phase | None:
    """The phase whose briefing update goes with this turn: the turn is its first and it has one (not once the game is over)."""
    phase = scenario.phase_at(turn)
    if ended or phase is None or phase.start != turn or not phase.briefing.strip():
        return None
    return phase


def phase_note(journal: Path, scenario: Scenario, turn: int, ended: bool) -> Content | None:
    """The hotwash the console holds, else the briefing update of the phase this turn opens, else None."""
    held = hotwash_up(journal, scenario, turn, ended)
    if held is not None:
        return Content.assemble(
            (" HOTWASH ", "bold reverse $accent"), " ", (printable(held.title), "bold"), "\n",
            ("The white cell reviews this phase with the teams before play goes on.", "$text-muted"),
        )  # fmt: skip
    phase = briefing_due(scenario, turn, ended)
    if phase is None:
        return None
    return Content.assemble(
        ("BRIEFING UPDATE", "bold $accent"), "  ", (printable(phase.title), "bold"), "\n", plain_lines(phase.briefing.strip())
    )
