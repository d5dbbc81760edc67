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


def _team_actions_on_screen(app: WhitecellApp) -> dict[str, int]:
    """How many lines of each team's action list are on screen."""
    found = {}
    for role in session_of(app).scenario.teams:
        actions = app.screen.query_one(f"#actions-{role.id}")
        found[role.id] = actions.region.height if actions.display and app.screen.query_one(f"#role-{role.id}").display else 0
    return found


def _actor_menus(app: WhitecellApp) -> dict[str, str]:
    """Each actor's panel: 'menu' (its actions shown), 'folded' (its summary alone) or 'gone'."""
    found = {}
    for role in session_of(app).scenario.actors:
        panel = app.screen.query_one(f"#role-{role.id}", EntryPanel)
        menu = panel.query_one(f"#actions-{role.id}")
        found[role.id] = "gone" if not panel.display else "menu" if menu.display and menu.region.height else "folded"
    return found


def test_the_actors_panels_leave_the_teams_their_menus_and_unfold_while_they_have_the_keys(tmp_path: Path) -> None:
    """The default at 120x40: the three actors folded to their summaries, the teams' menus long; 0
    unfolds Washington's menu, leaving it (Escape, or 1 for a team) folds it again. At 80x24 the
    folded actors would leave the teams no action on screen, so they are gone until 0 brings one
    (and its menu) back."""
    for size, folded in (((120, 40), "folded"), ((80, 24), "gone")):
        (tmp_path / f"{size[0]}").mkdir()
        app = new_app(tmp_path / f"{size[0]}", "seoul-tokyo-2026", seed=3)

        async def script(app: WhitecellApp, pilot: Pilot[None], folded: str = folded, size: tuple[int, int] = size) -> None:
            await keys(pilot, "enter")
            assert _actor_menus(app) == dict.fromkeys(("washington", "beijing", "pyongyang"), folded), size
            # With all five panels open at once the teams had 2 lines of actions at 120x40 and none at 80x24.
            assert min(_team_actions_on_screen(app).values()) >= (8 if size[1] == 40 else 3), size
            await keys(pilot, "0")
            assert focus(app) is app.screen.query_one("#actions-washington")
            assert _actor_menus(app) == {"washington": "menu", "beijing": folded, "pyongyang": folded}, size
            await keys(pilot, "escape", "escape")  # the panel gives up the keys: nothing has them now
            assert _actor_menus(app) == dict.fromkeys(("washington", "beijing", "pyongyang"), folded), size
            await keys(pilot, "0", "0", "1")  # Beijing's menu, then Seoul's panel
            assert focus(app) is app.screen.query_one("#actions-seoul")
            assert _actor_menus(app) == dict.fromkeys(("washington", "beijing", "pyongyang"), folded), size

        drive(app, script, size=size)


def _footer_keys(app: WhitecellApp) -> dict[str, str]:
    """The keys the play screen's footer shows, with their words (a binding off in this mode is not among them)."""
    return {key: active.binding.description for key, active in app.screen.active_bindings.items() if active.binding.show}


def test_0_leaves_the_footer_while_the_room_watches_and_comes_back_after(tmp_path: Path) -> None:
    """With the room watching the actors' panels are gone and 0 does nothing, so the footer must not offer
    it (it showed '0 Actor' to the room); shown again once the choices are."""
    app = actor_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        assert _footer_keys(app).get("0") == "Actor"
        assert "0 Actor" in screen_text(app).splitlines()[-1]
        await keys(pilot, "h")
        await pilot.pause()
        assert "0" not in _footer_keys(app)
        assert "0 Actor" not in screen_text(app).splitlines()[-1]
        assert _footer_keys(app).get("1") == "Team", "the teams' panels stay: their keys do too"
        before = focus(app)
        await keys(pilot, "0")
        assert focus(app) is before, "0 opens nothing while the room watches"
        await keys(pilot, "h")
        await pilot.pause()
        assert _footer_keys(app).get("0") == "Actor"
        assert "0 Actor" in screen_text(app).splitlines()[-1]

    drive(app, script)


def test_a_scenario_without_actors_has_no_0_in_its_footer(tmp_path: Path) -> None:
    """The missile crisis has teams only: 0 would open nothing, hidden or not."""
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        for _ in range(2):
            assert "0" not in _footer_keys(app) and "1" in _footer_keys(app)
            await keys(pilot, "h")
            await pilot.pause()

    drive(app, script)
