"""Turns and turn windows: the calendar of turns, and when a shock's trigger may fire."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from engine.load.semantics.conditions import condition
from engine.load.semantics.context import Check
from engine.load.semantics.oversights import chance
from engine.load.semantics.reading import whole


def turns(check: Check) -> None:
    """Check the turns object: one name per turn, a real start date, no calendar step without it."""
    turns = check.document.get("turns")
    if not isinstance(turns, dict):
        return
    count = check.declared.turn_count
    names = turns.get("names")
    if isinstance(names, list) and count is not None and len(names) != count:
        check.report(
            "/turns/names",
            "turn-names-count",
            f"there are {len(names)} turn names for {count} turns; give exactly one per turn",
        )
    start = turns.get("start")
    if isinstance(start, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", start):
        import datetime  # only for a start date; most runs never need the module

        try:
            datetime.date.fromisoformat(start)
        except ValueError:
            check.report("/turns/start", "bad-date", f"{start!r} is not a real calendar date")
    if "step" in turns and "start" not in turns:
        check.report("/turns/step", "step-without-start", "a calendar step needs a start date")


def trigger(check: Check, pointer: str, trigger: Mapping[str, Any]) -> None:
    """Check when a shock fires: its turns within the game, at one turn or in a window that runs forward."""
    for key in ("atTurn", "from", "to"):
        if key in trigger:
            turn_in_range(check, f"{pointer}/{key}", trigger[key])
    if "atTurn" in trigger and ("from" in trigger or "to" in trigger):
        check.report(f"{pointer}/atTurn", "turn-and-window", "give either atTurn or a window (from/to), not both")
    start, end = whole(trigger.get("from")), whole(trigger.get("to"))
    if start is not None and end is not None and start > end:
        check.report(f"{pointer}/to", "window-reversed", f"the window ends (turn {end}) before it starts (turn {start})")
    if trigger.get("guaranteed") is True and "atTurn" not in trigger and "from" not in trigger and "to" not in trigger:
        check.report(
            f"{pointer}/guaranteed",
            "guaranteed-without-window",
            "guaranteed needs a window (from/to) whose last turn it fires in",
        )
    condition(check, f"{pointer}/when", trigger.get("when"))
    if "chance" in trigger:
        chance(check, f"{pointer}/chance", trigger["chance"])


def turn_in_range(check: Check, pointer: str, value: Any) -> None:
    """Report a turn number outside 1 to the game's turn count."""
    turn = whole(value)
    count = check.declared.turn_count
    if turn is not None and count is not None and not 1 <= turn <= count:
        check.report(pointer, "turn-out-of-range", f"turn {turn} is outside the game, which has turns 1 to {count}")
