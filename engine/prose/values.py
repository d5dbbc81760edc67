"""A variable's value and its move as people read them: one place for every surface.

A variable of named states (format 2) holds the position of its state; the summary, the log and
replay, the projector, the hotwash and the report all print a change through `change_text`, so a
posture reads "routine → quarantine" everywhere and never "0 → 2 (+2)".
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["change_text", "signed", "value_text"]


def signed(number: int) -> str:
    """A change with its sign, using a true minus: +5, −6, 0."""
    return f"+{number}" if number > 0 else f"−{-number}" if number < 0 else "0"


def value_text(value: int, states: Sequence[str] = (), unit: str = "") -> str:
    """A value: its state's name for a variable of named states, else the number and its unit ("50%")."""
    return states[value] if 0 <= value < len(states) else f"{value}{unit}"


def change_text(before: int, after: int, states: Sequence[str] = (), requested: int | None = None) -> str:
    """``before → after``: named states by name ("routine → quarantine"; a state's position is no
    amount), numbers with the net change ("50 → 47 (−3)"), and what was asked when a bound held it."""
    moved = f"{value_text(before, states)} → {value_text(after, states)}"
    if states:
        return moved
    actual = after - before
    if requested is None or requested == actual:
        return f"{moved} ({signed(actual)})"
    return f"{moved} ({signed(actual)}, {signed(requested)} asked, held at the bound)"
