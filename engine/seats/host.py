"""What the seat server needs from the process that owns the session, and a plain host with no console.

The server owns no game: it reads the session through a `SeatHost` and hands a seat's orders to
the host as a `SubmitOrders(role, actions, by="seat")`, so the facilitator's console applies them
like any command and sees them at once. The host, in turn, calls `SeatServer.changed()` after
every command it applies (and when the timer starts or stops), so each seat is sent its new
picture; calling it when nothing changed for a team sends that team nothing.

`SessionHost` is the host without a console, over a bare `Session`: for programs that pit bots
against each other, for tests and benchmarks. With ``auto_resolve`` it resolves each turn as soon
as every team's orders are in, a referee that never intervenes.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from engine.core.commands import ProposeFreeMove, Resolve, SessionCommand, SubmitOrders
from engine.core.events import Event
from engine.journal.session import Session
from engine.seats.messages import Proposal

if TYPE_CHECKING:
    from engine.seats.server import SeatServer

__all__ = ["Proposals", "SeatHost", "SessionHost", "TeamStatus"]


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


class Proposals:
    """The free-form moves teams proposed from their seats and the white cell has not yet rolled for:
    one a team, kept for the turn it was made in (a new turn starts with none). In memory, like a draft."""

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[int, Proposal]] = {}

    def put(self, role: str, turn: int, proposal: Proposal | None) -> None:
        """A team's proposal for ``turn`` (None withdraws it)."""
        if proposal is None:
            self._waiting.pop(role, None)
        else:
            self._waiting[role] = (turn, proposal)

    def get(self, role: str, turn: int) -> Proposal | None:
        kept = self._waiting.get(role)
        return kept[1] if kept is not None and kept[0] == turn else None

    def waiting(self, turn: int) -> list[tuple[str, Proposal]]:
        """Every team's proposal for ``turn``, in the order they came."""
        return [(role, proposal) for role, (made, proposal) in self._waiting.items() if made == turn]


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
        ``proposals: Proposals``, the free-form moves seats proposed, with ``proposed(role)`` called
        when one came in (a host without them refuses proposals as unavailable).
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
        self.proposals = Proposals()
        """The free-form moves proposed from seats, for `apply(ProposeFreeMove(..., by="seat"))`."""
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
            events += self._session.apply(Resolve())
        return events

    def apply(self, command: SessionCommand) -> tuple[Event, ...]:
        """The facilitator's command: applied, journaled, and every seat told (a free-form move rolled
        for is no longer its team's proposal)."""
        events = self._session.apply(command)
        if isinstance(command, ProposeFreeMove):
            self.proposals.put(command.role, 0, None)
        self._changed()
        return events

    def proposed(self, role: str) -> None:
        """A team's seat proposed a free-form move (or withdrew it): nothing to do without a console."""

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
        state = self._session.state
        return not state.ended and all(orders is not None for orders in state.orders)

    def _changed(self) -> None:
        if self.server is not None:
            self.server.changed()
