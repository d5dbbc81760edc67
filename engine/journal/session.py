"""A session: a game in progress, its journal, and undo and redo across turns.

Every command goes through `Session.apply`, which steps the game, writes the journal line
(flushed and fsynced) and only then makes the command count, so the journal is always the
truth: reopening it gives exactly the session that was running. Undo and redo are commands
too, and are journaled like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from engine.core.commands import BadCommand, Command, Redo, SessionCommand, Undo, command_from_json
from engine.core.events import Event, Redone, Undone
from engine.core.model import Scenario
from engine.core.refusals import CommandRefused, RefusalCode, reason
from engine.core.rules import Game, compile_scenario
from engine.core.state import State, state_digest
from engine.core.step import start, step
from engine.journal.codes import CODES, JournalError, journal_error
from engine.journal.format import JOURNAL_FORMAT, Clock, Fork, Settings, entry_json, header_json, utc_now
from engine.journal.reader import JournalContents, JournalLine, JournalProblem, open_journal
from engine.journal.writer import JournalExists, JournalInUse, JournalWriter
from engine.load.build import canonical_json, document_digest
from engine.load.diagnostics import ScenarioError
from engine.load.loader import load_scenario_document
from engine.version import __version__

__all__ = [
    "CODES",
    "Applied",
    "JournalError",
    "Record",
    "Recovery",
    "ReplayProblem",
    "Session",
    "SessionError",
    "journal_error",
    "open_journal",
]
"""CODES, JournalError and journal_error are declared in engine.journal.codes, open_journal in engine.journal.reader;
they are re-exported so that code that imports them from here keeps working."""


class SessionError(Exception):
    """The session could not do what was asked for a reason outside the game (e.g. the disk)."""


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
class Recovery:
    """What reopening a journal had to do: what was dropped from a line cut off by a crash."""

    dropped_line: int | None = None
    dropped_bytes: int = 0
    kept_in: str | None = None

    def message(self) -> str | None:
        """A sentence for the user, or None when nothing was dropped."""
        if self.dropped_line is None:
            return None
        where = f"; its {self.dropped_bytes} bytes are kept in {self.kept_in}" if self.kept_in else ""
        return f"line {self.dropped_line} was cut off (the session stopped while writing it) and has been dropped{where}"


class Session:
    """A game in progress with its history; see the module docstring."""

    def __init__(
        self,
        game: Game,
        *,
        seed: int,
        settings: Settings,
        initial: State,
        start_events: tuple[Event, ...],
        writer: JournalWriter | None,
        clock: Clock,
        header: dict[str, Any],
    ) -> None:
        self.game = game
        self.seed = seed
        self.settings = settings
        self.initial = initial
        self.start_events = start_events
        self.header = header
        self._writer = writer
        self._path = writer.path if writer is not None else None
        self._clock = clock
        self._done: list[Applied] = []
        self._undone: list[Applied] = []
        self._records: list[Record] = []
        self._initial_digest = state_digest(game, initial)

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
        game = compile_scenario(scenario)
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
        return cls(
            game, seed=seed, settings=settings, initial=initial, start_events=events, writer=writer, clock=clock, header=header
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
            try:
                with kept.open("ab") as handle:
                    handle.write(contents.dropped_tail + b"\n")
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
        """Re-run a journal in memory, checking every line; stop at the first problem.

        Returns the session as far as it replayed, and the problems (at most one, the first).
        """
        session = _session_from_header(contents, clock)
        return session, session.replay_lines(contents.lines, contents.problems)

    def replay_lines(self, lines: Sequence[JournalLine], problems: Sequence[JournalProblem] = ()) -> list[ReplayProblem]:
        """Re-run journal lines after those this session has replayed, checking each; stop at the first problem.

        Lines already replayed are skipped, so a reader of a growing journal can pass every line it
        holds and pay only for the new ones. ``problems`` are the journal's damaged lines.
        Returns the problems (at most one, the first); the session ends before the line at fault.
        """
        damaged = {problem.line: problem for problem in problems}
        expected_line = len(self._records) + 2
        for entry in lines:
            if entry.line < expected_line:
                continue
            if expected_line in damaged or entry.line != expected_line:
                problem = damaged.get(expected_line)
                message = problem.message if problem else "a line is missing"
                return [ReplayProblem(expected_line, "damaged-line", message)]
            expected_line += 1
            failure = self._replay_line(entry.line, entry.data)
            if failure is not None:
                return [failure]
        if expected_line in damaged:
            return [ReplayProblem(expected_line, "damaged-line", damaged[expected_line].message)]
        return []

    def _replay_line(self, line: int, data: dict[str, Any]) -> ReplayProblem | None:
        number = data.get("n")
        if type(number) is not int or number != line - 1:
            return ReplayProblem(line, "numbering", f"the line says it is command {number!r}, but it is command {line - 1}")
        try:
            command = command_from_json(data.get("command"))
        except BadCommand as error:
            return ReplayProblem(line, "unknown-command", str(error))
        undone_before = list(self._undone)
        try:
            self._apply(command, line=line)
        except CommandRefused as error:
            return ReplayProblem(line, "refused", f"the engine refuses this command on replay: {error.reason}")
        problem = _compare(line, data, self._records[-1])
        if problem is not None:
            self._take_back(command, undone_before)
        return problem

    def _take_back(self, command: SessionCommand, undone_before: list[Applied]) -> None:
        """Forget the command just replayed, so a session that stops at a bad line ends before it."""
        self._records.pop()
        if isinstance(command, Undo):
            self._done.append(self._undone.pop())
        elif isinstance(command, Redo):
            self._undone.append(self._done.pop())
        else:
            self._done.pop()
            self._undone = undone_before

    # -- the game in progress ----------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def state(self) -> State:
        """The current state."""
        return self._done[-1].after if self._done else self.initial

    @property
    def path(self) -> Path | None:
        """Where the journal is written, if anywhere."""
        return self._path

    @property
    def history(self) -> tuple[Applied, ...]:
        """The commands in effect, oldest first."""
        return tuple(self._done)

    @property
    def records(self) -> tuple[Record, ...]:
        """Everything journaled after the header, undone commands and undo/redo included."""
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

    def digest(self) -> str:
        """The digest of the current state."""
        return self._done[-1].digest if self._done else self._initial_digest

    def apply(self, command: SessionCommand) -> tuple[Event, ...]:
        """Apply and journal a command; CommandRefused (nothing written) when it does not apply."""
        return self._apply(command, line=None)

    def _apply(self, command: SessionCommand, *, line: int | None) -> tuple[Event, ...]:
        number = len(self._records) + 1
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
            before = self.state
            after, events = step(self.game, before, command)
            digest = self.digest() if after is before else state_digest(self.game, after)
        if line is None:
            self._write(number, command, events, digest, after.turn)
        line_number = number + 1
        if isinstance(command, Undo):
            self._undone.append(self._done.pop())
        elif isinstance(command, Redo):
            self._done.append(self._undone.pop())
        else:
            self._done.append(Applied(line_number, command, events, self.state, after, digest))
            self._undone.clear()
        self._records.append(Record(line_number, command, events, digest, after.turn))
        return events

    def _write(self, number: int, command: SessionCommand, events: Sequence[Event], digest: str, turn: int) -> None:
        if self._writer is None:
            return
        entry = entry_json(
            number,
            command=command.to_json(),
            events=[event.to_json() for event in events],
            digest=digest,
            turn=turn,
            at=self._clock(),
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


@attrs.frozen
class ReplayProblem:
    """The first line of a journal that does not replay, and why."""

    line: int
    code: str
    message: str


def _compare(line: int, data: dict[str, Any], record: Record) -> ReplayProblem | None:
    """What a replayed line says against what the engine did: digest, then turn, then events.

    The digest covers the state; the events (what reports read) and the turn are checked too,
    so a changed note, reason or event is caught even where the state is the same.
    """
    if data.get("digest") != record.digest:
        return ReplayProblem(line, "digest-mismatch", "digest mismatch: the state this command leads to is not the one recorded")
    turn = data.get("turn")
    if type(turn) is not int or turn != record.turn:
        return ReplayProblem(line, "turn-mismatch", f"the line says the game is in turn {turn!r}, but replay gives {record.turn}")
    if data.get("events") != [event.to_json() for event in record.events]:
        return ReplayProblem(
            line, "events-mismatch", "events mismatch: the events recorded are not the ones this command produces"
        )
    return None


def _session_from_header(contents: JournalContents, clock: Clock) -> Session:
    """A session at the start of a journal's game, after checking its header."""
    path = contents.path
    header = contents.header

    def fail(code: str, message: str) -> JournalError:
        return journal_error(path, 1, code, message)

    version = header.get("format")
    if version != JOURNAL_FORMAT:
        raise fail(
            "journal-format",
            f"journal format {version!r} is not one this whitecell ({__version__}) reads (it reads {JOURNAL_FORMAT})",
        )
    document = header.get("scenario")
    if not isinstance(document, dict):
        raise fail("journal-header", "the header holds no scenario")
    if header.get("scenarioDigest") != document_digest(document):
        raise fail("scenario-mismatch", "scenario hash mismatch: the embedded scenario is not the one the journal recorded")
    try:
        scenario = load_scenario_document(document, path, line=1, prefix="/scenario")
    except ScenarioError as error:
        raise JournalError(error.diagnostics) from None
    seed = header.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64:
        raise fail("journal-header", "the header's seed is not a whole number from 0 to 2**64 - 1")
    try:
        settings = Settings.from_json(header.get("settings", {}))
    except ValueError as error:
        raise fail("journal-header", str(error)) from None
    game = compile_scenario(scenario)
    problem = settings.problem(game.role_ids, to_play=False)
    if problem is not None:
        raise fail("journal-header", problem)
    initial, events = start(game, seed)
    opening = header.get("start")
    opening = opening if isinstance(opening, dict) else {}
    if opening.get("digest") != state_digest(game, initial):
        raise fail(
            "digest-mismatch", "digest mismatch at the start: this engine opens the game differently from the one that wrote it"
        )
    if opening.get("events") != [event.to_json() for event in events]:
        raise fail("events-mismatch", "events mismatch at the start: the opening events recorded are not the ones replay gives")
    return Session(
        game, seed=seed, settings=settings, initial=initial, start_events=events, writer=None, clock=clock, header=header
    )
