"""The facilitator's console played through its keys with Textual's Pilot.

Each test builds the app the way the command line does (`open_session` + `make_app`) on a
journal in its own tmp folder, with a fixed seed and no blinking cursor, and then only presses
keys: what a facilitator does is what is under test. The journal is the truth of a session, so
most tests end by reading it back from disk.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList, Select

from engine.core.commands import AddNote, AdjustVariable, InjectShock, Resolve, SubmitOrders
from engine.core.events import Changed, NoteAdded
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.prose.turns import turn_heading
from tests.helpers import (
    SMALL,
    WIDE,
    current,
    drive,
    keys,
    notifications,
    screen_text,
    session_of,
    through_phase_pauses,
    type_text,
    until_holds,
)
from tui.app import WhitecellApp, make_app
from tui.commands import PLAY_COMMANDS, help_lines
from tui.launch import Launch, open_session
from tui.screens.adjust import AdjustScreen
from tui.screens.briefing import BriefingScreen
from tui.screens.dialogs import KEY_COLUMN, ConfirmScreen, HelpScreen, InjectScreen, LogScreen, NoteScreen, ReasonScreen
from tui.screens.end import EndScreen
from tui.screens.play import PlayScreen
from tui.screens.start import StartScreen
from tui.screens.summary import AdjudicationScreen
from tui.widgets.hanging import HangingText
from tui.widgets.log import EventLog
from tui.widgets.orders import RolePanel
from tui.widgets.shocks import ShockList
from tui.widgets.variables import VariablesPanel

# -- building and driving the app ---------------------------------------------------------------


def new_app(
    folder: Path, scenario: str = "missile-crisis", *, seed: int = 7, bots: tuple[tuple[str, str], ...] = ()
) -> WhitecellApp:
    """The console on a new session journaled in ``folder/game.jsonl``, as `whitecell play` opens it."""
    launch = Launch(scenario=scenario, seed=seed, journal=folder / "game.jsonl", bots=bots, folder=folder)
    session, recovery = open_session(launch)
    return make_app(launch, session=session, recovery=recovery, blink=False)


def resumed_app(path: Path) -> WhitecellApp:
    """The console on a journal to resume, as `whitecell play --resume` opens it."""
    launch = Launch(resume=path, folder=path.parent)
    session, recovery = open_session(launch)
    return make_app(launch, session=session, recovery=recovery, blink=False)


def over(session: Session) -> bool:
    """Whether the game has ended (a function for the same reason as `current`)."""
    return session.state.ended


def journal_commands(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Every command line of a journal on disk, with the turn it left the game in."""
    return [(line.data["turn"], line.data["command"]) for line in open_journal(path).lines]


def assert_journal_replays_to(path: Path, session: Session) -> None:
    """The journal on disk replays without a problem to the state the app holds."""
    replayed, problems = Session.replay(open_journal(path))
    assert problems == []
    assert replayed.digest() == session.digest()


# -- whole games -----------------------------------------------------------------------------


async def choose_highlighted(app: WhitecellApp, pilot: Pilot[None], role: str, *, move: int = 0) -> str:
    """Move down a role's action list, tick the highlighted action into the team's draft with space, and say which it was."""
    actions = app.screen.query_one(f"#actions-{role}", OptionList)
    assert app.focused is actions, f"the focus should be on {role}'s actions, not on {app.focused}"
    for _ in range(move):
        await keys(pilot, "down")
    option = actions.highlighted_option
    assert option is not None and option.id is not None and not option.disabled
    await keys(pilot, "space")
    draft = app.drafts.get(role)
    assert draft is not None and draft[-1] == option.id, "space did not tick the action"
    return option.id


def expected_pauses(session: Session, turns: int) -> list[str]:
    """The phase pauses a game of ``turns`` resolutions meets: each hotwash, then the next phase's update."""
    pauses = []
    for phase in session.scenario.phases:
        if phase.end <= turns:
            pauses += [f"hotwash: {phase.id}"] if phase.hotwash else []
            after = session.scenario.phase_at(phase.end + 1)
            pauses += [f"update: {after.id}"] if after is not None and after.briefing and phase.end < turns else []
    return pauses


def test_two_human_teams_play_the_default_scenario_to_the_end(tmp_path: Path) -> None:
    """Every turn each team gets an order through the keys (1 and 2 open the teams' panels,
    down, space), Escape leaves the panel, r submits both drafts and resolves, Enter closes the
    summary (and, between phases, the hotwash and the next phase's briefing update), until the
    end screen. The journal holds one orders line per team per turn."""
    app = new_app(tmp_path, "seoul-tokyo-2026", seed=11)
    session = session_of(app)
    chosen: list[tuple[int, str, list[str]]] = []
    pauses: list[str] = []

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), BriefingScreen)
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        while not session.state.ended:
            turn = session.state.turn
            await keys(pilot, "1")
            chosen.append((turn, "seoul", [await choose_highlighted(app, pilot, "seoul", move=turn % 2)]))
            await keys(pilot, "2")
            chosen.append((turn, "tokyo", [await choose_highlighted(app, pilot, "tokyo")]))
            await keys(pilot, "escape")
            assert app.focused is None, "Escape with nothing typed leaves the panel"
            await keys(pilot, "r")
            assert isinstance(current(app), AdjudicationScreen), "both teams have orders: r resolves at once"
            await keys(pilot, "enter")
            pauses.extend(await through_phase_pauses(app, pilot))
            assert turn < session.scenario.turns.count or session.state.ended
        assert isinstance(current(app), EndScreen)
        assert pauses == expected_pauses(session, len({turn for turn, _, _ in chosen}))
        assert pauses[:2] == ["hotwash: mandate", "update: pressure"], "the default pauses between its phases"
        outcome = next(o for o in session.scenario.outcomes if o.id == session.state.outcome)
        text = screen_text(app)
        assert outcome.title in text
        for role in session.scenario.teams:  # the white cell's actors have no score
            assert re.search(rf"{role.name}: score \d+", text), f"no score for {role.name}"

    drive(app, script)
    path = tmp_path / "game.jsonl"
    assert_journal_replays_to(path, session)
    recorded = [
        (turn, command["role"], command["actions"]) for turn, command in journal_commands(path) if command["command"] == "orders"
    ]
    assert recorded == chosen
    assert len({turn for turn, _, _ in chosen}) == session.scenario.turns.count


def test_two_bots_play_the_default_scenario_to_the_end(tmp_path: Path) -> None:
    """With bots for both roles, r and Enter each turn reach the end screen; the panels say who plays."""
    app = new_app(tmp_path, "seoul-tokyo-2026", seed=5, bots=(("seoul", "greedy"), ("tokyo", "random")))
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        titles = {panel.role_id: str(panel.border_title) for panel in app.screen.query(RolePanel)}
        teams = {"seoul": "Seoul · bot: greedy", "tokyo": "Tokyo · bot: random"}
        actors = {role.id: f"{role.name} · white cell" for role in session.scenario.actors}
        assert titles == teams | actors, "the actors no bot plays are the white cell's, and the turn never waits on them"
        assert "Seoul · bot: greedy" in screen_text(app)
        for _ in range(session.scenario.turns.count):
            await keys(pilot, "r")
            assert isinstance(current(app), AdjudicationScreen), "the bots' orders are in: nothing to confirm"
            await keys(pilot, "enter")
            await through_phase_pauses(app, pilot)
            if session.state.ended:
                break
        assert isinstance(current(app), EndScreen)
        outcome = next(o for o in session.scenario.outcomes if o.id == session.state.outcome)
        assert outcome.title in screen_text(app)

    drive(app, script)
    assert_journal_replays_to(tmp_path / "game.jsonl", session)


# -- the facilitator's keys on the play screen ------------------------------------------------


def test_resolving_with_a_team_without_orders_asks_first(tmp_path: Path) -> None:
    """r with Tokyo's orders missing opens a confirmation: n keeps the turn open, y resolves it."""
    app = new_app(tmp_path)
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1", "space", "escape", "r")
        assert isinstance(current(app), ConfirmScreen)
        assert "Tokyo has no orders" in screen_text(app)
        await keys(pilot, "n")
        assert isinstance(current(app), PlayScreen)
        assert session.state.turn == 1
        await keys(pilot, "r")
        assert isinstance(current(app), ConfirmScreen)
        await keys(pilot, "y")
        assert isinstance(current(app), AdjudicationScreen)
        assert session.state.turn == 2

    drive(app, script)
    kinds = [command["command"] for _, command in journal_commands(tmp_path / "game.jsonl")]
    assert kinds == ["orders", "resolve"]


def test_undo_and_redo_keys_cross_turns_and_leave_the_end_screen(tmp_path: Path) -> None:
    """u takes back a resolution (the game is in the previous turn again, orders and all), y
    puts it back; from the end screen u reopens the game on the play screen and y ends it again."""
    app = new_app(tmp_path)
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1", "space", "2", "space", "escape", "r", "enter")
        assert session.state.turn == 2
        resolved = session.digest()
        await keys(pilot, "u")
        assert isinstance(current(app), ConfirmScreen), "undoing a resolution is asked first"
        await keys(pilot, "n")
        assert session.state.turn == 2 and session.digest() == resolved, "declined: nothing undone"
        await keys(pilot, "u", "y")
        assert session.state.turn == 1
        assert any("was undone" in text for text in notifications(app))
        assert all(orders is not None for orders in session.state.orders), "undoing the resolution keeps the orders"
        assert turn_heading(session.scenario.turns, 1) in screen_text(app)
        await keys(pilot, "u")
        assert session.state.orders[session.game.role_index["tokyo"]] is None
        await keys(pilot, "y", "y")
        assert session.state.turn == 2
        assert session.digest() == resolved
        assert isinstance(current(app), PlayScreen)

        await keys(pilot, "e")
        assert isinstance(current(app), ReasonScreen)
        await type_text(pilot, "time")
        await keys(pilot, "enter")
        assert over(session)
        assert isinstance(current(app), EndScreen)
        await keys(pilot, "u")
        assert not over(session)
        assert isinstance(current(app), PlayScreen)
        await keys(pilot, "y")
        assert over(session)
        assert isinstance(current(app), EndScreen)

    drive(app, script)
    kinds = [command["command"] for _, command in journal_commands(tmp_path / "game.jsonl")]
    assert kinds.count("undo") == 3 and kinds.count("redo") == 3
    assert_journal_replays_to(tmp_path / "game.jsonl", session)


def test_inject_a_shock_with_a_reason(tmp_path: Path) -> None:
    """i, a shock picked with the keys, Enter, a reason, Enter: the shock is in progress and
    journaled with the reason. A shock in progress is disabled in the list, and injecting it
    anyway is refused with a notification, not a crash."""
    app = new_app(tmp_path)
    session = session_of(app)
    scenario = session.scenario
    picked: list[str] = []

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "i")
        assert isinstance(current(app), InjectScreen)
        listing = app.screen.query_one("#shocks", OptionList)
        in_progress = {shock.id for s, shock in enumerate(scenario.shocks) if session.state.remaining[s]}
        assert in_progress, "missile-crisis opens with a shock in progress"
        assert {option.id for option in listing.options if option.disabled} == in_progress
        await keys(pilot, "down")
        option = listing.highlighted_option
        assert option is not None and option.id is not None and not option.disabled
        picked.append(option.id)
        await keys(pilot, "enter")
        await type_text(pilot, "more pressure")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        s = session.game.shock_index[option.id]
        assert session.state.remaining[s] > 0
        shock_title = scenario.shocks[s].title
        assert shock_title[:20] in screen_text(app)

        await keys(pilot, "i")
        listing = app.screen.query_one("#shocks", OptionList)
        assert listing.get_option(option.id).disabled, "a shock in progress cannot be picked again"
        await keys(pilot, "escape")
        lines = len(session.records)
        assert app.submit(InjectShock(option.id, "again")) is None
        await pilot.pause()
        assert len(session.records) == lines
        text = screen_text(app)
        assert "Not possible" in text and "is already in" in text

    drive(app, script)
    injects = [command for _, command in journal_commands(tmp_path / "game.jsonl") if command["command"] == "inject"]
    assert injects == [{"command": "inject", "shock": picked[0], "reason": "more pressure"}]


def test_adjust_a_variable_with_a_reason(tmp_path: Path) -> None:
    """a, a variable picked in the select with the keys, a value, a reason: the value changes with
    the facilitator as its cause and the reason as its detail."""
    app = new_app(tmp_path)
    session = session_of(app)
    variable = session.scenario.variables[1]  # the civil-defence alert level, 0..4
    target = variable.min if session.state.values[1] != variable.min else variable.max

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "a")
        assert isinstance(current(app), AdjustScreen)
        await keys(pilot, "enter", "down", "enter")  # open the select, next variable, choose it
        assert app.screen.query_one("#variable", Select).value == variable.id
        await keys(pilot, "tab")
        await type_text(pilot, str(target))
        await keys(pilot, "enter")
        await type_text(pilot, "alert raised")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert session.state.values[1] == target
    change = next(event for event in session.history[-1].events if isinstance(event, Changed))
    assert (change.var, change.after) == (variable.id, target)
    assert (change.cause.kind, change.cause.detail) == ("facilitator", "alert raised")
    adjusts = [command for _, command in journal_commands(tmp_path / "game.jsonl") if command["command"] == "adjust"]
    assert len(adjusts) == 1


def test_an_adjustment_out_of_range_or_without_a_reason_is_refused_in_the_dialog(tmp_path: Path) -> None:
    """The dialog says what is wrong and stays open; Escape then leaves everything as it was."""
    app = new_app(tmp_path)
    session = session_of(app)
    variable = session.scenario.variables[0]
    before = session.digest()

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "a", "tab")
        await type_text(pilot, str(variable.max + 1))
        await keys(pilot, "enter")
        await type_text(pilot, "because")
        await keys(pilot, "enter")
        assert isinstance(current(app), AdjustScreen)
        assert f"The value must be from {variable.min} to {variable.max}." in screen_text(app)

        await keys(pilot, "shift+tab", *["backspace"] * 4)
        await type_text(pilot, str(variable.min))
        await keys(pilot, "enter", *["backspace"] * len("because"), "enter")
        assert isinstance(current(app), AdjustScreen)
        assert "Say why: the reason goes into the record." in screen_text(app)

        await keys(pilot, "escape")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert session.digest() == before
    assert journal_commands(tmp_path / "game.jsonl") == []


def test_notes_with_their_tags(tmp_path: Path) -> None:
    """n, text, Enter saves an observation; shift+tab to the tags and another radio button saves
    the note under that tag."""
    app = new_app(tmp_path)
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "n")
        assert isinstance(current(app), NoteScreen)
        await type_text(pilot, "Seoul first")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

        await keys(pilot, "n", "shift+tab", "down", "down", "enter", "tab")
        await type_text(pilot, "No press")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    notes = [(event.tag, event.text) for applied in session.history for event in applied.events if isinstance(event, NoteAdded)]
    assert notes == [("observation", "Seoul first"), ("improvement", "No press")]
    journaled = [command for _, command in journal_commands(tmp_path / "game.jsonl")]
    assert journaled == [
        {"command": "note", "tag": "observation", "text": "Seoul first"},
        {"command": "note", "tag": "improvement", "text": "No press"},
    ]


def test_hiding_the_choices_masks_them_in_the_panels_and_the_log(tmp_path: Path) -> None:
    """h hides which actions the teams chose (panels, log, header), a second h shows them again;
    the orders themselves do not change."""
    app = new_app(tmp_path)
    session = session_of(app)

    def log_text(app: WhitecellApp) -> str:
        return app.screen.query_one(EventLog).query_one("#log-text", HangingText).plain

    def panel_text(app: WhitecellApp) -> str:
        actions = app.screen.query_one("#actions-seoul", OptionList)
        return "\n".join(str(option.prompt) for option in actions.options)

    def boxes(app: WhitecellApp) -> dict[str | None, str]:
        """Each action's box ("[x]", "[ ]", "[·]"), by id: a long label may wrap, the box stays first."""
        actions = app.screen.query_one("#actions-seoul", OptionList)
        return {option.id: str(option.prompt)[:3] for option in actions.options}

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1", "space", "enter")
        orders = session.state.orders
        action = session.scenario.actions[session.state.orders[0][0]]  # type: ignore[index]
        label = action.label
        assert boxes(app)[action.id] == "[x]"
        assert f"Seoul orders: {label}" in log_text(app)

        await keys(pilot, "h")
        assert "[x]" not in panel_text(app) and boxes(app)[action.id] == "[·]"
        assert label not in log_text(app) and "Seoul entered orders (hidden)" in log_text(app)
        summary = str(app.screen.query_one("#role-seoul").query_one("#summary").render())
        assert "hidden" in summary
        text = screen_text(app)
        assert "choices hidden" in text
        assert "[x]" not in text
        assert session.state.orders == orders

        await keys(pilot, "h")
        assert boxes(app)[action.id] == "[x]"
        assert f"Seoul orders: {label}" in log_text(app)
        assert "choices hidden" not in screen_text(app)

    drive(app, script)


def test_a_team_toggles_several_actions_with_down_and_space(tmp_path: Path) -> None:
    """The highlight stays where it is after a toggle, so down, space, down, space picks two
    actions (it used to jump back to the top after every toggle)."""
    app = new_app(tmp_path, "seoul-tokyo-2026", seed=11)
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1")
        first = await choose_highlighted(app, pilot, "seoul", move=1)
        actions = app.screen.query_one("#actions-seoul", OptionList)
        assert actions.highlighted_option is not None and actions.highlighted_option.id == first
        second = await choose_highlighted(app, pilot, "seoul", move=1)
        assert second != first
        assert app.drafts.get("seoul") == (first, second)
        await keys(pilot, "space")  # the highlight is still on the second: space takes it back
        assert app.drafts.get("seoul") == (first,)
        assert session.state.orders[0] is None, "a draft is not journaled until it is submitted"

    drive(app, script)


# -- resume, and a journal cut off by a crash -------------------------------------------------


def test_quit_and_resume_shows_the_same_turn_and_state(tmp_path: Path) -> None:
    """Two turns, q; the journal reopened in a new app shows the play screen at the same turn,
    with the same state."""
    app = new_app(tmp_path)
    session = session_of(app)
    path = tmp_path / "game.jsonl"

    async def play_two_turns(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "1", "space", "2", "space", "escape", "r", "enter")
        await keys(pilot, "1", "space", "2", "space", "escape", "r", "enter")
        assert session.state.turn == 3
        await keys(pilot, "q")
        assert app.is_running and isinstance(current(app), ConfirmScreen), "leaving a live game is asked first"
        await keys(pilot, "y")

    drive(app, play_two_turns)
    assert not app.is_running
    again = resumed_app(path)
    resumed = session_of(again)
    assert resumed.digest() == session.digest()

    async def look(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), PlayScreen), "a resumed session opens on the play screen, not the briefing"
        assert turn_heading(resumed.scenario.turns, 3) in screen_text(app)
        await keys(pilot, "1", "space", "2", "space", "escape", "r", "enter")
        assert resumed.state.turn == 4

    drive(again, look)
    assert_journal_replays_to(path, resumed)


def test_resuming_a_journal_cut_off_mid_line_says_what_was_dropped(tmp_path: Path) -> None:
    """A crash while writing the last line: the session resumes without it, and says so."""
    path = tmp_path / "game.jsonl"
    session = Session.new(resolve_scenario("missile-crisis"), 7, path)
    session.apply(SubmitOrders("seoul", ()))
    kept = session.digest()
    session.apply(AddNote("observation", "this line will be cut off"))
    session.close()
    data = path.read_bytes()
    last = data.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(data[: last + (len(data) - last) // 2])

    app = resumed_app(path)
    assert session_of(app).digest() == kept

    async def look(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), PlayScreen)
        text = screen_text(app)
        assert "Journal recovered" in text
        assert "line 3 was cut off" in text

    drive(app, look)
    assert Path(str(path) + ".dropped").exists()


# -- the end screen ---------------------------------------------------------------------------


def finished_journal(folder: Path, scenario: str = "missile-crisis") -> Path:
    """A journal of a whole game played straight through the session, to open on the end screen fast."""
    path = folder / "game.jsonl"
    session = Session.new(resolve_scenario(scenario), 7, path)
    while not session.state.ended:
        session.apply(Resolve())
    session.close()
    return path


def test_the_end_screen_writes_the_report_next_to_the_journal(tmp_path: Path) -> None:
    """m writes the Markdown report, w the HTML one, both beside the journal and naming the outcome;
    a report already there is replaced only after a yes, as on the report screen."""
    path = finished_journal(tmp_path)
    app = resumed_app(path)
    session = session_of(app)
    outcome = next(o for o in session.scenario.outcomes if o.id == session.state.outcome)
    markdown = tmp_path / "game-report.md"
    html = tmp_path / "game-report.html"

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), EndScreen)
        assert outcome.title in screen_text(app)
        await keys(pilot, "m", "w")
        assert isinstance(current(app), EndScreen)
        written = markdown.read_text(encoding="utf-8")
        assert outcome.title in written
        assert outcome.title in html.read_text(encoding="utf-8")
        markdown.write_text("edited by hand\n", encoding="utf-8")
        await keys(pilot, "m")
        assert isinstance(current(app), ConfirmScreen)
        assert "game-report.md exists. Replace it?" in screen_text(app)
        await keys(pilot, "n")
        assert isinstance(current(app), EndScreen)
        assert markdown.read_text(encoding="utf-8") == "edited by hand\n"
        await keys(pilot, "m", "y")
        assert isinstance(current(app), EndScreen)
        assert markdown.read_text(encoding="utf-8") == written

    drive(app, script)


def test_an_error_inside_an_action_becomes_a_notification(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing the report is reported on screen; the app and the session go on."""
    path = finished_journal(tmp_path)
    app = resumed_app(path)
    session = session_of(app)
    digest = session.digest()

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the report could not be built")

    monkeypatch.setattr("engine.documents.report.build_report", broken)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "m")
        assert app.is_running
        assert isinstance(current(app), EndScreen)
        assert session.digest() == digest
        text = screen_text(app)
        assert "Something went wrong" in text and "the report could not be built" in text
        await keys(pilot, "n")
        await type_text(pilot, "ok")
        await keys(pilot, "enter")
        assert isinstance(current(app), EndScreen)

    drive(app, script)
    assert not (tmp_path / "game-report.md").exists()
    assert session.history[-1].command == AddNote("observation", "ok")
    assert_journal_replays_to(path, session)


def test_an_error_while_applying_orders_becomes_a_notification(tmp_path: Path) -> None:
    """Orders submitted from a panel go to the session outside any action; whatever fails there is
    a notification too, the draft stays, and submitting it again works."""
    app = new_app(tmp_path)
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        apply = session.apply

        def broken(command: object) -> object:
            raise OSError("the disk went away")

        session.apply = broken  # type: ignore[method-assign,assignment]
        await keys(pilot, "1", "space", "enter")
        assert app.is_running
        assert "the disk went away" in screen_text(app)
        assert app.drafts.get("seoul") is not None
        session.apply = apply  # type: ignore[method-assign]
        await keys(pilot, "1", "enter")
        assert session.state.orders[0] is not None
        assert app.drafts.get("seoul") is None

    drive(app, script)
    assert_journal_replays_to(tmp_path / "game.jsonl", session)


# -- help, the command palette, the terminal's size --------------------------------------------


def test_the_command_palette_and_the_help_screen(tmp_path: Path) -> None:
    """ctrl+p lists the console's commands by name (and runs them); ? lists the keys."""
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Resolve the turn", "Undo", "Redo", "Inject a shock", "Adjust a variable", "Add a note"} <= titles
        assert {"Hide or show choices", "Show the log", "End the exercise", "Key help"} <= titles

        await keys(pilot, "ctrl+p")
        assert isinstance(current(app), CommandPalette)
        await type_text(pilot, "resolve the")
        await pilot.pause(0.3)  # the palette searches in a worker
        await keys(pilot, "enter")
        await pilot.pause()
        assert isinstance(current(app), ConfirmScreen), "resolving with no orders asks first"
        await keys(pilot, "n")

        await keys(pilot, "question_mark")
        assert isinstance(current(app), HelpScreen)
        assert "every draft still open is submitted first" in " ".join(screen_text(app).split())
        await keys(pilot, "escape")
        assert isinstance(current(app), PlayScreen)

        await keys(pilot, "l")
        assert isinstance(current(app), LogScreen), "l shows the whole log"
        assert "Week 1 of 8 opens" in screen_text(app)
        await keys(pilot, "escape")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)


def test_the_play_screen_packs_itself_into_a_small_terminal(tmp_path: Path) -> None:
    """At 80x24 the screen is narrow: variables one line each, shocks as a list under them, no
    middle column; back at 120x40 it is three columns again."""
    app = new_app(tmp_path)

    def packed(app: WhitecellApp) -> bool:
        screen = app.screen
        narrow = screen.has_class("narrow")
        assert screen.query_one(VariablesPanel).compact == narrow
        assert screen.query_one(ShockList).display == narrow
        assert screen.query_one("#middle").display != narrow
        return narrow

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        assert not packed(app)
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert packed(app)
        text = screen_text(app)
        assert "Shocks in progress" in text and "missile: Launch preparations" in text
        variables = app.screen.query_one(VariablesPanel)
        assert variables.size.height == len(session_of(app).scenario.variables)
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert not packed(app)

    drive(app, script)


# -- the start screen -------------------------------------------------------------------------


def test_the_start_screen_starts_a_new_session_in_its_folder(tmp_path: Path) -> None:
    """A bundled scenario, a seed and a bot chosen with the keys; ctrl+s journals the new session
    in the start screen's folder and opens the briefing."""
    app = make_app(Launch(start_screen=True, folder=tmp_path), blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), StartScreen)
        assert app.session is None
        scenarios = app.screen.query_one("#scenarios", OptionList)
        await keys(pilot, *["down"] * scenarios.get_option_index("missile-crisis"))
        await keys(pilot, "enter")  # on to the seed
        await type_text(pilot, "42")
        await keys(pilot, "tab", "tab", "tab")  # past the timer and Seoul, to who plays Tokyo
        await keys(pilot, "enter", "down", "enter")  # the first bot
        await keys(pilot, "ctrl+s")
        assert isinstance(current(app), BriefingScreen)
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    session = session_of(app)
    assert session.scenario.id == "missile-crisis"
    assert session.seed == 42
    assert session.settings.bots == (("tokyo", "random"),)
    assert session.path is not None and session.path.parent == tmp_path
    assert [path.name for path in tmp_path.glob("*.jsonl")] == [session.path.name]
    assert session.path.name.startswith("missile-crisis-")


def test_the_start_screen_resumes_a_recent_journal(tmp_path: Path) -> None:
    """A journal in the folder is listed by name and title; ctrl+r resumes it on the play screen."""
    path = tmp_path / "monday.jsonl"
    earlier = Session.new(resolve_scenario("history-flare-up"), 3, path)
    earlier.apply(AddNote("observation", "before the break"))
    earlier.close()
    app = make_app(Launch(start_screen=True, folder=tmp_path), blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        text = screen_text(app)
        assert "monday.jsonl" in text and earlier.scenario.title[:30] in text
        await keys(pilot, "ctrl+r")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    session = session_of(app)
    assert session.path == path
    assert session.digest() == earlier.digest()


def test_with_choices_hidden_the_log_and_the_summary_keep_the_white_cells_secrets(tmp_path: Path) -> None:
    """With h on, the log, the whole log and the adjudication summary show nothing only the white
    cell may know: notes, the facilitator's reasons, changes of ◆ variables, orders not resolved."""
    app = new_app(tmp_path)
    secret = "PLANTED-SECRET"

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        session = session_of(app)
        hidden = next(variable for variable in session.scenario.variables if variable.visibility != "public")
        app.submit(AddNote("observation", f"note {secret}"))
        app.submit(AdjustVariable(hidden.id, hidden.min, f"reason {secret}"))
        public = next(variable for variable in session.scenario.variables if variable.visibility == "public")
        app.submit(AdjustVariable(public.id, public.max, f"public reason {secret}"))
        app.submit(SubmitOrders("seoul", ()))
        await keys(pilot, "h")
        text = screen_text(app)
        assert secret not in text and "Note (observation) (hidden)" in text
        assert f"{hidden.label} " not in text.split("Log")[-1], "a ◆ variable's change is left out of the log"
        await keys(pilot, "l")
        assert isinstance(current(app), LogScreen) and secret not in screen_text(app)
        await keys(pilot, "escape", "r")
        if isinstance(current(app), ConfirmScreen):
            await keys(pilot, "y")
        assert isinstance(current(app), AdjudicationScreen)
        assert secret not in screen_text(app) and hidden.label not in screen_text(app)
        await keys(pilot, "enter", "h", "l")
        assert secret in screen_text(app), "the white cell sees it all again"

    drive(app, script)


def test_keys_pressed_after_quit_open_nothing(tmp_path: Path) -> None:
    """q then e typed quickly: the app is leaving, so e must not open a dialog on screens being taken down."""
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        screens = len(app.screen_stack)
        app.exit()
        app.action_end_exercise()
        app.action_note()
        assert len(app.screen_stack) == screens and app.leaving

    drive(app, script)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_the_help_keeps_its_keys_in_a_column_of_their_own(tmp_path: Path, size: tuple[int, int]) -> None:
    """A description too long for its line goes on under itself: the keys' column holds keys only (the
    continued lines had gone back under the keys, 'first if a team has no orders' at the box's edge)."""
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "question_mark")
        assert isinstance(current(app), HelpScreen)
        shown = {key for key, _ in help_lines(PLAY_COMMANDS)}
        box = current(app).query_one("#box").content_region

        def check() -> None:
            rows = [line[box.x : box.right] for line in screen_text(app).splitlines()[box.y : box.bottom]]
            rows = rows[2 : next((n for n, row in enumerate(rows) if "Every command is" in row), len(rows))]
            column = [row[:KEY_COLUMN].strip() for row in rows]  # under the title and its margin, above the footnote
            assert {key for key in column if key} <= shown, column
            assert column.count("") >= 1, "a description that wraps continues beside an empty key column"

        await until_holds(pilot, check)

    drive(app, script, size)
