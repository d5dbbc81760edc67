"""The note dialog's choice of an exercise objective (training objective) and its rating.

A note tied to an objective goes to that objective's evaluation in the after-action report; a
rating (HSEEP's P, S, M, U) rates it, the note's text being the reason. Only scenarios with
exercise objectives show these choices.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Select

from engine.core.commands import RATINGS, AddNote, Rating
from engine.core.model import Scenario
from engine.documents.report.evaluation import RATING_WORDS
from engine.prose.turns import turn_name
from tui.text import plain

NO_OBJECTIVE = ""
NO_RATING = ""


def objective_choices(objectives: Sequence[tuple[str, str]]) -> Iterator[Widget]:
    """A choice of the objective the note is about ((title, id) each; none by default), and of a rating."""
    options = [("Not about an exercise objective", NO_OBJECTIVE)] + [
        (plain(f"Objective: {title}"), objective_id) for title, objective_id in objectives
    ]
    yield Select(options, value=NO_OBJECTIVE, allow_blank=False, id="objective")
    ratings = [("No rating", NO_RATING)] + [(f"Rate it {code}: {RATING_WORDS[code]}", code) for code in RATINGS]
    yield Select(ratings, value=NO_RATING, allow_blank=False, id="rating")


def chosen_objective(dialog: DOMNode) -> tuple[str | None, Rating | None]:
    """The objective and rating chosen in the dialog (None for none)."""
    objective = dialog.query_one("#objective", Select).value
    rating = dialog.query_one("#rating", Select).value
    chosen_rating = next((code for code in RATINGS if code == rating), None)
    return (objective if isinstance(objective, str) and objective else None), chosen_rating


def objectives_of(scenario: Scenario) -> list[tuple[str, str]]:
    """The scenario's exercise objectives as the dialog offers them: (title, id)."""
    return [(objective.title, objective.id) for objective in scenario.exercise_objectives]


def note_saved(scenario: Scenario, note: AddNote) -> str:
    """What the console says once a note is journaled: its tag, and the turn, objective and rating it names."""
    about = "" if note.turn is None else f", about {turn_name(scenario.turns, note.turn)}"
    about += "" if note.objective is None else f", on {scenario.exercise_objective(note.objective).title}"
    about += "" if note.rating is None else f", rated {note.rating}"
    return f"Note saved ({note.tag}{about})."
