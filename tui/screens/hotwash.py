"""The hotwash: after a phase's last turn is resolved, a pause to review the phase with the teams.

It says what happened in the phase from the session's history (its turns, the shocks that fired,
how the variables the outcome and objectives read moved), for the audience the console shows, and
asks for notes (`n`) before play goes on (Enter). An undo of the resolution (`u`) takes it away.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from engine.audience.visibility import ROOM, WHITE_CELL, Audience, sees_shock, sees_variable
from engine.core import events as ev
from engine.core.model import Phase, Scenario
from engine.journal.session import Session
from engine.lint.unread import condition_vars
from engine.prose.turns import turn_name
from engine.prose.values import change_text
from tui.messages import SessionChanged
from tui.text import plain


def outcome_variables(scenario: Scenario) -> set[str]:
    """The variables the outcomes, the end conditions and the teams' objectives read."""
    conditions = [outcome.when for outcome in scenario.outcomes if outcome.when is not None]
    conditions += [end.when for end in scenario.end_conditions]
    conditions += [objective.condition for role in scenario.roles for objective in role.objectives]
    return {var for condition in conditions for var in condition_vars(condition)}


def hotwash_sections(session: Session, phase: Phase, audience: Audience) -> list[tuple[str, list[str]]]:
    """What happened in the phase, from the session's events: its turns, the shocks fired, the
    outcome's variables from the phase's opening to its last resolution (what the audience may see)."""
    scenario = session.scenario
    values = {var.id: var.initial for var in scenario.variables}
    before: dict[str, int] = {}
    fired: list[str] = []
    turn = 0
    for event in session.events():
        if isinstance(event, ev.TurnOpened):
            turn = event.turn
            if turn == phase.start:
                before = dict(values)
            if turn > phase.end:
                break
        elif isinstance(event, ev.Changed):
            values[event.var] = event.after
        elif isinstance(event, ev.ShockFired) and phase.start <= turn <= phase.end:
            shock = next((s for s in scenario.shocks if s.id == event.shock), None)
            if shock is not None and sees_shock(scenario, audience, shock):
                fired.append(f"{turn_name(scenario.turns, turn)}: {shock.title}")
    relevant = outcome_variables(scenario)
    shown = [var for var in scenario.variables if sees_variable(audience, var)]
    chosen = [var for var in shown if var.id in relevant] or [var for var in shown if before.get(var.id) != values[var.id]]
    moves = []
    for var in chosen:
        start, end = before.get(var.id, var.initial), values[var.id]
        if end == start:
            moves.append(f"{var.label} {var.shown(end)} (unchanged)")
        else:
            moves.append(f"{var.label} {change_text(start, end, var.states)}")
    count = phase.end - phase.start + 1
    turns = f"{turn_name(scenario.turns, phase.start)} to {turn_name(scenario.turns, phase.end)}" if count > 1 else ""
    span = f"{scenario.turns.counted(count)}" + (f": {turns}" if turns else f": {turn_name(scenario.turns, phase.start)}")
    return [
        ("Turns", [span]),
        ("Shocks fired", fired or ["None."]),
        ("The outcome's variables over the phase", moves or ["None to show."]),
    ]


class HotwashScreen(ModalScreen[bool]):
    """The hotwash after a phase; Enter goes on (True), an undo of the resolution closes it (False)."""

    BINDINGS = [
        Binding("enter", "go_on", "Go on"),
        Binding("n", "app.note", "Note"),
        Binding("u", "app.undo", "Undo"),
        Binding("h", "app.toggle_hidden", "Hide", show=False),  # the hotwash is often held with the room looking
    ]
    DEFAULT_CSS = """
    HotwashScreen { align: center middle; background: $background; }
    HotwashScreen > #hotwash {
        width: 90%; max-width: 100; height: auto; max-height: 90%; border: thick $accent; background: $surface; padding: 1 2;
    }
    HotwashScreen .section { text-style: bold; color: $accent; margin-top: 1; }
    HotwashScreen #prompt { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, session: Session, phase: Phase, audience: Audience) -> None:
        super().__init__()
        self.session = session
        self.phase = phase
        self.audience = audience
        self.standing = (session.state.turn, session.state.ended)
        """Where the resolution left the game: the hotwash lasts while the game stands there."""
        self.undone = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="hotwash") as box:
            box.border_title = Content.assemble("Hotwash: ", plain(self.phase.title))
            box.border_subtitle = "n note · Enter go on"
            for title, lines in hotwash_sections(self.session, self.phase, self.audience):
                yield Static(plain(title), classes="section")
                yield Static(Content("\n").join(plain(f"  {line}") for line in lines))
            yield Static("Take the teams' and the white cell's points down with n (a note, tagged); Enter goes on.", id="prompt")

    def on_session_changed(self, message: SessionChanged) -> None:
        """An undo of the resolution (or anything that moves the game) ends the hotwash; choices hidden
        (h) or shown again while it is up redraw it for the console's audience now."""
        state = self.session.state
        self.undone = (state.turn, state.ended) != self.standing
        if self.undone and self.is_current:
            self.dismiss(False)
            return
        audience = ROOM if getattr(self.app, "masked", False) else WHITE_CELL
        if audience != self.audience:
            self.audience = audience
            self.refresh(recompose=True)

    def on_screen_resume(self) -> None:
        """Back on top (the undo's question answered): gone if the resolution was undone meanwhile."""
        if self.undone:
            self.dismiss(False)

    def action_go_on(self) -> None:
        self.dismiss(True)
