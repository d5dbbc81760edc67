"""The console's pauses between phases: the hotwash after a phase's last turn, then the next phase's
briefing update as its first turn opens.

Both come after the adjudication summary of the resolution that reached them, in that order, and
before the end screen; neither writes to the journal. The hotwash is written beside the journal
while it is up (`tui.hotwash_file`), so the projector can say so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.announce import briefing_due
from tui.screens.briefing import PhaseBriefingScreen

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
    show_opening_update(app, app.sync_end_screen)
