"""The decision timer (issue 12): paused, extended and reset from the console, shown on the
projector, kept across an undo and a resume; the console's elapsed-time clock; and the projector
saying when a resolution was taken back."""

from __future__ import annotations

import json
import re
from pathlib import Path

from textual.pilot import Pilot

from engine.core.commands import Resolve, Undo
from engine.journal.format import Settings
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import drive, keys, notifications, screen_text, session_of, until
from tests.test_display import drive as drive_display
from tests.test_display import screen_text as display_text
from tests.test_tui_play import resumed_app
from tui.app import WhitecellApp, make_app
from tui.decision_timer import DecisionTimer, clock_text, load_timer, save_timer, timer_path
from tui.display import DisplayApp
from tui.launch import Launch, open_session


def test_each_turn_has_its_countdown_and_an_undo_brings_the_old_one_back() -> None:
    timer = DecisionTimer(10)
    assert timer.follow(1, now=0.0) and timer.left(60.0) == 540.0
    assert timer.pause(60.0) and timer.left(500.0) == 540.0, "paused: the time left stands still"
    assert not timer.pause(500.0) and timer.left(540.0) == 500.0
    timer.extend(60, now=540.0)
    assert timer.left(540.0) == 560.0
    assert timer.follow(2, now=600.0) and timer.left(600.0) == 600.0, "a new turn: the full length"
    timer.pause(700.0)
    assert timer.follow(1, now=800.0), "an undo back to turn 1"
    assert timer.left(800.0) == 500.0 and timer.paused is None, "turn 1 as it was left: 500 s, running"
    assert not timer.follow(1, now=801.0)


def test_more_time_after_the_time_is_up_counts_from_now() -> None:
    timer = DecisionTimer(1)
    timer.follow(1, now=0.0)
    assert timer.left(100.0) == 0.0
    timer.extend(60, now=100.0)
    assert timer.left(100.0) == 60.0
    timer.reset(130.0)
    assert timer.left(130.0) == 60.0
    assert clock_text(61) == "01:01" and clock_text(3725) == "1:02:05" and clock_text(-3) == "00:00"


def test_a_timer_file_that_is_not_one_is_ignored(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"
    good = {"format": "whitecell-timer", "minutes": 5, "turn": 2, "ends": None, "paused": 30.0}
    timer_path(journal).write_text(json.dumps(good))
    assert load_timer(journal) == DecisionTimer(5, 2, None, 30.0)
    for change in ({"ends": 10.0}, {"paused": None}, {"minutes": 0}, {"turn": True}, {"paused": -1}, {"format": "x"}):
        timer_path(journal).write_text(json.dumps({**good, **change}))
        assert load_timer(journal) is None, change
    timer_path(journal).write_text('{"format": "whitecell-timer", "minutes": 5, "turn": 1, "ends": NaN, "paused": null}')
    assert load_timer(journal) is None


def timed_app(folder: Path) -> WhitecellApp:
    launch = Launch(scenario="seoul-tokyo-2026", seed=7, journal=folder / "game.jsonl", folder=folder, timer_minutes=10)
    session, recovery = open_session(launch)
    return make_app(launch, session=session, recovery=recovery, blink=False)


def header(app: WhitecellApp) -> str:
    return screen_text(app).splitlines()[0]


def test_the_timer_keys_pause_extend_and_reset_and_the_header_says_so(tmp_path: Path) -> None:
    app = timed_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await until(pilot, lambda: "⏱" in header(app))
        assert re.search(r"⏱ (10:00|09:\d\d)", header(app)), header(app)
        assert "◷ 0:00" in header(app), "the session's clock"
        await keys(pilot, "t")
        await until(pilot, lambda: "paused" in header(app))
        kept = load_timer(tmp_path / "game.jsonl")
        assert kept is not None and kept.paused is not None, "the projector is told at once"
        assert app.timekeeper is not None and app.timekeeper.timer is not None
        paused = app.timekeeper.timer.left(0.0)
        await keys(pilot, "plus", "greater_than_sign")
        assert app.timekeeper.timer.left(0.0) == paused + 360, "paused: 1 and 5 minutes more, exactly"
        await keys(pilot, "T")
        assert app.timekeeper.timer.left(0.0) == 600.0
        assert [note for note in notifications(app) if note.startswith("Timer")][-1] == "Timer: Timer back to 10:00."

    drive(app, script)


def test_without_a_timer_the_keys_say_there_is_none(tmp_path: Path) -> None:
    from tests.test_tui_play import new_app

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "t")
        assert any("No decision timer" in note for note in notifications(app))
        assert "⏱" not in screen_text(app)

    drive(new_app(tmp_path), script)


def test_an_undo_of_a_resolution_brings_back_the_turns_time_and_a_resume_keeps_the_countdown(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    app = timed_app(tmp_path)
    kept: list[float] = []

    async def play(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "t", "greater_than_sign")  # turn 1: paused with about 15 minutes
        assert app.timekeeper is not None and app.timekeeper.timer is not None
        left = app.timekeeper.timer.paused
        assert left is not None and left > 14 * 60
        kept.append(left)
        await keys(pilot, "r", "y", "enter")
        await pilot.pause(1.1)
        assert app.timekeeper.timer.turn == 2 and app.timekeeper.timer.paused is None
        await keys(pilot, "u", "y")
        await pilot.pause(1.1)
        timer = app.timekeeper.timer
        assert session_of(app).state.turn == 1
        assert timer.turn == 1 and timer.paused == left, "turn 1 as it was left"

    drive(app, play)
    again = resumed_app(path)

    async def resume(app: WhitecellApp, pilot: Pilot[None]) -> None:
        assert app.timekeeper is not None and app.timekeeper.timer is not None
        assert app.timekeeper.timer.paused == kept[0], "the paused countdown, from beside the journal"

    drive(again, resume)


def test_the_projector_shows_the_timer_and_says_when_a_resolution_is_taken_back(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    session = Session.new(resolve_scenario("seoul-tokyo-2026"), 7, path, settings=Settings(timer_minutes=10))
    session.apply(Resolve())
    timer = DecisionTimer(10)
    timer.follow(2, now=0.0)
    timer.pause(0.0)
    save_timer(path, timer)

    async def script(app: DisplayApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: "DECISION TIME" in display_text(app))
        assert "10:00" in display_text(app) and "paused" in display_text(app)
        session.apply(Undo())
        await until(
            pilot,
            lambda: (
                "took back the last resolution: Month 1 of 12 (January 2026) is open again" in " ".join(display_text(app).split())
            ),
        )
        assert "DECISION TIME" not in display_text(app), "the timer file is of turn 2: not shown in turn 1"
        session.apply(Resolve())
        await until(pilot, lambda: "took back" not in display_text(app))

    try:
        drive_display(DisplayApp(path, poll_seconds=0.05), script)
    finally:
        session.close()


def test_the_scenarios_deadline_sets_the_timer_and_the_facilitators_timer_wins(tmp_path: Path) -> None:
    """A scenario whose turns have a 7-minute deadline runs the timer without --timer; --timer 10 overrides it."""
    from tests.helpers import doc
    from tests.hostile import write_json

    scenario = write_json(tmp_path / "timed.json", doc(turns={"count": 4, "deadline": 7}))
    for minutes, shown in ((None, "07:00"), (10, "10:00")):
        folder = tmp_path / f"with-{minutes}"
        folder.mkdir()
        launch = Launch(scenario=str(scenario), seed=1, journal=folder / "game.jsonl", folder=folder, timer_minutes=minutes)
        session, recovery = open_session(launch)
        app = make_app(launch, session=session, recovery=recovery, blink=False)

        async def script(app: WhitecellApp, pilot: Pilot[None], shown: str = shown) -> None:
            await keys(pilot, "enter")
            await until(pilot, lambda: "⏱" in header(app))
            assert app.timekeeper is not None and app.timekeeper.timer is not None
            assert clock_text(app.timekeeper.timer.full) == shown

        drive(app, script)
