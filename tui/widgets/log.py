"""The event log: what happened and why, turn by turn, in the engine's own words."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from engine.core import events as ev
from engine.core.model import Scenario
from engine.prose.events import event_text

_HIDDEN_WHEN_MASKED = (ev.OrdersSubmitted, ev.OrdersWithdrawn)


def log_line(scenario: Scenario, event: ev.Event, *, masked: bool) -> Content:
    """One event as a styled line; with choices masked, the current turn's orders stay hidden."""
    if masked and isinstance(event, _HIDDEN_WHEN_MASKED):
        who = next((role.name for role in scenario.roles if role.id == event.role), event.role)
        return Content.styled(f"  {who} entered orders (hidden)", "$text-muted")
    text = event_text(scenario, event)
    if masked and isinstance(event, (ev.Undone, ev.Redone)) and "'s orders:" in text:
        text = text.split("'s orders:")[0] + "'s orders (hidden)"
    if isinstance(event, ev.TurnOpened):
        return Content.styled(f"── {text} ──", "bold $accent")
    if isinstance(event, ev.ShockFired):
        return Content.styled(f"  {text}", "bold $warning")
    if isinstance(event, ev.GameEnded):
        return Content.styled(f"  {text}", "bold $success")
    if isinstance(event, ev.NoteAdded):
        return Content.styled(f"  {text}", "italic $secondary")
    if isinstance(event, (ev.Undone, ev.Redone)):
        return Content.styled(f"  {text}", "italic $text-muted")
    if isinstance(event, ev.ActionResolved):
        return Content.styled(f"  {text}", "bold")
    return Content(f"    {text}")


class EventLog(VerticalScroll):
    """The log of the session's events, newest at the bottom; rebuilt when history changes."""

    DEFAULT_CSS = """
    EventLog { height: 1fr; border: round $primary; padding: 0 1; }
    EventLog > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Log"
        self._lines: list[Content] = []
        self._cache: dict[tuple[int, bool], tuple[ev.Event, Content]] = {}

    def _line(self, scenario: Scenario, event: ev.Event, *, masked: bool) -> Content:
        """An event's line, made once: events never change, and a long game has thousands."""
        key = (id(event), masked)
        found = self._cache.get(key)
        if found is None or found[0] is not event:
            found = self._cache[key] = (event, log_line(scenario, event, masked=masked))
        return found[1]

    def compose(self) -> ComposeResult:
        yield Static(id="log-text")

    def show(self, scenario: Scenario, events: Sequence[ev.Event], *, masked: bool, current_turn_start: int) -> None:
        """Show these events. ``current_turn_start`` is the index of the current turn's first
        event: masking applies from there on, since earlier turns are resolved and public."""
        lines = [self._line(scenario, event, masked=masked and index >= current_turn_start) for index, event in enumerate(events)]
        if lines == self._lines:
            return
        self._lines = lines
        self.query_one("#log-text", Static).update(Content("\n").join(lines))
        self.call_after_refresh(self.scroll_end, animate=False)
