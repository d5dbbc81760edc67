"""Snapshots of the projector display (pytest-textual-snapshot) at 120x40 and 80x24, and at the end of a game.

The journal is written beforehand with a fixed seed, fixed bots and a fixed clock into a tmp
folder whose name never appears on screen (the display names only the file), and the display
shows no clock time, so each snapshot is the same on every machine. Update them on purpose with
``pytest tests/test_tui_display_snapshots.py --snapshot-update`` and look at the SVGs first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.helpers import SMALL, WIDE
from tests.journals import greedy_game
from tui.display import DisplayApp

SnapCompare = Callable[..., bool]


def journal(folder: Path, turns: int) -> Path:
    """A journal of the default scenario with two greedy bots, ``turns`` turns resolved (all: to the end)."""
    return greedy_game(folder / "game.jsonl", turns, clock=lambda: "2026-01-05T09:00:00Z")


def test_display_wide(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """April: two new shocks in full, the earlier one by title, big bars with bands, March's decisions."""
    assert snap_compare(DisplayApp(journal(tmp_path, 3)), terminal_size=WIDE)


def test_display_small(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The same at 80x24: one line per variable, decisions as a paragraph per team, fewer events."""
    assert snap_compare(DisplayApp(journal(tmp_path, 3)), terminal_size=SMALL)


def test_display_at_the_end(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """A whole game: the outcome with its description above the final state."""
    assert snap_compare(DisplayApp(journal(tmp_path, 12)), terminal_size=WIDE)
