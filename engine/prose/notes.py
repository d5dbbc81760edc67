"""How a facilitator's note is labelled wherever it is read: its tag, and the exercise objective it
is tied to with the rating given, so the log and replay say what the report's evaluation will use."""

from __future__ import annotations

from engine.core.model import Scenario

RATING_WORDS: dict[str, str] = {
    "P": "performed without challenges",
    "S": "performed with some challenges",
    "M": "performed with major challenges",
    "U": "unable to be performed",
}
"""HSEEP's ratings of an objective, in words."""


def objective_title(scenario: Scenario, objective: str) -> str:
    """An exercise objective's title, or its id when the scenario does not know it."""
    return next((item.title for item in scenario.exercise_objectives if item.id == objective), objective)


def note_label(scenario: Scenario, tag: str, objective: str | None = None, rating: str | None = None) -> str:
    """What goes in a note's brackets: "lesson", "lesson; objective Consult before acting", or
    "observation; Consult before acting rated S, performed with some challenges"."""
    if objective is None:
        return tag
    title = objective_title(scenario, objective)
    if rating is None:
        return f"{tag}; objective {title}"
    return f"{tag}; {title} rated {rating}, {RATING_WORDS.get(rating, 'a rating this version does not know')}"
