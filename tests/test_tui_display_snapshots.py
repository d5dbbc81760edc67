"""Snapshots of the projector display (pytest-textual-snapshot) at 120x40 and 80x24: the default
game in April and at its end, both teams spending their whole budget, and eight teams.

The journals are written beforehand with fixed seeds and fixed choices into a tmp folder whose
name never appears on screen (the display names only the file), and the display shows no clock
time, so each snapshot is the same on every machine. Update them on purpose with
``pytest tests/test_tui_display_snapshots.py --snapshot-update`` and look at the SVGs first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.helpers import SMALL, WIDE
from tests.journals import greedy_game
from tests.test_display import crowd_journal, full_budget
from tui.display import DisplayApp

SnapCompare = Callable[..., bool]


def journal(folder: Path, turns: int) -> Path:
    """A journal of the default scenario with two greedy bots, ``turns`` turns resolved (all: to the end)."""
    return greedy_game(folder / "game.jsonl", turns, clock=lambda: "2026-01-05T09:00:00Z")


def test_display_wide(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """April: two new shocks in full, the earlier one by title, big bars with bands, March's
    decisions in a column per team under them."""
    assert snap_compare(DisplayApp(journal(tmp_path, 3)), terminal_size=WIDE)


def test_display_small(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The same at 80x24: one line per variable, both teams' decisions side by side, two events."""
    assert snap_compare(DisplayApp(journal(tmp_path, 3)), terminal_size=SMALL)


def test_display_at_the_end(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """A whole game: the outcome with its description above the final state."""
    assert snap_compare(DisplayApp(journal(tmp_path, 12)), terminal_size=WIDE)


def test_display_at_the_end_small(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """A whole game at 80x24: the outcome, every variable and both teams; no events."""
    assert snap_compare(DisplayApp(journal(tmp_path, 12)), terminal_size=SMALL)


def test_display_full_budget_wide(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Three long actions a team, Seoul's joint proposals unanswered: every one in full."""
    assert snap_compare(DisplayApp(full_budget(tmp_path / "game.jsonl", "seoul-tokyo-2026", 3)), terminal_size=WIDE)


def test_display_full_budget_small(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The same at 80x24: the labels wrap under their bullets, taking the latest events' rows."""
    assert snap_compare(DisplayApp(full_budget(tmp_path / "game.jsonl", "seoul-tokyo-2026", 3)), terminal_size=SMALL)


def test_display_eight_teams_wide(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Eight teams in three columns."""
    assert snap_compare(DisplayApp(crowd_journal(tmp_path / "game.jsonl")), terminal_size=WIDE)


def test_display_eight_teams_small(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Eight teams at 80x24: a line each."""
    assert snap_compare(DisplayApp(crowd_journal(tmp_path / "game.jsonl")), terminal_size=SMALL)


def undone_and_timed(folder: Path) -> Path:
    """Three turns resolved, the third taken back, and the console's timer paused at 4:30 in that turn."""
    from engine.core.commands import Undo
    from engine.journal.session import Session
    from tui.decision_timer import DecisionTimer, save_timer

    path = journal(folder, 3)
    session, _ = Session.resume(path, clock=lambda: "2026-01-05T09:30:00Z")
    session.apply(Undo())
    timer = DecisionTimer(10, session.state.turn, None, 270.0)
    session.close()
    save_timer(path, timer)
    return path


def test_display_timer_and_undo_wide(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """A resolution taken back (said across the screen) and the decision timer paused, by the turn."""
    assert snap_compare(DisplayApp(undone_and_timed(tmp_path)), terminal_size=WIDE)


def test_display_timer_and_undo_small(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(DisplayApp(undone_and_timed(tmp_path)), terminal_size=SMALL)
