"""`whitecell display`: following a journal another writer appends to, and what the room sees.

The follower is tested on its own (missing file, cut-off line, damaged line, a file that is not
a journal, a journal replaced, reading in pieces), then the app headless with Pilot while a
thread plays a session with bots into the journal, then that every team's decisions fit on
screen at 120x40 and 80x24 (and what gives way when they cannot), and the command line's errors.
"""

from __future__ import annotations

import asyncio
import io
import re
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.pilot import Pilot
from textual.widget import Widget

from engine import Exercise
from engine.audience.room import PlayersView, TeamDecisions, players_view
from engine.core.commands import AddNote, AdjustVariable, InjectShock, Resolve, SubmitOrders
from engine.exercise import ScenarioRef
from engine.journal.autoplay import bot_orders
from engine.journal.follow import JournalFollower
from engine.journal.format import Settings
from engine.journal.reader import JournalContents
from engine.journal.session import Session
from engine.journal.verify import ReplayProblem
from engine.load.catalog import resolve_scenario
from tests.helpers import doc, load, until, until_holds
from tests.journals import COMMANDS, DOCUMENT, clock, greedy_game, write_journal
from tests.test_players_view import MARK, SECRET_ACTION, secretise
from tui.display import DisplayApp
from tui.main import main
from tui.widgets.display_parts import GUTTER, decisions

WIDE = (120, 40)
SMALL = (80, 24)
BOTS = Settings(bots=(("seoul", "greedy"), ("tokyo", "greedy")))


def new_session(path: Path, document: dict[str, object] | None = None) -> Session:
    return Session.new(load(document or DOCUMENT), 5, path, clock=clock, settings=BOTS)


def play_turn(session: Session) -> None:
    for command in bot_orders(session):
        session.apply(command)
    session.apply(Resolve())


# -- the follower -----------------------------------------------------------------------------------


def test_a_missing_journal_is_waited_for_then_followed(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    follower = JournalFollower(path)
    status = follower.poll()
    assert status.session is None and status.problem is not None and "does not exist yet" in status.problem
    session = new_session(path)
    status = follower.poll()
    assert status.problem is None and status.changed and status.session is not None
    assert status.session.state.turn == 1
    play_turn(session)
    status = follower.poll()
    assert status.changed and status.session is not None and status.session.digest() == session.digest()
    assert not follower.poll().changed  # nothing new: the same session
    session.close()


def test_an_empty_file_is_a_journal_not_started_yet(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    path.write_bytes(b"")
    status = JournalFollower(path).poll()
    assert status.session is None and status.problem is not None and "empty" in status.problem


def test_a_cut_off_last_line_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = new_session(path)
    play_turn(session)
    session.close()
    whole = path.read_bytes()
    last = whole.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(whole[: last + 10])  # the last line, still being written
    follower = JournalFollower(path)
    status = follower.poll()
    assert status.problem is None and status.waiting is not None and "line 4 is being written" in status.waiting
    assert status.session is not None and status.session.state.turn == 1  # the resolution is not in yet
    with path.open("ab") as handle:
        handle.write(whole[last + 10 :])
    status = follower.poll()
    assert status.waiting is None and status.session is not None and status.session.digest() == session.digest()


def test_a_header_being_written_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    new_session(tmp_path / "whole.jsonl").close()
    path.write_bytes((tmp_path / "whole.jsonl").read_bytes()[:50])
    status = JournalFollower(path).poll()
    assert status.session is None and status.problem is None and status.waiting is not None


def test_new_lines_extend_the_game_without_replaying_the_journal_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "game.jsonl"
    session = new_session(path)
    follower = JournalFollower(path)
    first = follower.poll().session
    assert first is not None
    replays: list[JournalContents] = []
    original = Session.replay

    def counted(contents: JournalContents, **options: Any) -> tuple[Session, list[ReplayProblem]]:
        replays.append(contents)
        return original(contents, **options)

    monkeypatch.setattr(Session, "replay", counted)
    for _ in range(3):
        play_turn(session)
        status = follower.poll()
        assert status.changed and status.session is first
        assert first.digest() == session.digest()
    assert not follower.poll().changed
    assert replays == [], "only the new lines are replayed, onto the game already built"
    session.close()


def test_a_damaged_line_is_reported_and_the_last_good_state_kept(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = new_session(path)
    play_turn(session)
    follower = JournalFollower(path)
    good = follower.poll().session
    assert good is not None and good.state.turn == 2
    session.close()
    with path.open("ab") as handle:
        handle.write(b'{"n": 7, "this is not json\n')
    status = follower.poll()
    assert status.problem is not None and "line" in status.problem and "not valid JSON" in status.problem
    assert status.session is good
    with path.open("ab") as handle:  # lines after the damage cannot count
        handle.write(b'{"n": 8}\n')
    assert follower.poll().session is good


def test_a_line_that_does_not_replay_keeps_the_state_before_it(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    write_journal(path)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:8]) + lines[8].replace(b'"digest":"', b'"digest":"00'))
    status = JournalFollower(path).poll()
    assert status.problem is not None and "line 9 does not replay" in status.problem
    assert status.session is not None and len(status.session.records) == 7


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b'{"format": 1, "id": "a-scenario"}\n', "not a whitecell journal"),
        (b"id,title\nx,y\n", "not a whitecell journal"),
        (b"{\n", "not a whitecell journal"),
        (b'{"journal":"whitecell", "format": \n', "header line is damaged"),
        (b'{"journal":"whitecell","format":99}\n', "journal format 99"),
    ],
)
def test_a_file_that_is_not_a_journal_says_why(tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "other.jsonl"
    path.write_bytes(content)
    status = JournalFollower(path).poll()
    assert status.session is None and status.problem is not None and needle in status.problem


def test_a_journal_replaced_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    first = new_session(path)
    play_turn(first)
    play_turn(first)
    first.close()
    follower = JournalFollower(path)
    assert follower.poll().session is not None
    path.unlink()
    second = new_session(path)
    status = follower.poll()
    assert status.session is not None and status.session.state.turn == 1 and status.problem is None
    second.close()


def test_a_large_journal_is_read_in_pieces(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = write_journal(path)
    follower = JournalFollower(path, max_read=4096)
    status = follower.poll()
    for _ in range(100):
        if status.session is not None and status.session.digest() == session.digest():
            break
        status = follower.poll()
    assert status.session is not None and status.session.digest() == session.digest()
    assert status.session.state.ended


# -- the app ----------------------------------------------------------------------------------------


def screen_text(app: DisplayApp) -> str:
    """The whole terminal as plain text: what the room reads."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False, force_terminal=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


Script = Callable[[DisplayApp, Pilot[None]], Awaitable[None]]


def drive(app: DisplayApp, script: Script, size: tuple[int, int] = WIDE) -> None:
    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(app, pilot)

    asyncio.run(run())


def test_display_follows_a_session_played_while_it_runs(tmp_path: Path) -> None:
    """A thread plays a whole game with bots into the journal; the display reaches each new turn
    and, at the end, shows the outcome."""
    path = tmp_path / "live.jsonl"
    started = threading.Event()
    go_on = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            session = new_session(path)
            started.set()
            go_on.wait(20)
            while not session.state.ended:
                time.sleep(0.05)
                play_turn(session)
            session.close()
        except BaseException as error:  # reported by the test below
            errors.append(error)
            started.set()

    app = DisplayApp(path, poll_seconds=0.05)
    thread = threading.Thread(target=writer, daemon=True)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        assert "live.jsonl does not exist yet" in screen_text(app)
        thread.start()
        started.wait(20)
        await until(pilot, lambda: app.view is not None)
        assert app.view is not None and app.view.turn == 1
        await until(pilot, lambda: "Week 1 of 4".upper() in screen_text(app))
        go_on.set()
        await until(pilot, lambda: app.view is not None and app.view.turn >= 2)
        await until(pilot, lambda: app.view is not None and app.view.ended)

        def ended() -> None:
            text = screen_text(app)
            assert "OUTCOME" in text and "the session has ended" in text
            assert app.has_class("ended")

        await until_holds(pilot, ended)

    try:
        drive(app, script)
    finally:
        go_on.set()
        thread.join(20)
    assert not errors


def test_display_never_shows_what_is_hidden(tmp_path: Path) -> None:
    """Hidden variables, white-cell notes, expected responses, notes, the facilitator's reasons and
    orders not yet resolved are on the facilitator's screen only; at both sizes the room sees none."""
    path = tmp_path / "secret.jsonl"
    session = new_session(path, secretise(DOCUMENT))
    session.apply(AddNote("observation", "Zqxnote"))
    session.apply(InjectShock("leak", "Zqxinjectreason"))
    session.apply(AdjustVariable("trust", 44, "Zqxadjustreason"))
    session.apply(AdjustVariable("zqx-gauge", 9, "Zqxhiddenreason"))
    play_turn(session)
    session.apply(SubmitOrders("seoul", (SECRET_ACTION,)))
    session.close()

    for size in (WIDE, SMALL):

        async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
            await until(pilot, lambda: app.view is not None)
            await until(pilot, lambda: "Storm at the harbour" in (text := screen_text(app)) and "Trust" in text)
            text = screen_text(app)  # the public things are there: now nothing hidden may be
            assert MARK.lower() not in text.lower(), text

        drive(DisplayApp(path), script, size)


def test_display_keeps_the_last_good_state_when_the_journal_goes_bad(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    write_journal(path, COMMANDS[:8])

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: app.view is not None)
        before = app.view
        with path.open("ab") as handle:
            handle.write(b"garbage that is not JSON\n")
        await until(pilot, lambda: "not valid JSON" in screen_text(app))
        assert app.view is before
        assert "showing the last good state" in screen_text(app)
        assert "WEEK 3 OF 4" in screen_text(app)

    drive(DisplayApp(path, poll_seconds=0.05), script)


def test_display_of_a_cut_off_line_waits_for_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = new_session(path)
    session.close()
    with path.open("ab") as handle:
        handle.write(b'{"n":1,"at":"2026')

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: "waiting for the rest" in screen_text(app))
        assert app.view is not None and app.view.turn == 1

    drive(DisplayApp(path, poll_seconds=0.05), script, SMALL)


def test_q_quits(tmp_path: Path) -> None:
    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    drive(DisplayApp(tmp_path / "none.jsonl"), script)


# -- every team's decisions on screen ------------------------------------------------------------

CROWD = ("seoul", "tokyo", "washington", "beijing", "pyongyang", "moscow", "taipei", "manila")
"""Eight teams, as many as a scenario may have."""


def full_budget(path: Path, scenario: ScenarioRef, turns: int, seed: int = 7) -> Path:
    """A journal where each team spends its whole budget every turn, odd teams choosing from the
    end of their list (so joint proposals go unanswered): decisions as long as a turn makes them."""
    with Exercise.open(scenario, seed=seed, journal=path) as exercise:
        for _ in range(turns):
            for index, role in enumerate(exercise.scenario.roles):
                options = [option for option in exercise.legal_actions(role.id) if option.available and not option.spend]
                chosen: list[str] = []
                for option in reversed(options) if index % 2 else options:
                    if sum(o.cost for o in options if o.action in chosen) + option.cost <= role.budget:
                        chosen.append(option.action)
                exercise.submit(role.id, chosen)
            exercise.resolve()
    return path


CROWD_DOCUMENT = doc(
    title="Eight Capitals",
    turns={"count": 4, "label": "Week"},
    roles=[{"id": role, "name": role.title(), "budget": 2} for role in CROWD],
    variables=[
        {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50},
        {"id": "tension", "label": "Regional tension", "min": 0, "max": 100, "initial": 40},
    ],
    actions=[
        {"id": "hotline", "label": "Call the military hotline", "roles": list(CROWD), "effects": [{"add": {"tension": -2}}]},
        {"id": "alert", "label": "Raise the civil-defence alert", "roles": list(CROWD), "effects": [{"add": {"tension": 3}}]},
        {"id": "liaison", "label": "Send a liaison to the crisis cell", "roles": list(CROWD), "effects": [{"add": {"trust": 2}}]},
    ],
    shocks=[
        {
            "id": "launch",
            "title": "Missile launch into the sea",
            "category": "missile",
            "narrative": "A ballistic missile falls into the sea between the capitals.",
            "trigger": {"atTurn": 2},
            "effects": [{"add": {"tension": 10}}],
        }
    ],
)
"""Eight teams, written out here (not the full template) so the snapshots change only with the display."""


def crowd_journal(path: Path) -> Path:
    """One turn of eight teams, each spending its budget of two."""
    return full_budget(path, load(CROWD_DOCUMENT), 1)


def region_lines(app: DisplayApp, widget: Widget) -> list[str]:
    """The screen's text inside a widget's content region, line by line."""
    region = widget.content_region
    return [line[region.x : region.right] for line in screen_text(app).splitlines()[region.y : region.bottom]]


def columns_text(lines: list[str]) -> list[str]:
    """The decisions grid's columns, each as one string with wrapped lines joined and spaces collapsed."""
    cells = [line.split(GUTTER.strip()) for line in lines]
    count = max(len(row) for row in cells)
    return [" ".join(" ".join(row[index] for row in cells if index < len(row)).split()) for index in range(count)]


async def check_on_screen(app: DisplayApp, pilot: Pilot[None], also: Callable[[list[str]], None] = lambda _: None) -> list[str]:
    """Wait for the view; assert every panel lies inside the screen and all the decisions drew is
    in sight, and ``also`` of the decisions' lines as the screen shows them; return those lines.

    Tried until it holds: the app redraws after a poll or a resize in several refreshes, and under load
    Pilot's pause can return between them."""
    await until(pilot, lambda: app.view is not None)

    def check() -> list[str]:
        screen = app.screen.region
        for panel in app.query("#decisions, #variables-panel, #shocks-panel, #events, #status"):
            if panel.display:
                assert panel.region.area > 0 and screen.contains_region(panel.region), f"#{panel.id} is off screen"
        grid = app.query_one("#decisions")
        drawn = [line.rstrip() for line in grid.render().plain.split("\n")]  # type: ignore[union-attr]
        assert len(drawn) <= grid.content_region.height, "the decisions' last lines are cut off"
        shown = region_lines(app, grid)
        assert [line.rstrip() for line in shown[: len(drawn)]] == drawn
        also(shown)
        return shown

    return await until_holds(pilot, check)


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_both_teams_decisions_are_on_screen_in_full(tmp_path: Path, size: tuple[int, int]) -> None:
    """Both teams spend their budget of three on long actions, Seoul's joint proposals unanswered:
    at both sizes each team has a column with its name and every action, word for word."""
    path = full_budget(tmp_path / "game.jsonl", "seoul-tokyo-2026", 3)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        def columns(shown: list[str]) -> None:
            assert app.view is not None
            teams = [decided for decided in app.view.decisions if not decided.actor]
            actors = [decided for decided in app.view.decisions if decided.actor]  # those that moved, the room told
            assert actors, "full_budget has the actors spend their budgets too"
            assert [len(team.actions) for team in teams] == [3, 3]
            assert "(proposed, unanswered)" in teams[0].actions[0]
            under = [line.strip() for line in shown if any(line.startswith(f"{actor.team}: ") for actor in actors)]
            assert [line.split(":")[0] for line in under] == [actor.team for actor in actors], "an actor's line under the teams"
            grid = [line for line in shown if line.strip() not in under]
            for team, column in zip(teams, columns_text(grid), strict=True):
                assert column.startswith(team.team + " ")
                for action in team.actions:
                    assert f"• {action}" in column, (action, shown)

        await check_on_screen(app, pilot, columns)

    drive(DisplayApp(path), script, size)


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_eight_teams_all_show_their_decisions(tmp_path: Path, size: tuple[int, int]) -> None:
    """Eight teams: in columns at 120x40, a line each at 80x24 (the latest events give way); no team is lost."""
    path = crowd_journal(tmp_path / "crowd.jsonl")

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        def every_team(shown: list[str]) -> None:
            assert app.view is not None and len(app.view.decisions) == len(CROWD)
            text = " ".join(" ".join(shown).split())
            for team in app.view.decisions:
                assert team.team in text and team.actions
                for action in team.actions:
                    assert action in text
            if size == SMALL:
                assert app.has_class("crowded") and not app.query_one("#events").display

        await check_on_screen(app, pilot, every_team)

    drive(DisplayApp(path), script, size)


def test_a_squeezed_screen_counts_the_variables_it_cannot_show(tmp_path: Path) -> None:
    """At 120x32 the bars drop to one line each; at 80x20 the last line counts the rest."""
    path = full_budget(tmp_path / "game.jsonl", "seoul-tokyo-2026", 3)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        def squeezed(_: list[str]) -> None:
            assert app.view is not None
            lines = [line.strip() for line in region_lines(app, app.query_one("#variables"))]
            variables = app.view.variables
            if app.size.height == 32:
                assert len([line for line in lines if line]) == len(variables), lines
                for variable, line in zip(variables, lines, strict=False):
                    assert line.startswith(variable.label[:6]) and f" {variable.value}" in line, line
            else:
                more = re.match(r"\+(\d+) more: ", lines[-1])
                assert more is not None and int(more.group(1)) + len(lines) - 1 == len(variables), lines

        await check_on_screen(app, pilot, squeezed)

    drive(DisplayApp(path), script, (120, 32))
    drive(DisplayApp(path), script, (80, 20))


def test_at_the_end_a_small_screen_shows_the_final_state_whole(tmp_path: Path) -> None:
    """The outcome takes the latest events' rows: every variable and both teams are still there."""
    path = greedy_game(tmp_path / "game.jsonl", 12)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        def whole(lines: list[str]) -> None:
            shown = " ".join(lines)
            assert app.view is not None and app.view.ended and not app.query_one("#events").display
            assert all(team.team in shown for team in app.view.decisions)
            variables = "\n".join(region_lines(app, app.query_one("#variables")))
            assert len([line for line in variables.splitlines() if line.strip()]) == len(app.view.variables)
            assert "more:" not in variables

        await check_on_screen(app, pilot, whole)

    drive(DisplayApp(path), script, SMALL)


LABELS = (
    "Accelerate indigenous strike and missile-defence programmes",
    "Joint declaration on a forward-looking partnership (proposed, unanswered)",
    "Send disaster relief (joint)",
    "Talk",
)


def accounted(text: str, view: PlayersView) -> tuple[set[str], int]:
    """The teams a rendered grid names and how many actions it shows or counts ("+2 more"), the
    actions of teams left over ("+3 more: …") counted as theirs."""
    names = {team.team for team in view.decisions}
    actions = {team.team: len(team.actions) for team in view.decisions}
    named: set[str] = set()
    total = 0
    for line in text.splitlines():
        for cell in (cell.strip() for cell in line.split(GUTTER.strip())):
            if cell in names:
                named.add(cell)
            elif cell.startswith("• "):
                total += 1
            elif more := re.fullmatch(r"\+(\d+) more", cell):
                total += int(more.group(1))
            elif more := re.match(r"\+(\d+) more: ", cell):
                left = [team.team for team in view.decisions][-int(more.group(1)) :]
                named.update(left)
                total += sum(actions[name] for name in left)
            elif (name := cell.partition(": ")[0]) in names:
                named.add(name)
                rest = cell.partition(": ")[2]
                shown, _, count = rest.partition(" +")
                total += (0 if shown == "no action" else shown.count("; ") + 1) + (int(count.split()[0]) if count else 0)
    return named, total


@pytest.mark.parametrize("teams", [1, 2, 3, 5, 8])
def test_decisions_fit_any_room_and_account_for_every_team_and_action(teams: int) -> None:
    """Widths from a phone to a projector, heights from one line up: what is drawn fits, names every
    team (or counts those left over) and shows or counts every action; with room, every action whole."""
    session = Session.new(load(DOCUMENT), 5)
    base = players_view(session)
    decided = tuple(TeamDecisions(name.title(), LABELS[: (index * 3) % 5]) for index, name in enumerate(CROWD[:teams]))
    view = attrs.evolve(base, decisions_turn="Week 1", decisions=decided)
    for width in (30, 40, 76, 116, 160):
        for height in (*range(1, 13), None):
            text = decisions(view, width, height).plain
            lines = text.split("\n")
            assert height is None or len(lines) <= height, (width, height, text)
            assert all(cell_len(line) <= width for line in lines), (width, height, text)
            named, total = accounted(text, view)
            assert named == {team.team for team in decided}, (width, height, text)
            assert total == sum(len(team.actions) for team in decided), (width, height, text)
        full = " ".join(columns_text(decisions(view, width).plain.split("\n")))
        assert all(f"• {label}" in full for team in decided for label in team.actions), full


def test_scenario_text_in_decisions_is_shown_as_written_on_one_line() -> None:
    """Markup in a team's name or an action's label is text, and a newline in it does not break the grid."""
    view = attrs.evolve(
        players_view(Session.new(load(DOCUMENT), 5)),
        decisions_turn="Week 1",
        decisions=(TeamDecisions("[b]Seoul[/b]", ("Send\naid [red]now[/red]",)), TeamDecisions("Tokyo", ())),
    )
    for height in (None, 1):
        text = decisions(view, 100, height).plain
        assert "[b]Seoul[/b]" in text and "Send aid [red]now[/red]" in text


# -- the command line -------------------------------------------------------------------------------


def test_display_needs_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["display", str(tmp_path / "game.jsonl")])
    assert status == 2
    assert "display runs in a terminal" in capsys.readouterr().err


def test_display_of_a_file_that_is_not_a_journal_is_invalid_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = tmp_path / "scenario.json"
    scenario.write_text('{\n  "format": 1\n}\n', encoding="utf-8")
    assert main(["display", str(scenario)]) == 1
    err = capsys.readouterr().err
    assert "not a whitecell journal" in err and "Traceback" not in err
    assert main(["display", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_display_needs_a_journal_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["display"])
    assert exit_info.value.code == 2


def test_display_runs_in_a_terminal_and_quits_with_q(tmp_path: Path) -> None:
    """End to end on a pseudo-terminal: the installed command opens the display on a journal and q ends it."""
    from tests.test_cli_terminal import _run_in_terminal

    write_journal(tmp_path / "game.jsonl", COMMANDS[:8])
    status, output = _run_in_terminal(["display", "game.jsonl"], [b"q"], tmp_path)
    assert status == 0, output
    assert "WEEK 3 OF 4" in output and "Traceback" not in output


# -- the heading beside the turn number -------------------------------------------------------------

LONG_NAMES = [
    f"{day}: the blockade tightens around the island, the shipping lanes through the strait close one after"
    " another, the insurers leave the market and the ports on both sides wait for news of the convoys"
    for day in ("Monday", "Tuesday")
]
"""Turn names too long for the two lines a name may take at 80 columns (and for one at 120)."""


def _long_names(path: Path) -> Path:
    """A journal of Strait Week with long names for its days, just opened."""
    document = dict(resolve_scenario("strait-week").document)
    document["turns"] = {**document["turns"], "names": LONG_NAMES + document["turns"]["names"][2:]}
    Session.new(load(document), 3, path, clock=clock).close()
    return path


def _timed(path: Path) -> Path:
    """The default in March with the console's decision timer paused: its clock takes the heading's right."""
    from tui.decision_timer import DecisionTimer, save_timer

    greedy_game(path, 2)
    save_timer(path, DecisionTimer(10, 3, None, 270.0))
    return path


def _whole_or_cut_after_a_word(part: str, shown: str) -> None:
    """A part of the heading (the turn's name, the phase, the title) is shown whole, cut after a whole
    word and marked "…", or left out; never cut inside a word, never cut short without the mark."""
    words = part.split()
    if words[0] not in shown:
        return  # left out
    if " ".join(words) in shown:
        return
    cuts = [" ".join(words[:count]) + "…" for count in range(1, len(words))]
    assert any(cut in shown for cut in cuts), f"{part!r} is cut without a mark or inside a word in {shown!r}"


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("game", ["march", "timed", "ended", "long-names"])
def test_the_heading_shows_the_turn_and_its_date_whole_and_cuts_no_word(tmp_path: Path, size: tuple[int, int], game: str) -> None:
    """The turn and its date or name come first and show whole (a long name wraps, and what cannot fit
    ends in "…"); the phase and the scenario's title give way to them, the title first. At 80x24 the
    title had been cut at any word ("…Seoul–Tokyo 2026: Managing a"), and a name over more lines lost its
    last ones unmarked."""
    path = tmp_path / "game.jsonl"
    journal = {
        "march": lambda: greedy_game(path, 2),
        "timed": lambda: _timed(path),
        "ended": lambda: greedy_game(path, 12),
        "long-names": lambda: _long_names(path),
    }[game]()

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: app.view is not None)
        view = app.view
        assert view is not None and app.scenario is not None
        phase = app.scenario.phase_at(view.turn)

        def check() -> None:
            lines = [line.rstrip() for line in region_lines(app, app.query_one("#turn-text"))]
            shown = " ".join(" ".join(lines).split())
            assert lines[0].split("  ·  ")[0] == view.turn_label.upper()
            assert ("ENDED" in lines[0]) == view.ended
            assert view.turn_name is not None
            if game == "long-names":
                assert shown.startswith(f"{view.turn_label.upper()} {view.turn_name.split(',')[0]}")
            else:
                assert lines[1].strip() == view.turn_name, "the date shows whole, on its own line"
            for part in (view.turn_name, phase.title if phase is not None and not view.ended else "", view.title):
                if part:
                    _whole_or_cut_after_a_word(part, shown)

        await until_holds(pilot, check)

    drive(DisplayApp(journal), script, size)


def test_a_poll_while_the_display_closes_draws_nothing_and_does_not_fail(tmp_path: Path) -> None:
    """The poll timer can tick while the app closes, its widgets already gone (seen once under load,
    as the followed session ended): the tick must do nothing rather than crash the closing app."""
    path = tmp_path / "live.jsonl"
    new_session(path).close()
    app = DisplayApp(path, poll_seconds=60)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await app.screen.remove_children()
        app.status = None  # so the poll would have a status to show
        app.poll()

    drive(app, script)
