"""Small inline scenarios and shortcuts shared by the tests, and the ways the TUI tests drive the app and read the screen."""

from __future__ import annotations

import asyncio
import copy
import io
import json
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from engine.core.commands import Resolve, SubmitOrders
from engine.core.events import Event
from engine.core.model import Scenario
from engine.core.rules import Game, compile_scenario
from engine.core.state import State
from engine.core.step import start, step
from engine.load.jsonpos import escape_pointer_token
from engine.load.loader import load_scenario_text
from scenarios import bundled_files

if TYPE_CHECKING:  # the engine's tests import this module too: they need not load Textual
    from textual.app import App
    from textual.pilot import Pilot
    from textual.screen import Screen

    from engine.journal.session import Session
    from tui.app import WhitecellApp

E = TypeVar("E")
R = TypeVar("R")

BUNDLED = tuple(entry.name.removesuffix(".json") for entry in bundled_files())
"""Every bundled scenario by name, the default first: a test that covers them all takes this, so a new one is covered."""

BASE: dict[str, Any] = {
    "format": 1,
    "id": "tiny",
    "title": "Tiny",
    "turns": {"count": 4},
    "roles": [
        {"id": "seoul", "name": "Seoul", "budget": 2},
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
    ],
    "variables": [{"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50}],
    "actions": [],
    "shocks": [],
    "rules": [],
    "outcomes": [{"id": "done", "title": "Done"}],
}


def examples(times: float) -> int:
    """Examples for a property that deserves ``times`` the profile's count: the quick profile's in CI, the
    thorough one's on request (tests/conftest.py), so a heavier property still scales with the profile."""
    from hypothesis import settings

    return max(1, round(settings().max_examples * times))


def doc(**parts: Any) -> dict[str, Any]:
    """A minimal valid scenario document (two roles, one variable 'trust' at 50 in 0..100),
    with top-level keys replaced by ``parts``."""
    document = copy.deepcopy(BASE)
    document.update(copy.deepcopy(parts))
    return document


def text_of(document: Mapping[str, Any]) -> str:
    """A document as indented JSON text, as an author would write it."""
    return json.dumps(document, indent=2)


def load(document: Mapping[str, Any]) -> Scenario:
    """Load a document through the real loader (raises ScenarioError when invalid)."""
    return load_scenario_text(text_of(document), "test.json")


def game_of(document: Mapping[str, Any]) -> Game:
    """Load and compile a document."""
    return compile_scenario(load(document))


def value(game: Game, state: State, var: str = "trust") -> int:
    """A variable's value in a state."""
    return state.values[game.var_index[var]]


def resource(game: Game, state: State, role: str, resource_id: str) -> int:
    """A role's resource stock in a state."""
    r = game.role_index[role]
    return state.resources[r][game.resource_index[r][resource_id]]


def active(game: Game, state: State, shock: str) -> bool:
    """Whether a shock is active in a state."""
    return state.remaining[game.shock_index[shock]] > 0


def fires(game: Game, state: State, shock: str) -> int:
    """How many times a shock has fired."""
    return state.fires[game.shock_index[shock]]


def turn(game: Game, state: State, orders: Mapping[str, Sequence[str]] | None = None) -> tuple[State, list[Event]]:
    """Submit the given orders (role -> action ids) and resolve the turn; return all events."""
    events: list[Event] = []
    for role, actions in (orders or {}).items():
        state, produced = step(game, state, SubmitOrders(role, tuple(actions)))
        events.extend(produced)
    state, produced = step(game, state, Resolve())
    events.extend(produced)
    return state, events


def started(document: Mapping[str, Any], seed: int = 1) -> tuple[Game, State, tuple[Event, ...]]:
    """Compile a document and start a game."""
    game = game_of(document)
    state, events = start(game, seed)
    return game, state, events


def kinds(events: Sequence[Event]) -> list[str]:
    """The kinds of a list of events, in order."""
    return [event.kind for event in events]


def shock(shock_id: str, **fields: Any) -> dict[str, Any]:
    """A shock document with its required text filled in; ``fields`` adds or replaces keys."""
    document: dict[str, Any] = {
        "id": shock_id,
        "title": f"Shock {shock_id}",
        "category": "other",
        "narrative": "Something happens.",
    }
    document.update(copy.deepcopy(fields))
    return document


def action(action_id: str, roles: Sequence[str] = ("seoul",), effects: Sequence[Any] = (), **fields: Any) -> dict[str, Any]:
    """An action document (label "Action <id>"); ``fields`` adds or replaces keys."""
    document: dict[str, Any] = {
        "id": action_id,
        "label": f"Action {action_id}",
        "roles": list(roles),
        "effects": copy.deepcopy(list(effects)),
    }
    document.update(copy.deepcopy(fields))
    return document


def variable(var_id: str, initial: int = 50, low: int = 0, high: int = 100, **fields: Any) -> dict[str, Any]:
    """A variable document (label "Var <id>"); ``fields`` adds or replaces keys."""
    document: dict[str, Any] = {"id": var_id, "label": f"Var {var_id}", "min": low, "max": high, "initial": initial}
    document.update(copy.deepcopy(fields))
    return document


def of_type(events: Iterable[Event], kind: type[E]) -> list[E]:
    """The events of one class, in order (typed, so their fields can be read)."""
    return [event for event in events if isinstance(event, kind)]


def find_seed(predicate: Callable[[int], bool], *, tries: int = 500) -> int:
    """The first seed from 1 for which ``predicate`` holds (fails the test if none does)."""
    for seed in range(1, tries + 1):
        if predicate(seed):
            return seed
    raise AssertionError(f"no seed in 1..{tries} satisfies the predicate")


def all_pointers(value: Any, pointer: str = "") -> list[str]:
    """Every pointer into a JSON value, the root included."""
    found = [pointer]
    if isinstance(value, dict):
        for key, item in value.items():
            found += all_pointers(item, f"{pointer}/{escape_pointer_token(key)}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += all_pointers(item, f"{pointer}/{index}")
    return found


# -- the terminal UI: driving the app headless and reading what it shows ---------------------------

WIDE = (120, 40)
SMALL = (80, 24)
Script = Callable[["WhitecellApp", "Pilot[None]"], Awaitable[None]]


def replay_app(path: Path) -> WhitecellApp:
    """The app as `whitecell replay JOURNAL` opens it in a terminal."""
    from engine.journal.timeline import load_steps
    from tui.app import make_app
    from tui.launch import Launch

    return make_app(Launch(folder=path.parent), replay=load_steps(path), blink=False)


def drive(app: WhitecellApp, script: Script, size: tuple[int, int] = WIDE) -> None:
    """Run the app headless at a terminal size, let the script press keys, then close the journal
    (as the command line does when the app ends) so the next step may reopen it."""

    async def main() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            await pilot.pause()
            await script(app, pilot)

    try:
        asyncio.run(main())
    finally:
        if app.session is not None:
            app.session.close()


async def keys(pilot: Pilot[None], *names: str) -> None:
    """Press keys one at a time; Pilot waits for the app to handle each before the next."""
    await pilot.press(*names)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type text into the focused field."""
    await pilot.press(*text)


PATIENCE = 30.0
"""Seconds a TUI test waits for the app to reach a state before failing: far more than any state takes
alone, since on a loaded machine (CI's two busy cores) Pilot's idle check can return while work is queued."""


async def until(pilot: Pilot[None], condition: Callable[[], object], seconds: float = PATIENCE) -> None:
    """Let the app run until ``condition()`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app did not reach the state in time"
        await pilot.pause(0.02)


async def until_holds(pilot: Pilot[None], check: Callable[[], R], seconds: float = PATIENCE) -> R:
    """Run an asserting check until it passes, letting the app run between tries: for what the screen
    shows once Textual has laid out and painted whatever the app last changed. After ``seconds`` the
    check's last failure is raised, so a screen that never comes right still fails. A widget not
    mounted yet (NoMatches: under load the app's first screen may still be the default one) is a
    "not yet" too."""
    from textual.css.query import NoMatches  # here: the engine's tests import this module without Textual

    deadline = time.monotonic() + seconds
    while True:
        await pilot.pause()
        try:
            return check()
        except (AssertionError, NoMatches):
            if time.monotonic() >= deadline:
                raise
        await pilot.pause(0.05)


def screen_text(app: App[Any]) -> str:
    """The whole terminal as plain text, modal dialogs and notifications included: what a
    person in the room would read. (Rendered as `App.export_screenshot` does, minus the SVG.)"""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False, force_terminal=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def current(app: WhitecellApp) -> Screen[Any]:
    """The screen on top. A function, so that mypy does not carry what one assertion said about
    ``app.screen`` over the next key press, which changes it."""
    return app.screen


def session_of(app: WhitecellApp) -> Session:
    """The app's live session (there must be one)."""
    assert app.session is not None
    return app.session


def notifications(app: WhitecellApp) -> list[str]:
    """Every notification shown so far, as "title: message"."""
    return [f"{note.title}: {note.message}" for note in app._notifications]


async def through_phase_pauses(app: WhitecellApp, pilot: Pilot[None]) -> list[str]:
    """After a summary is closed, go on past a phase's hotwash and the next phase's briefing update
    with Enter, as a facilitator does; say which pauses there were ("hotwash: PHASE", "update: PHASE")."""
    from tui.screens.briefing import PhaseBriefingScreen
    from tui.screens.hotwash import HotwashScreen

    met: list[str] = []
    while isinstance(screen := current(app), HotwashScreen | PhaseBriefingScreen):
        met.append(f"{'hotwash' if isinstance(screen, HotwashScreen) else 'update'}: {screen.phase.id}")
        await keys(pilot, "enter")
    return met
