"""The briefing: the situation a facilitator reads aloud, and each role with its objectives."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from engine.core.model import Scenario


def briefing_markdown(scenario: Scenario) -> str:
    """The scenario's briefing followed by the roles, their budgets and objectives, as Markdown."""
    parts = [scenario.briefing.strip() or f"# {scenario.title}", "", "## The teams"]
    for role in scenario.roles:
        parts += [
            "",
            f"### {role.name}",
            "",
            f"{role.budget} action point{'' if role.budget == 1 else 's'} per {scenario.turns.word}.",
        ]
        if role.description:
            parts += ["", role.description.strip()]
        if role.objectives:
            parts += ["", "Objectives:", ""]
            parts += [f"- {objective.description} (weight {objective.weight})" for objective in role.objectives]
    return "\n".join(parts) + "\n"


class BriefingScreen(Screen[None]):
    """Read the briefing; Enter begins (or returns to) play."""

    BINDINGS = [Binding("enter,b", "begin", "Begin"), Binding("q", "app.quit", "Quit")]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="briefing"):
            yield Markdown(briefing_markdown(self.scenario))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#briefing", VerticalScroll).focus()

    def action_begin(self) -> None:
        self.dismiss(None)
