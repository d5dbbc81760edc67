"""The seat console's link to a real server: `engine.seats.client.SeatClient` behind `SeatLink`.

The client library joins, reads the protocol, reconnects with the same code and sends the draft
again after a reconnection; this adapter only turns its messages into the console's events
(every word cleaned for the terminal on the way) and its failures into connection states.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

from engine.seats.client import Disconnected, Reconnected, SeatClient, SeatError
from engine.seats.messages import (
    Closing,
    Error,
    Pong,
    Results,
    Returned,
    ServerMessage,
    State,
    Submitted,
    TimerMessage,
    Welcome,
)
from engine.seats.messages import Timer as WireTimer
from tui.seat import link
from tui.seat.text import clean_block, clean_line

__all__ = ["ClientLink"]


def _timer(timer: WireTimer | None) -> link.Timer | None:
    return None if timer is None else link.Timer(timer.seconds_left, timer.minutes, timer.paused)


def _ids(actions: Sequence[str]) -> tuple[str, ...]:
    return tuple(clean_line(action, 100) for action in actions)


def event_of(message: ServerMessage | Disconnected | Reconnected) -> link.SeatEvent | None:
    """The console's event for one thing the client read (None for what the console ignores: pong)."""
    match message:
        case Welcome():
            return link.Joined(clean_line(message.role, 100), clean_line(message.role_name), clean_line(message.scenario))
        case State():
            status: link.Status = "submitted" if message.status == "submitted" else "drafting"
            waiting = message.proposal
            proposal = (
                None if waiting is None else link.Proposal(clean_line(waiting.action, 300), clean_block(waiting.reasons, 2_000))
            )
            return link.StateChanged(message.observation, _ids(message.draft), status, _timer(message.timer), proposal)
        case Submitted():
            return link.Submitted(message.turn, _ids(message.actions))
        case Returned():
            return link.Returned(message.turn, _ids(message.actions), clean_block(message.note, 2_000))
        case Results():
            outcome = None if message.outcome is None else clean_line(message.outcome)
            return link.Resolved(message.turn, tuple(clean_line(line, 2_000) for line in message.log), message.ended, outcome)
        case TimerMessage():
            return link.TimerChanged(_timer(message.timer))
        case Error():
            reasons = tuple(clean_line(reason.text) for reason in message.reasons)
            return link.Refused(str(message.code), clean_block(message.message, 2_000), reasons)
        case Closing():
            return link.Closing(clean_line(message.reason))
        case Disconnected():
            return link.Connection("retrying", clean_line(str(message)))
        case Reconnected():
            return link.Connection("connected")
        case Pong():
            return None


class ClientLink:
    """A `SeatLink` over a `SeatClient` that has joined already (the code was accepted)."""

    def __init__(self, client: SeatClient) -> None:
        self.client = client

    async def events(self) -> AsyncIterator[link.SeatEvent]:
        """The welcome and "connected" first, then every message; a seat that cannot go on ends "lost"."""
        if self.client.welcome is not None:
            joined = event_of(self.client.welcome)
            if joined is not None:
                yield joined
        yield link.Connection("connected")
        try:
            async for message in self.client.messages():
                event = event_of(message)
                if event is not None:
                    yield event
        except SeatError as error:
            yield link.Connection("lost", f"{clean_line(error.message, 300)} [{error.code}]")

    async def send_draft(self, turn: int, actions: Sequence[str]) -> None:
        """Save the draft; one for a turn the server has left behind is dropped (the state says the new one)."""
        state = self.client.state
        if state is not None and state.turn == turn:
            await self.client.draft(actions)

    async def submit(self, turn: int, actions: Sequence[str]) -> None:
        """Submit; SeatError (the console says "not sent") when the link is down or the turn has moved on."""
        state = self.client.state
        if state is None or state.turn != turn:
            raise SeatError("stale-turn", "the turn has moved on")
        await self.client.submit(actions)

    async def propose(self, turn: int, action: str, reasons: str) -> None:
        """Propose; SeatError (the console says "not sent") when the link is down, the turn has moved on
        or the server is an older whitecell's (protocol version 1 takes no proposals)."""
        state = self.client.state
        if state is None or state.turn != turn:
            raise SeatError("stale-turn", "the turn has moved on")
        await self.client.propose(action, reasons)

    async def close(self) -> None:
        await self.client.close()
