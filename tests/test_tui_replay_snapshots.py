"""Snapshots of the replay screen and the report screen (pytest-textual-snapshot).

The journals are written with a fixed clock and seed into tmp folders whose names never appear
on screen, and nothing shown depends on the time of the run. Update on purpose with
``pytest tests/test_tui_replay_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import SMALL, WIDE, replay_app
from tests.journals import greedy_game, write_journal

SnapCompare = Callable[..., bool]


def harbour(folder: Path) -> Path:
    """The small test game: every command kind, an undone resolution, an undo and a redo."""
    path = folder / "game.jsonl"
    write_journal(path)
    return path


def bundled_game(folder: Path, turns: int) -> Path:
    """The default scenario, both teams played by the greedy bot for a few turns."""
    return greedy_game(folder / "default.jsonl", turns)


def test_replay_screen_wide(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """At line 11 (the facilitator's adjustment): the undone commands marked, what changed and why, the teams' orders."""
    keys = ["home", *["right"] * 10]
    assert snap_compare(replay_app(harbour(tmp_path)), press=keys, terminal_size=WIDE)


def test_replay_screen_small(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The same step at 80x24: the timeline beside one scrolling column."""
    keys = ["home", *["right"] * 10]
    assert snap_compare(replay_app(harbour(tmp_path)), press=keys, terminal_size=SMALL)


def test_replay_screen_at_a_resolution(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The default scenario after its second resolution: every change with its cause, the deltas, the shocks."""
    path = bundled_game(tmp_path, 3)

    async def to_turn_three(pilot: Pilot[None]) -> None:
        await pilot.press("t", "3", "enter")

    assert snap_compare(replay_app(path), run_before=to_turn_three, terminal_size=WIDE)


def test_replay_screen_of_a_tampered_journal(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """A journal whose line 9 was edited opens at line 8 with the problem shown, and v says the same."""
    path = harbour(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    tampered = json.loads(lines[8])
    tampered["digest"] = "0" * 64
    lines[8] = json.dumps(tampered, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    async def verify(pilot: Pilot[None]) -> None:
        await pilot.press("v")
        pilot.app.clear_notifications()

    assert snap_compare(replay_app(path), run_before=verify, terminal_size=WIDE)


def test_report_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The after-action report of the test game inside the app, opened from the replay screen with o."""
    assert snap_compare(replay_app(harbour(tmp_path)), press=["o"], terminal_size=WIDE)


def test_report_screen_small(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The same at 80x24."""
    assert snap_compare(replay_app(harbour(tmp_path)), press=["o"], terminal_size=SMALL)
