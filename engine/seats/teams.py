"""The server's desk for each team: its seats, its shared draft, what it was last sent, and its status.

Several connections may hold one team's code (team members on several laptops): they share the
team's draft and status, and each is sent the same pictures. A team's picture is its
`Observation`, made for its role alone; what a team was last sent is kept so that a resolution
becomes a ``results`` message with the lines the team's log gained, and so that a team is sent
nothing when nothing changed for it. The draft lives here, in memory, for the turn it was made
in: a seat that reconnects gets it back, and a new turn starts with none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from engine.audience.observation import observe
from engine.audience.visibility import Audience, sees_proposal
from engine.core import events as ev
from engine.core.free_moves import proposals_waiting
from engine.core.view import View
from engine.journal.session import Session
from engine.seats.connection import Connection
from engine.seats.host import SeatHost, TeamStatus
from engine.seats.messages import Proposal, Results, Returned, ServerMessage, State, Timer, TimerMessage
from engine.seats.text import printable

__all__ = ["Team", "Teams"]

_log = logging.getLogger(__name__)


@attrs.define(eq=False)
class Team:
    """One team's desk on the server."""

    role: str
    connections: list[Connection] = attrs.Factory(list)
    joined: bool = False
    """Whether a seat of the team has ever joined."""
    draft: tuple[str, ...] = ()
    draft_turn: int = 0
    seen: dict[str, Any] | None = None
    """The observation the team was last sent (None before its first seat joined)."""

    def send(self, message: ServerMessage) -> None:
        for connection in list(self.connections):
            connection.send(message)


def _gained(before: Sequence[str], after: Sequence[str]) -> tuple[str, ...]:
    """The lines ``after`` has past the part it shares with ``before``."""
    shared = 0
    for old, new in zip(before, after, strict=False):
        if old != new:
            break
        shared += 1
    return tuple(after[shared:])


def _paused(host: SeatHost) -> float | None:
    """The seconds left of a paused timer, from a host that tells it (`SeatHost.paused`, which older hosts lack)."""
    told = getattr(host, "paused", None)
    left = told() if callable(told) else None
    return float(left) if isinstance(left, int | float) and not isinstance(left, bool) else None


class Teams:
    """Every team's desk, the statuses, and sending each team what changed for it."""

    def __init__(
        self, host: SeatHost, *, on_status: Callable[[str, TeamStatus], None] | None, clock: Callable[[], float]
    ) -> None:
        self._host = host
        self._on_status = on_status
        self._clock = clock
        self._teams = {role.id: Team(role.id) for role in host.session.scenario.teams}  # an actor has no seat
        self._statuses = dict.fromkeys(self._teams, TeamStatus.NOT_STARTED)
        self._session: Session | None = None
        self._records = 0
        self._deadline: tuple[float, bool] | None = None
        """What the seats were last told of the timer: its deadline (or the seconds left while paused), and whether paused."""

    def __getitem__(self, role: str) -> Team:
        return self._teams[role]

    def attach(self) -> None:
        """Start following the host's session from now on (returns before this are not news)."""
        self._session = self._host.session
        self._records = len(self._session.records)
        self._deadline = self._timer_key()
        self._update_statuses()

    # -- seats coming and going -------------------------------------------------------------------

    def join(self, connection: Connection, role: str) -> None:
        """A connection's code was accepted: it joins its team and is sent the team's picture."""
        team = self._teams[role]
        connection.role = role
        team.connections.append(connection)
        team.joined = True
        session = self._host.session
        self.refresh(team, View(session.game, session.state), session.events())
        self._update_statuses()

    def leave(self, connection: Connection) -> None:
        """A connection closed."""
        if connection.role is None:
            return
        team = self._teams[connection.role]
        if connection in team.connections:
            team.connections.remove(connection)
        self._update_statuses()

    def seat_names(self, role: str) -> tuple[str, ...]:
        return tuple(printable(connection.client, 100) for connection in self._teams[role].connections)

    # -- sending what changed ---------------------------------------------------------------------

    def refresh_all(self, view: View, events: Sequence[ev.Event]) -> None:
        """After a command or a timer change: returns, results, the timer and each team's state."""
        self._returns()
        deadline = self._timer_key()
        timer_changed = deadline != self._deadline
        self._deadline = deadline
        for team in self._teams.values():
            if team.connections:
                if timer_changed:
                    team.send(TimerMessage(self.timer()))
                self.refresh(team, view, events)
        self._update_statuses()

    def refresh(self, team: Team, view: View, events: Sequence[ev.Event]) -> None:
        """Send one team's seats its picture (and ``results`` first when a turn was resolved since the last)."""
        if not team.connections:
            return
        seen = observe(view, events, team.role).to_json()
        turn = seen["turn"]
        if team.draft_turn != turn or seen["ended"]:
            team.draft, team.draft_turn = (), turn
        before = team.seen
        if before is not None and (turn > before["turn"] or (seen["ended"] and not before["ended"])):
            team.send(Results(before["turn"], _gained(before["log"], seen["log"]), seen["ended"], seen["outcome"]))
        team.seen = seen
        status = "drafting" if seen["orders"] is None else "submitted"
        proposal = self.proposal(team.role)
        state = State(seen, team.draft, status, self.timer(), proposal=proposal)
        key = (seen, team.draft, status, self._deadline, proposal)
        for connection in list(team.connections):
            connection.send_state(state, key)

    def timer(self) -> Timer | None:
        """The decision timer as a seat is told of it now: running, paused (a version 1 seat is told none), or none."""
        minutes = self._host.session.settings.timer_minutes
        deadline = self._host.deadline()
        if deadline is not None:
            return Timer(round(max(0.0, deadline - self._clock()), 3), minutes)
        paused = _paused(self._host)
        return None if paused is None else Timer(round(max(0.0, paused), 3), minutes, paused=True)

    def proposal(self, role: str) -> Proposal | None:
        """The team's free-form move waiting for the white cell, as its own seats are shown it (visibility:
        a proposal is its team's and the white cell's until it is argued in the room)."""
        if not sees_proposal(Audience.team(role), role):
            return None
        session = self._host.session
        waiting = proposals_waiting(session.game, session.state)
        return next((Proposal(action, reasons) for proposer, action, reasons in waiting if proposer == role), None)

    def _timer_key(self) -> tuple[float, bool] | None:
        """The timer as far as a change is news: the deadline (to a tenth of a second, as the console
        reckons it afresh each time it is asked) or the paused seconds left."""
        deadline = self._host.deadline()
        if deadline is not None:
            return round(deadline, 1), False
        paused = _paused(self._host)
        return None if paused is None else (round(paused, 1), True)

    def _returns(self) -> None:
        """Tell each team of orders the facilitator sent back since the last look; their draft is those orders."""
        session = self._host.session
        if session is not self._session:
            self._session, self._records = session, len(session.records)
            return
        records = session.records
        for record in records[self._records :]:
            for event in record.events:
                if isinstance(event, ev.OrdersReturned) and event.role in self._teams:
                    team = self._teams[event.role]
                    team.draft, team.draft_turn = tuple(event.actions), session.state.turn
                    team.send(Returned(session.state.turn, event.actions, event.note))
        self._records = len(records)

    # -- statuses ---------------------------------------------------------------------------------

    def statuses(self) -> dict[str, TeamStatus]:
        return dict(self._statuses)

    def _status(self, team: Team) -> TeamStatus:
        state = self._host.session.state
        if state.orders[self._host.session.game.role_index[team.role]] is not None:
            return TeamStatus.SUBMITTED
        if team.connections:
            return TeamStatus.DRAFTING
        return TeamStatus.DISCONNECTED if team.joined else TeamStatus.NOT_STARTED

    def _update_statuses(self) -> None:
        for role, team in self._teams.items():
            status = self._status(team)
            if status != self._statuses[role]:
                self._statuses[role] = status
                if self._on_status is not None:
                    try:
                        self._on_status(role, status)
                    except Exception:  # the console's callback must not stop the seats
                        _log.exception("on_status failed for %s", role)
