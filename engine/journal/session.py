"""A session: a game's history kept in its journal, from the first command to closing it.

A `Session` is a `History` (the commands in effect and undone, pure) with a journal writer and
the journal's header. Every command goes through `Session.apply`, which works out what the
command does, writes its journal line (flushed and fsynced) and only then makes the command
count, so the journal is always the truth: a line that cannot be written leaves the history as
it was, and reopening the journal gives exactly the session that was running. Undo and redo are
commands too, and are journaled like any other. The session's own job is the lifecycle: starting
a journal (`new`), reopening one after checking every line and dropping a line a crash cut off
(`resume`), replaying one in memory (`replay`) and closing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from engine.core.commands import SessionCommand
from engine.core.events import Event
from engine.core.model import Scenario
from engine.core.rules import Game, compile_scenario
from engine.core.state import State, state_digest
from engine.core.step import start
from engine.journal.codes import journal_error
from engine.journal.format import Clock, Fork, Settings, entry_json, header_digest, header_json, utc_now
from engine.journal.history import Applied, Change, History, Record
from engine.journal.reader import JournalContents, JournalLine, JournalProblem, open_journal
from engine.journal.sidefiles import append_to_plain_file
from engine.journal.verify import ReplayProblem, check_header, replay_lines
from engine.journal.writer import JournalExists, JournalInUse, JournalWriter
from engine.load.build import printable_scenario

__all__ = ["Recovery", "Session", "SessionError"]


class SessionError(Exception):
    """The session could not do what was asked for a reason outside the game (e.g. the disk)."""


@attrs.frozen
class Recovery:
    """What reopening a journal had to do: what was dropped from a line cut off by a crash."""

    dropped_line: int | None = None
    dropped_bytes: int = 0
    kept_in: str | None = None

    def message(self) -> str | None:
        """A sentence for the user, or None when nothing was dropped."""
        if self.dropped_line is None:
            return None
        where = (
            f"; its {self.dropped_bytes} bytes are kept in {self.kept_in}"
            if self.kept_in
            else f"; its {self.dropped_bytes} bytes could not be kept (the .dropped file beside it is not a plain file)"
        )
        return f"line {self.dropped_line} was cut off (the session stopped while writing it) and has been dropped{where}"


class Session:
    """A game in progress with its history and journal; see the module docstring."""

    def __init__(
        self,
        history: History,
        *,
        seed: int,
        settings: Settings,
        writer: JournalWriter | None,
        clock: Clock,
        header: dict[str, Any],
        header_digest: str | None,
    ) -> None:
        self.seed = seed
        self.settings = settings
        self.header = header
        self.header_digest = header_digest
        """What the first command line records of the header (None: a format-1 journal, which records nothing)."""
        self._history = history
        self._writer = writer
        self._path = writer.path if writer is not None else None
        self._clock = clock

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int,
        path: str | Path | None = None,
        *,
        settings: Settings | None = None,
        clock: Clock = utc_now,
        forked_from: Fork | None = None,
        durable: bool = True,
    ) -> Session:
        """Start a new game; with a path, journal it there (an existing file is refused)."""
        game = compile_scenario(printable_scenario(scenario))  # what a session shows must be printable
        settings = settings or Settings()
        problem = settings.problem(game.role_ids)
        if problem is not None:
            raise ValueError(problem)
        initial, events = start(game, seed)
        header = header_json(
            scenario.document,
            seed=seed,
            settings=settings,
            start_events=[event.to_json() for event in events],
            start_digest=state_digest(game, initial),
            created=clock(),
            forked_from=forked_from,
        )
        writer = None
        if path is not None:
            try:
                writer = JournalWriter.create(path, header, durable=durable)
            except (JournalExists, JournalInUse) as error:
                raise SessionError(str(error)) from None
            except OSError as error:
                raise SessionError(f"cannot create the journal {path}: {error.strerror or error}") from None
        history = History(game, initial, events)
        return cls(
            history, seed=seed, settings=settings, writer=writer, clock=clock, header=header, header_digest=header_digest(header)
        )

    @classmethod
    def resume(cls, path: str | Path, *, clock: Clock = utc_now) -> tuple[Session, Recovery]:
        """Reopen a journal to go on where it stopped; JournalError if it does not replay."""
        target = Path(path)
        contents = open_journal(target)
        session, problems = cls.replay(contents, clock=clock)
        if problems:
            first = problems[0]
            raise journal_error(
                str(target),
                first.line,
                first.code,
                f"{first.message}; the session cannot resume (check it with: whitecell replay --verify)",
            )
        missing_bot = session.settings.problem(session.game.role_ids)
        if missing_bot is not None:
            raise journal_error(str(target), 1, "journal-header", f"{missing_bot}; the session cannot resume without it")
        recovery = Recovery()
        if contents.dropped_tail:
            kept = target.with_name(target.name + ".dropped")
            try:  # never through a link planted under that name (issue 15, finding 6)
                append_to_plain_file(kept, contents.dropped_tail + b"\n")
                kept_in: str | None = str(kept)
            except OSError:
                kept_in = None
            recovery = Recovery(len(contents.lines) + len(contents.problems) + 2, len(contents.dropped_tail), kept_in)
        try:
            session._writer = JournalWriter.append_to(target, contents.intact_bytes)
            session._path = target
        except JournalInUse as error:
            raise SessionError(str(error)) from None
        except OSError as error:
            raise SessionError(f"cannot write to the journal {target}: {error.strerror or error}") from None
        return session, recovery

    @classmethod
    def replay(cls, contents: JournalContents, *, clock: Clock = utc_now) -> tuple[Session, list[ReplayProblem]]:
        """Re-run a journal in memory, checking every line (`engine.journal.verify`); stop at the first problem.

        Returns the session as far as it replayed, and the problems (at most one, the first).
        JournalError when the header does not check.
        """
        opening = check_header(contents)
        history = History(opening.game, opening.initial, opening.start_events)
        session = cls(
            history,
            seed=opening.seed,
            settings=opening.settings,
            writer=None,
            clock=clock,
            header=opening.header,
            header_digest=opening.header_digest,
        )
        return session, session.replay_lines(contents.lines, contents.problems)

    def replay_lines(self, lines: Sequence[JournalLine], problems: Sequence[JournalProblem] = ()) -> list[ReplayProblem]:
        """Re-run journal lines after those this session holds, checking each; stop at the first problem.

        Lines already replayed are skipped, so a reader of a growing journal can pass every line it
        holds and pay only for the new ones. ``problems`` are the journal's damaged lines.
        Returns the problems (at most one, the first); the session ends before the line at fault.
        Nothing is written: the lines come from a journal already.
        """
        return replay_lines(self._history, lines, problems, header=self.header_digest)

    # -- the game in progress ----------------------------------------------------------------

    @property
    def game(self) -> Game:
        return self._history.game

    @property
    def scenario(self) -> Scenario:
        return self._history.game.scenario

    @property
    def initial(self) -> State:
        """The state at the opening of the game."""
        return self._history.initial

    @property
    def start_events(self) -> tuple[Event, ...]:
        """The events of the opening of the game."""
        return self._history.start_events

    @property
    def state(self) -> State:
        """The current state."""
        return self._history.state

    @property
    def path(self) -> Path | None:
        """Where the journal is written, if anywhere."""
        return self._path

    @property
    def history(self) -> tuple[Applied, ...]:
        """The commands in effect, oldest first."""
        return self._history.history

    @property
    def records(self) -> tuple[Record, ...]:
        """Everything journaled after the header, undone commands and undo/redo included."""
        return self._history.records

    def states(self) -> list[State]:
        """The state at the start and after each command in effect."""
        return self._history.states()

    def events(self) -> list[Event]:
        """Every event since the start, of the commands in effect."""
        return self._history.events()

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def digest(self) -> str:
        """The digest of the current state."""
        return self._history.digest()

    def apply(self, command: SessionCommand) -> tuple[Event, ...]:
        """Apply and journal a command; CommandRefused (nothing written) when it does not apply.

        The command is worked out, its line written, and only then committed: SessionError when
        the line cannot be written, and the command does not count.
        """
        change = self._history.prepare(command)
        self._write(change)
        return self._history.commit(change)

    def _write(self, change: Change) -> None:
        if self._writer is None:
            return
        entry = entry_json(
            change.number,
            command=change.command.to_json(),
            events=[event.to_json() for event in change.events],
            digest=change.digest,
            turn=change.turn,
            at=self._clock(),
            header=self.header_digest if change.number == 1 else None,
        )
        try:
            self._writer.write(entry)
        except OSError as error:
            raise SessionError(
                f"the journal {self._writer.path} could not be written ({error.strerror or error}); the command was not applied"
            ) from None

    def close(self) -> None:
        """Close the journal (every line is already on disk); `path` still says where it is."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
