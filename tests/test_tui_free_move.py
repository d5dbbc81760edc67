"""The free-form move dialogs (`m`): a team's argument, the roll, and on success the effects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from engine.core.events import Changed, FreeMoveRolled
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import SMALL, WIDE, current, drive, keys, notifications, screen_text, session_of, type_text
from tests.test_replay_cli import journal_validator
from tests.test_tui_play import new_app
from tui.app import WhitecellApp
from tui.screens.free_move import ArgumentScreen, EffectsScreen, read_amount, read_chance
from tui.screens.play import PlayScreen


@pytest.mark.parametrize(
    ("typed", "read"),
    [("70", (70, "")), ("0%", (0, "")), ("100", (100, "")), (" Very  Likely ", (90, "very likely")), ("even", (50, "even"))],
)
def test_a_chance_is_a_percentage_or_the_rooms_rating(typed: str, read: tuple[int, str]) -> None:
    assert read_chance(typed) == read


@pytest.mark.parametrize("typed", ["101", "-5", "", "probable", "5.5"])
def test_anything_else_says_what_to_type(typed: str) -> None:
    said = read_chance(typed)
    assert isinstance(said, str) and said.startswith("Type a percentage from 0 to 100, or the room's rating: very likely")


def test_an_amount_is_signed_within_the_largest_effect_and_not_0() -> None:
    assert [read_amount(text, 5) for text in ("+3", "-5", "4")] == [3, -5, 4]
    for text in ("+6", "0", "-", "x", ""):
        assert read_amount(text, 5) == "An effect is a whole amount from -5 to +5, not 0 (e.g. +3 or -2)."


async def _argue(pilot: Pilot[None], chance: str) -> None:
    await keys(pilot, "m")
    await type_text(pilot, "Open a quiet backchannel")
    await keys(pilot, "enter")
    await type_text(pilot, "It lowers the risk")
    await keys(pilot, "enter")
    await type_text(pilot, "Tokyo is left out")
    await keys(pilot, "enter")
    await type_text(pilot, chance)


def test_a_move_that_succeeds_takes_the_effects_previewed_and_is_journaled(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    session = session_of(app)
    first = session.scenario.variables[0]
    now = session.state.values[0]
    role = session.scenario.roles[0]
    amount = 3 if now + 3 <= first.max else -3

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")  # past the briefing
        await _argue(pilot, "very likely")
        assert isinstance(current(app), ArgumentScreen)
        assert str(app.screen.query_one("#preview", Static).render()) == "very likely: a chance of 90%"
        await keys(pilot, "enter")
        rolled = session.history[-1].events[0]
        assert isinstance(rolled, FreeMoveRolled)
        assert rolled.succeeded  # seed 7 rolls 90 or less for this move
        assert isinstance(current(app), EffectsScreen)
        assert "The move succeeds: choose its effects" in screen_text(app)
        await type_text(pilot, f"{amount:+d}")
        await keys(pilot, "enter")
        sign = "+" if amount > 0 else "−"
        assert f"{first.label} {now} → {now + amount} ({sign}3)" in screen_text(app)
        await keys(pilot, "enter")  # an empty amount: on to the reason
        await type_text(pilot, "well argued")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert session.state.values[0] == now + amount
    change = next(event for event in session.history[-1].events if isinstance(event, Changed))
    assert (change.cause.kind, change.cause.role, change.cause.detail) == ("free-move", role.id, "Open a quiet backchannel")
    lines = [line.data for line in open_journal(tmp_path / "game.jsonl").lines]
    assert [line["command"] for line in lines] == [
        {
            "command": "free-move",
            "role": role.id,
            "action": "Open a quiet backchannel",
            "reasons": "It lowers the risk",
            "chance": 90,
            "counter": "Tokyo is left out",
            "rating": "very likely",
        },
        {"command": "free-move-effects", "role": role.id, "effects": {first.id: amount}, "reason": "well argued"},
    ]
    validator = journal_validator()
    assert not [error for line in lines for error in validator.iter_errors(line)]
    replayed, problems = Session.replay(open_journal(tmp_path / "game.jsonl"))
    assert problems == [] and replayed.digest() == session.digest()


def test_a_move_that_fails_says_so_and_changes_nothing(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    session = session_of(app)
    before = session.state.values

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await _argue(pilot, "0")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        await pilot.pause()

    drive(app, script)
    assert session.state.values == before
    (told,) = [note for note in notifications(app) if note.startswith("Free-form move:")]
    assert "Open a quiet backchannel; rolled" in told and "needing 0 or less: it fails. Nothing changes." in told
    (rolled,) = session.history[-1].events
    assert isinstance(rolled, FreeMoveRolled) and not rolled.succeeded and rolled.chance == 0


def test_closing_the_effects_leaves_the_move_waiting_and_m_comes_back_to_it(tmp_path: Path) -> None:
    app = new_app(tmp_path)
    session = session_of(app)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await _argue(pilot, "100")
        await keys(pilot, "enter")
        assert isinstance(current(app), EffectsScreen)
        await keys(pilot, "escape")
        assert isinstance(current(app), PlayScreen)
        assert any("m comes back to them" in note for note in notifications(app))
        await keys(pilot, "m")
        assert isinstance(current(app), EffectsScreen)
        assert "Open a quiet backchannel; rolled" in screen_text(app)
        await keys(pilot, "enter", "enter")  # no effect, no reason: the move moves no number
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert [line.data["command"]["command"] for line in open_journal(tmp_path / "game.jsonl").lines] == [
        "free-move",
        "free-move-effects",
    ]
    assert session.state.free_moves[-1].stage == 2


def test_a_scenario_without_free_moves_says_so(tmp_path: Path) -> None:
    document = dict(resolve_scenario("missile-crisis").document)
    document["freeMoves"] = {"allowed": False}
    path = tmp_path / "no-moves.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    app = new_app(tmp_path, str(path))

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "m")
        assert isinstance(current(app), PlayScreen)

    drive(app, script)
    assert any("does not allow free-form moves" in note for note in notifications(app))


@pytest.mark.parametrize("size", [SMALL, WIDE])
def test_the_argument_dialog_fits_the_terminal(tmp_path: Path, size: tuple[int, int]) -> None:
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "m")
        text = screen_text(app)
        for seen in ("Free-form move", "Team", "Action", "Reasons", "Counter-arguments", "Chance", "either way."):
            assert seen in text, seen

    drive(app, script, size)


def test_with_choices_hidden_the_effects_offer_only_what_the_room_sees(tmp_path: Path) -> None:
    app = new_app(tmp_path, "seoul-tokyo-2026")
    session = session_of(app)
    hidden = [var for var in session.scenario.variables if var.visibility != "public"]
    assert hidden

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "h")
        await _argue(pilot, "100")
        await keys(pilot, "enter")
        screen = current(app)
        assert isinstance(screen, EffectsScreen)
        assert set(screen.targets) == {var.id for var in session.scenario.variables if var.visibility == "public"}

    drive(app, script)


@pytest.mark.parametrize("size", [SMALL, WIDE])
def test_every_placeholder_of_the_argument_is_read_whole(tmp_path: Path, size: tuple[int, int]) -> None:
    """At 80x24 the chance's placeholder was cut after "e.g."; now each field is wide enough for its own."""
    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "m")
        dialog = current(app)
        assert isinstance(dialog, ArgumentScreen)
        for field in dialog.query(Input):
            assert len(str(field.placeholder)) <= field.content_region.width, (field.id, field.content_region.width)

    drive(app, script, size)
