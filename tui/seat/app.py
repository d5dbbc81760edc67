"""The seat console's app: reads events from a `SeatLink`, keeps the team's draft, and redraws.

Everything the seat knows arrives as an event and everything it does leaves through the link, so
the same app runs against the real client (`tui.seat.client`) and the tests' fake. Sends go out
one at a time, in order, from one queue. Nothing that arrives can end the app: a value it cannot
read becomes an error line, and a lost link a "disconnected" line while the draft stays here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from typing import Any, Literal

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from engine.audience.console import ShockView
from engine.core.model import Turns
from engine.prose.turns import turns_left
from tui.commands import palette
from tui.decision_timer import clock_text
from tui.seat.dialogs import BriefingScreen, LogScreen, SubmitDialog
from tui.seat.draft import Orders
from tui.seat.link import (
    Closing,
    Connection,
    Joined,
    Proposal,
    Refused,
    Resolved,
    Returned,
    SeatEvent,
    SeatLink,
    StateChanged,
    Submitted,
    Timer,
    TimerChanged,
)
from tui.seat.memory import Memory
from tui.seat.model import Picture, read_observation
from tui.seat.proposing import ProposeDialog
from tui.seat.screen import SEAT_COMMANDS, SeatScreen, SeatView
from tui.seat.widgets import OrdersPanel

Send = tuple[Literal["draft", "submit"], int, tuple[str, ...]]


class SeatApp(App[None]):
    """One team's console, on a link to the facilitator's server."""

    CSS_PATH = "../seat.tcss"
    """Beside the console's whitecell.tcss, where the package data (tui/*.tcss) ships it."""
    TITLE = "whitecell seat"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, link: SeatLink, *, where: str = "", clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.link = link
        self.where = where
        """Where the server is, as the team typed it (shown beside "connected")."""
        self.clock = clock
        self.joined: Joined | None = None
        self.picture: Picture | None = None
        self.orders = Orders()
        self.memory = Memory()
        self.connection = Connection("connecting")
        self.closing: str | None = None
        self.error: str | None = None
        """The last thing the server refused, until the team acts again."""
        self.unreadable: tuple[str, ...] = ()
        """What the last state held that the seat could not read."""
        self.latest: tuple[str, ...] = ()
        self.deadline: float | None = None
        self.paused: float | None = None
        self.proposal: Proposal | None = None
        """The team's free-form move waiting for the white cell, as the server last said."""
        """The seconds left while the white cell has the timer paused."""
        self.timings: dict[str, float] = {}
        """When the code was accepted ("joined") and the first picture was on screen ("first_frame"), by ``clock``."""
        self._outbox: asyncio.Queue[Send] = asyncio.Queue()
        self._leaving = False
        self._seat = SeatScreen()

    def get_default_screen(self) -> Screen[Any]:
        return self._seat

    def on_mount(self) -> None:
        self.run_worker(self._listen(), name="listen", exit_on_error=False)
        self.run_worker(self._send_loop(), name="send", exit_on_error=False)
        self.set_interval(1.0, self._tick)
        self.redraw()

    # -- what arrives -----------------------------------------------------------------------------

    async def _listen(self) -> None:
        try:
            async for event in self.link.events():
                self.take(event)
        except Exception as error:  # the link broke in a way it did not report: say so, keep the draft
            self.take(Connection("lost", f"{type(error).__name__}: {error}"))
            return
        if not self._leaving:
            self.take(Connection("lost", "the link to the server was closed"))

    def take(self, event: SeatEvent) -> None:
        """Update what the seat knows from one event, then redraw."""
        match event:
            case Joined():
                self.joined = event
                self.timings.setdefault("joined", self.clock())
            case StateChanged():
                self._state(event)
            case Submitted():
                self.orders.on_submitted(event.turn, event.actions)
                self.error = None
            case Returned():
                self.orders.on_returned(event.turn, event.actions, event.note)
                self.error = None
                self.bell()
            case Resolved():
                self.latest = event.log
            case TimerChanged():
                self._timer(event.timer)
            case Refused():
                self.orders.on_refused()
                self.error = " ".join([event.message, *event.reasons]) if event.reasons else event.message
            case Connection():
                self.connection = event
                self.orders.on_connection(event.state == "connected")
            case Closing():
                self.closing = event.reason
        self.redraw()

    def _state(self, event: StateChanged) -> None:
        reading = read_observation(event.observation)
        self.unreadable = reading.problems
        picture = reading.picture
        if picture is None:
            return
        if self.picture is not None and picture.turn != self.picture.turn:
            self.error = None
        self.picture, self.closing = picture, None
        self.memory.record(picture)
        if self.orders.on_state(picture, event.draft, event.status):
            self._send("draft")
        self._timer(event.timer)
        self.proposal = event.proposal
        if "first_frame" not in self.timings:
            self.call_after_refresh(lambda: self.timings.setdefault("first_frame", self.clock()))

    def _timer(self, timer: Timer | None) -> None:
        self.deadline = None if timer is None or timer.paused else self.clock() + timer.seconds_left
        self.paused = timer.seconds_left if timer is not None and timer.paused else None
        self._tick()

    def _tick(self) -> None:
        if self._drawable():
            timer, expired = self._timer_text()
            self._seat.show_timer(timer, expired=expired)

    def _timer_text(self) -> tuple[str, bool]:
        """The timer as mm:ss (empty when none runs), and whether it has run out."""
        if self.picture is None or self.picture.ended:
            return "", False
        if self.paused is not None:
            return clock_text(self.paused) + " paused", self.paused <= 0
        if self.deadline is None:
            return "", False
        left = max(0, round(self.deadline - self.clock()))
        return clock_text(left), left == 0

    # -- drawing ----------------------------------------------------------------------------------

    def _drawable(self) -> bool:
        """Whether the screen is there to draw on (not while the app is starting or closing down)."""
        return self.is_running and self._seat.is_mounted

    def redraw(self) -> None:
        """Draw what the seat knows now (once the screen is up: it draws the latest view as it mounts)."""
        self._seat.latest = self.view()
        if self._drawable():
            self._seat.draw(self._seat.latest)

    def view(self) -> SeatView:
        """What the screen shows now."""
        picture = self.picture
        joined = self.joined
        team = picture.role_name if picture else joined.role_name if joined else ""
        title = " · ".join(part for part in (team, joined.scenario if joined else "") if part)
        timer, expired = self._timer_text()
        problem = self.error
        if problem is None and self.unreadable:
            more = f" (and {len(self.unreadable) - 1} more)" if len(self.unreadable) > 1 else ""
            problem = f"The server sent something this seat cannot read: {self.unreadable[0]}{more}"
        return SeatView(
            title=title,
            where=self.where,
            connection=self.connection,
            picture=picture,
            orders=self.orders,
            gauges=tuple(self.memory.gauges(picture)) if picture else (),
            shocks=self._shocks(picture) if picture else (),
            latest=self.latest,
            closing=self.closing,
            problem=problem,
            timer=timer,
            timer_expired=expired,
            proposal=self.proposal,
        )

    def _shocks(self, picture: Picture) -> tuple[ShockView, ...]:
        """The shocks as the console's cards draw them, with nothing of the white cell's (a team has none)."""
        return tuple(
            ShockView(
                id=shock.id,
                title=shock.title,
                category=shock.category,
                narrative=shock.narrative,
                remaining=shock.turns_left,
                left=turns_left(Turns(picture.turn_count), shock.turns_left),  # the picture has no word for a turn
                source="",
                expected_response="",
                expected_actions=(),
                facilitator_notes="",
                fired_this_turn=self.memory.is_new(picture.turn, shock.id),
            )
            for shock in picture.shocks
        )

    # -- what the team does -----------------------------------------------------------------------

    def on_orders_panel_toggled(self, message: OrdersPanel.Toggled) -> None:
        why_not = self.orders.toggle(self.picture, message.action)
        if why_not is not None:
            self.notify(why_not, severity="warning", markup=False)
            return
        self.error = None
        self._send("draft")
        self.redraw()

    def action_submit(self) -> None:
        picture = self.picture
        if picture is None or self.orders.phase != "drafting":
            why_not = "Nothing to submit yet." if picture is None else "There is no draft to submit now."
            self.notify(why_not, severity="warning", markup=False)
            return
        if self.connection.state != "connected":
            self.notify("Not connected: the draft is kept here; submit once the link is back.", severity="warning")
            return
        self.push_screen(SubmitDialog(picture, self.orders.actions), self._submit_answered)

    def _submit_answered(self, answer: object) -> None:
        if answer is not True:
            return
        why_not = self.orders.submit()
        if why_not is not None:
            self.notify(why_not, severity="warning", markup=False)
            return
        self.error = None
        self._send("submit")
        self.redraw()

    def action_propose(self) -> None:
        """A free-form move for the white cell to argue and roll for (the dialog is tui.seat.proposing)."""
        picture = self.picture
        if picture is None or picture.ended or self.connection.state != "connected":
            self.notify("Not connected to a game in progress: nothing can be proposed now.", severity="warning")
            return
        turn = picture.turn

        def answered(answer: object) -> None:
            if isinstance(answer, Proposal):
                self.run_worker(self._propose(turn, answer), exclusive=False)

        self.push_screen(ProposeDialog(self.proposal), answered)

    async def _propose(self, turn: int, proposal: Proposal) -> None:
        try:
            await self.link.propose(turn, proposal.action, proposal.reasons)
        except Exception as error:  # a send that fails is said; nothing was proposed
            self.take(Refused("not-sent", f"The free-form move was not sent ({error})."))

    def action_briefing(self) -> None:
        if self.picture is not None:
            self.push_screen(BriefingScreen(self.picture))

    def action_show_log(self) -> None:
        if self.picture is not None:
            self.push_screen(LogScreen(self.picture.log, self.latest))

    async def action_quit(self) -> None:
        self._leaving = True
        try:
            await asyncio.wait_for(self.link.close(), 2)
        finally:
            self.exit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette(SEAT_COMMANDS, lambda action: getattr(self, f"action_{action}"))

    # -- what leaves ------------------------------------------------------------------------------

    @property
    def unsent(self) -> int:
        """How many drafts and submissions wait for the link."""
        return self._outbox.qsize()

    def _send(self, kind: Literal["draft", "submit"]) -> None:
        if self.orders.turn is not None:
            self._outbox.put_nowait((kind, self.orders.turn, self.orders.actions))

    async def _send_loop(self) -> None:
        while True:
            kind, turn, actions = await self._outbox.get()
            try:
                if kind == "draft":
                    await self.link.send_draft(turn, actions)
                else:
                    await self.link.submit(turn, actions)
            except Exception as error:  # a send that fails is reported; the draft stays here
                self.take(Refused("not-sent", f"Not sent ({error}); the draft is kept here."))
