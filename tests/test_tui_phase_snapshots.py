"""Snapshots of the console with phases (issue 13): the header naming the phase, and the hotwash
screen, at the projector-sized and the smallest terminal. Update them on purpose with
``pytest tests/test_tui_phase_snapshots.py --snapshot-update`` and look at the SVGs first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import SMALL, WIDE
from tests.test_tui_phases import phased_app, to_hotwash

SnapCompare = Callable[..., bool]


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_header_with_a_phase(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The play screen in the first phase: its title in the header, after the turn."""
    app = phased_app(tmp_path)

    async def begin(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "enter")  # the opening briefing, then the first phase's update
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=size, run_before=begin)
    finally:
        if app.session is not None:
            app.session.close()


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_hotwash_screen(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The hotwash after the first phase: its turns, the shock that fired, the objective's variable, the prompt."""
    app = phased_app(tmp_path)

    async def hotwash(pilot: Pilot[None]) -> None:
        await to_hotwash(app, pilot)
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=size, run_before=hotwash)
    finally:
        if app.session is not None:
            app.session.close()
