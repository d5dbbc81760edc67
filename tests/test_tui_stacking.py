"""What is under the top screen is drawn only when it shows (tui.stacking and the play screen's redraw)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import SMALL, current, drive, screen_text
from tests.test_tui_play import new_app
from tui.app import WhitecellApp
from tui.screens.dialogs import ConfirmScreen
from tui.screens.play import PlayScreen
from tui.screens.summary import AdjudicationScreen


def _stale(play: PlayScreen) -> bool:
    """A function, so that mypy does not carry one assertion on the flag past a key press."""
    return play.stale


def test_the_play_screen_waits_under_the_summary_and_redraws_when_it_shows(tmp_path: Path) -> None:
    app = new_app(tmp_path, "seoul-tokyo-2026")

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("enter")
        await pilot.pause()
        play = current(app)
        assert isinstance(play, PlayScreen)
        await pilot.press("r")  # no orders in: a dialog asks first, and the play screen shows through it
        await pilot.pause()
        assert isinstance(current(app), ConfirmScreen)
        assert app._background_screens == [play]
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(current(app), AdjudicationScreen)
        assert app._background_screens == []  # the summary's background is opaque
        assert _stale(play)  # the new turn is not drawn under it
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert not _stale(play)
        assert current(app) is play
        assert "Month 2" in screen_text(app)

    drive(app, script, SMALL)
