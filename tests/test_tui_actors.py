"""White-cell actors at the console (issue 13): the white cell enters an actor's move from its panel
(its response menu) as it adjudicates, the panel says the white cell plays it, and with the room
watching the panel is gone; a snapshot shows the play screen with an actor."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from engine.core.commands import SubmitOrders
from tests.helpers import drive, keys, screen_text, session_of, text_of
from tests.test_actors import with_actor
from tests.test_tui_play import journal_commands, new_app
from tui.app import WhitecellApp
from tui.widgets.entry import EntryPanel


def actor_app(folder: Path) -> WhitecellApp:
    scenario = folder / "actor.json"
    scenario.write_text(text_of(with_actor(["seoul"])), encoding="utf-8")
    return new_app(folder, str(scenario), seed=3)


def test_the_white_cell_enters_an_actors_move_from_its_panel_and_the_room_never_sees_the_panel(tmp_path: Path) -> None:
    app = actor_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")  # the briefing
        panel = app.screen.query_one("#role-beijing", EntryPanel)
        assert "Beijing · white cell" in str(panel.border_title)
        await keys(pilot, "3", "h", "o", "space", "enter")  # Beijing's panel; find "Hold a drill"; tick; send
        assert session_of(app).state.orders[session_of(app).game.role_index["beijing"]] is not None
        await keys(pilot, "escape", "h")  # the room watches
        await pilot.pause()
        assert not panel.display
        assert "Beijing" not in screen_text(app) and "Hold a drill" not in screen_text(app)
        await keys(pilot, "h")
        await pilot.pause()
        assert panel.display

    drive(app, script)
    entered = [command for _, command in journal_commands(tmp_path / "game.jsonl") if command["command"] == SubmitOrders.kind]
    assert [(command["role"], command["actions"]) for command in entered] == [("beijing", ["drill"])]
