"""The replay screen, forks from it, and the report screen, driven with Textual's Pilot.

The state shown at each step is checked against a session built independently (a fresh game
given the journal's first k commands), through the widgets' own data, not their text.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from engine.audience.console import role_views, variable_views
from engine.core.commands import Resolve, SubmitOrders
from engine.documents.report import build_report, render_html, render_markdown
from engine.journal.format import Settings
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.journal.timeline import load_steps
from engine.prose.turns import turn_heading
from tests.helpers import SMALL, WIDE, current, drive, load, notifications, replay_app, screen_text
from tests.journals import COMMANDS, DOCUMENT, NOTE, clock, played, scenario, write_journal
from tui.app import WhitecellApp, make_app
from tui.launch import Launch
from tui.main import main as tui_main
from tui.screens.dialogs import ConfirmScreen
from tui.screens.end import EndScreen
from tui.screens.play import PlayScreen
from tui.screens.replay import ForkDialog, ReplayScreen, TurnDialog
from tui.screens.report import ReportScreen
from tui.widgets.header import GameHeader
from tui.widgets.orders import RolePanel
from tui.widgets.timeline import Timeline
from tui.widgets.variables import VariablesPanel

LAST = len(COMMANDS)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "game.jsonl"
    write_journal(path)
    return path


def replay_screen(app: WhitecellApp) -> ReplayScreen:
    screen = app.screen
    assert isinstance(screen, ReplayScreen)
    return screen


def assert_shows(app: WhitecellApp, number: int) -> None:
    """The screen is at step ``number`` and its widgets hold exactly that step's state."""
    screen = replay_screen(app)
    expected = played(number)
    assert screen.current == number
    assert screen.steps.session_at(number).state == expected.state
    assert list(screen.query_one(VariablesPanel).views) == variable_views(expected)
    for view in role_views(expected):
        assert screen.query_one(f"#role-{view.id}", RolePanel).view == view
    assert screen.query_one(GameHeader).turn == turn_heading(expected.scenario.turns, expected.state.turn)
    timeline = screen.query_one(Timeline)
    assert timeline.highlighted == timeline.row_of_step[number]


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["wide", "small"])
def test_stepping_through_the_whole_game_forwards_and_backwards(journal: Path, size: tuple[int, int]) -> None:
    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert_shows(app, LAST)  # a journal opens at its end
        await pilot.press("home")
        assert_shows(app, 0)
        for number in range(1, LAST + 1):
            await pilot.press("right")
            assert_shows(app, number)
        await pilot.press("right")  # nothing after the end
        assert_shows(app, LAST)
        for number in range(LAST - 1, -1, -1):
            await pilot.press("left")
            assert_shows(app, number)
        await pilot.press("left")
        assert_shows(app, 0)
        await pilot.press("end")
        assert_shows(app, LAST)

    drive(replay_app(journal), script, size)


def test_the_timeline_lists_every_line_and_marks_what_was_undone(journal: Path) -> None:
    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        timeline = replay_screen(app).query_one(Timeline)
        rows = [timeline.get_option_at_index(i).prompt for i in range(timeline.option_count)]
        steps = [str(timeline.get_option_at_index(row).prompt) for row in timeline.row_of_step]
        assert len(steps) == LAST + 1
        assert "undone at line 5, redone at line 6" in steps[3]  # line 4: Tokyo's orders
        assert "undone at line 10" in steps[8]  # line 9: a resolution taken back
        assert "Undone: resolve the turn" in steps[9]
        assert "Redone: Tokyo's orders" in steps[5]
        headings = [str(row) for row in rows if str(row).startswith("──")]
        assert headings[0] == f"── {turn_heading(scenario().turns, 1)} ──"
        assert len(headings) >= 3
        await pilot.press("home")
        await pilot.click(Timeline, offset=(10, timeline.row_of_step[1] + 1))  # rows above it are one line each
        await pilot.pause()
        assert replay_screen(app).current == 1

    drive(replay_app(journal), script)


def test_the_step_panel_says_what_happened_and_what_moved(journal: Path) -> None:
    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("home", *["right"] * 10)  # line 11: the facilitator sets trust to 40
        text = str(replay_screen(app).query_one("#changes", Static).content)
        assert "Line 11 · set Trust to 40 (the room felt it)" in text
        before = played(9).state.values[0]
        assert f"Trust {before} → 40 (−{before - 40}): facilitator: the room felt it" in text
        assert text.endswith(f"Difference from the step before\n  Trust {before} → 40 (−{before - 40})")

    drive(replay_app(journal), script)


def test_t_jumps_to_the_opening_of_a_turn(journal: Path) -> None:
    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("t")
        assert isinstance(current(app), TurnDialog)
        await pilot.press("2", "enter")
        screen = replay_screen(app)
        assert screen.current == screen.steps.first_in_turn(2) == 6  # line 7 resolved week 1
        await pilot.press("t", "9", "enter")  # not a turn of this scenario: the dialog stays
        assert isinstance(current(app), TurnDialog)
        await pilot.press("escape")
        assert replay_screen(app).current == 6

    drive(replay_app(journal), script)


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["wide", "small"])
def test_fork_at_a_middle_turn_and_play_on(journal: Path, size: tuple[int, int]) -> None:
    target = journal.with_name("game-fork-L7.jsonl")

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("t", "2", "enter", "f")
        dialog = current(app)
        assert isinstance(dialog, ForkDialog)
        await pilot.press("enter")  # the offered name, next to the journal
        assert isinstance(current(app), PlayScreen)
        session = app.session
        assert session is not None and session.path == target
        assert session.header["forkedFrom"]["line"] == 7
        assert session.header["forkedFrom"]["digest"] == played(6).digest()
        assert session.records[5].digest == played(6).digest()  # then the bot (Tokyo) entered its orders
        app.submit(SubmitOrders("seoul", ("talk",)))
        await pilot.press("r")  # Tokyo (a bot) has orders already; the turn resolves
        await pilot.pause()
        assert session.state.turn == 3

    drive(replay_app(journal), script, size)
    lines = [json.loads(text) for text in target.read_text(encoding="utf-8").splitlines()]
    source = [json.loads(text) for text in journal.read_text(encoding="utf-8").splitlines()]
    assert [line["digest"] for line in lines[1:7]] == [line["digest"] for line in source[1:7]]
    assert [line["command"]["command"] for line in lines[7:]] == ["orders", "orders", "resolve", "orders"]  # the bot's last
    replayed, problems = Session.replay(open_journal(target))
    assert problems == [] and replayed.state.turn == 3


def test_a_fork_never_overwrites_a_file(journal: Path) -> None:
    taken = journal.with_name("game-fork-L16.jsonl")
    taken.write_text("keep me\n", encoding="utf-8")

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("f")
        await pilot.pause()  # under load the dialog may mount after the key is handled
        dialog = current(app)
        assert isinstance(dialog, ForkDialog)
        assert dialog.where == journal.with_name("game-fork-L16-2.jsonl")  # a fresh name is offered
        field = dialog.query_one("#path")
        field.value = str(taken)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(current(app), ReplayScreen)
        # The refusal is a notification: asked of the app's list, which a loaded machine has not always drawn yet.
        assert any("never overwritten" in text for text in notifications(app))
        assert app.session is None

    drive(replay_app(journal), script)
    assert taken.read_text(encoding="utf-8") == "keep me\n"


def tamper(path: Path, line: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[line - 1])
    data["digest"] = "0" * 64
    lines[line - 1] = json.dumps(data, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_tampered_journal_opens_at_its_last_good_step_and_shows_the_bad_line(journal: Path) -> None:
    tamper(journal, 8)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        screen = replay_screen(app)
        assert screen.current == screen.steps.last == 6  # line 7, the last that replays
        assert_shows(app, 6)
        assert "Stops replaying at line 8: digest mismatch" in screen_text(app)
        await pilot.press("v")
        text = screen_text(app)
        assert "Not verified: line 8: digest mismatch" in text

    drive(replay_app(journal), script)


def test_verify_says_a_good_journal_replays_exactly(journal: Path) -> None:
    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert "press v to verify" in screen_text(app)
        await pilot.press("v")
        assert f"Verified: the header and {LAST} commands replay exactly" in screen_text(app)
        tamper(journal, 12)  # changed on disk while open: v tells at once
        await pilot.press("v")
        assert "Not verified: line 12" in screen_text(app)

    drive(replay_app(journal), script)


def test_the_report_screen_shows_the_report_and_writes_it_without_overwriting_silently(journal: Path) -> None:
    markdown = journal.with_name("game-report.md")
    html = journal.with_name("game-report.html")
    expected = build_report(load_steps(journal).session)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("o")
        assert isinstance(current(app), ReportScreen)
        assert "After-action report" in screen_text(app)
        await pilot.press("m", "w")
        assert markdown.read_text(encoding="utf-8") == render_markdown(expected)
        assert html.read_text(encoding="utf-8") == render_html(expected)
        markdown.write_text("edited by hand\n", encoding="utf-8")
        await pilot.press("m")
        assert isinstance(current(app), ConfirmScreen)
        await pilot.press("n")
        assert markdown.read_text(encoding="utf-8") == "edited by hand\n"
        await pilot.press("m", "y")
        assert markdown.read_text(encoding="utf-8") == render_markdown(expected)
        await pilot.press("q")
        assert isinstance(current(app), ReplayScreen)
        await pilot.press("q")
        await pilot.pause()

    drive(replay_app(journal), script)


def test_the_end_screen_of_a_live_game_opens_the_report(tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl"
    session = Session.new(scenario(), 3, path, clock=clock)
    for _ in range(4):
        session.apply(Resolve())
    session.close()
    resumed, recovery = Session.resume(path, clock=clock)
    app = make_app(Launch(resume=path, folder=tmp_path), session=resumed, recovery=recovery, blink=False)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert isinstance(current(app), EndScreen)
        await pilot.press("o")
        assert isinstance(current(app), ReportScreen)
        await pilot.press("m")
        await pilot.press("escape")
        assert isinstance(current(app), EndScreen)

    drive(app, script)
    assert tmp_path.joinpath("live-report.md").read_text(encoding="utf-8") == render_markdown(build_report(resumed))


def test_replay_without_a_terminal_prints_the_text_form(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tui_main(["replay", str(journal)]) == 0
    assert "Harbour Talks" in capsys.readouterr().out
    assert tui_main(["replay", "--verify", str(journal)]) == 0
    assert "verified" in capsys.readouterr().out


def test_replay_in_a_terminal_reports_an_unusable_journal_before_opening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.main

    monkeypatch.setattr(tui.main, "_needs_terminal", lambda: False)
    assert tui_main(["replay", str(tmp_path / "missing.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_a_journal_with_only_its_header_opens_at_the_opening_and_forks_from_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    write_journal(path, commands=())

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert_shows(app, 0)
        await pilot.press("right", "left", "end", "home")
        assert_shows(app, 0)
        await pilot.press("f", "enter")
        assert isinstance(current(app), PlayScreen)
        session = app.session
        assert session is not None and session.header["forkedFrom"]["line"] == 1

    drive(replay_app(path), script)


def test_a_line_cut_off_by_a_crash_is_mentioned(journal: Path) -> None:
    with journal.open("ab") as handle:
        handle.write(b'{"n":16,"at":"2026-03-01T09:00:00Z","tur')

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert_shows(app, LAST)
        assert "line 17 was cut off by a crash and is left out" in screen_text(app)

    drive(replay_app(journal), script)


def test_h_hides_the_choices_the_notes_and_what_only_the_facilitator_sees(tmp_path: Path) -> None:
    """The play screen's h, on the replay screen for a hotwash on the projector; h again shows everything."""
    document = copy.deepcopy(DOCUMENT)
    document["variables"][0]["visibility"] = "facilitator"  # trust: what the white cell alone watches
    path = tmp_path / "game.jsonl"
    session = Session.new(load(document), 5, path, clock=clock, settings=Settings(bots=(("tokyo", "greedy"),)))
    for command in COMMANDS:
        session.apply(command)
    session.close()

    def changes(app: WhitecellApp) -> str:
        return str(replay_screen(app).query_one("#changes", Static).content)

    def hidden(app: WhitecellApp) -> bool:
        """The app's toggle (a function, so that mypy does not carry one assertion on it past the next key)."""
        return app.masked

    def rows(app: WhitecellApp) -> list[str]:
        timeline = replay_screen(app).query_one(Timeline)
        return [str(timeline.get_option_at_index(row).prompt) for row in timeline.row_of_step]

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await pilot.press("home", *["right"] * 10)  # line 11: the facilitator sets trust to 40
        screen = replay_screen(app)
        assert "trust" in [view.id for view in screen.query_one(VariablesPanel).views]
        assert "set Trust to 40 (the room felt it)" in changes(app) and "Trust ◆ " in changes(app)
        assert "Consult early." in rows(app)[13]
        await pilot.press("h")
        assert hidden(app) and screen.masked and screen.query_one(GameHeader).hidden
        assert screen.current == 10
        assert "trust" not in [view.id for view in screen.query_one(VariablesPanel).views]
        assert all(panel.masked for panel in screen.query(RolePanel))
        text = changes(app)
        assert "Line 11 · a white cell command (hidden)" in text and "Trust" not in text
        assert "40" not in text.replace("Line 11", "") and "the room felt it" not in text
        assert text.endswith("Difference from the step before\n  No number moved.")
        shown = rows(app)
        assert "note (observation) (hidden)" in shown[1] and NOTE not in shown[1]
        assert "Tokyo's orders (hidden)" in shown[3] and "Summit" not in shown[3]
        assert "Undone: Tokyo's orders (hidden)" in shown[4]
        assert "Redone: Tokyo's orders (hidden)" in shown[5]
        assert "note (lesson) (hidden)" in shown[13]
        assert "Consult early." not in screen_text(app)
        await pilot.press("home", "right")  # line 2: the first note
        assert "Note (observation) (hidden)" in changes(app) and NOTE not in changes(app)
        await pilot.press("h")
        assert not hidden(app) and not screen.query_one(GameHeader).hidden
        assert NOTE in changes(app)
        assert "trust" in [view.id for view in screen.query_one(VariablesPanel).views]
        assert rows(app)[13].endswith("note (lesson): Consult early.")

    drive(replay_app(path), script)
