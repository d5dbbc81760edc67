"""Whom an inject written at the table (`w`) is told to: any set of teams, in a three-team scenario
as in a two-team one; none ticked is everyone, the room too."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from engine.core.events import InjectWritten
from tests.helpers import current, doc, drive, keys, screen_text, session_of, type_text
from tui.app import WhitecellApp, make_app
from tui.launch import Launch, open_session
from tui.screens.play import PlayScreen
from tui.screens.write_inject import WriteInjectScreen, told_words

THREE = doc(
    roles=[
        {"id": "seoul", "name": "Seoul", "budget": 2},
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
        {"id": "beijing", "name": "Beijing", "budget": 2},
    ]
)


def _app(folder: Path) -> WhitecellApp:
    scenario = folder / "three.json"
    scenario.write_text(json.dumps(THREE), encoding="utf-8")
    launch = Launch(scenario=str(scenario), seed=3, journal=folder / "game.jsonl", folder=folder)
    session, recovery = open_session(launch)
    return make_app(launch, session=session, recovery=recovery, blink=False)


async def _to_the_teams(pilot: Pilot[None]) -> None:
    await keys(pilot, "enter", "w")
    await type_text(pilot, "Back-channel offer")
    await keys(pilot, "enter")
    await type_text(pilot, "A message passed through a third country")
    await keys(pilot, "tab")  # narrative -> the teams


async def _send(pilot: Pilot[None]) -> None:
    await keys(pilot, "tab", "tab", "tab", "tab")  # -> category -> variable -> amount -> reason
    await type_text(pilot, "tests a secret channel")
    await keys(pilot, "enter")


def test_two_of_three_teams_are_told_and_the_dialog_says_so(tmp_path: Path) -> None:
    app = _app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await _to_the_teams(pilot)
        told = app.screen.query_one("#told", Static)
        assert "Everyone, the room too" in str(told.render())
        await keys(pilot, "space", "down", "down", "space")  # Seoul and Beijing
        assert "Seoul and Beijing only." in str(told.render())
        await _send(pilot)
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    (written,) = session_of(app).history[-1].events
    assert isinstance(written, InjectWritten)
    assert written.audience == ("seoul", "beijing")


def test_every_team_ticked_or_none_ticked_is_everyone(tmp_path: Path) -> None:
    app = _app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await _to_the_teams(pilot)
        await keys(pilot, "space", "down", "space", "down", "space")
        assert "Every team: everyone, the room too." in screen_text(app)
        await keys(pilot, "space")  # Beijing unticked again
        assert "Seoul and Tokyo only." in screen_text(app)
        await keys(pilot, "up", "space", "up", "space")  # none ticked
        assert "Everyone, the room too" in screen_text(app)
        assert isinstance(current(app), WriteInjectScreen)
        await _send(pilot)

    drive(app, script)
    (written,) = session_of(app).history[-1].events
    assert isinstance(written, InjectWritten) and written.audience == ()


def test_the_words_for_each_set() -> None:
    assert told_words([], 3) == "Everyone, the room too (Space ticks teams)."
    assert told_words(["Seoul"], 3) == "Seoul only."
    assert told_words(["Seoul", "Tokyo", "Beijing"], 3) == "Every team: everyone, the room too."
    assert told_words(["Seoul", "Tokyo"], 3) == "Seoul and Tokyo only."
