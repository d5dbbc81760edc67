"""The hide-mode audit (`h`): distinctive text is planted in a scenario and a game wherever the room
must not meet it (a facilitator-only variable, a shock told to one team, a draft's ticked action, a
note, the white cell's reasons for an adjustment, a written inject and a free-form move's effects,
an inject written for one team, the find line's letters, the hotwash's notes), and then every
screen the console shows with choices hidden (play, log, summary, hotwash), and the projector,
must hold none of it, while what the room may see (the timer, a free-form move argued in the room)
is there."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot

from engine.core.commands import AddNote, AdjustVariable, ProposeFreeMove, SettleFreeMove, WriteInject
from tests.helpers import current, doc, drive, keys, notifications, screen_text, session_of, type_text, until
from tests.test_display import drive as drive_display
from tui.app import WhitecellApp, make_app
from tui.display import DisplayApp
from tui.launch import Launch, open_session
from tui.screens.dialogs import InjectScreen
from tui.screens.hotwash import HotwashScreen
from tui.screens.play import PlayScreen
from tui.screens.summary import AdjudicationScreen

HIDDEN_VAR = "ZZFACVAR"
DRAFTED = "Handshake QQDRAFT"
NOTE = "NOTE-ZZSECRET"
ADJUST_REASON = "ADJUST-ZZREASON"
INJECT_TITLE = "INJECT-ZZSEOULONLY"
INJECT_REASON = "INJECT-ZZREASON"
EFFECT_REASON = "EFFECT-ZZREASON"
SHOCK = "SHOCK-ZZSEOULONLY"
MOVE = "MOVE-PUBLIC-WORDS"
NEVER = (HIDDEN_VAR, NOTE, ADJUST_REASON, INJECT_TITLE, INJECT_REASON, EFFECT_REASON, SHOCK)

SCENARIO = doc(
    turns={"count": 3},
    phases=[{"id": "move-1", "title": "Move 1", "from": 1, "to": 1, "hotwash": True}],
    variables=[
        {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50},
        {"id": "secret", "label": HIDDEN_VAR, "min": 0, "max": 100, "initial": 40, "visibility": "facilitator"},
    ],
    actions=[
        {"id": "talk", "label": "Talk", "roles": ["seoul", "tokyo"], "cost": 1, "effects": [{"add": {"trust": 1}}]},
        {"id": "handshake", "label": DRAFTED, "roles": ["seoul"], "cost": 1, "effects": [{"add": {"secret": 1}}]},
    ],
    shocks=[
        {
            "id": "private-word",
            "title": SHOCK,
            "category": "other",
            "narrative": SHOCK + " narrative",
            "audience": ["seoul"],
            "trigger": {"atTurn": 1},
        }
    ],
)


def _console(folder: Path) -> WhitecellApp:
    scenario = folder / "audit.json"
    scenario.write_text(json.dumps(SCENARIO), encoding="utf-8")
    launch = Launch(scenario=str(scenario), seed=3, journal=folder / "game.jsonl", folder=folder, timer_minutes=7)
    session, recovery = open_session(launch)
    return make_app(launch, session=session, recovery=recovery, blink=False)


def _plant(app: WhitecellApp) -> None:
    """What the white cell does that the room must not see (and a free-form move it may)."""
    for command in (
        AddNote("observation", NOTE),
        AdjustVariable("trust", 55, ADJUST_REASON),
        WriteInject(INJECT_TITLE, INJECT_TITLE + " narrative", "other", ("seoul",), (("trust", -2),), INJECT_REASON),
        ProposeFreeMove("tokyo", MOVE, "it calms the sea", 100),
        SettleFreeMove("tokyo", (("trust", 1),), EFFECT_REASON),
    ):
        assert app.submit(command) is not None, command


def _leaks(text: str) -> list[str]:
    return [planted for planted in NEVER if planted.lower() in text.lower()]


def test_nothing_the_room_must_not_see_reaches_the_console_in_hide_mode(tmp_path: Path) -> None:
    app = _console(tmp_path)
    seen: dict[str, str] = {}

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        _plant(app)
        await keys(pilot, "1")
        await type_text(pilot, "qq")
        await keys(pilot, "space", "escape", "escape")  # Seoul's draft: the handshake ticked, not submitted
        unmasked = screen_text(app)
        assert all(planted in unmasked for planted in (HIDDEN_VAR, NOTE, SHOCK, "[x]")), "planted for the white cell"
        await keys(pilot, "h")
        seen["play"] = screen_text(app)
        await keys(pilot, "1")
        await type_text(pilot, "zz")  # letters that match nothing: the list must not keep the drafted action
        seen["finding"] = screen_text(app)
        await keys(pilot, "escape", "escape", "l")
        seen["log"] = screen_text(app)
        await keys(pilot, "escape", "r")
        while not isinstance(current(app), AdjudicationScreen):
            await keys(pilot, "y")  # Tokyo has no orders: resolve anyway
        seen["summary"] = screen_text(app)
        await keys(pilot, "enter")
        assert isinstance(current(app), HotwashScreen)
        seen["hotwash"] = screen_text(app)
        await keys(pilot, "h")  # the white cell's own view of the hotwash...
        await keys(pilot, "h")  # ...and hidden again while it is up
        seen["hotwash again"] = screen_text(app)

    drive(app, script, (120, 50))  # tall enough that the log shows every planted line, wrapped under its own text
    for where, text in seen.items():
        assert not _leaks(text), (where, _leaks(text))
        assert "[x]" not in text and "draft, not submitted" not in text, where
    assert "07:0" in seen["play"] or "06:5" in seen["play"], "the timer is the room's"
    assert MOVE in seen["log"], "a free-form move is argued in the room"
    assert DRAFTED not in seen["finding"], "a drafted action is not kept in a list narrowed to other letters"
    assert "zz" not in seen["finding"].split("find:")[-1][:10], "the letters typed are not shown"


def test_a_summary_or_hotwash_opened_before_h_is_hidden_by_it(tmp_path: Path) -> None:
    app = _console(tmp_path)
    seen: dict[str, str] = {}

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        _plant(app)
        await keys(pilot, "r")
        while not isinstance(current(app), AdjudicationScreen):
            await keys(pilot, "y")
        await keys(pilot, "h")
        seen["summary"] = screen_text(app)
        await keys(pilot, "h", "enter")
        assert isinstance(current(app), HotwashScreen)
        await keys(pilot, "n")
        await type_text(pilot, NOTE + " in the hotwash")
        await keys(pilot, "enter")
        await keys(pilot, "h")
        seen["hotwash"] = screen_text(app)

    drive(app, script, (120, 50))  # tall enough that the log shows every planted line, wrapped under its own text
    for where, text in seen.items():
        assert not _leaks(text), (where, _leaks(text))


def test_nothing_the_room_must_not_see_reaches_the_projector(tmp_path: Path) -> None:
    app = _console(tmp_path)

    async def play(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        _plant(app)
        await keys(pilot, "1")
        await type_text(pilot, "qq")
        await keys(pilot, "space", "escape", "escape")

    drive(app, play)
    session_of(app).close()

    async def look(display: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: display.view is not None)
        text = screen_text(display)
        assert not _leaks(text), _leaks(text)
        assert DRAFTED not in text and MOVE in text

    drive_display(DisplayApp(tmp_path / "game.jsonl", poll_seconds=0.05), look)


def test_with_choices_hidden_i_lists_no_shock_and_a_written_injects_title_is_not_said(tmp_path: Path) -> None:
    app = _console(tmp_path)
    seen: dict[str, str] = {}

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "h", "i")
        assert not isinstance(current(app), InjectScreen), "the shocks still to come are the white cell's plan"
        seen["i"] = screen_text(app)
        await keys(pilot, "w")
        await type_text(pilot, "Quiet word")
        await keys(pilot, "enter", "tab", "space")  # told to Seoul only
        await keys(pilot, "tab", "tab", "tab", "tab")
        await type_text(pilot, "for the record")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        seen["w"] = " ".join(notifications(app))

    drive(app, script)
    assert "white cell's plan" in seen["i"] and SHOCK not in seen["i"]
    assert "Inject written." in seen["w"] and "Quiet word" not in seen["w"]
