"""Ranges and bands: a variable's or resource's bounds and starting value, and the bands that cover a variable's range."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from engine.load.semantics.context import Check
from engine.load.semantics.reading import whole


def bounds(check: Check, pointer: str, low: int | None, high: int | None, initial: int | None, *, what: str) -> None:
    """Check that a variable or resource has room to move and starts within its bounds."""
    if low is not None and high is not None and low >= high:
        check.report(f"{pointer}/max", "bad-bounds", f"max ({high}) must be greater than min ({low})")
        return
    if initial is None:
        return
    if low is not None and initial < low:
        check.report(
            f"{pointer}/initial", "initial-out-of-bounds", f"initial value {initial} is below the {what}'s minimum {low}"
        )
    if high is not None and initial > high:
        check.report(
            f"{pointer}/initial", "initial-out-of-bounds", f"initial value {initial} is above the {what}'s maximum {high}"
        )


def band_order(check: Check, bands: Iterable[tuple[str, Mapping[str, Any]]], low: int | None, high: int | None) -> None:
    """Check that a variable's bands cover its range: the first at its minimum, then ascending, none past its maximum."""
    previous: int | None = None
    for index, (band_pointer, band) in enumerate(bands):
        start = whole(band.get("from"))
        if start is None:
            continue
        if index == 0 and low is not None and start != low:
            check.report(
                f"{band_pointer}/from",
                "band-gap",
                f"the first band must start at the variable's minimum {low}, not {start}",
            )
        if previous is not None and start <= previous:
            check.report(
                f"{band_pointer}/from",
                "bands-unordered",
                f"bands must be in ascending order: {start} does not come after {previous}",
            )
        if high is not None and start > high:
            check.report(
                f"{band_pointer}/from",
                "band-out-of-bounds",
                f"band starts at {start}, above the variable's maximum {high}",
            )
        previous = start
