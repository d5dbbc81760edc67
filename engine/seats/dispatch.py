"""What each message from a seat may do: the one place the server decides to accept or refuse.

Every line is decoded and checked (`engine.seats.protocol`); then a hello is checked against the
throttle and the join codes, and a draft or submit against the connection's team, the session's
turn and whether the team's orders are in. Orders go to the host as ``SubmitOrders(by="seat")``,
and the engine's refusals come back with their reasons. Anything refused gets one ``error`` with a
stable code and changes nothing.
"""

from __future__ import annotations

import logging

from engine.audience.observation import observe
from engine.core.commands import PutForwardFreeMove, SubmitOrders
from engine.core.refusals import CommandRefused, RefusalCode
from engine.core.view import View
from engine.journal.session import SessionError
from engine.seats.codes import JoinCodes
from engine.seats.connection import Connection
from engine.seats.host import SeatHost
from engine.seats.messages import (
    Bye,
    Closing,
    Draft,
    Error,
    ErrorCode,
    Hello,
    Ping,
    Pong,
    Propose,
    RefusalReason,
    Submit,
    Submitted,
    Welcome,
)
from engine.seats.protocol import VERSIONS, ProtocolError, decode_client
from engine.seats.teams import Teams
from engine.seats.throttle import Throttle
from engine.version import __version__

__all__ = ["Dispatcher"]

_log = logging.getLogger(__name__)

_WORDED_BY_OBSERVATION = frozenset({RefusalCode.REQUIREMENT_UNMET, RefusalCode.LOCKED})
"""Reasons whose sentence may read hidden values: a seat is sent its observation's wording instead."""


class Dispatcher:
    """Handles each line a connection sends."""

    def __init__(self, host: SeatHost, codes: JoinCodes, teams: Teams, throttle: Throttle) -> None:
        self._host = host
        self._codes = codes
        self._teams = teams
        self._throttle = throttle

    def handle(self, connection: Connection, line: bytes | None) -> None:
        """One line from a connection (None: a line over the size limit); nothing once it is closing."""
        if connection.closing:
            return
        if line is None:
            connection.send(Error(ErrorCode.TOO_LARGE, "the line was longer than a message may be and was dropped"))
            return
        try:
            message = decode_client(line)
        except ProtocolError as error:
            connection.send(Error(error.code, error.message))
            return
        match message:
            case Ping():
                connection.send(Pong())
            case Bye():
                connection.send(Closing("goodbye"))
                connection.close()
            case Hello():
                self._hello(connection, message)
            case Draft() | Submit():
                self._orders(connection, message)
            case Propose():
                self._propose(connection, message)

    def _hello(self, connection: Connection, hello: Hello) -> None:
        if connection.role is not None:
            connection.send(Error(ErrorCode.BAD_MESSAGE, f"this connection already speaks for {connection.role}"))
            return
        if hello.version not in VERSIONS:
            spoken = " and ".join(str(version) for version in VERSIONS)
            connection.send(
                Error(
                    ErrorCode.BAD_VERSION,
                    f"this server speaks versions {spoken} of the seat protocol, the client version {hello.version}",
                )
            )
            connection.close()
            return
        wait = self._throttle.wait(connection.address)
        if wait > 0:
            message = f"too many wrong codes from this address: try again in {wait:.0f} s"
            connection.send(Error(ErrorCode.THROTTLED, message, retry_after=round(wait, 3)))
            return
        role = self._codes.role_for(hello.code)
        if role is None:
            self._throttle.failed(connection.address)
            wait = self._throttle.wait(connection.address)
            connection.send(
                Error(ErrorCode.BAD_CODE, "that is not a join code of this session", retry_after=round(wait, 3) if wait else None)
            )
            return
        self._throttle.succeeded(connection.address)
        connection.client, connection.version = hello.client, hello.version
        session = self._host.session
        role_name = session.scenario.roles[session.game.role_index[role]].name
        connection.send(Welcome(hello.version, role, role_name, session.scenario.title, f"whitecell {__version__}"))
        self._teams.join(connection, role)

    def _orders(self, connection: Connection, message: Draft | Submit) -> None:
        role = connection.role
        if role is None:
            connection.send(Error(ErrorCode.NOT_JOINED, f"send hello with the team's join code before {message.kind}"))
            return
        if message.role is not None and message.role != role:
            connection.send(Error(ErrorCode.OTHER_TEAM, f"this seat speaks for {role} only, not for {message.role}"))
            return
        session = self._host.session
        state = session.state
        if state.ended:
            ended = RefusalReason(str(RefusalCode.GAME_ENDED), "the game has ended")
            connection.send(Error(ErrorCode.REFUSED, "the game has ended: no more orders", (ended,)))
            return
        if message.turn != state.turn:
            connection.send(Error(ErrorCode.STALE_TURN, f"that was for turn {message.turn}; the game is at turn {state.turn}"))
            return
        if state.orders[session.game.role_index[role]] is not None:
            connection.send(
                Error(ErrorCode.ALREADY_SUBMITTED, "the team's orders are in; the facilitator may send them back to be changed")
            )
            return
        team = self._teams[role]
        if isinstance(message, Draft):
            team.draft, team.draft_turn = message.actions, message.turn
            self._teams.refresh(team, View(session.game, state), session.events())
            return
        try:
            self._host.submit(SubmitOrders(role, message.actions, "seat"))
        except CommandRefused as refusal:
            reasons = self._as_seen(role, refusal)
            lead = f"{session.scenario.roles[session.game.role_index[role]].name}'s orders are refused: "
            connection.send(Error(ErrorCode.REFUSED, lead + "; ".join(reason.text for reason in reasons), reasons))
            return
        except SessionError:  # its message names the facilitator's files: not the seat's business
            connection.send(Error(ErrorCode.UNAVAILABLE, "the session cannot take orders now (its journal could not be written)"))
            return
        except Exception:  # the host's fault: the seat is told, the server goes on
            _log.exception("the host failed to take %s's orders", role)
            connection.send(Error(ErrorCode.UNAVAILABLE, "the facilitator's console could not take the orders"))
            return
        team.draft, team.draft_turn = message.actions, message.turn
        team.send(Submitted(message.turn, message.actions))
        session = self._host.session
        self._teams.refresh_all(View(session.game, session.state), session.events())

    def _propose(self, connection: Connection, message: Propose) -> None:
        """A team's free-form move for the white cell to argue and roll for: journaled by the host (which
        tells the facilitator) as a `PutForwardFreeMove`, kept in the session's state until rolled for,
        and sent to the team's seats in their next state."""
        role = connection.role
        if role is None:
            connection.send(Error(ErrorCode.NOT_JOINED, "send hello with the team's join code before propose"))
            return
        if connection.version < 2:
            connection.send(Error(ErrorCode.BAD_MESSAGE, "propose is a message of version 2 of the seat protocol"))
            return
        if message.role is not None and message.role != role:
            connection.send(Error(ErrorCode.OTHER_TEAM, f"this seat speaks for {role} only, not for {message.role}"))
            return
        session = self._host.session
        state, limits = session.state, session.scenario.free_moves
        if message.turn != state.turn:
            connection.send(Error(ErrorCode.STALE_TURN, f"that was for turn {message.turn}; the game is at turn {state.turn}"))
            return
        propose = getattr(self._host, "propose", None)
        refusal = _proposal_refused(state.ended, limits.allowed, callable(propose))
        if refusal is not None:
            connection.send(Error(ErrorCode.REFUSED, f"the free-form move is refused: {refusal}"))
            return
        assert callable(propose)
        try:
            propose(PutForwardFreeMove(role, message.action, message.reasons))
        except CommandRefused as refused:
            reasons = tuple(RefusalReason(str(reason.code), reason.text) for reason in refused.reasons)
            text = "; ".join(reason.text for reason in reasons)
            connection.send(Error(ErrorCode.REFUSED, f"the free-form move is refused: {text}", reasons))
            return
        except SessionError:  # its message names the facilitator's files: not the seat's business
            connection.send(Error(ErrorCode.UNAVAILABLE, "the session cannot take the move (its journal could not be written)"))
            return
        except Exception:  # the host's fault: the seat is told, the server goes on
            _log.exception("the host failed to take %s's proposal", role)
            connection.send(Error(ErrorCode.UNAVAILABLE, "the facilitator's console could not take the move"))
            return
        session = self._host.session
        self._teams.refresh(self._teams[role], View(session.game, session.state), session.events())

    def _as_seen(self, role: str, refusal: CommandRefused) -> tuple[RefusalReason, ...]:
        """The engine's reasons as the team may read them: where a reason says why an action is unavailable
        (a requirement, a lock), the sentence is the one the team's observation gives, which names nothing
        hidden from it; the other reasons name only the team's own stocks, its budget and its orders."""
        session = self._host.session
        options = {option.action: option for option in observe(View(session.game, session.state), session.events(), role).actions}
        reasons = []
        for reason in refusal.reasons:
            option = options.get(reason.action or "")
            text = reason.text
            if reason.code in _WORDED_BY_OBSERVATION and option is not None and option.reason is not None:
                text = f"{option.label} is not available: {option.reason}"
            reasons.append(RefusalReason(str(reason.code), text))
        return tuple(reasons)


def _proposal_refused(ended: bool, allowed: bool, taken: bool) -> str | None:
    """Why a seat's free-form move cannot be proposed now, or None."""
    if ended:
        return "the game has ended"
    if not allowed:
        return "this scenario does not allow free-form moves"
    if not taken:
        return "this session takes no free-form moves from seats (no white cell adjudicates them)"
    return None
