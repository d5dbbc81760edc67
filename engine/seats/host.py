"""What the seat server needs from the process that owns the session, and a plain host with no console.

The server owns no game: it reads the session through a `SeatHost` and hands a seat's orders to
the host as a `SubmitOrders(role, actions, by="seat")`, so the facilitator's console applies them
like any command and sees them at once. The host, in turn, calls `SeatServer.changed()` after
every command it applies (and when the timer starts or stops), so each seat is sent its new
picture; calling it when nothing changed for a team sends that team nothing.

`SessionHost` is the host without a console, over a bare `Session`: for programs that pit bots
against each other, for tests and benchmarks. With ``auto_resolve`` it resolves each turn as soon
as every team's orders are in, a referee that never intervenes. It never waits on a white-cell
actor: an actor the settings give a bot gets that bot's move first, any other makes none that turn.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from engine.core.commands import PutForwardFreeMove, Resolve, SessionCommand, SubmitOrders
from engine.core.events import Event
from engine.journal.autoplay import bot_orders
from engine.journal.session import Session

if TYPE_CHECKING:
    from engine.seats.server import SeatServer

__all__ = ["SeatHost", "SessionHost", "TeamStatus"]


class TeamStatus(enum.StrEnum):
    """Where a team stands this turn, as the facilitator's status panel shows it."""

    NOT_STARTED = "not-started"
    """No seat of the team has joined yet."""
    DRAFTING = "drafting"
    """A seat is connected and the team's orders are not in."""
    SUBMITTED = "submitted"
    """The team's orders for this turn are in (from a seat or entered by the facilitator)."""
    DISCONNECTED = "disconnected"
    """The team had joined, its orders are not in, and none of its seats is connected now."""


class SeatHost(Protocol):
    """The facilitator's side of the seats: the session to read, the way a seat's orders go in, the timer."""

    @property
    def session(self) -> Session:
        """The live session; the server only reads it (state, events, scenario, settings)."""
        ...

    def submit(self, command: SubmitOrders) -> tuple[Event, ...]:
        """Apply a seat's orders as the facilitator's console applies any command (journaled, shown).

        Raises `engine.core.refusals.CommandRefused` (the server sends the reasons to the seat) or
        `engine.journal.session.SessionError` (the seat is told the session cannot take orders now).
        The server calls `SeatServer.changed()` itself afterwards.
        """
        ...

    def deadline(self) -> float | None:
        """When the turn's decision timer runs out, in `time.monotonic()` seconds; None when no timer runs
        (or while it is paused).

        A host may also have ``paused() -> float | None``: the seconds left while the timer is paused,
        which seats speaking version 2 of the protocol are shown (a host without it shows none); and
        ``propose(command: PutForwardFreeMove) -> tuple[Event, ...]``, which applies a team's free-form
        move proposed from its seat as `submit` applies orders (journaled, so the proposal is in the
        session's state until rolled for); a host without it refuses proposals as unavailable.
        """
        ...


class SessionHost:
    """A `SeatHost` over a bare session, with no console: see the module docstring."""

    def __init__(
        self,
        session: Session,
        *,
        auto_resolve: bool = False,
        on_submit: Callable[[SubmitOrders], None] | None = None,
    ) -> None:
        self._session = session
        self._auto_resolve = auto_resolve
        self._on_submit = on_submit
        self._deadline: float | None = None
        self._paused: float | None = None
        self.server: SeatServer | None = None
        """The server to tell of every command (set it after making the server)."""

    @property
    def session(self) -> Session:
        return self._session

    def submit(self, command: SubmitOrders) -> tuple[Event, ...]:
        events = self._session.apply(command)
        if self._on_submit is not None:
            self._on_submit(command)
        if self._auto_resolve and self._all_in():
            for orders in bot_orders(self._session):  # only actors can be left: every team's orders are in
                events += self._session.apply(orders)
            events += self._session.apply(Resolve())
        return events

    def apply(self, command: SessionCommand) -> tuple[Event, ...]:
        """The facilitator's command (an undo too): applied, journaled, and every seat told."""
        events = self._session.apply(command)
        self._changed()
        return events

    def propose(self, command: PutForwardFreeMove) -> tuple[Event, ...]:
        """A team's free-form move proposed from its seat: journaled like its orders."""
        return self._session.apply(command)

    def deadline(self) -> float | None:
        return self._deadline

    def paused(self) -> float | None:
        return self._paused

    def start_timer(self, minutes: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        """Start the decision timer (seats are told)."""
        self._deadline, self._paused = clock() + minutes * 60, None
        self._changed()

    def pause_timer(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        """Pause a running timer, or set a paused one going again (seats are told)."""
        deadline, paused = self._deadline, self._paused
        if deadline is not None:
            self._deadline, self._paused = None, max(0.0, deadline - clock())
        elif paused is not None:
            self._deadline, self._paused = clock() + paused, None
        self._changed()

    def stop_timer(self) -> None:
        self._deadline = self._paused = None
        self._changed()

    def _all_in(self) -> bool:
        """Every team's orders are in (the actors' are the white cell's business, never waited for)."""
        state, roles = self._session.state, self._session.scenario.roles
        waited = (orders for role, orders in zip(roles, state.orders, strict=True) if not role.is_actor)
        return not state.ended and all(orders is not None for orders in waited)

    def _changed(self) -> None:
        if self.server is not None:
            self.server.changed()
