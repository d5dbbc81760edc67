"""What the seat tests share: a live seat server on 127.0.0.1 over a session, and a raw seat that speaks bytes.

Every test drives asyncio with `run` (a bounded `asyncio.run`), so no plugin is needed; servers
listen on the loopback only, on a free port.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

import attrs

from engine.core.model import Scenario
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.load.loader import load_scenario_text
from engine.seats.codes import JoinCodes
from engine.seats.host import SessionHost, TeamStatus
from engine.seats.server import SeatServer
from engine.seats.throttle import Throttle
from engine.seats.tls import TlsIdentity
from tests.helpers import doc, text_of

T = TypeVar("T")


def run(coroutine: Awaitable[T], timeout: float = 60) -> T:
    """Run a coroutine to its end in a new event loop, failing the test after ``timeout`` seconds."""

    async def bounded() -> T:
        return await asyncio.wait_for(coroutine, timeout)

    return asyncio.run(bounded())


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def tiny_scenario(**parts: Any) -> Scenario:
    """Two teams, four turns, two actions each (one costs the whole budget of 2)."""
    document = doc(
        actions=[
            {"id": "talk", "label": "Talk", "roles": ["seoul", "tokyo"], "cost": 1, "effects": [{"add": {"trust": 2}}]},
            {"id": "summit", "label": "Summit", "roles": ["seoul", "tokyo"], "cost": 2, "effects": [{"add": {"trust": 5}}]},
        ],
        **parts,
    )
    return load_scenario_text(text_of(document), "tiny.json")


@attrs.define
class Live:
    """A live server and what it serves."""

    server: SeatServer
    host: SessionHost
    session: Session
    codes: JoinCodes
    statuses: list[tuple[str, TeamStatus]]

    @property
    def port(self) -> int:
        return self.server.address[1]

    def code(self, role: str) -> str:
        return self.codes.code(role)


@asynccontextmanager
async def live_server(
    scenario: Scenario | str = "seoul-tokyo-2026",
    *,
    seed: int = 7,
    journal: Path | None = None,
    session: Session | None = None,
    codes: JoinCodes | None = None,
    auto_resolve: bool = False,
    tls: TlsIdentity | None = None,
    throttle: Throttle | None = None,
    port: int = 0,
    hello_timeout: float = 30.0,
) -> AsyncIterator[Live]:
    """A seat server on 127.0.0.1 over a new session (or the one given), stopped on leaving."""
    if session is None:
        loaded = resolve_scenario(scenario) if isinstance(scenario, str) else scenario
        session = Session.new(loaded, seed, journal)
    host = SessionHost(session, auto_resolve=auto_resolve)
    codes = codes or JoinCodes.fresh(session.game.role_ids)
    statuses: list[tuple[str, TeamStatus]] = []
    server = SeatServer(
        host,
        codes,
        port=port,
        tls=tls,
        throttle=throttle,
        on_status=lambda role, status: statuses.append((role, status)),
        hello_timeout=hello_timeout,
    )
    host.server = server
    await server.start()
    try:
        yield Live(server, host, session, codes, statuses)
    finally:
        await server.stop()


class ServerThread:
    """A seat server over a session in a thread with its own event loop, for tests that speak through plain
    sockets or run `whitecell join` as a process."""

    def __init__(
        self,
        session: Session,
        *,
        auto_resolve: bool = False,
        tls: TlsIdentity | None = None,
        throttle: Throttle | None = None,
        hello_timeout: float = 30.0,
    ) -> None:
        self.session = session
        self.host = SessionHost(session, auto_resolve=auto_resolve)
        self.codes = JoinCodes.fresh(session.game.role_ids)
        self.loop = asyncio.new_event_loop()
        self.server = SeatServer(self.host, self.codes, port=0, tls=tls, throttle=throttle, hello_timeout=hello_timeout)
        self.host.server = self.server
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> ServerThread:
        self._thread.start()
        self.call(self.server.start)
        return self

    def __exit__(self, *exc: object) -> None:
        self.call(self.server.stop)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()

    @property
    def port(self) -> int:
        port: int = self.call(lambda: self.server.address[1])
        return port

    def call(self, function: Callable[[], Any]) -> Any:
        """Run a function (or a coroutine function) on the server's loop and wait for its result."""

        async def wrapped() -> Any:
            result = function()
            return await result if asyncio.iscoroutine(result) else result

        return asyncio.run_coroutine_threadsafe(wrapped(), self.loop).result(30)


class RawSeat:
    """A connection that sends raw lines and reads the server's messages as JSON objects."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.received: list[bytes] = []
        """Every line the server sent, as bytes (for leak checks)."""

    @classmethod
    async def open(cls, port: int) -> RawSeat:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=8 * 1024 * 1024)
        return cls(reader, writer)

    async def send(self, message: Mapping[str, Any] | bytes) -> None:
        line = message if isinstance(message, bytes) else json.dumps(message).encode() + b"\n"
        self.writer.write(line)
        await self.writer.drain()

    async def recv(self, timeout: float = 10) -> dict[str, Any]:
        line = await asyncio.wait_for(self.reader.readline(), timeout)
        assert line.endswith(b"\n"), f"the server closed the connection (got {line!r})"
        self.received.append(line)
        data: dict[str, Any] = json.loads(line)
        return data

    async def until(self, kind: str, timeout: float = 10) -> dict[str, Any]:
        """Read until a message of this kind comes."""
        while True:
            message = await self.recv(timeout)
            if message["type"] == kind:
                return message

    async def join(self, code: str, version: int = 1) -> dict[str, Any]:
        """Say hello with a code (speaking ``version`` of the protocol); return the first state."""
        await self.send({"type": "hello", "version": version, "code": code, "client": "test"})
        assert (await self.recv())["type"] == "welcome"
        return await self.until("state")

    async def close(self) -> None:
        self.writer.close()
        with suppress(ConnectionError, OSError):
            await self.writer.wait_closed()


async def eventually(check: Callable[[], bool], timeout: float = 10) -> None:
    """Wait until ``check()`` holds (polling the event loop), failing after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not check():
        assert loop.time() < end, "the condition never held"
        await asyncio.sleep(0.01)


def test_the_tiny_scenario_has_two_teams_and_two_actions_each() -> None:
    scenario = tiny_scenario()
    assert [role.id for role in scenario.roles] == ["seoul", "tokyo"]
    assert [action.id for action in scenario.actions] == ["talk", "summit"]


def test_a_live_server_listens_on_the_loopback_on_a_free_port() -> None:
    async def scenario() -> tuple[str, int]:
        async with live_server(tiny_scenario()) as live:
            return live.server.address

    host, port = run(scenario())
    assert host == "127.0.0.1"
    assert port > 0
