"""After each resolution: what the teams did, every change with its cause, then the new turn's shocks."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.core import events as ev
from engine.core.model import Scenario
from engine.journal.turns import split_at_opening
from engine.prose.events import cause_text, event_text
from engine.prose.values import change_text, signed, value_text
from tui.messages import SessionChanged
from tui.text import plain
from tui.widgets.hanging import HangingLines


def _net_changes(scenario: Scenario, events: Sequence[ev.Event]) -> list[str]:
    """One line per variable that moved: before → after, then each cause with its share (for named
    states, the state each cause moved it to)."""
    order: list[str] = []
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    causes: dict[str, list[str]] = {}
    states = {var.id: var.states for var in scenario.variables}
    for event in events:
        if not isinstance(event, ev.Changed):
            continue
        if event.var not in first:
            order.append(event.var)
            first[event.var] = event.before
            causes[event.var] = []
        last[event.var] = event.after
        moved = event.after - event.before
        named = states.get(event.var, ())
        # A share held at a bound says so, rather than a bare 0 (or a smaller number) beside its cause.
        share = (
            f"→ {value_text(event.after, named)}"
            if named
            else signed(moved)
            if moved == event.requested
            else f"{signed(moved)} ({signed(event.requested)} asked, held at the bound)"
        )
        causes[event.var].append(f"{share} {cause_text(scenario, event.cause)}")
    labels = {var.id: var.label for var in scenario.variables}
    lines = []
    for var in order:
        lines.append(f"{labels.get(var, var)} {change_text(first[var], last[var], states.get(var, ()))}")
        lines.extend(f"      {cause}" for cause in causes[var])
    return lines


def summary_sections(scenario: Scenario, events: Sequence[ev.Event]) -> list[tuple[str, list[str]]]:
    """The resolution's events: what was done, each variable's net change with every cause, the
    rest of what happened, and what the new turn brings."""
    resolution, opening = split_at_opening(events)
    done = [event_text(scenario, e) for e in resolution if isinstance(e, ev.ActionResolved)]
    other = (ev.ResourceChanged, ev.Rolled, ev.Narrated, ev.ShockScheduled, ev.ShockArmed, ev.ShockEnded)
    sections = [
        ("What the teams did", done or ["No team took an action."]),  # "neither" only fits two
        ("What changed, and why", _net_changes(scenario, resolution) or ["No variable changed."]),
    ]
    rest = [event_text(scenario, e) for e in resolution if isinstance(e, other)]
    if rest:
        sections.append(("Also", rest))
    if opening:
        sections.append(
            (
                event_text(scenario, opening[0]),
                [event_text(scenario, e) for e in opening[1:]] or ["A quiet opening."],
            )
        )
    ending = [event_text(scenario, e) for e in events if isinstance(e, ev.GameEnded)]
    if ending and not opening:
        sections.append(("The end", ending))
    return sections


class AdjudicationScreen(ModalScreen[None]):
    """The adjudication summary of one resolution; Enter or Escape returns to play."""

    BINDINGS = [
        Binding("escape,enter,space", "close", "Continue"),
        Binding("h", "app.toggle_hidden", "Hide", show=False),  # the room may come to look while it is up
    ]
    DEFAULT_CSS = """
    AdjudicationScreen { align: center middle; background: $background; }
    AdjudicationScreen > #summary {
        width: 90%; max-width: 120; height: 90%; border: thick $accent; background: $surface; padding: 1 2;
    }
    AdjudicationScreen .section { text-style: bold; color: $accent; margin-top: 1; }
    """

    def __init__(
        self,
        scenario: Scenario,
        events: Sequence[ev.Event],
        title: str,
        events_for: Callable[[Audience], Sequence[ev.Event]] | None = None,
    ) -> None:
        """``events``: the summary's events as the console's audience may see them now; ``events_for``: the
        same for another audience, asked again when `h` hides or shows the white cell's things meanwhile."""
        super().__init__()
        self.scenario = scenario
        self.events = list(events)
        self.heading = title
        self.events_for = events_for
        self.audience: Audience | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary") as box:
            box.border_title = plain(self.heading)
            box.border_subtitle = "Enter to continue"
            for title, lines in summary_sections(self.scenario, self.events):
                yield Static(plain(title), classes="section")
                yield HangingLines([f"  {line}" for line in lines])

    def on_session_changed(self, message: SessionChanged) -> None:
        """Choices hidden (h) or shown again while the summary is up: it shows what the console's audience may see."""
        audience = ROOM if getattr(self.app, "masked", False) else WHITE_CELL
        if self.events_for is None or audience == self.audience:
            return
        self.audience, self.events = audience, list(self.events_for(audience))
        self.refresh(recompose=True)

    def on_mount(self) -> None:
        self.audience = ROOM if getattr(self.app, "masked", False) else WHITE_CELL

    def action_close(self) -> None:
        self.dismiss(None)
