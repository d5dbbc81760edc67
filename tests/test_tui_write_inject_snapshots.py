"""Snapshots of the dialog for an inject written at the table (`w`), at 80x24 and 120x40.

Taken as tests/test_tui_snapshots.py takes the console's screens (fixed seed, no timer, no blinking
cursor); update them on purpose with ``--snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import SMALL, WIDE
from tests.test_tui_snapshots import SnapCompare, console, opened
from tui.app import WhitecellApp

__all__ = ["opened"]  # the fixture, used by name


async def _write(pilot: Pilot[None]) -> None:
    await pilot.press("enter", "w", *"Fishing boats seized near the islands", "enter")
    await pilot.press(*"Coast guards detain two trawlers at dawn", "enter")
    await pilot.press("minus", "6", "enter")


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["small", "wide"])
def test_write_inject_dialog(
    snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp], size: tuple[int, int]
) -> None:
    """Title and narrative written, one effect row previewed before → after, the reason to come."""
    assert snap_compare(console(tmp_path, opened), run_before=_write, terminal_size=size)
