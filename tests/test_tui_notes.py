"""Notes about an earlier turn (issue 12): the note dialog offers the turns so far (the current one
by default), the journal records the turn chosen only when it is an earlier one, and the report
tells the note with that turn. A journal written before the field existed reads as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from engine.core.commands import AddNote, BadCommand, Resolve, command_from_json
from engine.documents.report import build_report
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import current, drive, keys, notifications, session_of, type_text
from tests.test_tui_play import journal_commands, resumed_app
from tui.app import WhitecellApp
from tui.screens.dialogs import NoteScreen
from tui.screens.play import PlayScreen


def test_a_note_names_its_turn_in_the_journal_only_when_it_is_an_earlier_one() -> None:
    assert AddNote("observation", "x").to_json() == {"command": "note", "tag": "observation", "text": "x"}
    assert AddNote("lesson", "x", 2).to_json() == {"command": "note", "tag": "lesson", "text": "x", "turn": 2}
    assert command_from_json({"command": "note", "tag": "lesson", "text": "x", "turn": 2}) == AddNote("lesson", "x", 2)
    assert command_from_json({"command": "note", "tag": "lesson", "text": "x"}) == AddNote("lesson", "x")
    for bad in (0, -1, "2", True, 2.0, 10**9):
        with pytest.raises(BadCommand, match="'turn'"):
            command_from_json({"command": "note", "tag": "lesson", "text": "x", "turn": bad})


def played_to_turn_three(path: Path) -> Session:
    session = Session.new(resolve_scenario("seoul-tokyo-2026"), 7, path)
    session.apply(Resolve())
    session.apply(Resolve())
    return session


def test_the_report_tells_a_note_with_the_turn_it_is_about(tmp_path: Path) -> None:
    session = played_to_turn_three(tmp_path / "game.jsonl")
    session.apply(AddNote("strength", "In month 1 the call came fast", 1))
    session.apply(AddNote("observation", "Now is month 3"))
    report = build_report(session)
    by_turn = {turn.number: [note.text for note in turn.notes] for turn in report.turns}
    assert by_turn[1] == ["In month 1 the call came fast"]
    assert by_turn[2] == []
    assert by_turn[3] == ["Now is month 3"]
    assert [note.turn for note in report.notes] == [1, 3]
    session.close()


def test_the_note_dialog_offers_the_turns_so_far_and_the_current_one_first(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    played_to_turn_three(path).close()
    app = resumed_app(path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        dialog = current(app)
        assert isinstance(dialog, NoteScreen)
        assert dialog.query_one("#turn", Select).value == 3, "the current turn unless another is chosen"
        await type_text(pilot, "now")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)

        # back from the text past the rating and the exercise objective (the default has both) to the turn
        await keys(pilot, "n", "shift+tab", "shift+tab", "shift+tab")
        assert app.focused is current(app).query_one("#turn", Select)
        await keys(pilot, "enter", "up", "up", "enter", "tab", "tab", "tab")
        await type_text(pilot, "back then")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        assert any("about January 2026" in note for note in notifications(app))

    drive(app, script)
    notes = [command for _, command in journal_commands(path) if command["command"] == "note"]
    assert notes == [
        {"command": "note", "tag": "observation", "text": "now"},
        {"command": "note", "tag": "observation", "text": "back then", "turn": 1},
    ]
    reopened = resumed_app(path)

    async def look(app: WhitecellApp, pilot: Pilot[None]) -> None:
        report = build_report(session_of(app))
        assert [note.text for note in report.turns[0].notes] == ["back then"]

    drive(reopened, look)


def test_on_the_first_turn_there_is_no_turn_to_choose(tmp_path: Path) -> None:
    from tests.test_tui_play import new_app

    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "n")
        assert isinstance(current(app), NoteScreen)
        assert not current(app).query("#turn")

    drive(app, script)
