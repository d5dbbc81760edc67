"""Conditions with the turn known: the parts that test the turn decided, the rest kept.

A playout asks the same conditions at every turn; one that tests the turn (an action open only on
some turns, or from some turn on) needs no asking at a turn where that part decides it, and less
asking where it does not. What `at_turn` gives holds, at that turn, exactly when the condition
does: every other part is kept as it was, and a condition reads nothing but the state.
"""

from __future__ import annotations

from typing import assert_never

from engine.core import model as m
from engine.core.ranges import comparison_range


def at_turn(cond: m.Condition, turn: int) -> m.Condition | bool:
    """``cond`` at ``turn``: True or False when that decides it, else what is left to ask (``cond``
    itself when it does not test the turn)."""
    match cond:
        case m.TurnTest():
            low, high = comparison_range(cond.comparison)
            return low <= turn <= high
        case m.AllOf():
            return _joined(cond, [at_turn(item, turn) for item in cond.items], decisive=False)
        case m.AnyOf():
            return _joined(cond, [at_turn(item, turn) for item in cond.items], decisive=True)
        case m.Not():
            inner = at_turn(cond.item, turn)
            if isinstance(inner, bool):
                return not inner
            return cond if inner is cond.item else m.Not(inner)
        case (
            m.VarTest()
            | m.InBand()
            | m.ResourceTest()
            | m.UsesTest()
            | m.FiredTest()
            | m.ScoreTest()
            | m.ActiveTest()
            | m.ChoseTest()
        ):
            return cond
        case _:
            assert_never(cond)


def _joined(cond: m.AllOf | m.AnyOf, parts: list[m.Condition | bool], *, decisive: bool) -> m.Condition | bool:
    """An ``allOf`` (a False part decides it) or ``anyOf`` (a True one does) of its parts at a turn."""
    if any(part is decisive for part in parts):
        return decisive
    kept = [part for part in parts if not isinstance(part, bool)]
    if not kept:
        return not decisive
    if len(kept) == len(cond.items) and all(part is item for part, item in zip(kept, cond.items, strict=True)):
        return cond
    if len(kept) == 1:
        return kept[0]
    return m.AllOf(tuple(kept)) if isinstance(cond, m.AllOf) else m.AnyOf(tuple(kept))
