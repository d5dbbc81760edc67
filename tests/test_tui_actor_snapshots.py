"""A snapshot of the console with a white-cell actor (issue 13): Beijing's panel, marked "white cell",
beside the teams', with its move entered. Update on purpose with
``pytest tests/test_tui_actor_snapshots.py --snapshot-update`` and look at the SVG first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import WIDE
from tests.test_tui_actors import actor_app

SnapCompare = Callable[..., bool]


def test_play_screen_with_an_actor(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = actor_app(tmp_path)

    async def entered(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "0", "h", "o", "space", "enter", "escape")  # Beijing holds a drill
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=WIDE, run_before=entered)
    finally:
        if app.session is not None:
            app.session.close()
