"""Snapshots of the free-form move dialogs (`m`): the argument at 80x24, the effects at 120x40.

Taken as tests/test_tui_snapshots.py takes the console's screens (fixed seed, no timer, no blinking
cursor); update them on purpose with ``--snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import SMALL, WIDE
from tests.test_tui_snapshots import SnapCompare, console, opened
from tui.app import WhitecellApp

__all__ = ["opened"]  # the fixture, used by name


async def _argue(pilot: Pilot[None], chance: str) -> None:
    await pilot.press("enter", "m", *"Offer a joint coast guard hotline")
    await pilot.press("enter", *"Both sides fear an accident at sea", "enter")
    await pilot.press(*"Tokyo: it rewards the standoff", "enter", *chance)


def test_free_move_argument_small(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """The argument filled in at 80x24, the room's rating read as its chance under the field."""
    assert snap_compare(console(tmp_path, opened), run_before=lambda pilot: _argue(pilot, "likely"), terminal_size=SMALL)


def test_free_move_chance_placeholder_small(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """At 80x24 with the chance still empty: its placeholder is read whole, not cut after "e.g."."""
    assert snap_compare(console(tmp_path, opened), run_before=lambda pilot: _argue(pilot, ""), terminal_size=SMALL)


def test_free_move_effects_wide(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """The move succeeded (chance 100): its roll above, one effect row previewed before → after."""

    async def succeed(pilot: Pilot[None]) -> None:
        await _argue(pilot, "100")
        await pilot.press("enter", "plus", "3", "enter")

    assert snap_compare(console(tmp_path, opened), run_before=succeed, terminal_size=WIDE)
