"""`whitecell display JOURNAL`: the players' view of a live session, for a projector or a second screen.

A small app of its own, separate from the facilitator's console: it never writes, never takes
the journal's lock, and renders nothing but the `PlayersView` of what `JournalFollower` has
read, so nothing the room must not see can reach the screen. It polls the file twice a second.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Digits, Static

from engine.audience.room import PlayersView, players_view
from engine.core.model import Scenario
from engine.journal.follow import FollowStatus, JournalFollower
from tui.announce import countdown, phase_note, undone_resolution
from tui.text import plain
from tui.widgets import display_parts as parts
from tui.widgets.display_variables import DecisionsGrid, PublicVariables, TurnHeading

POLL_SECONDS = 0.5
SMALL_WIDTH = 110
SMALL_HEIGHT = 32
SMALL_DECISION_LINES = 5
"""On a small screen the decisions get this many lines beside the latest events (display.tcss:
`DisplayApp.small #decisions`)..."""
CROWDED_DECISION_LINES = 8
"""...or this many in place of the events (`DisplayApp.small.crowded #decisions`) when that shows
them fuller: what each team decided matters more to the room than the log."""


class DisplayApp(App[None]):
    """Follows a journal and shows the players' view of it; `q` quits."""

    CSS_PATH = "display.tcss"
    TITLE = "whitecell display"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, journal: str | Path, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.follower = JournalFollower(journal)
        self.poll_seconds = poll_seconds
        self.view: PlayersView | None = None
        self.status: FollowStatus | None = None
        self.scenario: Scenario | None = None
        """The followed session's scenario: its phases (titles and briefing updates are the room's) are shown."""
        self._small = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Digits("", id="turn-number")
            yield TurnHeading(id="turn-text")
            yield Static(id="clock")
        yield Static(id="announce")
        yield Static(id="phase-note")
        yield Static(id="outcome")
        yield Static(id="waiting")
        with Horizontal(id="body"):
            with VerticalScroll(id="shocks-panel") as shocks:
                shocks.border_title = "Shocks"
                yield Static(id="shocks")
            with Vertical(id="variables-panel") as panel:
                panel.border_title = "The situation"
                yield PublicVariables(id="variables")
        yield DecisionsGrid(id="decisions")
        yield Static(id="events")
        yield Static(id="status")

    def on_mount(self) -> None:
        self.add_class("empty")
        self.query_one(DecisionsGrid).border_title = "Decisions"
        self.query_one("#events", Static).border_title = "Latest"
        self.poll()
        self.set_interval(self.poll_seconds, self.poll)

    def on_resize(self, event: Resize) -> None:
        self._small = event.size.width < SMALL_WIDTH or event.size.height < SMALL_HEIGHT
        self.set_class(self._small, "small")
        self._show()  # the decisions' lines depend on the width, and with them whether the screen is crowded

    def poll(self) -> None:
        """Read what is new in the journal and redraw what changed."""
        if not self.query("#status"):
            return  # the app is closing and its widgets are gone: a tick that comes now draws nothing
        try:
            status = self.follower.poll()
        except Exception as error:  # a display must keep showing the last good state, whatever the file holds
            kept = self.status.session if self.status is not None else None
            status = FollowStatus(kept, f"cannot follow the journal: {error}", None, False, 0)
        if status.changed and status.session is not None:
            self.view = players_view(status.session)
            self.scenario = status.session.scenario
            self._announce(undone_resolution(status.session))
            self._show()
        self._show_clock()
        self._show_phase_note()
        if status != self.status:
            self.status = status
            self._show_status(status)

    def _show(self) -> None:
        view = self.view
        self.set_class(view is None, "empty")
        if view is None:
            return
        self.set_class(view.ended, "ended")
        self.query_one("#turn-number", Digits).update(str(view.turn))
        phase = self.scenario.phase_at(view.turn) if self.scenario is not None and not view.ended else None
        self.query_one(TurnHeading).show(view, phase.title if phase is not None else "")
        self.query_one("#outcome", Static).update(parts.outcome(view))
        self.query_one("#shocks", Static).update(parts.shocks(view, compact=self._small))
        new = sum(1 for shock in view.shocks if shock.new)
        panel = self.query_one("#shocks-panel", VerticalScroll)
        panel.border_title = f"Shocks this turn: {new}" if new else "Shocks in progress"
        self.query_one(PublicVariables).show(view, compact=self._small)
        decided = self.query_one(DecisionsGrid)
        decided.border_title = parts.decisions_title(view)
        decided.show(view)
        fullest = parts.decisions_height(view, self.size.width - decided.styles.gutter.width, CROWDED_DECISION_LINES)
        self.set_class(self._small and not view.ended and fullest > SMALL_DECISION_LINES, "crowded")
        self.query_one("#events", Static).update(parts.events(view, 2 if self._small else 5))

    def _announce(self, text: str | None) -> None:
        """Say what the room should know of the last line (until the next one)."""
        self.query_one("#announce", Static).update(plain(text or ""))
        self.set_class(text is not None, "announcing")

    def _show_clock(self) -> None:
        """The console's decision timer for this turn, read from beside the journal at every poll."""
        clocks = self.query("#clock").results(Static)
        clock = next(clocks, None)
        if clock is None:
            return  # the app is closing: its widgets are going, and a poll may still come
        view = self.view
        shown = countdown(self.follower.path, view.turn, view.ended) if view is not None else None
        clock.update(shown or Content(""))
        self.set_class(shown is not None, "timed")

    def _show_phase_note(self) -> None:
        """The console's hotwash while it is up, else a phase's briefing update during its first turn."""
        notes = self.query("#phase-note").results(Static)
        note = next(notes, None)
        view, scenario = self.view, self.scenario
        if note is None or view is None or scenario is None:
            return
        text = phase_note(self.follower.path, scenario, view.turn, view.ended)
        note.update(text or Content(""))
        self.set_class(text is not None, "phase-note")

    def _show_status(self, status: FollowStatus) -> None:
        name = self.follower.path.name
        line = self.query_one("#status", Static)
        line.set_class(status.problem is not None, "problem")
        if status.problem is not None:
            kept = "; showing the last good state" if status.session is not None else ""
            line.update(Content(f"⚠ {status.problem}{kept}"))
        elif status.waiting is not None:
            line.update(Content(f"Following {name} · {status.waiting}"))
        else:
            ended = " · the session has ended" if status.session is not None and status.session.state.ended else ""
            line.update(Content(f"Following {name} · {status.lines} lines{ended} · q quits"))
        waiting = status.problem or status.waiting or f"Waiting for {name}…"
        self.query_one("#waiting", Static).update(Content(f"whitecell display\n\n{waiting}"))
