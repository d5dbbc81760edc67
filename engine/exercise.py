"""whitecell as a library: open an exercise, play it turn by turn, read it back, simulate many.

`Exercise` is a session seen from Python: the facilitator's powers (`submit`, `resolve`,
`inject`, `adjust`, `note`, `end`, `undo`, `redo`), a read-only `View` of the state, every event
with its cause, each team's `Observation`, and the after-action report. Behind it is the same
session the terminal console runs, so a game played here can be journaled, resumed, replayed
and reported like any other. `simulate` plays many bot games and yields one row per game, with
the batched engine when it can.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Literal

from engine.audience.observation import Observation, observe
from engine.audience.visibility import Audience, audience_named
from engine.bots.registry import make_bot
from engine.bots.simulate import GameResult, play_results
from engine.core.availability import ActionOption, action_options
from engine.core.commands import (
    AddNote,
    AdjustVariable,
    BringForward,
    EndExercise,
    EnteredBy,
    HoldShock,
    InjectShock,
    NoteTag,
    ProposeFreeMove,
    Rating,
    Redo,
    ReleaseShock,
    Resolve,
    ReturnOrders,
    SessionCommand,
    SettleFreeMove,
    SubmitOrders,
    Undo,
    WriteInject,
)
from engine.core.events import Event
from engine.core.model import Scenario
from engine.core.rules import compile_scenario
from engine.core.view import View
from engine.journal.autoplay import bot_orders
from engine.journal.format import Settings
from engine.journal.session import Recovery, Session
from engine.load.catalog import resolve_scenario
from engine.load.loader import load_scenario

__all__ = ["Engine", "Exercise", "ScenarioRef", "open_scenario", "simulate"]

ScenarioRef = str | os.PathLike[str] | Scenario | None
"""A scenario: a loaded one, a path to a file, the name of a bundled one, or None for the default."""


def open_scenario(scenario: ScenarioRef = None) -> Scenario:
    """A scenario, loaded and checked; ScenarioError (with every diagnostic) when it is not valid."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, os.PathLike):
        return load_scenario(Path(scenario))
    return resolve_scenario(scenario)


class Exercise:
    """A game in progress: send it commands, read its state, and see it as each team does.

    Made by `Exercise.open` or `Exercise.resume`. Every command goes through the session (and its
    journal, when there is one) before it counts; a refused command raises `CommandRefused`,
    whose ``codes`` say why and ``reason`` says it in words, and changes nothing.
    """

    def __init__(self, session: Session, *, recovery: Recovery | None = None) -> None:
        self._session = session
        self.recovery = recovery or Recovery()
        """What reopening the journal had to do (a line cut off by a crash), for `resume`."""
        self._play_bots()

    # -- opening ----------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        scenario: ScenarioRef = None,
        *,
        seed: int = 0,
        journal: str | os.PathLike[str] | None = None,
        bots: Mapping[str, str] | None = None,
        timer_minutes: int | None = None,
    ) -> Exercise:
        """Start a game: the scenario (a path, a bundled name, a loaded `Scenario`, or None for the
        default), its seed, an optional journal file to write (never an existing one), and the
        roles that bots play (``{"tokyo": "greedy"}``), which enter their orders as each turn opens."""
        settings = Settings(bots=tuple(sorted((bots or {}).items())), timer_minutes=timer_minutes)
        path = None if journal is None else Path(journal)
        return cls(Session.new(open_scenario(scenario), seed, path, settings=settings))

    @classmethod
    def resume(cls, journal: str | os.PathLike[str]) -> Exercise:
        """Reopen a journal and go on where it stopped (the journal is verified line by line first)."""
        session, recovery = Session.resume(Path(journal))
        return cls(session, recovery=recovery)

    def close(self) -> None:
        """Close the journal (every command is already on disk)."""
        self._session.close()

    def __enter__(self) -> Exercise:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    # -- what there is to read --------------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The session underneath: its history, records and journal."""
        return self._session

    @property
    def scenario(self) -> Scenario:
        return self._session.scenario

    @property
    def seed(self) -> int:
        return self._session.seed

    @property
    def journal(self) -> Path | None:
        """Where the journal is written, if anywhere."""
        return self._session.path

    @property
    def view(self) -> View:
        """The state now, read by id: ``ex.view.value("trust")``, ``ex.view.score("seoul")``..."""
        return View(self._session.game, self._session.state)

    @property
    def turn(self) -> int:
        return self._session.state.turn

    @property
    def ended(self) -> bool:
        return self._session.state.ended

    @property
    def outcome(self) -> str | None:
        """The outcome's id once the game has ended, else None."""
        return self._session.state.outcome

    @property
    def events(self) -> tuple[Event, ...]:
        """Everything that has happened, oldest first, each change with its cause (undone commands left out)."""
        return tuple(self._session.events())

    @property
    def digest(self) -> str:
        """SHA-256 of the state: equal digests, equal games."""
        return self._session.digest()

    def legal_actions(self, role: str) -> tuple[ActionOption, ...]:
        """Every action a role may ever take, each with whether it may take it now and, if not, why."""
        return action_options(self.view, role)

    def observe(self, role: str) -> Observation:
        """What a team may know now: nothing hidden from it, and no seed."""
        return observe(self.view, self._session.events(), role)

    def report(self, format: Literal["markdown", "html"] = "markdown", *, audience: Audience | str = "white-cell") -> str:
        """The after-action report of the game so far, as Markdown or one HTML page.

        ``audience`` is whose edition: "white-cell" (everything, the default), "room" (the public
        record) or a team's role id (what that team saw, and the public record); an unknown name or
        an actor's raises `UnknownAudience` (a ValueError) listing the teams.
        """
        from engine.documents.report import build_report, render

        reader = audience if isinstance(audience, Audience) else audience_named(self.scenario, audience)
        return render(build_report(self._session, audience=reader), format)

    # -- commands ---------------------------------------------------------------------------------

    def apply(self, command: SessionCommand) -> tuple[Event, ...]:
        """Apply any command and return its events; CommandRefused when it does not apply."""
        return self._session.apply(command)

    def submit(self, role: str, actions: Sequence[str], *, by: EnteredBy = "facilitator") -> tuple[Event, ...]:
        """A team's orders for this turn, replacing any it gave before; ``by`` records who entered them."""
        return self.apply(SubmitOrders(role, tuple(actions), by))

    def return_orders(self, role: str, note: str) -> tuple[Event, ...]:
        """Send a team's submitted orders back with a note for the team; it enters them again."""
        return self.apply(ReturnOrders(role, note))

    def resolve(self) -> tuple[Event, ...]:
        """Resolve the turn with the orders given (a team without orders does nothing) and open the next."""
        events = self.apply(Resolve())
        self._play_bots()
        return events

    def inject(self, shock: str, reason: str = "") -> tuple[Event, ...]:
        """Fire a scenario shock now, outside its trigger."""
        return self.apply(InjectShock(shock, reason))

    def write_inject(
        self,
        title: str,
        narrative: str,
        *,
        category: str,
        effects: Mapping[str, int] | None = None,
        audience: Sequence[str] = (),
        reason: str,
    ) -> tuple[Event, ...]:
        """An inject written at the table: told to ``audience`` (role ids; none: everyone), moving
        each variable of ``effects`` by its amount, in order, within its bounds."""
        return self.apply(WriteInject(title, narrative, category, tuple(audience), tuple((effects or {}).items()), reason))

    def hold(self, shock: str, reason: str) -> tuple[Event, ...]:
        """Hold a shock: nothing in the scenario fires it until `release`; a firing due meanwhile waits."""
        return self.apply(HoldShock(shock, reason))

    def release(self, shock: str, reason: str) -> tuple[Event, ...]:
        """Release a held shock: its trigger counts again, and a firing that waited fires as the next turn opens."""
        return self.apply(ReleaseShock(shock, reason))

    def bring_forward(self, shock: str, reason: str) -> tuple[Event, ...]:
        """Make a shock fire as the next turn opens rather than at its later turn."""
        return self.apply(BringForward(shock, reason))

    def adjust(self, var: str, value: int, reason: str) -> tuple[Event, ...]:
        """Override adjudication: set a variable to a value, with a reason for the record."""
        return self.apply(AdjustVariable(var, value, reason))

    def note(
        self,
        text: str,
        tag: NoteTag = "observation",
        *,
        turn: int | None = None,
        objective: str | None = None,
        rating: Rating | None = None,
    ) -> tuple[Event, ...]:
        """A tagged note for the after-action report; it changes nothing in the game. ``turn`` places it
        at an earlier turn than now; ``objective`` ties it to an exercise objective's evaluation, with
        ``rating`` (HSEEP's P, S, M or U) when the note is the facilitator's rating of it."""
        return self.apply(AddNote(tag, text, turn, objective, rating))

    def end(self, reason: str) -> tuple[Event, ...]:
        """End the exercise now; the outcome tiers decide the outcome."""
        return self.apply(EndExercise(reason))

    def free_move(
        self, role: str, action: str, reasons: str, chance: int, *, counter: str = "", rating: str = ""
    ) -> tuple[Event, ...]:
        """A team's free-form move: an action not on its list, in words, with its reasons and the
        counter-arguments; ``chance`` in percent (``rating``: the room's rating it came from). The dice
        decide at once; on success, give its effects with `settle_free_move`."""
        return self.apply(ProposeFreeMove(role, action, reasons, chance, counter, rating))

    def settle_free_move(self, role: str, effects: Mapping[str, int], reason: str = "") -> tuple[Event, ...]:
        """The effects of a team's free-form move that succeeded: amounts by variable id, each within the
        scenario's largest effect (none: it moves no number); ``reason`` stays the white cell's."""
        return self.apply(SettleFreeMove(role, tuple(effects.items()), reason))

    def undo(self) -> tuple[Event, ...]:
        """Take back the last command still in effect (the journal keeps both)."""
        return self.apply(Undo())

    def redo(self) -> tuple[Event, ...]:
        """Apply again the command most recently undone."""
        return self.apply(Redo())

    def _play_bots(self) -> None:
        for command in bot_orders(self._session):
            self._session.apply(command)


Engine = Literal["auto", "scalar", "batch"]
"""Which engine plays `simulate`'s games: the batched one when it can (``auto``), or the one named."""


def simulate(
    scenario: ScenarioRef = None,
    *,
    games: int = 100,
    seed: int = 0,
    bots: Mapping[str, str] | None = None,
    engine: Engine = "auto",
) -> Iterator[GameResult]:
    """Play ``games`` bot games and yield one result per game, in order (``random`` plays any role
    ``bots`` does not name). The same arguments give the same games on any machine, and game ``i``
    is the game ``whitecell simulate`` counts as its ``i``-th.

    Both engines yield the very same results; ``auto`` takes the batched one (numpy, a chunk of
    games at a time, so results still come before the whole run is played) where it can play the
    scenario and bots, as ``whitecell simulate`` does. ``batch`` where it cannot raises
    `EngineRefused` (a `ValueError`) saying why.
    """
    if games < 1:
        raise ValueError("play at least one game")
    game = compile_scenario(open_scenario(scenario))
    chosen = {role: (bots or {}).get(role, "random") for role in game.role_ids}
    unknown = set(bots or {}) - set(game.role_ids)
    if unknown:
        raise ValueError(f"bots name {sorted(unknown)[0]!r}, which is not a role (roles: {', '.join(game.role_ids)})")
    policies = {role: make_bot(name) for role, name in chosen.items()}
    # Imported here: the batch loads numpy, which a program that only plays exercises need not pay for.
    from engine.batch.engines import EngineRefused, choose_engine
    from engine.batch.play import batch_results

    try:
        choice = choose_engine(game, policies, engine)
    except EngineRefused as error:
        raise EngineRefused(f"engine='batch' cannot play this run: {error}; use engine='auto' or 'scalar'") from None
    if choice.engine == "batch":
        return batch_results(game, games, seed, policies, chunk=choice.chunk)
    return play_results(game, games, seed, policies)
