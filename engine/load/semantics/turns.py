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
            first = datetime.date.fromisoformat(start)
        except ValueError:
            check.report("/turns/start", "bad-date", f"{start!r} is not a real calendar date")
        else:
            _within_the_calendar(check, first, turns.get("step"), count)
    if "step" in turns and "start" not in turns:
        check.report("/turns/step", "step-without-start", "a calendar step needs a start date")


_MONTHS_PER_STEP = {"month": 1, "quarter": 3, "year": 12}


def _within_the_calendar(check: Check, first: Any, step: Any, count: int | None) -> None:
    """Report turns dated past 9999-12-31, which no calendar (nor Python's dates) can show.

    The date one step after the last turn is checked too, since a turn covers its whole step.
    """
    import datetime

    if count is None or count < 1 or step not in ("day", "week", "month", "quarter", "year", None):
        return
    steps = count  # from the first turn to the end of the last
    try:
        if step in (None, "day"):
            first + datetime.timedelta(days=steps)
        elif step == "week":
            first + datetime.timedelta(weeks=steps)
        elif first.year - 1 + (first.month - 1 + _MONTHS_PER_STEP[step] * steps) // 12 >= 9999:
            raise OverflowError
    except OverflowError:
        check.report(
            "/turns/start",
            "bad-date",
            f"{count} turns of a {step or 'day'} from {first.isoformat()} run past the year 9999; "
            "dates go up to 9999-12-31: start earlier or leave out the start date",
        )


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
