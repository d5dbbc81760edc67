"""Snapshots of the console's screens (pytest-textual-snapshot), to catch what a change does to them.

Each screen is taken with a fixed seed, no decision timer (it ticks), no blinking cursor, no
notification, and nothing that depends on the machine: the journal lives in a tmp folder whose
name never appears on screen, and no clock time is shown. Update them on purpose with
``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from engine.core.commands import Resolve
from engine.journal.autoplay import bot_orders
from engine.journal.format import Settings
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import SMALL, WIDE
from tui.app import WhitecellApp, make_app
from tui.launch import Launch, open_session

SnapCompare = Callable[..., bool]
DEFAULT = "seoul-tokyo-2026"
SEED = 2026


@pytest.fixture
def opened() -> Iterator[list[WhitecellApp]]:
    """Apps a test opens on a session; their journals are closed afterwards."""
    apps: list[WhitecellApp] = []
    yield apps
    for app in apps:
        if app.session is not None:
            app.session.close()


def console(folder: Path, opened: list[WhitecellApp], *, resume: Path | None = None) -> WhitecellApp:
    """The console on a new session of the default scenario with two human teams, or on a journal to resume."""
    if resume is not None:
        launch = Launch(resume=resume, folder=folder)
    else:
        launch = Launch(scenario=DEFAULT, seed=SEED, journal=folder / "game.jsonl", folder=folder)
    session, recovery = open_session(launch)
    app = make_app(launch, session=session, recovery=recovery, blink=False)
    opened.append(app)
    return app


def test_start_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The bundled scenarios, the first one's summary and settings, and no journal in the folder yet."""
    app = make_app(Launch(start_screen=True, folder=tmp_path), blink=False)
    assert snap_compare(app, terminal_size=WIDE)


def test_briefing_screen(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """The default scenario's briefing, as a new session opens."""
    assert snap_compare(console(tmp_path, opened), terminal_size=WIDE)


def test_play_screen_wide(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """Three columns at 120x40, with Seoul's first action chosen and Tokyo still without orders."""
    assert snap_compare(console(tmp_path, opened), press=["enter", "1", "space"], terminal_size=WIDE)


def test_play_screen_small(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """The same at 80x24: compact variables with the shock list under them, and the teams."""
    assert snap_compare(console(tmp_path, opened), press=["enter", "1", "space"], terminal_size=SMALL)


def test_play_screen_with_choices_hidden(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """Both teams' orders entered, then h: the panels and the log show that orders are in, not which."""

    async def hide(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "1", "space", "2", "space", "escape", "h")
        pilot.app.clear_notifications()  # "Choices hidden" would stay on screen for a time-dependent while

    assert snap_compare(console(tmp_path, opened), run_before=hide, terminal_size=WIDE)


def test_inject_dialog_small(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """The default scenario's 24 shocks at 80x24: the list scrolls, and the reason and the hint stay in view."""
    assert snap_compare(console(tmp_path, opened), press=["enter", "i"], terminal_size=SMALL)


def test_adjudication_summary(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """The summary after the first resolution: what both teams did, every change with its cause."""
    keys = ["enter", "1", "space", "2", "space", "escape", "r"]
    assert snap_compare(console(tmp_path, opened), press=keys, terminal_size=WIDE)


def test_end_screen(snap_compare: SnapCompare, tmp_path: Path, opened: list[WhitecellApp]) -> None:
    """The outcome and each role's objectives, met or missed, of a whole game two bots played
    (straight through the session, then resumed: the console opens on the end screen)."""
    path = tmp_path / "played.jsonl"
    settings = Settings(bots=(("seoul", "greedy"), ("tokyo", "greedy")))
    session = Session.new(resolve_scenario(DEFAULT), SEED, path, settings=settings)
    while not session.state.ended:
        for command in bot_orders(session):
            session.apply(command)
        session.apply(Resolve())
    session.close()
    assert snap_compare(console(tmp_path, opened, resume=path), terminal_size=WIDE)
