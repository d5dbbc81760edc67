"""Forks: a new journal that starts from another game's history and goes its own way.

Two uses share this: the "what if" fork from a step of a recorded game (`fork_journal`), and
starting again on changed rules (`continue_in_new_journal` with the old session's commands).
Either way the new journal's header records where it came from (``forkedFrom``), and the
source journal is never touched.

`fork_journal` copies *every* record up to the chosen line, undo and redo included, not just
the commands in effect: the fork's lines 2..N are then the source's lines 2..N, with the same
digests, so the two journals can be compared line by line, ``Undone``/``Redone`` events that
name a line still name the right one, and whatever had been undone by then can still be redone
in the fork.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from engine.core.commands import SessionCommand
from engine.core.model import Scenario
from engine.core.refusals import CommandRefused
from engine.journal.codes import journal_error
from engine.journal.format import Clock, Fork, Settings, utc_now
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.diagnostics import CodeInfo

CODES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "fork-line",
        "error",
        "the line to fork from is not a line of the journal",
        "A fork copies a journal's lines 1 (the header) to N. N must be at least 1 and at most the journal's last "
        "complete line; `whitecell replay JOURNAL` shows the lines.",
    ),
    CodeInfo(
        "fork-past-problem",
        "error",
        "the journal stops replaying before the line to fork from",
        "Only history that replays exactly can be copied into a fork. Fork from a line before the first bad one "
        "(`whitecell replay --verify JOURNAL` names it).",
    ),
)


@attrs.frozen
class Refusal:
    """A command that was not applied in the new journal: its position in the list given, and the engine's reason."""

    index: int
    command: SessionCommand
    reason: str


@attrs.frozen
class Continued:
    """The new session (journaled, open for more commands) and the commands it could not take."""

    session: Session
    refused: tuple[Refusal, ...]


def continue_in_new_journal(
    scenario: Scenario,
    seed: int,
    settings: Settings,
    commands: Sequence[SessionCommand],
    path: str | Path,
    *,
    forked_from: Fork | None,
    clock: Clock = utc_now,
) -> Continued:
    """Start a journaled session at ``path`` and apply ``commands`` in order.

    A command the engine refuses is skipped and reported, never fatal: on changed rules some old
    commands no longer apply, and the rest are still worth keeping. Raises `SessionError` when the
    journal cannot be created (it exists: never overwritten) and ValueError when the settings do
    not fit the scenario (e.g. a bot for a role it no longer has).
    """
    session = Session.new(scenario, seed, path, settings=settings, clock=clock, forked_from=forked_from)
    refused: list[Refusal] = []
    for index, command in enumerate(commands):
        try:
            session.apply(command)
        except CommandRefused as error:
            refused.append(Refusal(index, command, error.reason))
    return Continued(session, tuple(refused))


def fork_journal(source: str | Path, line: int, new_path: str | Path, *, clock: Clock = utc_now) -> Continued:
    """A new journal at ``new_path`` holding the source journal's lines 1..``line`` (replayed, so checked).

    ``line`` 1 forks from the start (header only). Raises `JournalError` (exit status 1) when the
    source is unreadable, the line is not in it, or the journal stops replaying before it, and
    `SessionError` when ``new_path`` exists (never overwritten).
    """
    source_path = str(source)
    contents = open_journal(source_path)
    replayed, problems = Session.replay(contents)
    last = 1 + len(contents.lines) + len(contents.problems)
    if not 1 <= line <= last:
        raise journal_error(source_path, 1, "fork-line", f"cannot fork from line {line}: the journal has lines 1 to {last}")
    if problems and problems[0].line <= line:
        first = problems[0]
        raise journal_error(
            source_path,
            first.line,
            "fork-past-problem",
            f"cannot fork from line {line}: the journal stops replaying at line {first.line} ({first.message})",
        )
    records = replayed.records[: line - 1]
    digest = records[-1].digest if records else str(contents.header["start"]["digest"])
    return continue_in_new_journal(
        replayed.scenario,
        replayed.seed,
        replayed.settings,
        [record.command for record in records],
        new_path,
        forked_from=Fork(source_path, line, digest),
        clock=clock,
    )


def fork_path(source: str | Path, line: int) -> Path:
    """A name for a fork of ``source`` at ``line``, next to it, that no file has yet (``NAME-fork-L12.jsonl``, then ``-2``...)."""
    origin = Path(source)
    stem = f"{origin.stem}-fork-L{line}"
    suffix = origin.suffix or ".jsonl"
    candidate = origin.with_name(stem + suffix)
    number = 2
    while candidate.exists():
        candidate = origin.with_name(f"{stem}-{number}{suffix}")
        number += 1
    return candidate
