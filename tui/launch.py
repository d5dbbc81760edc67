"""What the app opens with, and how a session is opened from it (new, resumed, or from the start screen)."""

from __future__ import annotations

from pathlib import Path

import attrs

from engine.journal.format import Settings
from engine.journal.home import journal_home
from engine.journal.naming import default_journal_path, default_seed
from engine.journal.session import Recovery, Session
from engine.load.catalog import resolve_scenario
from tui.seat_options import SeatOptions


@attrs.frozen
class Launch:
    """How the app starts: the start screen, a new session, or a journal to resume."""

    scenario: str | None = None
    """A scenario path or bundled name for a new session; None with resume or the start screen."""
    seed: int | None = None
    journal: Path | None = None
    resume: Path | None = None
    bots: tuple[tuple[str, str], ...] = ()
    timer_minutes: int | None = None
    watch: bool = False
    """Reload the scenario file (``scenario`` is then a path) whenever it changes."""
    start_screen: bool = False
    folder: Path = attrs.field(factory=journal_home)
    """Where new journals go and where the start screen looks for recent ones."""
    seats: SeatOptions | None = None
    """Serve the teams' seats (``play --seats``): where, and whether over TLS; None for no seats."""


def open_session(launch: Launch) -> tuple[Session, Recovery]:
    """Open the session a launch asks for. Raises the engine's errors for the caller to report."""
    if launch.resume is not None:
        return Session.resume(launch.resume)
    scenario = resolve_scenario(launch.scenario)
    if launch.journal is None:
        launch.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = launch.journal or default_journal_path(launch.folder, scenario.id)
    seed = launch.seed if launch.seed is not None else default_seed()
    settings = Settings(bots=tuple(sorted(launch.bots)), timer_minutes=launch.timer_minutes)
    return Session.new(scenario, seed, path, settings=settings), Recovery()
