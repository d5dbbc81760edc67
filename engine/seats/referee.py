"""The referee: a seat server with no console, so that programs (or people at their seats) play
a journaled game without a facilitator at the keyboard.

`whitecell serve` runs it. The referee is the seat server's host (`engine.seats.host.SeatHost`):
a team's orders from its seat are applied to the session like any command (journaled as the
seat's); as soon as every team's orders are in, it resolves the turn; the engine's bots play the
roles the session's settings give them (they read the game's state, so they run here and never
in a seat). It never adjusts, injects or sends orders back. It tells ``say`` what happens, turn
by turn, in the white cell's words (the console that runs it is the white cell's), and `finished`
is set when the game ends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from engine.core.commands import Resolve, SubmitOrders
from engine.core.events import Event
from engine.core.view import View
from engine.journal.autoplay import bot_orders
from engine.journal.session import Session
from engine.prose.turns import turn_heading
from engine.seats.host import TeamStatus

if TYPE_CHECKING:
    from engine.seats.server import SeatServer

__all__ = ["Referee", "final_words"]


def final_words(session: Session) -> str:
    """How the game ended and each team's score, in one line (actors have none)."""
    view = View(session.game, session.state)
    scenario = session.scenario
    outcome = next((item for item in scenario.outcomes if item.id == view.outcome), None)
    title = outcome.title if outcome is not None else (view.outcome or "no outcome")
    scores = ", ".join(
        f"{role.name} {view.score(role.id)} of {sum(objective.weight for objective in role.objectives)}"
        for role in scenario.teams
    )
    return f"The game ends: {title}. Scores: {scores}."


class Referee:
    """The host of a seat server with no console; see the module docstring."""

    def __init__(self, session: Session, say: Callable[[str], None]) -> None:
        self._session = session
        self._say = say
        self.server: SeatServer | None = None
        """The server that tells the seats (set it after making the server; the referee calls its `changed`)."""
        self.finished = asyncio.Event()
        """Set once the game has ended."""
        self._statuses: dict[str, TeamStatus] = {}

    @property
    def session(self) -> Session:
        return self._session

    def submit(self, command: SubmitOrders) -> tuple[Event, ...]:
        """A seat's orders: applied (a refusal goes back to the seat), then the turn resolved if every team's are in."""
        events = self._session.apply(command)
        self._say(f"{self._name(command.role)}'s orders are in from its seat.")
        return events + self._advance()

    def status_changed(self, role: str, status: TeamStatus) -> None:
        """The server's word that a team's seat status changed: a seat joining, leaving or coming back is
        reported (orders in are reported as they are applied); nothing once the game has ended."""
        before = self._statuses.get(role, TeamStatus.NOT_STARTED)
        self._statuses[role] = status
        if self.finished.is_set() or status in (TeamStatus.SUBMITTED, TeamStatus.NOT_STARTED):
            return
        if status is TeamStatus.DISCONNECTED:
            self._say(f"{self._name(role)}'s seat is disconnected; its orders are awaited.")
        elif before is TeamStatus.NOT_STARTED:
            self._say(f"{self._name(role)}'s seat joined.")
        elif before is TeamStatus.DISCONNECTED:
            self._say(f"{self._name(role)}'s seat is back.")

    def deadline(self) -> float | None:
        """The referee keeps no decision timer: a turn waits for every team."""
        return None

    def begin(self) -> None:
        """Play the bots' roles for the turn open now (and resolve it if that puts every team's orders in)."""
        self._advance()
        if self.server is not None:
            self.server.changed()

    def _advance(self) -> tuple[Event, ...]:
        """Let the bots order; while every team's orders are in, resolve. Returns what happened."""
        events: tuple[Event, ...] = ()
        while not self._session.state.ended:
            for command in bot_orders(self._session):
                events += self._session.apply(command)
            if any(orders is None for orders in self._session.state.orders):
                break
            events += self._resolve()
        if self._session.state.ended:
            self.finished.set()
        return events

    def _resolve(self) -> tuple[Event, ...]:
        view = View(self._session.game, self._session.state)
        heading = turn_heading(self._session.scenario.turns, view.turn)
        labels = {action.id: action.label for action in self._session.scenario.actions}
        taken = "; ".join(
            f"{role.name}: {', '.join(labels[action] for action in view.orders(role.id) or ()) or 'nothing'}"
            for role in self._session.scenario.roles
        )
        events = self._session.apply(Resolve())
        self._say(f"{heading} resolved. {taken}.")
        if self._session.state.ended:
            self._say(final_words(self._session))
        return events

    def _name(self, role: str) -> str:
        return self._session.scenario.role(role).name
