"""The seat's one screen: the team's situation, the shocks, what happened, and its orders.

Laid out like the facilitator's play screen (three columns at 120x40; below 110 columns the
variables take a line each with the shocks under them and the log opens with l), and drawn from a
`SeatView` the app gives it: the screen decides nothing.
"""

from __future__ import annotations

import attrs
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from engine.audience.console import ShockView
from tui.commands import ConsoleCommand, bindings
from tui.screens.layout import fit_width
from tui.seat.draft import Orders
from tui.seat.link import Connection, Proposal
from tui.seat.memory import SeatGauge
from tui.seat.model import Picture
from tui.seat.proposing import waiting_line
from tui.seat.widgets import OrdersPanel, SeatLog, banner, connection_line, objectives_lines, phase_words
from tui.widgets.hanging import HangingText
from tui.widgets.header import GameHeader
from tui.widgets.shocks import ShockList, ShocksPanel
from tui.widgets.variables import VariablesPanel

SEAT_COMMANDS: tuple[ConsoleCommand, ...] = (
    ConsoleCommand("submit", "s", "s", "Submit", "Submit the orders", "Submit the draft as the team's orders (asks first)"),
    ConsoleCommand(
        "propose",
        "m",
        "m",
        "Move",
        "Propose a free-form move",
        "An action not on the list, in the team's words, for the white cell",
    ),
    ConsoleCommand("briefing", "b", "b", "Briefing", "Read the briefing", "The team's private briefing and its objectives"),
    ConsoleCommand("show_log", "l", "l", "Log", "Show the log", "What happened, as far as the team may know, full screen"),
    ConsoleCommand("quit", "q", "q", "Quit", "Quit", "Leave the seat (the server keeps the team's draft)", in_palette=False),
)
"""The seat's commands, in the footer's order."""


@attrs.frozen
class SeatView:
    """Everything the screen draws, gathered by the app."""

    title: str
    where: str
    connection: Connection
    picture: Picture | None
    orders: Orders
    gauges: tuple[SeatGauge, ...] = ()
    shocks: tuple[ShockView, ...] = ()
    latest: tuple[str, ...] = ()
    """The lines the latest resolution added to the log."""
    closing: str | None = None
    problem: str | None = None
    timer: str = ""
    """The decision timer as mm:ss, or empty when none runs."""
    timer_expired: bool = False
    proposal: Proposal | None = None
    """The team's free-form move waiting for the white cell."""


class SeatScreen(Screen[None]):
    """The team's console; the app's keys act on it."""

    BINDINGS = bindings(SEAT_COMMANDS)

    def __init__(self) -> None:
        super().__init__()
        self.latest: SeatView | None = None
        """The view the app gave last, drawn as soon as the screen is up."""

    def compose(self) -> ComposeResult:
        yield GameHeader(id="header")
        yield Static(id="connection")
        yield Static(id="banner")
        yield Static(id="problem")
        yield Static(id="waiting")
        yield Static(id="proposal")
        with Horizontal(id="body"):
            with VerticalScroll(id="situation") as situation:
                situation.border_title = "Situation"
                yield VariablesPanel(id="variables")
                yield Static("Shocks in progress", classes="heading narrow-only")
                yield ShockList(id="shock-list", classes="narrow-only")
                yield Static("Objectives", classes="heading")
                yield HangingText(id="objectives")
            with Vertical(id="middle"):
                yield ShocksPanel(id="shocks")
                yield SeatLog(id="log")
            yield OrdersPanel(id="orders")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#shocks", ShocksPanel).border_title = "Shocks in progress"
        self.query_one("#actions").focus()
        if self.latest is not None:
            self.draw(self.latest)

    def on_resize(self, event: Resize) -> None:
        fit_width(self, event.size.width)

    def draw(self, view: SeatView) -> None:
        """Redraw everything from the view."""
        picture = view.picture
        header = self.query_one(GameHeader)
        header.title = view.title
        header.turn = picture.turn_heading if picture else "not joined yet"
        header.phase = phase_words(view.orders) if picture else "connecting"
        self.show_timer(view.timer, expired=view.timer_expired)
        self.query_one("#connection", Static).update(connection_line(view.connection, view.where, view.orders))
        self._message("#banner", banner(picture, view.orders, view.closing))
        self._message("#problem", Content.styled(f"⚠ {view.problem}", "bold $error") if view.problem else None)
        self._message("#waiting", None if picture else self._waiting(view))
        self._message("#proposal", waiting_line(view.proposal) if picture and not picture.ended else None)
        self.query_one("#body").display = picture is not None
        if picture is None:
            return
        self.query_one(VariablesPanel).show(view.gauges)
        self.query_one("#objectives", HangingText).update(objectives_lines(picture.own_objectives(), picture.score))
        self.query_one(ShocksPanel).show(view.shocks, facilitator=False)
        self.query_one(ShockList).show(view.shocks)
        self.query_one(SeatLog).show(picture.log, view.latest)
        self.query_one(OrdersPanel).show(picture, view.orders)
        self.set_class(view.orders.note is not None and not picture.ended, "returned")
        self.set_class(picture.ended, "ended")

    def show_timer(self, timer: str, *, expired: bool) -> None:
        """The timer in the header (the app ticks it every second)."""
        header = self.query_one(GameHeader)
        header.timer, header.timer_expired = timer, expired

    @staticmethod
    def _waiting(view: SeatView) -> Content:
        if view.connection.state == "lost":
            return Content.styled("Could not join the white cell's session.", "bold $error")
        return Content.styled("Waiting for the white cell's server to send the team's picture…", "italic $text-muted")

    def _message(self, selector: str, content: Content | None) -> None:
        """Show a one-off line (or hide it when there is nothing to say)."""
        widget = self.query_one(selector, Static)
        widget.display = content is not None
        if content is not None:
            widget.update(content)
