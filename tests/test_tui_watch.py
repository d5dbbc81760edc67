"""Live reload in the console: the file watcher on its own, `play FILE --watch` through Pilot, and its usage errors."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

import scenarios
import tui.live_reload
import tui.watch
from engine.core.commands import AddNote, Resolve, SubmitOrders
from engine.core.events import Changed
from engine.journal.reader import read_journal
from engine.journal.session import Session
from engine.load.loader import load_scenario_text
from tests.helpers import SMALL, WIDE, current, drive, keys, notifications, screen_text, session_of
from tests.test_cli_terminal import _run_in_terminal
from tui.app import WhitecellApp, make_app
from tui.launch import Launch, open_session
from tui.main import main
from tui.screens.dialogs import NoteScreen
from tui.screens.play import PlayScreen
from tui.screens.summary import AdjudicationScreen
from tui.watch import Broken, Loaded, ScenarioWatcher
from tui.widgets.problems import ProblemsPanel

ORIGINAL = (Path(scenarios.__file__).parent / "missile-crisis.json").read_text(encoding="utf-8")
BROKEN_TEXT = ORIGINAL.replace('"id": "public-information",', '"id": "public-information",,')
"""A syntax error: a second comma at line 289, column 34."""


def edited(edit: Any) -> str:
    """The missile crisis with ``edit(document)`` applied, as an author's editor would save it."""
    document = json.loads(ORIGINAL)
    edit(document)
    return json.dumps(document, indent=2, ensure_ascii=False)


def louder_information(document: dict[str, Any]) -> None:
    action = next(a for a in document["actions"] if a["id"] == "public-information")
    action["effects"] = [{"add": {"public-confidence": 9}}]


def without_warning_data(document: dict[str, Any]) -> None:
    louder_information(document)
    document["actions"] = [a for a in document["actions"] if a["id"] != "share-warning-data"]
    for shock in document["shocks"]:  # and the facilitator's list of what players are expected to do
        if "expectedActions" in shock:
            shock["expectedActions"] = [a for a in shock["expectedActions"] if a != "share-warning-data"]


def information_effects(session: Session) -> list[int]:
    """What public information did to public confidence in each turn the session resolved (a value
    after the turn would also carry the drift, which stops at its target)."""
    return [
        event.requested
        for applied in session.history
        for event in applied.events
        if isinstance(event, Changed) and event.cause.kind == "action" and event.cause.id == "public-information"
    ]


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


# -- the watcher on its own ------------------------------------------------------------------


@pytest.fixture
def watched(tmp_path: Path) -> tuple[Path, ScenarioWatcher]:
    path = tmp_path / "crisis.json"
    save(path, ORIGINAL)
    return path, ScenarioWatcher(path)


def test_nothing_is_reported_while_the_file_stays_the_same(watched: tuple[Path, ScenarioWatcher]) -> None:
    _, watcher = watched
    assert [watcher.poll() for _ in range(4)] == [None] * 4


def test_a_change_is_reported_once_it_has_settled_and_only_once(watched: tuple[Path, ScenarioWatcher]) -> None:
    path, watcher = watched
    save(path, edited(louder_information))
    assert watcher.poll() is None, "the first poll after a change waits one interval for the writing to end"
    change = watcher.poll()
    assert isinstance(change, Loaded)
    action = next(a for a in change.scenario.document["actions"] if a["id"] == "public-information")
    assert action["effects"] == [{"add": {"public-confidence": 9}}]
    assert [watcher.poll() for _ in range(3)] == [None] * 3


def test_a_file_still_being_written_is_not_loaded_half_done(watched: tuple[Path, ScenarioWatcher]) -> None:
    path, watcher = watched
    full = edited(louder_information)
    save(path, full[: len(full) // 2])
    assert watcher.poll() is None
    save(path, full)
    assert watcher.poll() is None, "the content moved since the last poll: still settling"
    assert isinstance(watcher.poll(), Loaded)


def test_touching_the_file_or_saving_the_same_bytes_is_no_change(watched: tuple[Path, ScenarioWatcher]) -> None:
    path, watcher = watched
    os.utime(path, ns=(time.time_ns(), time.time_ns()))
    assert [watcher.poll() for _ in range(3)] == [None] * 3
    save(path, ORIGINAL)
    assert [watcher.poll() for _ in range(3)] == [None] * 3


def test_going_back_to_the_last_content_before_it_settles_is_no_change(watched: tuple[Path, ScenarioWatcher]) -> None:
    path, watcher = watched
    save(path, BROKEN_TEXT)
    assert watcher.poll() is None
    save(path, ORIGINAL)
    assert [watcher.poll() for _ in range(3)] == [None] * 3


def test_a_broken_file_reports_every_problem_at_its_line_and_column(watched: tuple[Path, ScenarioWatcher]) -> None:
    path, watcher = watched
    save(path, BROKEN_TEXT)
    watcher.poll()
    change = watcher.poll()
    assert isinstance(change, Broken)
    assert [(d.file, d.line, d.column, d.code) for d in change.diagnostics] == [(str(path), 289, 34, "syntax")]

    def two_mistakes(document: dict[str, Any]) -> None:
        document["actions"][0]["effects"] = [{"add": {"nope": 1}}]
        document["shocks"][0]["trigger"] = {"atTurn": 99}

    text = edited(two_mistakes)
    save(path, text)
    watcher.poll()
    change = watcher.poll()
    assert isinstance(change, Broken)
    lines = text.splitlines()
    assert [(d.line, d.pointer) for d in change.diagnostics] == [
        (next(n for n, line in enumerate(lines, 1) if '"nope"' in line), "/actions/0/effects/0/add/nope"),
        (next(n for n, line in enumerate(lines, 1) if '"atTurn": 99' in line), "/shocks/0/trigger/atTurn"),
    ]
    save(path, ORIGINAL)
    watcher.poll()
    assert isinstance(watcher.poll(), Loaded), "fixed again: the good content is reported, though it was seen before"


def test_a_file_that_goes_away_is_broken_until_it_comes_back(watched: tuple[Path, ScenarioWatcher]) -> None:
    path, watcher = watched
    path.unlink()
    assert watcher.poll() is None
    change = watcher.poll()
    assert isinstance(change, Broken) and change.diagnostics[0].code == "no-such-file"
    save(path, ORIGINAL)
    watcher.poll()
    assert isinstance(watcher.poll(), Loaded)


def test_an_old_unchanged_file_costs_a_stat_and_no_read(
    watched: tuple[Path, ScenarioWatcher], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = watched
    past = time.time_ns() - 60 * 10**9
    os.utime(path, ns=(past, past))
    watcher = ScenarioWatcher(path)
    reads: list[Path] = []
    digest = tui.watch._content_digest

    def counted(path: Path) -> str | None:
        reads.append(path)
        return digest(path)

    monkeypatch.setattr(tui.watch, "_content_digest", counted)
    for _ in range(5):
        assert watcher.poll() is None
    assert reads == []
    save(path, edited(louder_information))
    watcher.poll()
    assert reads == [path]


# -- play FILE --watch in the console ------------------------------------------------------


def watched_app(folder: Path, monkeypatch: pytest.MonkeyPatch) -> WhitecellApp:
    """The console as `whitecell play crisis.json --watch --seed 7 --journal game.jsonl` opens it in
    ``folder`` (made the working folder), on ``crisis.json`` saved there with the original rules."""
    monkeypatch.chdir(folder)
    save(folder / "crisis.json", ORIGINAL)
    launch = Launch(scenario="crisis.json", seed=7, journal=Path("game.jsonl"), folder=folder, watch=True)
    session, recovery = open_session(launch)
    return make_app(launch, session=session, recovery=recovery, blink=False)


async def settle(app: WhitecellApp, pilot: Pilot[None]) -> None:
    """Two polls, as the app's timer makes each half second: a saved file is seen, then acted on."""
    assert app.live_reload is not None
    await app.live_reload.poll()
    await app.live_reload.poll()
    await pilot.pause()


def panel(app: WhitecellApp) -> ProblemsPanel:
    return app.screen.query_one(ProblemsPanel)


def fresh_state_digest(text: str, commands: list[Any]) -> str:
    """The digest a brand-new session on these rules reaches with these commands."""
    session = Session.new(load_scenario_text(text, "crisis.json"), 7)
    for command in commands:
        session.apply(command)
    return session.digest()


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_the_console_follows_the_file_through_a_mistake_a_fix_and_a_removal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    app = watched_app(tmp_path, monkeypatch)
    scenario_file = tmp_path / "crisis.json"
    first = session_of(app)
    turn_one = [SubmitOrders("seoul", ("public-information",)), SubmitOrders("tokyo", ("share-warning-data",)), Resolve()]

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")  # past the briefing
        assert isinstance(current(app), PlayScreen)
        assert not panel(app).has_class("shown")
        app.submit(turn_one[0])
        app.submit(turn_one[1])
        await keys(pilot, "r")
        assert isinstance(current(app), AdjudicationScreen)
        await keys(pilot, "enter")

        # A syntax error: the problems are listed, the game goes on on the last good rules.
        save(scenario_file, BROKEN_TEXT)
        await settle(app, pilot)
        assert session_of(app) is first
        shown = panel(app)
        assert shown.has_class("shown") and shown.has_class("broken")
        assert str(shown.border_title).startswith("Scenario broken — fix the file")
        assert shown.notice is not None
        assert shown.notice.lines == (
            "crisis.json:289:34: error: /actions/5: expected a property name in double quotes, found ',' [syntax]",
        )
        text = screen_text(app)
        assert "Scenario broken — fix the file" in text
        assert "crisis.json:289:34:" in text
        assert any("Scenario broken" in note for note in notifications(app))
        app.submit(AddNote("observation", "still playing"))
        assert first.history[-1].command == AddNote("observation", "still playing"), "the game stays usable"
        assert first.path == Path("game.jsonl")

        # Fixed, with public information now worth 9: the game is played again on the new rules.
        louder = edited(louder_information)
        save(scenario_file, louder)
        await settle(app, pilot)
        second = session_of(app)
        assert second is not first
        assert second.path == Path("game-r2.jsonl")
        assert isinstance(current(app), PlayScreen) and current(app).session is second  # type: ignore[attr-defined]
        assert not panel(app).has_class("shown")
        replayed = [*turn_one, AddNote("observation", "still playing")]
        assert [applied.command for applied in second.history] == replayed
        assert second.digest() == fresh_state_digest(louder, replayed)
        assert information_effects(first) == [4] and information_effects(second) == [9], "turn 1 replayed on the new rules"
        header = read_journal(tmp_path / "game-r2.jsonl").header
        assert header["forkedFrom"]["journal"] == "game.jsonl"
        assert header["forkedFrom"]["line"] == len(first.records) + 1
        assert any("Scenario reloaded" in note and "game-r2.jsonl" in note for note in notifications(app))

        # Tokyo's ordered action is gone: its orders are skipped and reported, the rest kept.
        save(scenario_file, edited(without_warning_data))
        await settle(app, pilot)
        third = session_of(app)
        assert third.path == Path("game-r3.jsonl")
        assert [applied.command for applied in third.history] == [turn_one[0], turn_one[2], replayed[3]]
        report = panel(app)
        assert report.has_class("shown") and not report.has_class("broken")
        assert report.notice is not None
        assert report.notice.lines[:3] == (
            "Now journaled in game-r3.jsonl (game-r2.jsonl is kept as it was).",
            "3 commands played again on the new rules.",
            "1 no longer applies and was skipped:",
        )
        assert report.notice.lines[3].startswith("  line 3 (turn 1): Tokyo's orders: Share missile-warning data — ")
        assert "share-warning-data" in report.notice.lines[3]
        assert any("commands skipped" in note and "Share missile-warning data" in note for note in notifications(app))
        assert "line 3 (turn 1): Tokyo's orders" in screen_text(app)

    drive(app, script, size)
    assert read_journal(tmp_path / "game.jsonl").header.get("forkedFrom") is None
    assert [path.name for path in sorted(tmp_path.glob("game*.jsonl"))] == ["game-r2.jsonl", "game-r3.jsonl", "game.jsonl"]


def test_the_app_polls_the_file_by_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test hook: the interval timer notices a save within a second or two."""
    app = watched_app(tmp_path, monkeypatch)
    scenario_file = tmp_path / "crisis.json"
    first = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        save(scenario_file, edited(louder_information))
        deadline = time.monotonic() + 15
        while app.session is first and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert session_of(app).path == Path("game-r2.jsonl")

    drive(app, script, WIDE)


def test_saving_the_rules_of_the_game_in_progress_again_clears_the_problems_without_a_new_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = watched_app(tmp_path, monkeypatch)
    scenario_file = tmp_path / "crisis.json"
    first = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        save(scenario_file, BROKEN_TEXT)
        await settle(app, pilot)
        assert panel(app).has_class("shown")
        save(scenario_file, json.dumps(json.loads(ORIGINAL)))  # the same rules, laid out differently
        await settle(app, pilot)
        assert session_of(app) is first
        assert not panel(app).has_class("shown")
        assert any("Scenario fixed" in note for note in notifications(app))

    drive(app, script, SMALL)
    assert [path.name for path in tmp_path.glob("game*.jsonl")] == ["game.jsonl"]


def test_new_rules_wait_for_an_open_dialog_to_close(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note half typed is not lost to a save: the reload happens once the dialog is gone."""
    app = watched_app(tmp_path, monkeypatch)
    scenario_file = tmp_path / "crisis.json"
    first = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "n")
        assert isinstance(current(app), NoteScreen)
        save(scenario_file, edited(louder_information))
        await settle(app, pilot)
        await settle(app, pilot)
        assert session_of(app) is first
        assert isinstance(current(app), NoteScreen)
        assert any("reloads when this dialog closes" in note for note in notifications(app))
        await keys(pilot, "escape")
        assert isinstance(current(app), PlayScreen)
        await settle(app, pilot)
        assert session_of(app).path == Path("game-r2.jsonl")

    drive(app, script, SMALL)


def test_an_unexpected_error_in_a_reload_is_a_notification_not_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = watched_app(tmp_path, monkeypatch)
    scenario_file = tmp_path / "crisis.json"
    first = session_of(app)

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(tui.live_reload, "reload_session", failing)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        save(scenario_file, edited(louder_information))
        await settle(app, pilot)
        assert session_of(app) is first
        assert isinstance(current(app), PlayScreen)
        assert any("Reload failed" in note and "disk on fire" in note for note in notifications(app))
        first.apply(AddNote("observation", "still here"))

    drive(app, script, WIDE)


# -- the command line ------------------------------------------------------------------------


def test_play_watch_in_a_terminal_reloads_and_says_where_the_new_journal_is(tmp_path: Path) -> None:
    """The whole command on a pseudo-terminal: a save while the console runs moves the game to game-r2.jsonl."""
    scenario_file = tmp_path / "crisis.json"
    save(scenario_file, ORIGINAL)
    # Saved a second after the briefing is closed; then five pauses of 1.5 s give the timer time to see it.
    saving = threading.Timer(5.5, save, (scenario_file, edited(louder_information)))
    saving.start()
    try:
        status, output = _run_in_terminal(
            ["play", "crisis.json", "--watch", "--seed", "3", "--journal", "game.jsonl"],
            [b"\r", *[b""] * 5, b"q", b"y"],
            tmp_path,
        )
    finally:
        saving.cancel()
    assert status == 0, output
    assert "Traceback" not in output
    assert "The session is saved in its journal: game-r2.jsonl" in output
    assert read_journal(tmp_path / "game-r2.jsonl").header["forkedFrom"]["journal"] == "game.jsonl"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["play", "missile-crisis", "--watch"], "'missile-crisis' is a bundled scenario"),
        (["play", "--watch"], "--watch needs the scenario FILE to watch"),
        (["play", "--resume", "game.jsonl", "--watch"], "--resume plays the copy of the scenario its journal holds"),
    ],
)
def test_watch_without_a_file_to_watch_is_bad_usage(
    args: list[str], needle: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    captured = capsys.readouterr()
    assert needle in captured.err
    assert "error:" in captured.err
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_watch_of_a_missing_file_is_invalid_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["play", "mine.json", "--watch"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_watch_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["play", "--help"])
    assert "--watch" in capsys.readouterr().out
