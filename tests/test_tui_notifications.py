"""Notifications quote text from files; they are shown as written, never read as markup."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import drive, keys, notifications
from tests.test_tui_play import new_app
from tui.app import WhitecellApp


def test_a_notification_quoting_markup_shows_it_plainly(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        app.notify("Team [/] and [bold]x[/bold] sent orders", title="Seats", severity="warning")
        app.screen.notify("from a screen: [/]")
        await pilot.pause()
        assert app._exception is None
        shown = notifications(app)
        assert any("Team [/] and [bold]x[/bold] sent orders" in text for text in shown)
        assert any("from a screen: [/]" in text for text in shown)

    drive(app, script)
