"""The events list's "Turn" column: a trigger's turn or window in the scenario's own calendar words.

Exported cells read like ``Month 3 (March 2026)``, ``Month 3 to Month 5 (March 2026 to May 2026)``,
``from Month 3 (March 2026)`` or ``until Month 5 (May 2026)``; on import the words in parentheses
and other words (such as the turn label) are ignored and only the numbers and ``from``/``until``/``to``
count, so a planner may also type ``3``, ``3-5``, ``from 3`` or ``until 5``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from engine.core.model import Turns
from engine.prose.turns import turn_name

TIMING_KEYS = ("atTurn", "from", "to")
EXAMPLES = "e.g. '3', '3 to 5', 'from 3' or 'until 5'"


class TimingError(Exception):
    """A Turn cell that names no turn or window the import can read."""


def _turn(turns: Turns, number: int) -> tuple[str, str | None]:
    """``Month 3`` and, when the scenario names its turns, the name (``March 2026``)."""
    plain = f"{turns.label} {number}"
    name = turn_name(turns, number)
    return plain, (None if name == plain else name)


def timing_text(turns: Turns, trigger: Mapping[str, Any] | None) -> str:
    """The Turn cell of a trigger (empty when it names no turn)."""
    if not trigger:
        return ""
    if "atTurn" in trigger:
        plain, name = _turn(turns, trigger["atTurn"])
        return plain + (f" ({name})" if name else "")
    start = _turn(turns, trigger["from"]) if "from" in trigger else None
    end = _turn(turns, trigger["to"]) if "to" in trigger else None
    if start and end:
        names = f" ({start[1]} to {end[1]})" if start[1] and end[1] else ""
        return f"{start[0]} to {end[0]}{names}"
    if start:
        return f"from {start[0]}" + (f" ({start[1]})" if start[1] else "")
    if end:
        return f"until {end[0]}" + (f" ({end[1]})" if end[1] else "")
    return ""


def parse_timing(cell: str, turns: Turns) -> dict[str, int]:
    """The trigger keys a Turn cell gives: ``atTurn``, or ``from`` and/or ``to`` (empty for a blank cell)."""
    text = cell
    if turns.label.strip():
        text = re.sub(rf"(?<!\w){re.escape(turns.label)}s?(?!\w)", " ", text, flags=re.IGNORECASE)
    text = text.split("(", 1)[0].lower()
    text = text.replace("+", " + ")
    text = re.sub(r"[\u2013\u2014]|\.\.", " to ", text)
    text = re.sub(r"(?<=\d)\s*-\s*(?=\d)", " to ", text)
    words = text.replace(",", " ").split()
    if not words:
        if cell.strip():
            raise TimingError(f"no turn number in {cell.strip()!r}; {EXAMPLES}")
        return {}
    numbers = [int(word) for word in words if re.fullmatch(r"[0-9]{1,9}", word)]
    others = [word for word in words if not re.fullmatch(r"[0-9]{1,9}", word)]
    unknown = [word for word in others if not word.isalpha() and word != "+"]
    if unknown or not numbers or len(numbers) > 2:
        raise TimingError(f"cannot read {cell.strip()!r} as a turn or window; {EXAMPLES}")
    if len(numbers) == 2:
        if "to" not in others or "until" in others:
            raise TimingError(f"cannot read {cell.strip()!r} as a window; write it as 'FIRST to LAST', {EXAMPLES}")
        return {"from": numbers[0], "to": numbers[1]}
    if "until" in others or (others and others[0] == "to"):
        return {"to": numbers[0]}
    if "from" in others or "onward" in others or "onwards" in others or "+" in others:
        return {"from": numbers[0]}
    if "to" in others:
        raise TimingError(f"cannot read {cell.strip()!r}: a window needs a first and a last turn; {EXAMPLES}")
    return {"atTurn": numbers[0]}
