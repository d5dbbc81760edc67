"""One seat's connection on the server: where it comes from, whose team it speaks for, and sending to it.

Sending never waits: each message is stamped with the connection's next sequence number, encoded
and handed to the transport in the order it was sent, so a client can tell a lost or repeated
message by its ``seq``. A seat that stops reading is cut off once its unsent bytes pass
`SEND_BUFFER_LIMIT`, rather than letting the facilitator's process hold them without end.
"""

from __future__ import annotations

import asyncio
import contextlib

import attrs

from engine.seats.messages import ServerMessage, State
from engine.seats.protocol import encode

__all__ = ["SEND_BUFFER_LIMIT", "Connection"]

SEND_BUFFER_LIMIT = 32 * 1024 * 1024
"""Bytes a connection may leave unread before the server drops it."""


class Connection:
    """A connection to the seat server: its peer's address, its team once joined, its next ``seq``."""

    def __init__(self, writer: asyncio.StreamWriter, address: str, number: int) -> None:
        self._writer = writer
        self.address = address
        """The peer's IP address (what wrong codes are counted against)."""
        self.number = number
        """A number for this connection, unique in the server's life (for logs and tests)."""
        self.role: str | None = None
        """The team it speaks for, once its code was accepted."""
        self.client = ""
        """The name the client gave in its hello."""
        self.version = 1
        """The protocol version its hello named (what it is sent is in that version's form)."""
        self.closing = False
        self._seq = 0
        self._last_key: object = None

    @property
    def sent(self) -> int:
        """How many messages were sent on this connection."""
        return self._seq

    def send(self, message: ServerMessage) -> None:
        """Send a message now, with the next sequence number (nothing when the connection is closing)."""
        if self.closing:
            return
        self._seq += 1
        stamped = attrs.evolve(message, seq=self._seq)
        try:
            self._writer.write(encode(stamped, self.version))
        except (ConnectionError, RuntimeError):
            self.close()
            return
        transport = self._writer.transport
        if transport.get_write_buffer_size() > SEND_BUFFER_LIMIT:
            self.close()

    def send_state(self, state: State, key: object) -> None:
        """Send a team's state unless ``key`` (what it shows, the timer's deadline rather than the seconds
        left) is the one this connection was last sent."""
        if key == self._last_key:
            return
        self._last_key = key
        self.send(state)

    def close(self) -> None:
        """Stop sending and close the connection (what was sent still goes out)."""
        if self.closing:
            return
        self.closing = True
        with contextlib.suppress(ConnectionError, RuntimeError):
            self._writer.close()

    async def drain(self) -> None:
        """Wait while the peer is behind in reading (a flood of messages from it waits too)."""
        if self.closing:
            return
        try:
            await self._writer.drain()
        except (ConnectionError, RuntimeError):
            self.close()
