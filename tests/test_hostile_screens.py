"""Issue 15, findings 3 and 4 on the console: a hostile scenario and journal through the main screens with Pilot.

A role named ``[/]`` once crashed `whitecell play` with a MarkupError (and the command exited 0);
escape sequences in scenario text reached the play screen raw. Each screen is opened and worked
through its keys; after every key the whole terminal is read back and must hold no raw control
or format character, and the app must not have stopped on an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual.pilot import Pilot

from engine import Exercise
from engine.journal.timeline import load_steps
from tests.helpers import drive, screen_text
from tests.hostile import HOSTILE, full_template, poisoned, unsafe_characters, write_json
from tui.app import WhitecellApp, make_app
from tui.launch import Launch, open_session


def hostile_scenario(folder: Path) -> Path:
    document = full_template()
    document["turns"]["names"] = [f"Phase {number}" for number in range(1, document["turns"]["count"] + 1)]
    document["roles"][0]["name"] = "[/]"  # the finding's own example, alone
    return write_json(folder / "hostile.json", poisoned(document))


async def press_and_check(app: WhitecellApp, pilot: Pilot[None], keys: str) -> list[str]:
    """Press each key in turn; after each, the screen holds no unsafe character and the app has not failed."""
    seen = []
    for key in keys.split(","):
        await pilot.press(key)
        await pilot.pause()
        assert app._exception is None, f"after {key}: {app._exception!r}"
        text = screen_text(app)
        assert unsafe_characters(text) == set(), f"after {key} on {type(app.screen).__name__}"
        seen.append(type(app.screen).__name__)
    return seen


PLAY_KEYS = "enter,enter,l,escape,question_mark,escape,r,y,enter,i,escape,a,escape,n,escape,s,escape,h,l,escape,h,u,y"


def test_the_play_screen_shows_a_hostile_scenario_plainly(tmp_path: Path) -> None:
    launch = Launch(scenario=str(hostile_scenario(tmp_path)), seed=7, journal=tmp_path / "game.jsonl", folder=tmp_path)
    session, recovery = open_session(launch)
    app = make_app(launch, session=session, recovery=recovery, blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        screens = await press_and_check(app, pilot, PLAY_KEYS)
        assert {"PlayScreen", "LogScreen", "HelpScreen", "AdjudicationScreen", "InjectScreen", "AdjustScreen"} <= set(screens)
        assert "[/]" in screen_text(app)  # shown as written, not read as markup

    drive(app, script)
    assert app.return_code in (None, 0)


def hostile_journal(folder: Path) -> Path:
    path = folder / "game.jsonl"
    with Exercise.open(str(hostile_scenario(folder)), seed=3, journal=path) as game:
        game.note("a note " + HOSTILE)
        game.adjust("trust", 60, "because " + HOSTILE)
        game.resolve()
        game.end("stopped " + HOSTILE)
    return path


def test_the_replay_screen_shows_a_hostile_journal_plainly(tmp_path: Path) -> None:
    steps = load_steps(hostile_journal(tmp_path))
    app = make_app(Launch(folder=tmp_path), replay=steps, blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await press_and_check(app, pilot, "right,right,right,end,left,v,h,h,home")

    drive(app, script)


def test_the_start_screen_lists_a_journal_with_a_hostile_header_plainly(tmp_path: Path) -> None:
    path = hostile_journal(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header: dict[str, Any] = json.loads(lines[0])
    header["created"] = HOSTILE
    (tmp_path / "\x1b[2J.jsonl").write_text(json.dumps(header) + "\n", encoding="utf-8")
    app = make_app(Launch(start_screen=True, folder=tmp_path), blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await press_and_check(app, pilot, "tab,down,tab")

    drive(app, script)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1)])
def test_a_console_that_stopped_on_an_error_never_exits_0(code: int | None, status: int) -> None:
    """Textual sets the return code 1 when the app stops on an exception; `whitecell play` passes it on."""
    from tui.main import _run_app

    app: Any = SimpleNamespace(run=lambda: None, session=None, return_code=code)
    assert _run_app(app) == status
