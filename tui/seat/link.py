"""The one seam between the seat console and the network: `SeatLink`, and the events it delivers.

The console never touches a socket or the protocol's messages: it reads events from a link and
asks it to send a draft or a submission. The client library's adapter (`tui.seat.client`) is one
link; the tests' fake is another. Events carry the server's values as they came (the observation
as its JSON: `tui.seat.model` reads it), except that every string in them meant for people has
been through `tui.seat.text` by whoever made the event.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Literal, Protocol

import attrs

Status = Literal["drafting", "submitted"]


@attrs.frozen
class Timer:
    """The turn's decision timer when the server spoke: seconds left, its length if declared, and whether
    the white cell has paused it (the seconds then stand still)."""

    seconds_left: float
    minutes: int | None = None
    paused: bool = False


@attrs.frozen
class Proposal:
    """A free-form move the team proposed, waiting for the white cell: its words and reasons (as cleaned
    for the terminal by whoever made the event)."""

    action: str
    reasons: str


@attrs.frozen
class Joined:
    """The join code was accepted: the link speaks for this team now."""

    role: str
    role_name: str
    scenario: str


@attrs.frozen
class StateChanged:
    """The team's picture now, its saved draft, whether its orders are in, and the timer."""

    observation: Mapping[str, Any]
    draft: tuple[str, ...]
    status: Status
    timer: Timer | None
    proposal: Proposal | None = None
    """The team's free-form move waiting for the white cell (a server of protocol version 2 says)."""


@attrs.frozen
class Submitted:
    """The team's orders for ``turn`` are in (from this seat or another of the team's)."""

    turn: int
    actions: tuple[str, ...]


@attrs.frozen
class Returned:
    """The white cell sent the team's orders back with a note: the team drafts again from them."""

    turn: int
    actions: tuple[str, ...]
    note: str


@attrs.frozen
class Resolved:
    """A turn was resolved (or the game ended): the lines the team's log gained. A state follows."""

    turn: int
    log: tuple[str, ...]
    ended: bool
    outcome: str | None


@attrs.frozen
class TimerChanged:
    timer: Timer | None


@attrs.frozen
class Refused:
    """The server did not accept something the seat sent; nothing changed."""

    code: str
    message: str
    reasons: tuple[str, ...] = ()


@attrs.frozen
class Connection:
    """The link's connection: joining, up, down and trying again, or given up for good (with why)."""

    state: Literal["connecting", "connected", "retrying", "lost"]
    detail: str = ""


@attrs.frozen
class Closing:
    """The server is closing the connection (the session is stopping); the link may try again later."""

    reason: str


SeatEvent = Joined | StateChanged | Submitted | Returned | Resolved | TimerChanged | Refused | Connection | Closing


class SeatLink(Protocol):
    """What the seat console needs of a connection to the facilitator's server.

    Sending is best effort: while the link is down a draft or a submission is dropped (the console
    keeps its draft and sends it again when `Connection("connected")` comes back).
    """

    def events(self) -> AsyncIterator[SeatEvent]:
        """Every event, in order, until the link is closed (then the iterator ends)."""
        ...

    async def send_draft(self, turn: int, actions: Sequence[str]) -> None:
        """Save the team's draft for ``turn`` on the server (not an order)."""

    async def submit(self, turn: int, actions: Sequence[str]) -> None:
        """Enter the team's orders for ``turn``; the answer comes as `Submitted` or `Refused`."""

    async def propose(self, turn: int, action: str, reasons: str) -> None:
        """Propose the team's free-form move for ``turn`` (an empty action withdraws it); a refusal comes as `Refused`."""

    async def close(self) -> None:
        """Leave: say goodbye to the server and end `events`."""
