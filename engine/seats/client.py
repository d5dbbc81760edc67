"""The seat client: join a team's seat, read what the server sends, draft and submit, ride out disconnections.

A program or the human seat console uses it the same way::

    async with SeatClient("192.168.1.20", 7420, "7KQM-2XRD-PJ4W-9HTN", name="tokyo laptop") as seat:
        async for message in seat.messages():
            match message:
                case State() if message.status == "drafting" and not message.ended:
                    await seat.submit(["shuttle-summit"])
                case Disconnected():
                    print(message)          # "disconnected, retrying in 0.4 s"

`connect` (called on entering) joins or raises `SeatError` with the server's error code
(bad-code, throttled, bad-version) or ``connection``/``fingerprint`` for what went wrong before
the server answered. `messages` yields every server message in order, checking each one's
``seq`` (`sequence_faults` counts a lost or repeated message) and keeping the latest `state`. When
the connection drops, or the server says it is closing, it yields `Disconnected`, reconnects with
growing pauses (`Backoff`), joins again with the same code, yields `Reconnected`, and re-sends the
seat's draft if the server lost it; it gives up (SeatError ``gave-up``) after
`Backoff.give_up_after` seconds. It speaks version 2 of the protocol, and 1 to a server that
refuses 2 (an older whitecell: no paused timer is told then). With a ``fingerprint`` the connection is TLS and the server's
certificate must have that SHA-256 fingerprint.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
from collections.abc import AsyncIterator, Sequence
from types import TracebackType

import attrs

from engine.seats.messages import (
    Bye,
    ClientMessage,
    Closing,
    Draft,
    Error,
    ErrorCode,
    Hello,
    Ping,
    Propose,
    ServerMessage,
    State,
    Submit,
    Welcome,
)
from engine.seats.protocol import DEFAULT_PORT, PROTOCOL_VERSION, SERVER_LINE_LIMIT, LineSplitter, ProtocolError, encode
from engine.seats.protocol import decode_server as decode
from engine.seats.tls import client_context, fingerprint_matches, parse_fingerprint

__all__ = ["Backoff", "Disconnected", "Reconnected", "SeatClient", "SeatError"]

FATAL = frozenset({ErrorCode.BAD_CODE, ErrorCode.BAD_VERSION, "fingerprint", "protocol"})
"""Errors no retry can mend: reconnecting stops at them."""


class SeatError(Exception):
    """Joining failed or the seat cannot go on: ``code`` is the server's `ErrorCode` value, or
    ``connection``, ``fingerprint``, ``protocol``, ``not-connected`` or ``gave-up``."""

    def __init__(self, code: str, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after


@attrs.frozen
class Backoff:
    """Pauses between reconnection attempts: ``first``, then doubled up to ``most``; none after ``give_up_after`` seconds."""

    first: float = 0.1
    most: float = 5.0
    give_up_after: float | None = 600.0

    def pause(self, attempt: int) -> float:
        return float(min(self.first * 2**attempt, self.most))


@attrs.frozen
class Disconnected:
    """Not a server message: the connection was lost and the client is about to retry."""

    reason: str
    retry_in: float

    def __str__(self) -> str:
        return f"disconnected ({self.reason}), retrying in {self.retry_in:.1f} s"


@attrs.frozen
class Reconnected:
    """Not a server message: the client joined again after a disconnection."""

    welcome: Welcome
    attempts: int


class SeatClient:
    """One seat's connection to a seat server; see the module docstring."""

    def __init__(
        self,
        host: str,
        port: int = DEFAULT_PORT,
        code: str = "",
        *,
        name: str = "whitecell seat",
        fingerprint: str | None = None,
        backoff: Backoff = Backoff(),
        connect_timeout: float = 10.0,
    ) -> None:
        self.host, self.port, self.name = host, port, name
        self._code = code
        self._fingerprint = None if fingerprint is None else parse_fingerprint(fingerprint)
        self._backoff = backoff
        self._timeout = connect_timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._splitter = LineSplitter(SERVER_LINE_LIMIT)
        self._lines: list[bytes | None] = []
        self._seq = 0
        self._leaving = False
        self._draft: tuple[int, tuple[str, ...]] | None = None
        self.welcome: Welcome | None = None
        """The server's welcome: the team's role and name, the scenario's title."""
        self.state: State | None = None
        """The latest state the server sent."""
        self.sequence_faults = 0
        """Messages that arrived out of sequence (a lost or repeated message): 0 on a sound connection."""
        self.received = 0
        """Server messages read, over every connection."""
        self.version = PROTOCOL_VERSION
        """The protocol version spoken: this client's newest, or 1 once a server refused it."""

    # -- joining ----------------------------------------------------------------------------------

    async def connect(self) -> Welcome:
        """Connect and join with the code; SeatError when the server is not there or refuses."""
        self.welcome = await self._join()
        return self.welcome

    async def _join(self) -> Welcome:
        """Join speaking the newest version this client knows; a server that refuses it (an older
        whitecell) is joined again speaking version 1."""
        try:
            return await self._join_speaking(self.version)
        except SeatError as error:
            if error.code != ErrorCode.BAD_VERSION or self.version == 1:
                raise
        self.version = 1
        return await self._join_speaking(1)

    async def _join_speaking(self, version: int) -> Welcome:
        await self._drop()
        try:
            context = None if self._fingerprint is None else client_context()
            opening = asyncio.open_connection(self.host, self.port, ssl=context, limit=SERVER_LINE_LIMIT)
            self._reader, self._writer = await asyncio.wait_for(opening, self._timeout)
        except TimeoutError:
            raise SeatError("connection", f"no answer from {self.host}:{self.port} within {self._timeout:g} s") from None
        except socket.gaierror:
            raise SeatError("connection", f"cannot find the host {self.host!r}") from None
        except ssl.SSLError as error:
            raise SeatError("connection", f"the TLS handshake with {self.host}:{self.port} failed ({error.reason})") from None
        except OSError as error:
            reason = "nothing is listening there" if isinstance(error, ConnectionRefusedError) else error.strerror or str(error)
            raise SeatError("connection", f"cannot connect to {self.host}:{self.port}: {reason}") from None
        self._splitter, self._lines, self._seq = LineSplitter(SERVER_LINE_LIMIT), [], 0
        self._check_fingerprint()
        await self._send(Hello(version, self._code, self.name))
        while True:
            message = await self._next()
            if message is None:
                raise SeatError(
                    "connection",
                    "the server closed the connection before accepting the seat"
                    + ("" if self._fingerprint else " (if it uses TLS, give its fingerprint)"),
                )
            if isinstance(message, Welcome):
                return message
            if isinstance(message, Error):
                await self._drop()
                raise SeatError(message.code, message.message, retry_after=message.retry_after)

    def _check_fingerprint(self) -> None:
        if self._fingerprint is None or self._writer is None:
            return
        secure = self._writer.get_extra_info("ssl_object")
        certificate = secure.getpeercert(binary_form=True) if secure is not None else None
        if not certificate or not fingerprint_matches(self._fingerprint, certificate):
            self._writer.close()
            raise SeatError(
                "fingerprint", "the server's certificate does not have the fingerprint given: do not trust this server"
            )

    # -- reading ----------------------------------------------------------------------------------

    async def messages(self) -> AsyncIterator[ServerMessage | Disconnected | Reconnected]:
        """Every message from the server, and notices of disconnection and reconnection; see the module docstring.

        Ends after `close`; raises SeatError when the seat cannot go on (a fatal error, or giving up).
        """
        while not self._closed():
            try:
                message = await self._next()
            except (OSError, ssl.SSLError):
                message = None
            if message is None or isinstance(message, Closing):
                if message is not None:
                    yield message
                if self._closed():
                    return
                async for notice in self._reconnect(message.reason if message else "the connection was lost"):
                    yield notice
                continue
            if isinstance(message, State):
                await self._after_state(message)
            yield message

    async def _next(self) -> ServerMessage | None:
        """The next server message on this connection, or None when it has ended."""
        while not self._lines:
            if self._reader is None:
                return None
            data = await self._reader.read(65536)
            if not data:
                return None
            self._lines = self._splitter.feed(data)
        line = self._lines.pop(0)
        try:
            if line is None:
                raise ProtocolError(ErrorCode.TOO_LARGE, "a server line over the limit")
            message = decode(line, deep=False)
        except ProtocolError as error:
            await self._drop()
            raise SeatError("protocol", f"the server sent something that is not the seat protocol: {error.message}") from None
        self.received += 1
        if message.seq != self._seq + 1:
            self.sequence_faults += 1
        self._seq = message.seq
        return message

    async def _after_state(self, state: State) -> None:
        self.state = state
        if self._draft is not None and self._draft[0] != state.turn:
            self._draft = None
        if self._draft is not None and state.status == "drafting" and state.draft != self._draft[1]:
            with contextlib.suppress(SeatError):  # the server lost it (restarted): send it again
                await self._send(Draft(state.turn, self._draft[1]))

    async def _reconnect(self, reason: str) -> AsyncIterator[Disconnected | Reconnected]:
        await self._drop()
        started = time.monotonic()
        attempt = 0
        while True:
            pause = self._backoff.pause(attempt)
            limit = self._backoff.give_up_after
            if limit is not None and time.monotonic() - started + pause > limit:
                raise SeatError("gave-up", f"disconnected ({reason}) and could not reconnect within {limit:g} s")
            yield Disconnected(reason, pause)
            await asyncio.sleep(pause)
            attempt += 1
            try:
                self.welcome = await self._join()
            except SeatError as error:
                if error.code in FATAL:
                    raise
                reason = error.message
                continue
            yield Reconnected(self.welcome, attempt)
            return

    # -- sending ----------------------------------------------------------------------------------

    async def draft(self, actions: Sequence[str]) -> None:
        """Save the team's draft for the current turn (kept by the server, shared with the team's other seats).

        Kept here too: while disconnected it waits, and is sent again after reconnecting.
        """
        turn = self._turn()
        self._draft = (turn, tuple(actions))
        if self._writer is not None:
            with contextlib.suppress(SeatError):
                await self._send(Draft(turn, tuple(actions)))

    async def submit(self, actions: Sequence[str]) -> None:
        """Send the team's orders for the current turn; the answer (submitted or error) comes through `messages`."""
        await self._send(Submit(self._turn(), tuple(actions)))

    async def propose(self, action: str, reasons: str) -> None:
        """Propose the team's free-form move for the current turn (an empty action withdraws it): the next
        state shows it waiting, or an error says why not. SeatError against a server of protocol version 1."""
        if self.version < 2:
            raise SeatError("bad-version", "the white cell's whitecell is older and takes no free-form moves from seats")
        await self._send(Propose(self._turn(), action, reasons))

    async def ping(self) -> None:
        await self._send(Ping())

    async def send(self, message: ClientMessage) -> None:
        """Send any client message as it is (for programs that speak the protocol themselves)."""
        await self._send(message)

    async def close(self) -> None:
        """Say bye and close; `messages` ends."""
        self._leaving = True
        if self._writer is not None:
            with contextlib.suppress(SeatError):
                await self._send(Bye())
        await self._drop()

    async def __aenter__(self) -> SeatClient:
        await self.connect()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        await self.close()

    def _closed(self) -> bool:
        return self._leaving

    def _turn(self) -> int:
        if self.state is None:
            raise SeatError("not-connected", "no state from the server yet")
        return self.state.turn

    async def _send(self, message: ClientMessage) -> None:
        if self._writer is None:
            raise SeatError("not-connected", "the seat is not connected (it is retrying)")
        try:
            self._writer.write(encode(message))
            await self._writer.drain()
        except (OSError, RuntimeError, ssl.SSLError):
            raise SeatError("not-connected", "the connection was lost") from None

    async def _drop(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1)
