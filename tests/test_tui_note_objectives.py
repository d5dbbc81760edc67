"""The note dialog ties a note to an exercise objective and rates it, when the scenario has objectives."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from engine.documents.report import build_report
from engine.journal.session import Session
from tests.helpers import current, drive, keys, load, notifications, session_of, type_text, until
from tests.test_report_evaluation import drill
from tests.test_tui_play import journal_commands, resumed_app
from tui.app import WhitecellApp
from tui.screens.dialogs import NoteScreen
from tui.screens.play import PlayScreen


async def choose(pilot: Pilot[None], select: Select[str], downs: int) -> None:
    """Open a focused choice with Enter, move down, choose with Enter: each key once the last has taken
    effect (the list takes the focus a moment after it opens, and a key sent before goes to the choice)."""
    await until(pilot, lambda: select.has_focus)
    await keys(pilot, "enter")
    listed = select.query_one(OptionList)
    await until(pilot, lambda: select.expanded and listed.has_focus)
    for _ in range(downs):
        before = listed.highlighted

        def moved(before: int | None = before) -> bool:
            return listed.highlighted != before

        await keys(pilot, "down")
        await until(pilot, moved)
    await keys(pilot, "enter")
    await until(pilot, lambda: not select.expanded and select.has_focus)


def test_the_note_dialog_offers_the_objectives_and_a_rating_and_the_report_evaluates_with_them(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    Session.new(load(drill()), 7, path).close()
    app = resumed_app(path)

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        await until(pilot, lambda: isinstance(current(app), PlayScreen))
        await keys(pilot, "n")
        await until(pilot, lambda: isinstance(current(app), NoteScreen))
        dialog = current(app)
        assert dialog.query_one("#objective", Select).value == "" and dialog.query_one("#rating", Select).value == ""
        text = dialog.query_one("#text", Input)
        # the objective: first after "none"; the rating: S, the second after "No rating"
        await keys(pilot, "shift+tab", "shift+tab")
        await choose(pilot, dialog.query_one("#objective", Select), 1)
        await keys(pilot, "tab")
        await choose(pilot, dialog.query_one("#rating", Select), 2)
        await keys(pilot, "tab")
        assert dialog.query_one("#objective", Select).value == "coordination"
        assert dialog.query_one("#rating", Select).value == "S"
        await until(pilot, lambda: text.has_focus)
        await type_text(pilot, "Slow but complete")
        await keys(pilot, "enter")
        await until(pilot, lambda: isinstance(current(app), PlayScreen))
        await until(pilot, lambda: any("on Crisis coordination, rated S" in note for note in notifications(app)))

        await keys(pilot, "n")
        await until(pilot, lambda: isinstance(current(app), NoteScreen))
        again = current(app)
        await keys(pilot, "shift+tab")
        await choose(pilot, again.query_one("#rating", Select), 2)
        await keys(pilot, "tab")
        await until(pilot, lambda: again.query_one("#text", Input).has_focus)
        await type_text(pilot, "no objective")
        await keys(pilot, "enter")
        await until(pilot, lambda: any("choose the objective too" in note for note in notifications(app)))
        assert current(app) is again, "a rating without an objective is not saved"
        await keys(pilot, "escape")
        await until(pilot, lambda: isinstance(current(app), PlayScreen))

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
