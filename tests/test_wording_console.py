"""Wording on the console: the play screen, its log, the adjudication summary and the end screen
read as English for the same odd scenarios as the command line's wording test (one role, three
roles, a turn label of several words with an acronym, a game of one turn)."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from engine.core.commands import InjectShock
from tests.helpers import current, drive, keys, screen_text, session_of, through_phase_pauses, type_text, until_holds
from tests.test_tui_play import new_app
from tests.test_wording import CASES, assert_reads_as_english
from tui.app import WhitecellApp
from tui.screens.dialogs import ConfirmScreen, ReasonScreen
from tui.screens.end import EndScreen
from tui.screens.summary import AdjudicationScreen
from tui.widgets.hanging import HangingText
from tui.widgets.log import EventLog
from tui.widgets.shocks import ShockCard

TURNS_PLAYED = 2
"""Turns resolved at the console before the facilitator ends the game (fewer when the game is shorter)."""


def _log(app: WhitecellApp) -> str:
    return app.screen.query_one(EventLog).query_one("#log-text", HangingText).plain


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_console_reads_as_english(tmp_path: Path, case: str) -> None:
    make, label = CASES[case]
    document = make()
    count = document["turns"]["count"]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    app = new_app(tmp_path, str(path), seed=5)
    session = session_of(app)
    teams = len(session.scenario.teams)
    shown: list[tuple[str, str]] = []

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        for _ in range(min(TURNS_PLAYED, count)):
            shown.append(("play screen", screen_text(app)))
            for team in range(1, teams + 1):
                await keys(pilot, str(team), "space", "enter")  # the first action each team may take, submitted
            await keys(pilot, "r")
            if isinstance(current(app), ConfirmScreen):
                await keys(pilot, "y")
            assert isinstance(current(app), AdjudicationScreen), current(app)
            shown.append(("summary", screen_text(app)))
            await keys(pilot, "enter")
            await through_phase_pauses(app, pilot)
            if isinstance(current(app), EndScreen):
                break
            shown.append(("log", _log(app)))
        if not isinstance(current(app), EndScreen):
            await keys(pilot, "e")
            assert isinstance(current(app), ReasonScreen)
            await type_text(pilot, "the room ran out of time")
            await keys(pilot, "enter")
        assert isinstance(current(app), EndScreen)
        shown.append(("end screen", screen_text(app)))

    drive(app, script)
    assert {surface for surface, _ in shown} >= {"play screen", "summary", "end screen"}
    summaries = [text for surface, text in shown if surface == "summary"]
    assert all("resolved" in text.lower() or label.lower() in text.lower() for text in summaries), "the summary was on screen"
    assert "the room ran out of time" in shown[-1][1] or count <= TURNS_PLAYED
    for surface, text in shown:
        assert_reads_as_english(surface, text, label, count)


def _cards(app: WhitecellApp) -> str:
    """The shock cards' text on the play screen, one card to a paragraph."""
    return "\n\n".join(str(card.render()) for card in app.screen.query(ShockCard))


def _shows(app: WhitecellApp, text: str) -> None:
    assert text in _cards(app)


@pytest.mark.parametrize(
    ("scenario", "shock", "lasting", "last"),
    [
        ("strait-week", "export-licences-frozen", "3 days left", "1 day left"),
        ("seoul-tokyo-2026", "shipping-insurance", "2 months left", "1 month left"),
    ],
)
def test_the_shock_panel_counts_the_turns_left_in_the_scenarios_word(
    tmp_path: Path, scenario: str, shock: str, lasting: str, last: str
) -> None:
    """A shock injected at the console says how long it lasts in days or months, not 'turns', and in the
    singular in its last turn (as the projector and the upcoming list say it: engine.prose.turns.turns_left)."""
    app = new_app(tmp_path, scenario, seed=5)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")  # the briefing
        app.submit(InjectShock(shock, "to see its card"))  # what i, a shock and its reason send
        await pilot.pause()
        title = session_of(app).scenario.shock(shock).title
        await until_holds(pilot, lambda: _shows(app, f"{lasting}\n{title}"))
        for _ in range(int(lasting.split(maxsplit=1)[0]) - 1):  # on to its last turn
            await keys(pilot, "r")
            if isinstance(current(app), ConfirmScreen):
                await keys(pilot, "y")  # no orders: resolve anyway
            assert isinstance(current(app), AdjudicationScreen)
            await keys(pilot, "enter")
            await through_phase_pauses(app, pilot)
        await until_holds(pilot, lambda: _shows(app, f"{last}\n{title}"))
        assert "turns left" not in _cards(app) and "turn only" not in _cards(app)

    drive(app, script)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_a_variable_of_named_states_reads_as_its_state_on_the_console_and_the_projector(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Strait Week's posture is 'exercise' once Day 1's announcement is in: its bars say so, not its
    position ('1 exercise' read as a count on the console, and one line a variable at 80x24 showed a bare '1')."""
    from tui.display import DisplayApp
    from tui.widgets.variables import VariablesPanel

    app = new_app(tmp_path, "strait-week", seed=5)
    session = session_of(app)
    posture = session.scenario.variable("posture")
    state = posture.states[session.state.values[session.scenario.variables.index(posture)]]
    position = re.compile(rf"\b\d+[▲▼]?\s+({state}\b|•0|[▲▼])")  # a position where the state's name should be

    def posture_lines(text: str, count: int) -> str:
        lines = text.splitlines()
        at = next((n for n, line in enumerate(lines) if line.strip().startswith(posture.label[:6])), None)
        assert at is not None, text
        return " ".join(lines[at : at + count])

    async def console(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")

        def check() -> None:
            shown = posture_lines(str(app.screen.query_one(VariablesPanel).render()), 1 if size[0] < 110 else 2)
            assert state in shown and not position.search(shown), shown

        await until_holds(pilot, check)

    drive(app, console, size)

    async def run() -> None:
        display = DisplayApp(tmp_path / "game.jsonl")
        async with display.run_test(size=size) as pilot:

            def check() -> None:
                shown = posture_lines(str(display.query_one("#variables").render()), 1 if size[0] < 110 else 2)
                assert state in shown and not position.search(shown), shown

            await until_holds(pilot, check)

    asyncio.run(run())
