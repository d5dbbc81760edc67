"""Wording on the console: the play screen, its log, the adjudication summary and the end screen
read as English for the same odd scenarios as the command line's wording test (one role, three
roles, a turn label of several words with an acronym, a game of one turn)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import current, drive, keys, screen_text, session_of, through_phase_pauses, type_text
from tests.test_tui_play import new_app
from tests.test_wording import CASES, assert_reads_as_english
from tui.app import WhitecellApp
from tui.screens.dialogs import ConfirmScreen, ReasonScreen
from tui.screens.end import EndScreen
from tui.screens.summary import AdjudicationScreen
from tui.widgets.log import EventLog

TURNS_PLAYED = 2
"""Turns resolved at the console before the facilitator ends the game (fewer when the game is shorter)."""


def _log(app: WhitecellApp) -> str:
    return "\n".join(str(app.screen.query_one(EventLog).query_one("#log-text").render()).splitlines())


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
