"""The event log: what happened and why, turn by turn, in the engine's own words."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content

from engine.audience.console import LogLine
from engine.core import events as ev
from engine.text.terminal import printable_block
from tui.widgets.hanging import HangingText


def log_line(line: LogLine) -> Content:
    """One line of the log, styled by what happened; what the audience may only know of is muted."""
    event, text = line.event, printable_block(line.text)  # it quotes notes and reasons from the journal
    if line.redacted and isinstance(event, ev.OrdersSubmitted | ev.OrdersWithdrawn | ev.NoteAdded):
        return Content.styled(f"  {text}", "$text-muted")
    if isinstance(event, ev.TurnOpened):
        # no-break spaces keep the rule's ends with its words when a narrow log wraps it
        return Content.styled(f"──\N{NO-BREAK SPACE}{text}\N{NO-BREAK SPACE}──", "bold $accent")
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
    """The log of the session's events, newest at the bottom; rebuilt when history changes.

    A long line wraps under its own text (`HangingText`), so a cause's second line does not read
    as an entry of its own."""

    DEFAULT_CSS = """
    EventLog { height: 1fr; border: round $primary; padding: 0 1; }
    EventLog > HangingText { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Log"
        self._lines: list[LogLine] = []
        self._styled: dict[LogLine, Content] = {}

    def compose(self) -> ComposeResult:
        yield HangingText(id="log-text")

    def show(self, lines: Sequence[LogLine]) -> None:
        """Show these lines (an audience's log, from `engine.audience.console.log_lines`)."""
        if list(lines) == self._lines:
            return
        self._lines = list(lines)
        # lines never change once written, and a long game has thousands: each is styled once
        styled = {line: self._styled.get(line) or log_line(line) for line in self._lines}
        self._styled = styled
        self.query_one("#log-text", HangingText).update([styled[line] for line in self._lines])
        self.call_after_refresh(self.scroll_end, animate=False)
