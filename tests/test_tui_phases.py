"""Phases in the console and on the projector (issue 13): the phase's title in the header and on
the projector, its briefing update as it opens, and the hotwash pause after its last turn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from engine.core.commands import Resolve
from engine.journal.format import Settings
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import SMALL, action, doc, drive, keys, screen_text, shock, text_of, variable
from tests.test_display import drive as drive_display
from tests.test_display import screen_text as display_text
from tests.test_display import until
from tui.app import WhitecellApp, make_app
from tui.display import DisplayApp
from tui.launch import Launch, open_session

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
        await keys(pilot, "enter")
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
