"""Team seats in the facilitator's console: the seat server in the app's event loop, and what the
console shows of it.

The console is the seats' host (`engine.seats.host.SeatHost`): a team's orders from its seat are
applied to the session like any command, so they are journaled (``by: "seat"``) and on screen at
once, and every command the console applies is passed on to the seats by `Seating.changed`. The
join codes and the TLS certificate are kept beside the journal, so a resumed session gives the
same codes and the seats reconnect by themselves.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from engine.core.commands import PutForwardFreeMove, SubmitOrders
from engine.core.events import Event
from engine.journal.session import Session
from engine.seats.codes import JoinCodes
from engine.seats.host import TeamStatus
from engine.seats.server import SeatServer
from engine.seats.tls import TlsIdentity
from tui.seat_options import SeatOptions

if TYPE_CHECKING:
    from tui.app import WhitecellApp

__all__ = ["Seating", "SeatsSummary", "TeamLine", "status_words"]


@attrs.frozen
class TeamLine:
    """One team in the seats panel: its name, code, status and the seats it has connected."""

    role: str
    name: str
    code: str
    status: TeamStatus
    seats: tuple[str, ...]


@attrs.frozen
class SeatsSummary:
    """What the facilitator needs to seat the teams: where to join, each code, and how safe the link is."""

    host: str
    port: int
    fingerprint: str | None
    warning: str | None
    teams: tuple[TeamLine, ...]

    def join_command(self, code: str) -> str:
        """The command a team runs on its machine."""
        check = f" --fingerprint {self.fingerprint}" if self.fingerprint else ""
        return f"whitecell join {self.host}:{self.port} --code {code}{check}"


def status_words(status: TeamStatus) -> str:
    """A team's seat status as the console shows it."""
    return {
        TeamStatus.NOT_STARTED: "seat not joined",
        TeamStatus.DRAFTING: "seat drafting",
        TeamStatus.SUBMITTED: "seat: orders in",
        TeamStatus.DISCONNECTED: "seat disconnected",
    }[status]


class ConsoleHost:
    """The console as the seat server's host: a seat's orders go through the app like any command."""

    def __init__(self, app: WhitecellApp) -> None:
        self._app = app

    @property
    def session(self) -> Session:
        session = self._app.session
        assert session is not None, "seats are served only while a session is open"
        return session

    def submit(self, command: SubmitOrders) -> tuple[Event, ...]:
        events = self.session.apply(command)  # a refusal goes back to the seat, not to the console
        self._app.notify(f"{self.session.scenario.role(command.role).name}'s orders are in from its seat.", timeout=4)
        self._app.refresh_screens()
        return events

    def propose(self, command: PutForwardFreeMove) -> tuple[Event, ...]:
        """A team's seat proposed a free-form move (or withdrew it): journaled like its orders (a refusal
        goes back to the seat), and the console says so, as far as it may; `m` takes it up."""
        from tui.free_moving import tell_proposal

        events = self.session.apply(command)
        tell_proposal(self._app, command.role)
        return events

    def deadline(self) -> float | None:
        """The play screen keeps the turn's timer."""
        from tui.screens.play import PlayScreen

        screens = [screen for screen in self._app.screen_stack if isinstance(screen, PlayScreen)]
        return screens[-1].deadline() if screens else None

    def paused(self) -> float | None:
        """The seconds left while the play screen's timer is paused."""
        from tui.screens.play import PlayScreen

        screens = [screen for screen in self._app.screen_stack if isinstance(screen, PlayScreen)]
        return screens[-1].paused() if screens else None


class Seating:
    """The seat server of one session, started and stopped with the console."""

    def __init__(
        self,
        app: WhitecellApp,
        options: SeatOptions,
        *,
        resume: bool,
        on_status: Callable[[], None],
    ) -> None:
        self.options = options
        session = app.session
        assert session is not None
        roles = tuple(role.id for role in session.scenario.teams)  # an actor has no seat: the white cell plays it
        path = session.path
        codes = JoinCodes.for_journal(path, roles, resume=resume) if path is not None else JoinCodes.fresh(roles)
        tls = None
        if options.tls:
            tls = TlsIdentity.for_journal(path) if path is not None else TlsIdentity.generate()
        self.host = ConsoleHost(app)
        self.server = SeatServer(
            self.host,
            codes,
            listen=options.listen,
            port=options.port,
            tls=tls,
            on_status=lambda _role, _status: on_status(),
        )
        self._names = {role.id: role.name for role in session.scenario.teams}  # the seats dialog lists the teams
        self.started_at: float | None = None

    async def start(self) -> None:
        """Listen for the teams' seats; OSError when the address cannot be had."""
        await self.server.start()
        self.started_at = time.monotonic()

    def changed(self) -> None:
        """Tell the seats that the session changed (each team is sent only what changed for it)."""
        if self.started_at is not None:
            self.server.changed()

    async def stop(self) -> None:
        if self.started_at is not None:
            self.started_at = None
            await self.server.stop()

    def statuses(self) -> dict[str, TeamStatus]:
        return self.server.statuses() if self.started_at is not None else {}

    def summary(self) -> SeatsSummary:
        """Where and how the teams join, for the seats dialog."""
        listening, port = self.server.address
        host = listening
        if listening in ("0.0.0.0", "::"):
            host = socket.gethostname()  # an address on every interface: the machine's name reads best
        statuses = self.server.statuses()
        teams = tuple(
            TeamLine(role, name, self.server.codes.code(role), statuses[role], self.server.seats(role))
            for role, name in self._names.items()
        )
        return SeatsSummary(host, port, self.server.fingerprint, self.server.plaintext_warning, teams)


async def open_seats(app: WhitecellApp, *, resume: bool) -> Seating | None:
    """Start the seat server the launch asks for and show the codes; on failure say why and go on without seats."""
    options = app.launch.seats
    assert options is not None
    try:
        seating = Seating(app, options, resume=resume, on_status=app.refresh_screens)
        await seating.start()
    except (OSError, ValueError) as error:
        app.notify(
            f"Cannot serve the seats on {options.listen}:{options.port}: {error}. The session goes on without "
            "seats; quit and play --resume with --seats --listen ADDRESS:PORT to try another address.",
            title="Seats",
            severity="error",
            timeout=30,
        )
        return None
    seating.changed()
    app.refresh_screens()
    if not app.masked:
        from tui.screens.seats import SeatsScreen

        app.push_screen(SeatsScreen(seating.summary()))
    return seating


def show_seats(app: WhitecellApp) -> None:
    """The seats dialog (s); never while the room is watching, since it shows every team's code."""
    if app.seating is None:
        why = "start with play --seats" if app.launch.seats is None else "the seat server is not running"
        app.notify(f"No team seats: {why}.", timeout=5)
        return
    if app.masked:
        app.notify("The join codes are not shown while the room is watching: press h first.", severity="warning")
        return
    from tui.screens.seats import SeatsScreen

    app.push_screen(SeatsScreen(app.seating.summary()))
