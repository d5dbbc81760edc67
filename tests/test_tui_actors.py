"""White-cell actors at the console (issue 13): the white cell enters an actor's move from its panel
(its response menu) as it adjudicates, the panel says the white cell plays it, and with the room
watching the panel is gone; a snapshot shows the play screen with an actor."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from engine.core.commands import SubmitOrders
from tests.helpers import current, drive, keys, screen_text, session_of, text_of
from tests.test_actors import with_actor
from tests.test_tui_entry import focus
from tests.test_tui_play import journal_commands, new_app
from tui.app import WhitecellApp
from tui.screens.dialogs import ConfirmScreen
from tui.screens.summary import AdjudicationScreen
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
        await keys(pilot, "0", "h", "o", "space", "enter")  # Beijing's panel; find "Hold a drill"; tick; send
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


def two_actors_app(folder: Path) -> WhitecellApp:
    """Seoul, Tokyo, then Beijing and Washington (its own drill), both actors, Washington listed between the teams."""
    document = with_actor()
    washington = {"id": "washington", "name": "Washington", "budget": 1, "playedBy": "white-cell"}
    document["roles"].insert(1, washington)
    sail = {"id": "sail", "label": "Sail a carrier", "roles": ["washington"], "effects": [{"add": {"trust": 2}}]}
    document["actions"].append(sail)
    scenario = folder / "actors.json"
    scenario.write_text(text_of(document), encoding="utf-8")
    return new_app(folder, str(scenario), seed=3)


def test_number_keys_count_the_teams_only_and_0_opens_the_actors_one_after_the_other(tmp_path: Path) -> None:
    """1 and 2 are Seoul and Tokyo whatever actors are listed among them; 3 opens nothing; 0 opens
    Washington's panel, then Beijing's, then Washington's again; the footer names both keys."""
    app = two_actors_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        footer = screen_text(app).splitlines()[-1]
        assert "1-2 Team" in footer and "0 Actors" in footer
        await keys(pilot, "2")
        assert focus(app) is app.screen.query_one("#actions-tokyo")
        await keys(pilot, "escape", "escape", "3")
        assert focus(app) is None, "no third team: 3 opens nothing"
        opened = []
        for _ in range(3):
            await keys(pilot, "0")
            opened.append(getattr(focus(app), "id", None))
            await keys(pilot, "escape", "escape")
        assert opened == ["actions-washington", "actions-beijing", "actions-washington"]

    drive(app, script)


def test_resolving_never_asks_about_an_actor_without_a_move(tmp_path: Path) -> None:
    """With both teams' orders in and no move from either actor, r resolves at once: an actor that makes
    no move does nothing this turn; a team without orders is still asked about, and only the team."""
    app = two_actors_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1", "enter", "r")
        assert isinstance(current(app), ConfirmScreen)
        asked = screen_text(app)
        assert "Tokyo has no orders" in asked and "Washington" not in asked.split("Resolve anyway")[0]
        await keys(pilot, "n", "2", "enter", "r")
        assert isinstance(current(app), AdjudicationScreen), "the teams' orders are in: nothing to confirm"

    drive(app, script)
    entered = [(command["command"], command.get("role")) for _, command in journal_commands(tmp_path / "game.jsonl")]
    assert entered == [("orders", "seoul"), ("orders", "tokyo"), ("resolve", None)]
