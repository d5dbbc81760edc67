"""A snapshot of Coming up (`c`) at 120x40 on the default scenario, one shock held.

Taken as tests/test_tui_snapshots.py takes the console's screens (fixed seed, no timer, no blinking
cursor); update it on purpose with ``--snapshot-update`` and look at the SVG before committing.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import WIDE
from tests.test_tui_snapshots import SnapCompare, console, opened
from tui.app import WhitecellApp

__all__ = ["opened"]  # the fixture, used by name


async def _held(pilot: Pilot[None]) -> None:
    await pilot.press("enter", "c", "down", "h", *"a quiet week for the ministers", "enter")


def test_upcoming_view(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """Grouped by month: plain atTurn shocks and windows with their chance a month, the second entry held."""
    assert snap_compare(console(tmp_path, opened), run_before=_held, terminal_size=WIDE)
