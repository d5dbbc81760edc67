"""A game's history of commands, with undo and redo: pure, in memory, touching no disk.

`History` holds the commands in effect and those undone, and every command given (undo and redo
included, as `Record`s). A command goes in in two steps: `prepare` works out what it does (through
`engine.core.step.step`, or for undo and redo the `Undone`/`Redone` event and the state to go back
or forward to) without changing anything, and `commit` makes it count. A session writes the
journal line between the two, so a command whose line could not be written never counts; replay
compares the prepared change with the recorded line before committing it. Keeping the history
apart from the journal lets the replay screen, verification and tests step through a game with
no file at all.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from engine.core.commands import Command, Redo, SessionCommand, Undo
from engine.core.events import Event, Redone, Undone
from engine.core.refusals import CommandRefused, RefusalCode, reason
from engine.core.rules import Game
from engine.core.state import State, state_digest
from engine.core.step import step
from engine.load.build import canonical_json


@attrs.frozen
class Applied:
    """A command in effect: the journal line that recorded it, and the states around it."""

    line: int
    command: Command
    events: tuple[Event, ...]
    before: State
    after: State
    digest: str
    """The digest of ``after``."""


@attrs.frozen
class Record:
    """One journal line as the session knows it: any command, undo and redo included."""

    line: int
    command: SessionCommand
    events: tuple[Event, ...]
    digest: str
    turn: int


@attrs.frozen
class Change:
    """What a command does to a history, worked out by `History.prepare` and not yet committed."""

    number: int
    """The command's number: 1 for the first command, so its journal line is ``number + 1``."""
    command: SessionCommand
    events: tuple[Event, ...]
    before: State
    """The state the command was given in."""
    after: State
    digest: str
    """The digest of ``after``."""

    @property
    def line(self) -> int:
        """The journal line that records the command (the header is line 1)."""
        return self.number + 1

    @property
    def turn(self) -> int:
        """The turn the game is in after the command."""
        return self.after.turn


class History:
    """The commands given in a game since its opening; see the module docstring.

    ``in_effect`` starts the history with commands already in effect and no records (the game as
    it stood at one step of a recorded journal, for reading only).
    """

    def __init__(self, game: Game, initial: State, start_events: tuple[Event, ...], *, in_effect: Iterable[Applied] = ()) -> None:
        self.game = game
        self.initial = initial
        self.start_events = start_events
        self._initial_digest = state_digest(game, initial)
        self._done: list[Applied] = list(in_effect)
        self._undone: list[Applied] = []
        self._records: list[Record] = []

    # -- what it holds -----------------------------------------------------------------------

    @property
    def state(self) -> State:
        """The current state."""
        return self._done[-1].after if self._done else self.initial

    def digest(self) -> str:
        """The digest of the current state."""
        return self._done[-1].digest if self._done else self._initial_digest

    @property
    def history(self) -> tuple[Applied, ...]:
        """The commands in effect, oldest first."""
        return tuple(self._done)

    @property
    def undone(self) -> tuple[Applied, ...]:
        """The commands undone and not redone, the next to redo last."""
        return tuple(self._undone)

    @property
    def records(self) -> tuple[Record, ...]:
        """Every command given, undo and redo included, oldest first."""
        return tuple(self._records)

    def states(self) -> list[State]:
        """The state at the start and after each command in effect."""
        return [self.initial, *(applied.after for applied in self._done)]

    def events(self) -> list[Event]:
        """Every event since the start, of the commands in effect."""
        result = list(self.start_events)
        for applied in self._done:
            result.extend(applied.events)
        return result

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    # -- giving a command --------------------------------------------------------------------

    def prepare(self, command: SessionCommand) -> Change:
        """What ``command`` does now, without changing the history; CommandRefused when it does not apply."""
        number = len(self._records) + 1
        before = self.state
        if isinstance(command, Undo):
            if not self._done:
                raise CommandRefused(reason(RefusalCode.NOTHING_TO_UNDO, self.game))
            target = self._done[-1]
            events: tuple[Event, ...] = (Undone(target.line, canonical_json(target.command.to_json())),)
            after = target.before
            digest = self._done[-2].digest if len(self._done) > 1 else self._initial_digest
        elif isinstance(command, Redo):
            if not self._undone:
                raise CommandRefused(reason(RefusalCode.NOTHING_TO_REDO, self.game))
            target = self._undone[-1]
            events = (Redone(target.line, canonical_json(target.command.to_json())),)
            after = target.after
            digest = target.digest
        else:
            after, events = step(self.game, before, command)
            digest = self.digest() if after is before else state_digest(self.game, after)
        return Change(number, command, events, before, after, digest)

    def commit(self, change: Change) -> tuple[Event, ...]:
        """Make a prepared command count; its events. ValueError if the history moved on since `prepare`."""
        if change.number != len(self._records) + 1:
            raise ValueError(
                f"command {change.number} was prepared for another point of the history (the next is {len(self._records) + 1})"
            )
        command = change.command
        line = change.number + 1
        if isinstance(command, Undo):
            self._undone.append(self._done.pop())
        elif isinstance(command, Redo):
            self._done.append(self._undone.pop())
        else:
            self._done.append(Applied(line, command, change.events, change.before, change.after, change.digest))
            self._undone.clear()
        self._records.append(Record(line, command, change.events, change.digest, change.after.turn))
        return change.events

    def apply(self, command: SessionCommand) -> tuple[Event, ...]:
        """Prepare and commit a command at once; its events, or CommandRefused (nothing changes)."""
        return self.commit(self.prepare(command))
