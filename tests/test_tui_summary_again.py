"""v reopens the last adjudication summary, for the room's audience when the console hides white-cell material."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import current, drive, keys, notifications, screen_text
from tests.test_tui_play import new_app
from tui.app import WhitecellApp
from tui.screens.play import PlayScreen
from tui.screens.summary import AdjudicationScreen


def test_v_shows_the_last_summary_again(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "v")
        assert isinstance(current(app), PlayScreen), "nothing resolved yet: nothing to show"
        assert any("No turn has been resolved yet" in text for text in notifications(app))
        await keys(pilot, "1", "space", "2", "space", "escape", "r")
        assert isinstance(current(app), AdjudicationScreen)
        app.clear_notifications()  # a notification's time on screen depends on the machine's speed
        await pilot.pause()
        first = screen_text(app)
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        await keys(pilot, "v")
        assert isinstance(current(app), AdjudicationScreen)
        app.clear_notifications()
        await pilot.pause()
        assert screen_text(app) == first, "the same summary as the one shown at resolution"
        await keys(pilot, "enter", "h", "v")
        assert isinstance(current(app), AdjudicationScreen)
        assert app.masked

    drive(app, script)


def test_the_room_sees_only_its_part_when_the_summary_is_reopened_in_hide_mode(tmp_path: Path) -> None:
    """The reopened summary asks the same visibility model as the first one did."""
    from engine.audience.visibility import ROOM, WHITE_CELL
    from tui.asking import last_adjudication

    app = new_app(tmp_path, "seoul-tokyo-2026", seed=3)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1", "space", "2", "space", "escape", "r", "enter")
        full = last_adjudication(app.session, WHITE_CELL)
        room = last_adjudication(app.session, ROOM)
        assert full is not None and room is not None
        assert full[0] == room[0]
        assert len(room[1]) < len(full[1]), "the hidden variables moved at the resolution (◆ North Korean threat level)"

    drive(app, script)
