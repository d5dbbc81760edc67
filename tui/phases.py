"""The console's pauses between phases: the hotwash after a phase's last turn, then the next phase's
briefing update as its first turn opens.

Both come after the adjudication summary of the resolution that reached them, in that order, and
before the end screen; neither writes to the journal. The hotwash is written beside the journal
while it is up (`tui.hotwash_file`), so the projector can say so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from engine.audience.visibility import ROOM, WHITE_CELL
from tui.announce import briefing_due
from tui.hotwash_file import clear_hotwash, save_hotwash
from tui.screens.briefing import PhaseBriefingScreen
from tui.screens.hotwash import HotwashScreen

if TYPE_CHECKING:
    from tui.app import WhitecellApp


def show_opening_update(app: WhitecellApp, then: Callable[[], None]) -> None:
    """Show the briefing update of the phase that opens with this turn, if any, then go on."""
    session = app.session
    phase = briefing_due(session.scenario, session.state.turn, session.state.ended) if session is not None else None
    if session is None or phase is None:
        then()
        return
    app.push_screen(PhaseBriefingScreen(session.scenario, phase), lambda _: then())


def after_resolution(app: WhitecellApp, resolved: int) -> None:
    """Once the summary of turn ``resolved``'s resolution is closed: the phase's pauses, then the end
    screen if the game is over."""
    session = app.session
    phase = session.scenario.hotwash_after(resolved) if session is not None else None
    if session is None or phase is None:
        show_opening_update(app, app.sync_end_screen)
        return
    _tell_projector(app, lambda journal: save_hotwash(journal, phase))

    def closed(went_on: bool | None) -> None:
        _tell_projector(app, clear_hotwash)
        if went_on:
            show_opening_update(app, app.sync_end_screen)
        else:
            app.sync_end_screen()

    app.push_screen(HotwashScreen(session, phase, ROOM if app.masked else WHITE_CELL), closed)


def forget_hotwash(app: WhitecellApp) -> None:
    """A console opening a session holds no hotwash: a file left by one that stopped goes."""
    _tell_projector(app, clear_hotwash)


def _tell_projector(app: WhitecellApp, change: Callable[[Path], None]) -> None:
    """Write or remove the hotwash file beside the journal; a failure is said, and play goes on."""
    journal = app.session.path if app.session is not None else None
    if journal is None:
        return
    try:
        change(journal)
    except OSError as error:
        app.notify(f"The projector cannot be told of the hotwash: {error}", title="Hotwash", severity="warning", timeout=10)
