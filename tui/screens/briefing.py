"""The briefing: the situation a facilitator reads aloud, each role with its objectives, and a phase's update as it opens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from engine.core.model import Phase, Scenario
from engine.text.terminal import printable, printable_block


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


def phase_briefing_markdown(scenario: Scenario, phase: Phase) -> str:
    """A phase's briefing update as Markdown: its title, its turns, then the update (printable)."""
    label = printable(scenario.turns.label)
    span = f"{label} {phase.start}" if phase.start == phase.end else f"{label} {phase.start}–{phase.end}"
    return f"# {printable(phase.title)}\n\n*Briefing update · {span}*\n\n{printable_block(phase.briefing).strip()}\n"


class PhaseBriefingScreen(Screen[None]):
    """A phase's briefing update as its first turn opens, to read to the room; Enter goes on to play."""

    BINDINGS = [Binding("enter,escape", "go_on", "Go on"), Binding("q", "app.quit", "Quit")]

    def __init__(self, scenario: Scenario, phase: Phase) -> None:
        super().__init__()
        self.scenario = scenario
        self.phase = phase

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="briefing"):
            yield Markdown(phase_briefing_markdown(self.scenario, self.phase))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#briefing", VerticalScroll).focus()

    def action_go_on(self) -> None:
        self.dismiss(None)
