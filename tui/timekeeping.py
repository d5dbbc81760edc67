"""The console's clocks: the turn's decision timer (shared with the projector) and the time the
console has been running this session.

The play screen asks for the header's texts once a second; the keys pause, extend and reset the
timer; every change is written beside the journal at once, so the projector shows it within a
poll and a resumed console finds it.
"""

from __future__ import annotations

import time
from pathlib import Path

from engine.core.nouns import counted
from engine.journal.session import Session
from tui.decision_timer import DecisionTimer, clock_text, load_timer, save_timer


class Timekeeper:
    """The decision timer of a session (None without ``--timer`` or a deadline in the scenario) and the
    console's elapsed time."""

    def __init__(self, session: Session) -> None:
        self.path: Path | None = session.path
        self.opened = time.monotonic()
        """When this console opened the session (a resumed console counts from its own start)."""
        self.problem: str | None = None
        scenario, chosen = session.scenario, session.settings.timer_minutes
        self.timer: DecisionTimer | None = None
        if chosen or scenario.turns.deadline is not None or any(phase.deadline is not None for phase in scenario.phases):
            first = self.minutes(session, session.state.turn)
            kept = load_timer(self.path) if self.path is not None else None
            fits = kept is not None and kept.turn == session.state.turn and kept.minutes == first
            self.timer = kept if fits and kept is not None else DecisionTimer(first or 1)
        self.follow(session)

    @staticmethod
    def minutes(session: Session, turn: int) -> int | None:
        """A turn's full length: the facilitator's --timer, else the scenario's deadline for it (its phase's first)."""
        return session.settings.timer_minutes or session.scenario.deadline_at(turn)

    def follow(self, session: Session) -> None:
        """Keep the timer on the game's turn (a turn without a deadline, and the end, stop it)."""
        timer, turn = self.timer, session.state.turn
        minutes = self.minutes(session, turn)
        if timer is not None and minutes is not None and not session.state.ended and timer.follow(turn, time.time(), minutes):
            self._save()

    def _save(self) -> None:
        if self.timer is None or self.path is None:
            return
        try:
            save_timer(self.path, self.timer)
            self.problem = None
        except OSError as error:
            self.problem = f"The projector cannot be told of the timer ({error.strerror or error})."

    def running(self, session: Session) -> bool:
        timer = self.timer
        return timer is not None and timer.turn == session.state.turn and not session.state.ended

    def deadline(self, session: Session) -> float | None:
        """When the turn's time is up in `time.monotonic()` seconds, for the seats; None without one or while paused."""
        if not self.running(session) or self.timer is None or self.timer.paused is not None:
            return None
        return time.monotonic() + self.timer.left(time.time())

    def paused(self, session: Session) -> float | None:
        """The seconds left while the turn's timer is paused, for the seats; None when it runs or there is none."""
        if not self.running(session) or self.timer is None or self.timer.paused is None:
            return None
        return self.timer.paused

    def timer_text(self, session: Session) -> tuple[str, bool]:
        """The countdown for the header ('' without one), and whether the time is up."""
        if not self.running(session) or self.timer is None:
            return "", False
        left = self.timer.left(time.time())
        paused = " paused" if self.timer.paused is not None else ""
        return clock_text(left) + paused, left <= 0

    def elapsed_text(self) -> str:
        """How long this console has been running the session, e.g. '1:05'."""
        minutes = int(time.monotonic() - self.opened) // 60
        return f"{minutes // 60}:{minutes % 60:02d}"

    # -- the white cell's keys --------------------------------------------------------------------

    def pause(self) -> str:
        assert self.timer is not None
        paused = self.timer.pause(time.time())
        self._save()
        return "Timer paused." if paused else "Timer running again."

    def extend(self, minutes: int) -> str:
        assert self.timer is not None
        self.timer.extend(minutes * 60, time.time())
        self._save()
        return f"{counted(minutes, 'minute')} more: {clock_text(self.timer.left(time.time()))} left."

    def reset(self) -> str:
        assert self.timer is not None
        self.timer.reset(time.time())
        self._save()
        return f"Timer back to {clock_text(self.timer.full)}."
