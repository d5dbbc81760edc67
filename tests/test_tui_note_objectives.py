"""The note dialog ties a note to an exercise objective and rates it, when the scenario has objectives."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Select

from engine.documents.report import build_report
from engine.journal.session import Session
from tests.helpers import current, drive, keys, load, notifications, session_of, type_text
from tests.test_report_evaluation import drill
from tests.test_tui_play import journal_commands, resumed_app
from tui.app import WhitecellApp
from tui.screens.dialogs import NoteScreen
from tui.screens.play import PlayScreen


def test_the_note_dialog_offers_the_objectives_and_a_rating_and_the_report_evaluates_with_them(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    Session.new(load(drill()), 7, path).close()
    app = resumed_app(path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "n")
        dialog = current(app)
        assert isinstance(dialog, NoteScreen)
        assert dialog.query_one("#objective", Select).value == "" and dialog.query_one("#rating", Select).value == ""
        # the objective: first after "none"; the rating: S, the second after "No rating"
        await keys(pilot, "shift+tab", "shift+tab", "enter", "down", "enter", "tab", "enter", "down", "down", "enter", "tab")
        assert dialog.query_one("#objective", Select).value == "coordination"
        assert dialog.query_one("#rating", Select).value == "S"
        await type_text(pilot, "Slow but complete")
        await keys(pilot, "enter")
        assert isinstance(current(app), PlayScreen)
        assert any("on Crisis coordination, rated S" in note for note in notifications(app))

        await keys(pilot, "n", "shift+tab", "enter", "down", "down", "enter", "tab")
        await type_text(pilot, "no objective")
        await keys(pilot, "enter")
        assert isinstance(current(app), NoteScreen), "a rating without an objective is not saved"
        assert any("choose the objective too" in note for note in notifications(app))
        await keys(pilot, "escape")

        rating = build_report(session_of(app)).evaluation[0].rating
        assert rating is not None and (rating.code, rating.reason) == ("S", "Slow but complete")

    drive(app, script)
    notes = [command for _, command in journal_commands(path) if command["command"] == "note"]
    rated = {"command": "note", "tag": "observation", "text": "Slow but complete", "objective": "coordination", "rating": "S"}
    assert notes == [rated]


def test_without_objectives_the_dialog_offers_none(tmp_path: Path) -> None:
    from tests.test_tui_play import new_app

    app = new_app(tmp_path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter", "n")
        assert isinstance(current(app), NoteScreen)
        assert not current(app).query("#objective") and not current(app).query("#rating")

    drive(app, script)
