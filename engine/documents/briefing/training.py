"""The briefing book's exercise objectives (training objectives): each with what good performance looks like,
and, since the book is the white cell's, the injects that test it and when they may come.

The objectives themselves are usually shared with players; which injects test them is not
(`engine.audience.visibility.sees_evaluation`), so this part belongs to the facilitator's book.
"""

from __future__ import annotations

import attrs

from engine.core import model as m
from engine.documents.kit.html import Html, Text, html_blocks
from engine.documents.kit.markdown import escape, markdown_blocks
from engine.documents.kit.text import blocks
from engine.prose.effects import role_names

__all__ = ["TITLE", "TrainingPart", "training_html", "training_markdown", "training_parts"]

TITLE = "Exercise objectives"
INTRO = (
    "What the exercise trains and evaluates (training objectives; a role's objectives are how a team scores). "
    "The after-action report evaluates each from the expected actions of the injects that test it and the notes "
    "tied to it. Players may be told the objectives, but not which injects test them."
)


@attrs.frozen
class TrainingPart:
    id: str
    title: str
    description: str
    capability: str
    criteria: tuple[str, ...]
    teams: str
    tested_by: tuple[str, ...]
    """The injects that test it, each as "Title (what it expects)"."""
    evaluated: bool = True
    """Whether the reader may know which injects test it (the white cell's book; a team's pack may not)."""


def training_parts(scenario: m.Scenario) -> tuple[TrainingPart, ...]:
    """The scenario's exercise objectives as the book lists them."""
    labels = {action.id: action.label for action in scenario.actions}
    parts = []
    for objective in scenario.exercise_objectives:
        tested_by = []
        for shock in scenario.testing(objective.id):
            expected = [labels.get(action, action) for action in shock.expected_actions]
            tested_by.append(shock.title + (f" (expects: {', '.join(expected)})" if expected else ""))
        teams = role_names(scenario, objective.roles) if objective.roles else "every team"
        parts.append(
            TrainingPart(
                objective.id,
                objective.title,
                objective.description,
                objective.capability,
                objective.criteria,
                teams,
                tuple(tested_by),
            )
        )
    return tuple(parts)


def training_markdown(parts: tuple[TrainingPart, ...]) -> list[str]:
    """The section in Markdown (nothing for a scenario without exercise objectives)."""
    if not parts:
        return []
    out = [f"## {TITLE}", "", escape(INTRO), ""]
    for part in parts:
        out += [f"### {escape(part.title)} `{part.id}`", "", *markdown_blocks(blocks(part.description), shift=3)]
        if part.capability:
            out.append(f"- **Capability:** {escape(part.capability)}")
        out.append(f"- **Concerns:** {escape(part.teams)}")
        if part.criteria:
            out.append("- **What good performance looks like:**")
            out += [f"  - {escape(line)}" for line in part.criteria]
        if part.evaluated:
            tested = "; ".join(part.tested_by) or "no inject: add its id to the tests of the shocks that test it"
            out.append(f"- **Tested by:** {escape(tested)}")
        out.append("")
    return out


def training_html(parts: tuple[TrainingPart, ...]) -> Html:
    """The section's body in HTML (empty for a scenario without exercise objectives)."""
    out: list[Text] = [Html("<p>{}</p>").format(INTRO)]
    for part in parts:
        facts: list[tuple[str, Text]] = []
        if part.capability:
            facts.append(("Capability", part.capability))
        facts.append(("Concerns", part.teams))
        if part.criteria:
            facts.append(("What good performance looks like", Html("<ul>{}</ul>").format(_items(part.criteria))))
        if part.evaluated:
            facts.append(("Tested by", Html("<ul>{}</ul>").format(_items(part.tested_by)) if part.tested_by else "no inject"))
        listed = Html().join(Html("<dt>{}</dt><dd>{}</dd>").format(name, value) for name, value in facts)
        out.append(
            Html('<h3>{} <code>{}</code></h3>{}<dl class="facts">{}</dl>').format(
                part.title, part.id, html_blocks(blocks(part.description), shift=3), listed
            )
        )
    return Html("\n").join(out)


def _items(texts: tuple[str, ...]) -> Html:
    return Html().join(Html("<li>{}</li>").format(text) for text in texts)
