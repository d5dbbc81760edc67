"""A variable's value tested against an inclusive range, as the cheapest predicate for its shape.

Most conditions in a scenario are one-sided (``atLeast``, ``atMost``), and every turn of every
game evaluates dozens of them, so a test with an open end is a single comparison.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.core.view import Facts

Pred = Callable[[Facts], bool]


def value_test(i: int, low: int, high: int, *, open_low: int, open_high: int) -> Pred:
    """Whether variable ``i`` lies in [low, high], where a bound equal to ``open_low`` or
    ``open_high`` (what `comparison_range` gives for a side the comparison leaves open) is no bound."""
    if low == open_low:
        if high == open_high:
            return lambda w: True
        return lambda w: w.values[i] <= high
    if high == open_high:
        return lambda w: w.values[i] >= low
    return lambda w: low <= w.values[i] <= high
