"""The seat server: in the facilitator's process and event loop, it serves each team its own picture.

``server = SeatServer(host, codes)``, ``await server.start()``, and seats may join with their
team's code at `address`. It listens on 127.0.0.1 unless given another address (port 0 picks a
free one), speaks TLS when given a `TlsIdentity`, and owns nothing but connections: the game is
the host's (`engine.seats.host.SeatHost`). Each seat is sent only its team's observation, made
here by `engine.audience.observation.observe`, so nothing hidden ever crosses the wire. The host
calls `changed()` after every command; the server then sends each team what changed for it:
``results`` when a turn was resolved, ``returned`` when the facilitator sent its orders back,
``timer`` when the timer started or stopped, and the new ``state``. Each team's status (see
`TeamStatus`) is kept for the console, which may pass ``on_status`` to hear of every change.

A bad message gets an ``error`` with its code and changes nothing; what a message may do is
`engine.seats.dispatch`'s to decide. The server goes on whatever a seat sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
from collections.abc import Callable
from types import TracebackType

from engine.core.view import View
from engine.seats.codes import JoinCodes
from engine.seats.connection import Connection
from engine.seats.dispatch import Dispatcher
from engine.seats.host import SeatHost, TeamStatus
from engine.seats.messages import Closing, Error, ErrorCode
from engine.seats.protocol import CLIENT_LINE_LIMIT, DEFAULT_PORT, LineSplitter
from engine.seats.teams import Teams
from engine.seats.throttle import Throttle
from engine.seats.tls import TlsIdentity

__all__ = ["PLAINTEXT_WARNING", "SeatServer"]

PLAINTEXT_WARNING = "seat traffic is not encrypted: anyone on the network can read the teams' pictures and orders"
"""What the console shows when the server runs without TLS on an address other machines reach."""

_log = logging.getLogger(__name__)


class SeatServer:
    """Serves the teams' seats for one session; see the module docstring."""

    def __init__(
        self,
        host: SeatHost,
        codes: JoinCodes,
        *,
        listen: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        tls: TlsIdentity | None = None,
        throttle: Throttle | None = None,
        on_status: Callable[[str, TeamStatus], None] | None = None,
        hello_timeout: float = 30.0,
        max_connections: int = 512,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        missing = {role.id for role in host.session.scenario.teams} - set(codes.roles)
        if missing:
            raise ValueError(f"no join code for {', '.join(sorted(missing))}")
        self._host = host
        self.codes = codes
        """Each team's join code, to show the facilitator."""
        self._listen = listen
        self._port = port
        self._tls = tls
        self._hello_timeout = hello_timeout
        self._max_connections = max_connections
        self._teams = Teams(host, on_status=on_status, clock=clock)
        self._dispatch = Dispatcher(host, codes, self._teams, throttle or Throttle())
        self._server: asyncio.Server | None = None
        self._connections: set[Connection] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._numbers = 0

    # -- what the console shows -----------------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        """Where the server listens (host, port), once started."""
        if self._server is None or not self._server.sockets:
            raise RuntimeError("the seat server is not listening")
        name = self._server.sockets[0].getsockname()
        return str(name[0]), int(name[1])

    @property
    def encrypted(self) -> bool:
        return self._tls is not None

    @property
    def fingerprint(self) -> str | None:
        """The TLS certificate's SHA-256 fingerprint, to show beside the codes (None without TLS)."""
        return None if self._tls is None else self._tls.fingerprint

    @property
    def plaintext_warning(self) -> str | None:
        """Without TLS on an address other machines reach: the warning the console shows; else None."""
        if self._tls is not None or self._listen in ("127.0.0.1", "::1", "localhost"):
            return None
        return PLAINTEXT_WARNING

    def statuses(self) -> dict[str, TeamStatus]:
        """Each team's status now, by role id."""
        return self._teams.statuses()

    def seats(self, role: str) -> tuple[str, ...]:
        """The names the team's connected seats gave (sanitised for a terminal)."""
        return self._teams.seat_names(role)

    # -- life -----------------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen; OSError when the address cannot be had (e.g. the port is taken)."""
        context: ssl.SSLContext | None = None if self._tls is None else self._tls.server_context()
        self._server = await asyncio.start_server(
            self._serve, host=self._listen, port=self._port, ssl=context, ssl_handshake_timeout=10 if context else None
        )
        self._teams.attach()

    def changed(self) -> None:
        """The session changed (a command, the timer): send every team what changed for it."""
        session = self._host.session
        self._teams.refresh_all(View(session.game, session.state), session.events())

    async def stop(self, reason: str = "the facilitator closed the session") -> None:
        """Say ``closing`` to every seat, close every connection and stop listening."""
        if self._server is not None:
            self._server.close()
        for connection in list(self._connections):
            connection.send(Closing(reason))
            connection.close()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=5)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def __aenter__(self) -> SeatServer:
        await self.start()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        await self.stop()

    # -- one connection -------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        peer = writer.get_extra_info("peername")
        self._numbers += 1
        connection = Connection(writer, str(peer[0]) if peer else "unknown", self._numbers)
        try:
            if len(self._connections) >= self._max_connections:
                connection.send(Error(ErrorCode.UNAVAILABLE, "the seat server has as many connections as it takes"))
                return
            self._connections.add(connection)
            await self._read(connection, reader)
        except (ConnectionError, ssl.SSLError, OSError):
            pass
        except Exception:  # a fault of ours must not take the facilitator's console down with it
            _log.exception("seat connection %d failed", connection.number)
        finally:
            connection.close()
            self._connections.discard(connection)
            self._teams.leave(connection)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1)
            if task is not None:
                self._tasks.discard(task)

    async def _read(self, connection: Connection, reader: asyncio.StreamReader) -> None:
        splitter = LineSplitter(CLIENT_LINE_LIMIT)
        hello_by = time.monotonic() + self._hello_timeout
        while not connection.closing:
            wait = None if connection.role is not None else max(0.0, hello_by - time.monotonic())
            try:
                data = await asyncio.wait_for(reader.read(65536), wait)
            except TimeoutError:
                connection.send(Closing(f"no join code within {self._hello_timeout:g} seconds"))
                return
            if not data:
                return
            for line in splitter.feed(data):
                self._dispatch.handle(connection, line)
            await connection.drain()
