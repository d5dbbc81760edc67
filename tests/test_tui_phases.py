"""Phases in the console and on the projector (issue 13): the phase's title in the header and on
the projector, its briefing update as it opens, and the hotwash pause after its last turn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from engine.audience.visibility import WHITE_CELL
from engine.core.commands import Resolve, SubmitOrders
from engine.journal.format import Settings
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import SMALL, action, current, doc, drive, keys, load, screen_text, session_of, shock, text_of, until, variable
from tests.test_display import drive as drive_display
from tests.test_display import screen_text as display_text
from tests.test_format_versions import named_states
from tui.app import WhitecellApp, make_app
from tui.display import DisplayApp
from tui.hotwash_file import clear_hotwash, hotwash_path, hotwash_up, save_hotwash
from tui.launch import Launch, open_session
from tui.screens.briefing import PhaseBriefingScreen
from tui.screens.hotwash import HotwashScreen, hotwash_sections
from tui.screens.play import PlayScreen

MOVE_1 = "Move 1: the crisis breaks"
MOVE_2 = "Move 2: pressure[/] mounts"


def phased() -> dict[str, Any]:
    """Four turns in two phases: the first with a briefing update and a hotwash, the second with an update only."""
    return doc(
        format=2,
        turns={"count": 4},
        variables=[
            {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50},
            variable("noise", label="Noise"),
        ],
        roles=[
            {
                "id": "seoul",
                "name": "Seoul",
                "budget": 2,
                "objectives": [{"id": "trust", "description": "Trust at 55", "condition": {"var": "trust", "atLeast": 55}}],
            },
            {"id": "tokyo", "name": "Tokyo", "budget": 2},
        ],
        actions=[action("talk", effects=[{"add": {"trust": 5, "noise": 1}}])],
        shocks=[shock("storm", title="A storm", trigger={"atTurn": 2}, effects=[{"add": {"trust": -2}}])],
        phases=[
            {"id": "move-1", "title": MOVE_1, "from": 1, "to": 2, "briefing": "The ferry is seized.", "hotwash": True},
            {"id": "move-2", "title": MOVE_2, "from": 3, "to": 4, "briefing": "Seoul recalls\x1b[31m its envoy."},
        ],
    )


def phased_app(folder: Path, *, resume: Path | None = None) -> WhitecellApp:
    scenario = folder / "phased.json"
    scenario.write_text(text_of(phased()))
    if resume is not None:
        launch = Launch(resume=resume, folder=folder)
    else:
        launch = Launch(scenario=str(scenario), seed=3, journal=folder / "game.jsonl", folder=folder)
    session, recovery = open_session(launch)
    return make_app(launch, session=session, recovery=recovery, blink=False)


def header(app: WhitecellApp) -> str:
    return screen_text(app).splitlines()[0]


def test_the_header_names_the_phase_only_when_the_scenario_has_phases(tmp_path: Path) -> None:
    app = phased_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "enter")  # the opening briefing, then the first phase's update
        await pilot.pause()
        assert MOVE_1 in header(app)

    drive(app, script)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "plain.json").write_text(text_of(doc(format=2)))
    launch = Launch(scenario=str(plain / "plain.json"), seed=3, journal=plain / "game.jsonl", folder=plain)
    session, recovery = open_session(launch)
    other = make_app(launch, session=session, recovery=recovery, blink=False)

    async def unphased(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await pilot.pause()
        assert "▸" not in header(app) and "[planning]" in header(app)

    drive(other, unphased, SMALL)


def played(folder: Path, resolutions: int) -> Path:
    """A journal of the phased scenario with some turns resolved, for the projector to follow."""
    scenario = folder / "phased.json"
    scenario.write_text(text_of(phased()))
    path = folder / "game.jsonl"
    session = Session.new(resolve_scenario(str(scenario)), 3, path, settings=Settings())
    for _ in range(resolutions):
        session.apply(Resolve())
    session.close()
    return path


def test_the_projector_names_the_phase_of_the_turn(tmp_path: Path) -> None:
    path = played(tmp_path, 2)
    app = DisplayApp(path, poll_seconds=0.05)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: "Move 2: pressure[/] mounts" in display_text(app))
        assert MOVE_1 not in display_text(app)

    drive_display(app, script)


def test_a_phase_briefing_update_opens_with_its_first_turn_and_enter_goes_on(tmp_path: Path) -> None:
    app = phased_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        assert isinstance(current(app), PhaseBriefingScreen), "turn 1 opens the first phase: its update"
        assert "The ferry is seized." in screen_text(app) and MOVE_1 in screen_text(app)
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        await keys(pilot, "r", "y", "enter")  # no orders: resolve anyway, then close the summary
        assert session_of(app).state.turn == 2
        assert isinstance(current(app), PlayScreen), "turn 2 opens no phase: straight back to play"
        session_of(app).apply(Resolve())  # turn 2 resolved elsewhere: no pause is owed for it
        await keys(pilot, "r", "y", "enter")
        assert session_of(app).state.turn == 4 and isinstance(current(app), PlayScreen)

    drive(app, script)


def test_the_second_phase_update_follows_the_summary_and_its_text_is_printable(tmp_path: Path) -> None:
    app = phased_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "enter")
        session_of(app).apply(Resolve())
        await keys(pilot, "r", "y", "enter")  # turn 2 resolved: after its summary, the hotwash, then the update
        while not isinstance(current(app), PhaseBriefingScreen | PlayScreen):
            await keys(pilot, "enter")
        assert isinstance(current(app), PhaseBriefingScreen)
        text = screen_text(app)
        assert "Seoul recalls\ufffd[31m its envoy." in text and "\x1b" not in text and MOVE_2 in text
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen) and MOVE_2 in header(app)

    drive(app, script, SMALL)


def test_a_resumed_session_does_not_read_the_update_again(tmp_path: Path) -> None:
    path = played(tmp_path, 2)
    app = phased_app(tmp_path, resume=path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.pause()
        assert isinstance(current(app), PlayScreen)

    drive(app, script)


def test_the_projector_shows_the_update_during_the_phase_first_turn(tmp_path: Path) -> None:
    path = played(tmp_path, 2)
    app = DisplayApp(path, poll_seconds=0.05)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: "BRIEFING UPDATE" in display_text(app))
        assert "Seoul recalls\ufffd[31m its envoy." in display_text(app)

    drive_display(app, script)
    (tmp_path / "later").mkdir()
    later = played(tmp_path / "later", 3)
    shown = DisplayApp(later, poll_seconds=0.05)

    async def gone(app: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: "TURN 4" in display_text(app))
        assert "BRIEFING UPDATE" not in display_text(app)

    drive_display(shown, gone)


def test_the_projector_says_hotwash_only_while_the_console_holds_it_after_that_phase(tmp_path: Path) -> None:
    path = played(tmp_path, 2)
    scenario = resolve_scenario(str(tmp_path / "phased.json"))
    save_hotwash(path, scenario.phases[0])
    app = DisplayApp(path, poll_seconds=0.05)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: "HOTWASH" in display_text(app))
        assert MOVE_1 in display_text(app) and "BRIEFING UPDATE" not in display_text(app)
        clear_hotwash(path)
        await until(pilot, lambda: "BRIEFING UPDATE" in display_text(app))
        assert "HOTWASH" not in display_text(app)

    drive_display(app, script)
    assert hotwash_up(path, scenario, 3, False) is None
    save_hotwash(path, scenario.phases[0])
    assert hotwash_up(path, scenario, 3, False) == scenario.phases[0]
    assert hotwash_up(path, scenario, 2, False) is None, "the resolution was undone: the file is stale"
    hotwash_path(path).write_text(json.dumps({"format": "whitecell-hotwash", "phase": "move-2", "after": 4}))
    assert hotwash_up(path, scenario, 5, True) is None, "move-2 has no hotwash"


async def to_hotwash(app: WhitecellApp, pilot: Pilot[None]) -> None:
    """Through the briefings, turn 1 with Seoul talking, then turn 2 resolved up to its hotwash."""
    await keys(pilot, "enter", "enter", "1", "t", "a", "space", "enter", "escape", "escape", "r", "y", "enter")
    await keys(pilot, "r", "y", "enter")


def test_the_hotwash_follows_the_last_turn_of_its_phase_with_what_happened_and_notes(tmp_path: Path) -> None:
    app = phased_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await to_hotwash(app, pilot)
        assert isinstance(current(app), HotwashScreen)
        text = screen_text(app)
        assert f"Hotwash: {MOVE_1}" in text and "A storm" in text, text
        assert "Trust 50 → 53 (+3)" in text and "Noise" not in text, "the objective's variable, over both turns"
        assert hotwash_up(tmp_path / "game.jsonl", session_of(app).scenario, 3, False) is not None
        await keys(pilot, "n")
        assert not isinstance(current(app), HotwashScreen), "n opens the note dialog over the hotwash"
        await keys(pilot, "escape")
        assert isinstance(current(app), HotwashScreen)
        await keys(pilot, "enter")
        assert isinstance(current(app), PhaseBriefingScreen), "then the next phase's update"
        assert not hotwash_path(tmp_path / "game.jsonl").exists()
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)


def test_an_undo_of_the_resolution_leaves_the_hotwash(tmp_path: Path) -> None:
    app = phased_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await to_hotwash(app, pilot)
        assert isinstance(current(app), HotwashScreen)
        await keys(pilot, "u", "y")
        await pilot.pause()
        assert isinstance(current(app), PlayScreen) and session_of(app).state.turn == 2
        assert not hotwash_path(tmp_path / "game.jsonl").exists()

    drive(app, script, SMALL)


def test_the_hotwash_reads_a_variable_of_named_states_by_name() -> None:
    document = named_states()
    document["phases"] = [{"id": "first", "title": "First move", "from": 1, "to": 1, "hotwash": True}]
    session = Session.new(load(document), 1, None)
    session.apply(SubmitOrders("seoul", ("escalate",)))
    session.apply(Resolve())
    phase = session.game.scenario.hotwash_after(1)
    assert phase is not None
    moves = dict(hotwash_sections(session, phase, WHITE_CELL))["The outcome's variables over the phase"]
    assert "Legal designation none → survival-threatening" in moves


def test_at_80_columns_the_timer_stays_whole_beside_a_long_phase_title(tmp_path: Path) -> None:
    scenario = tmp_path / "phased.json"
    document = phased()
    document["phases"][0]["title"] = "Move 1: the long spring of tensions in the strait"
    scenario.write_text(text_of(document))
    launch = Launch(scenario=str(scenario), seed=3, journal=tmp_path / "game.jsonl", folder=tmp_path, timer_minutes=10)
    session, recovery = open_session(launch)
    app = make_app(launch, session=session, recovery=recovery, blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "enter")
        await pilot.pause()
        line = header(app)
        assert "▸ Move 1: the long" in line and "Turn 1 of 4" in line
        assert "⏱ 09:5" in line or "⏱ 10:00" in line, line

    drive(app, script, SMALL)
