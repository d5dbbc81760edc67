"""The adjust dialog (`a`): a relative amount or a value, the result shown before it is applied."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, Static

from engine.core.events import Changed
from engine.journal.reader import open_journal
from engine.journal.session import Session
from tests.helpers import current, drive, keys, screen_text, session_of, type_text
from tests.test_replay_cli import journal_validator
from tests.test_tui_play import new_app
from tui.app import WhitecellApp
from tui.screens.adjust import AdjustScreen, PointsOf, adjusted
from tui.screens.play import PlayScreen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3", (8, "5 +3 → 8")),
        ("-4", (1, "5 -4 → 1")),
        ("-9", (0, "5 -9 → 0 (held at its minimum, 0; -4 is out of bounds)")),
        ("+90", (10, "5 +90 → 10 (held at its maximum, 10; 95 is out of bounds)")),
        ("7", (7, "5 → 7")),
        ("=0", (0, "5 → 0")),
        ("11", "The value must be from 0 to 10."),
        ("", "Type +3 or -4 to move the value, 40 (or =-4) to set it."),
        ("+", "Type +3 or -4 to move the value, 40 (or =-4) to set it."),
    ],
)
def test_what_a_typed_amount_makes_of_a_value(text: str, expected: tuple[int, str] | str) -> None:
    assert adjusted(text, 5, 0, 10) == expected


def test_a_relative_adjustment_is_previewed_clamped_and_journaled_as_the_value_decided(tmp_path: Path) -> None:
    """-99 on the first variable: the preview says it is held at the minimum; the journal holds the minimum."""
    app = new_app(tmp_path)
    session = session_of(app)
    variable = session.scenario.variables[0]
    now = session.state.values[0]

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "a", "tab")
        assert isinstance(current(app), AdjustScreen)
        await type_text(pilot, "-99")
        preview = str(app.screen.query_one("#preview", Static).render())
        assert preview == f"{now} -99 → {variable.min} (held at its minimum, {variable.min}; {now - 99} is out of bounds)"
        assert "held at its minimum" in screen_text(app)
        await keys(pilot, "enter")
        await type_text(pilot, "the crowd disperses")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert session.state.values[0] == variable.min
    change = next(event for event in session.history[-1].events if isinstance(event, Changed))
    assert (change.before, change.after, change.cause.detail) == (now, variable.min, "the crowd disperses")
    commands = [line.data["command"] for line in open_journal(tmp_path / "game.jsonl").lines]
    assert commands == [
        {"command": "adjust", "var": variable.id, "value": variable.min, "reason": "the crowd disperses", "amount": -99}
    ]
    replayed, problems = Session.replay(open_journal(tmp_path / "game.jsonl"))
    assert problems == [] and replayed.digest() == session.digest()


def test_a_relative_rise_within_bounds_and_an_absolute_value(tmp_path: Path) -> None:
    """+1 on the alert level, then 0 typed as a value: each is what the preview said."""
    app = new_app(tmp_path)
    session = session_of(app)
    variable = session.scenario.variables[1]
    now = session.state.values[1]
    assert now < variable.max

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")  # past the briefing
        for text, expected in (("+1", now + 1), ("0", 0)):
            await keys(pilot, "a", "enter", "down", "enter", "tab")
            await type_text(pilot, text)
            before = session.state.values[1]
            shown = f"{before} +1 → {expected}" if text == "+1" else f"{before} → 0"
            assert str(app.screen.query_one("#preview", Static).render()) == shown
            await keys(pilot, "enter")
            await type_text(pilot, "white cell ruling")
            await keys(pilot, "enter")
            assert isinstance(current(app), PlayScreen)
            assert session.state.values[1] == expected

    drive(app, script)


def test_a_teams_resource_is_adjusted_by_a_relative_amount_and_journaled(tmp_path: Path) -> None:
    """Seoul's political capital, -3 from 4: the preview says 1; the journal holds an adjust-resource to 1."""
    app = new_app(tmp_path, "seoul-tokyo-2026")
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "a")
        screen = current(app)
        assert isinstance(screen, AdjustScreen)
        assert (("seoul", "political-capital"), "Seoul's Political capital", 4, 0, 8) in screen.targets
        app.screen.query_one("#variable", Select).value = ("seoul", "political-capital")
        await pilot.pause()
        await keys(pilot, "tab")
        await type_text(pilot, "-3")
        assert str(app.screen.query_one("#preview", Static).render()) == "4 -3 → 1"
        await keys(pilot, "enter")
        await type_text(pilot, "a scandal at home")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert session.state.resources[0][0] == 1
    commands = [line.data["command"] for line in open_journal(tmp_path / "game.jsonl").lines]
    assert commands[-1] == {
        "command": "adjust-resource",
        "role": "seoul",
        "resource": "political-capital",
        "value": 1,
        "reason": "a scandal at home",
        "amount": -3,
    }
    validator = journal_validator()
    assert all(not list(validator.iter_errors(line.data)) for line in open_journal(tmp_path / "game.jsonl").lines)
    replayed, problems = Session.replay(open_journal(tmp_path / "game.jsonl"))
    assert problems == [] and replayed.digest() == session.digest()


def test_a_teams_action_points_are_given_for_this_turn_only_and_journaled(tmp_path: Path) -> None:
    """Tokyo's points, -1 from 3: the dialog says it is for this month only; the journal holds an
    adjust-points to 2; Tokyo's panel counts 2 points; the next month opens with 3 again."""
    app = new_app(tmp_path, "seoul-tokyo-2026")
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "a")
        screen = current(app)
        assert isinstance(screen, AdjustScreen)
        assert (PointsOf("tokyo"), "Tokyo's action points for January 2026 only", 3, 0, 50) in screen.targets
        app.screen.query_one("#variable", Select).value = PointsOf("tokyo")
        await pilot.pause()
        only = "for January 2026 only: the next turn opens with the scenario's budget"
        assert str(app.screen.query_one("#preview", Static).render()) == only
        await keys(pilot, "tab")
        await type_text(pilot, "-1")
        assert str(app.screen.query_one("#preview", Static).render()) == f"3 -1 → 2; {only}"
        await keys(pilot, "enter")
        await type_text(pilot, "the prime minister is abroad")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        shown = screen_text(app)
        assert "Tokyo's action points this month 3" in shown  # the log (wrapped at 120 columns)
        assert "Budget ○○ 2 of 2 left" in shown  # Tokyo's panel

    drive(app, script)
    assert session.state.points == (3, 2, *session.game.budgets[2:])  # Tokyo's 3 points down to 2 this month
    commands = [line.data["command"] for line in open_journal(tmp_path / "game.jsonl").lines]
    assert commands[-1] == {
        "command": "adjust-points",
        "role": "tokyo",
        "value": 2,
        "reason": "the prime minister is abroad",
        "amount": -1,
    }
    replayed, problems = Session.replay(open_journal(tmp_path / "game.jsonl"))
    assert problems == [] and replayed.digest() == session.digest()


def test_with_choices_hidden_the_dialog_offers_only_what_the_room_may_see(tmp_path: Path) -> None:
    """`h` then `a`: the room is looking, so no facilitator-only variable, resource or action points."""
    app = new_app(tmp_path)
    session = session_of(app)
    hidden = [var for var in session.scenario.variables if var.visibility != "public"]
    assert hidden, "the default scenario has facilitator-only variables"
    offered: list[str] = []

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "h", "a")
        screen = current(app)
        assert isinstance(screen, AdjustScreen)
        offered.extend(str(key) for key, *_ in screen.targets)
        await keys(pilot, "escape")

    drive(app, script)
    public = [var.id for var in session.scenario.variables if var.visibility == "public"]
    assert offered == public
    assert not any(var.id in offered for var in hidden)


def test_a_variable_of_named_states_is_adjusted_by_position_with_its_states_named(tmp_path: Path) -> None:
    """Strait Week's posture (its first variable): the list says which position is which state, and
    typing a position previews the states by name (it said 'now 1, 0..3' and '1 → 2')."""
    app = new_app(tmp_path, "strait-week", seed=5)
    session = session_of(app)
    posture = session.scenario.variables[0]
    assert posture.states
    now = session.state.values[0]

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "a")
        assert isinstance(current(app), AdjustScreen)
        listed = " ".join(screen_text(app).split())
        assert f"now {now} {posture.states[now]}: 0 {posture.states[0]}, 1 {posture.states[1]}" in listed
        await keys(pilot, "tab")
        await type_text(pilot, "2")
        assert str(app.screen.query_one("#preview", Static).render()) == f"{posture.states[now]} → {posture.states[2]}"
        await keys(pilot, "enter")
        await type_text(pilot, "inspections begin")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert session.state.values[0] == 2
