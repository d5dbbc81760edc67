"""Checking a journal by replaying it: the header first, then every line against what the engine does.

A journal is trusted only as far as it replays. `check_header` rebuilds the game's opening from
the header (its format, the embedded scenario and its digest, the seed, the settings, the opening
digest and events) or raises `JournalError`. `replay_lines` then gives each line's command to a
`History` and compares what the engine does with what the line recorded (its number, digest,
turn and events); it stops at the first line that does not replay, with the history ending just
before it. Resuming, `whitecell replay --verify`, the report, forking and following a journal
all check through here, so they can never judge a line differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from engine.core.commands import AddNote, BadCommand, SessionCommand, command_from_json
from engine.core.events import Event
from engine.core.refusals import CommandRefused
from engine.core.rules import Game, compile_scenario
from engine.core.state import State, state_digest
from engine.core.step import start
from engine.journal.codes import JournalError, journal_error
from engine.journal.format import READABLE_FORMATS, Settings, header_digest
from engine.journal.header_schema import header_schema_problem
from engine.journal.history import Change, History
from engine.journal.reader import JournalContents, JournalLine, JournalProblem
from engine.load.build import document_digest, printable_scenario
from engine.load.diagnostics import ScenarioError
from engine.load.loader import load_scenario_document
from engine.version import __version__


@attrs.frozen
class ReplayProblem:
    """The first line of a journal that does not replay, and why."""

    line: int
    code: str
    message: str


@attrs.frozen
class Opening:
    """A journal's game at its start, rebuilt from a header that checked out."""

    game: Game
    seed: int
    settings: Settings
    initial: State
    start_events: tuple[Event, ...]
    header: dict[str, Any]
    header_digest: str | None
    """What the first command line must record of the header (None: format 1, which records nothing)."""


def check_header(contents: JournalContents) -> Opening:
    """The game at the start of a journal, after checking its header; JournalError (line 1) when it does not check."""
    path = contents.path
    header = contents.header

    def fail(code: str, message: str) -> JournalError:
        return journal_error(path, 1, code, message)

    version = header.get("format")
    if type(version) is not int or version not in READABLE_FORMATS:
        readable = " and ".join(str(number) for number in READABLE_FORMATS)
        raise fail(
            "journal-format",
            f"journal format {version!r} is not one this whitecell ({__version__}) reads (it reads {readable})",
        )
    schema_problem = header_schema_problem(header)
    if schema_problem is not None:
        raise fail("journal-header", schema_problem)
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
    game = compile_scenario(printable_scenario(scenario))  # as `Session.new` plays it
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
    covered = header_digest(header) if version >= 2 else None
    return Opening(game, seed, settings, initial, events, header, covered)


def replay_lines(
    history: History,
    lines: Sequence[JournalLine],
    problems: Sequence[JournalProblem] = (),
    *,
    header: str | None = None,
) -> list[ReplayProblem]:
    """Re-run journal lines after those the history holds, checking each; stop at the first problem.

    Lines already in the history are skipped, so a reader of a growing journal can pass every line
    it holds and pay only for the new ones. ``problems`` are the journal's damaged lines;
    ``header`` the header's digest, which the first command line must record (None: format 1).
    Returns the problems (at most one, the first); the history ends before the line at fault.
    """
    damaged = {problem.line: problem for problem in problems}
    expected_line = len(history.records) + 2
    for entry in lines:
        if entry.line < expected_line:
            continue
        if expected_line in damaged or entry.line != expected_line:
            problem = damaged.get(expected_line)
            message = problem.message if problem else "a line is missing"
            return [ReplayProblem(expected_line, "damaged-line", message)]
        expected_line += 1
        failure = replay_line(history, entry.line, entry.data, header=header)
        if failure is not None:
            return [failure]
    if expected_line in damaged:
        return [ReplayProblem(expected_line, "damaged-line", damaged[expected_line].message)]
    return []


def replay_line(history: History, line: int, data: dict[str, Any], *, header: str | None = None) -> ReplayProblem | None:
    """Give one line's command to the history if it replays to what the line recorded; else what is wrong.

    ``header``: the header's digest, which line 2 (the first command) must record (None: format 1).
    """
    number = data.get("n")
    if type(number) is not int or number != line - 1:
        return ReplayProblem(line, "numbering", f"the line says it is command {number!r}, but it is command {line - 1}")
    if header is not None and number == 1 and data.get("header") != header:
        return ReplayProblem(
            line,
            "header-mismatch",
            "the header is not the one this line recorded: line 1 was edited after the session began",
        )
    try:
        command = command_from_json(data.get("command"))
    except BadCommand as error:
        return ReplayProblem(line, "unknown-command", str(error))
    try:
        change = _prepare_recorded(history, command)
    except CommandRefused as error:
        return ReplayProblem(line, "refused", f"the engine refuses this command on replay: {error.reason}")
    problem = compare(line, data, change)
    if problem is None:
        history.commit(change)
    return problem


def _prepare_recorded(history: History, command: SessionCommand) -> Change:
    """What a recorded command does. A note about a turn not yet reached was accepted before the
    engine refused it (NOTE_TURN_NOT_REACHED), and read as written in the turn it was given in: a
    journal holding one replays as it did, with the command kept as recorded (its events are the
    same, and an undo of it names it as the journal does), and reports still place it there."""
    if isinstance(command, AddNote) and command.turn is not None and command.turn > history.state.turn:
        return attrs.evolve(history.prepare(attrs.evolve(command, turn=None)), command=command)
    return history.prepare(command)


def compare(line: int, data: dict[str, Any], change: Change) -> ReplayProblem | None:
    """What a replayed line says against what the engine does: digest, then turn, then events.

    The digest covers the state; the events (what reports read) and the turn are checked too,
    so a changed note, reason or event is caught even where the state is the same.
    """
    if data.get("digest") != change.digest:
        return ReplayProblem(line, "digest-mismatch", "digest mismatch: the state this command leads to is not the one recorded")
    turn = data.get("turn")
    if type(turn) is not int or turn != change.turn:
        return ReplayProblem(line, "turn-mismatch", f"the line says the game is in turn {turn!r}, but replay gives {change.turn}")
    if data.get("events") != [event.to_json() for event in change.events]:
        return ReplayProblem(
            line, "events-mismatch", "events mismatch: the events recorded are not the ones this command produces"
        )
    return None
