"""Comparisons and bands as inclusive integer ranges: what the compiler, the bots and lint read a test as."""

from __future__ import annotations

from engine.core import model as m

LOW = -(10**18)
"""Below any value a scenario can hold: an open lower end."""
HIGH = 10**18
"""Above any value a scenario can hold: an open upper end."""


def comparison_range(comparison: m.Comparison) -> tuple[int, int]:
    """The comparison as an inclusive integer range (possibly empty)."""
    low, high = LOW, HIGH
    if comparison.at_least is not None:
        low = max(low, comparison.at_least)
    if comparison.above is not None:
        low = max(low, comparison.above + 1)
    if comparison.at_most is not None:
        high = min(high, comparison.at_most)
    if comparison.below is not None:
        high = min(high, comparison.below - 1)
    if comparison.equals is not None:
        low, high = max(low, comparison.equals), min(high, comparison.equals)
    return low, high


def band_range(variable: m.Variable, band_id: str) -> tuple[int, int]:
    """The inclusive range of values in a band of a variable."""
    bands = variable.bands
    for index, band in enumerate(bands):
        if band.id == band_id:
            high = bands[index + 1].start - 1 if index + 1 < len(bands) else variable.max
            return band.start, high
    raise KeyError(band_id)
