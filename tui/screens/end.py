"""The end of the exercise: the outcome, each role's objectives met or missed, scores, and the report."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from engine.audience.visibility import ROOM, WHITE_CELL, Audience, ending_without_secrets, sees_objective, sees_score
from engine.core.view import View
from engine.journal.session import Session
from engine.prose.events import ending_sentence
from tui.messages import SessionChanged


def end_content(session: Session, audience: Audience = WHITE_CELL) -> Content:
    """The outcome and every role's objectives, met or missed, as far as the audience may see them
    (the room, with choices hidden: no private objective, no score it could show through)."""
    scenario = session.scenario
    state = session.state
    outcome = next((o for o in scenario.outcomes if o.id == state.outcome), None)
    tone = {"critical": "$error", "warning": "$warning", "good": "$success"}.get(outcome.tone if outcome else "", "$accent")
    ending = ending_sentence(scenario, ending_without_secrets(audience, state.end_reason or ""))
    parts: list[tuple[str, str] | str] = [
        (f"{outcome.title if outcome else state.outcome}\n", f"bold {tone}"),
        (f"{ending}\n", "$text-muted"),
    ]
    if outcome and outcome.description:
        parts += ["\n", outcome.description.strip(), "\n"]
    view = View(session.game, state)
    for r, role in enumerate(scenario.roles):
        if role.is_actor:
            continue  # the white cell's actors have no objectives and no score
        best = sum(objective.weight for objective in role.objectives)
        score = f": score {view.score_at(r)} of {best}" if sees_score(audience, role) else ""
        parts += ["\n", (f"{role.name}{score}\n", "bold")]
        for objective, met in zip(role.objectives, view.objectives_met_at(r), strict=True):
            if not sees_objective(audience, role.id, objective):
                continue
            mark = ("  ✔ met     ", "$success") if met else ("  ✘ missed  ", "$error")
            parts += [mark, f"{objective.description} (weight {objective.weight})\n"]
    return Content.assemble(*parts)


class EndScreen(Screen[None]):
    """Shown when the game is over; the facilitator can still undo, add notes, or write the report."""

    BINDINGS = [
        Binding("m", "app.write_report('markdown')", "Report (.md)"),
        Binding("w", "app.write_report('html')", "Report (.html)"),
        Binding("o", "open_report", "Read the report"),
        Binding("u", "app.undo", "Undo"),
        Binding("n", "app.note", "Note"),
        Binding("h", "app.toggle_hidden", "Hide"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="end") as box:
            box.border_title = "The exercise is over"
            yield Static(end_content(self.session, self._audience()), id="outcome")
        yield Footer()

    def action_open_report(self) -> None:
        """The after-action report inside the app (its Markdown widget is loaded only now)."""
        from tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.session, journal=self.session.path, audience=self._audience()))

    def on_session_changed(self, message: SessionChanged) -> None:
        """Redraw after a command (a note, say)."""
        self.query_one("#outcome", Static).update(end_content(self.session, self._audience()))

    def _audience(self) -> Audience:
        """With the teams' choices hidden the room is watching."""
        return ROOM if getattr(self.app, "masked", False) else WHITE_CELL
