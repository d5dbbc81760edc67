"""Phases: named spans of turns, each within the game, forwards, and after the one before it.

Screens and documents say which phase a turn is in, and the console pauses for a phase's hotwash
after its last turn; two phases sharing a turn would leave both questions without one answer.
"""

from __future__ import annotations

from engine.load.semantics.context import Check
from engine.load.semantics.reading import entries, whole
from engine.load.semantics.references import unique_ids
from engine.load.semantics.turns import turn_in_range


def phases(check: Check) -> None:
    """Check each phase: a unique id, turns within the game, from before to, and no overlap with the previous one."""
    listed = entries(check.document, "phases")
    unique_ids(check, listed, "phase")
    last_end: int | None = None
    for pointer, phase in listed:
        start, end = whole(phase.get("from")), whole(phase.get("to"))
        turn_in_range(check, f"{pointer}/from", phase.get("from"))
        turn_in_range(check, f"{pointer}/to", phase.get("to"))
        if start is not None and end is not None and end < start:
            check.report(f"{pointer}/to", "window-reversed", f"the phase ends (turn {end}) before it starts (turn {start})")
        if start is not None and last_end is not None and start <= last_end:
            check.report(
                f"{pointer}/from",
                "phases-overlap",
                f"the phase starts at turn {start}, but the phase before it runs to turn {last_end}: "
                "phases are listed in order and share no turn",
            )
        if end is not None:
            last_end = end if last_end is None else max(last_end, end)
