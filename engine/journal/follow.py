"""Following a journal that another process is writing: read only what is new, and only whole lines.

A facilitator's `whitecell play` appends one line per command (and holds a lock, which a reader
does not need). `JournalFollower.poll` checks the file's size, modification time and identity;
when they change it reads the bytes after the last complete line, keeps the complete lines and
leaves a line still being written (no newline yet) for the next poll. Each line is parsed once,
by the journal's own parser, and replayed once, by `Session.replay` and then `replay_lines` for
the lines that follow (the same replay that `whitecell replay --verify` and `play --resume`
use), so the follower never judges a line differently from them and a long session costs no
more per poll than a short one. A follower keeps the last good session when the file goes bad.
"""

from __future__ import annotations

import stat
from pathlib import Path

import attrs

from engine.journal.format import HEADER_START
from engine.journal.reader import (
    NOT_A_JOURNAL,
    JournalContents,
    JournalLine,
    JournalProblem,
    JournalUnreadable,
    command_line,
    header_line,
)
from engine.journal.session import Session
from engine.load.diagnostics import InputError


@attrs.frozen
class FollowStatus:
    """What the follower knows after a poll.

    ``session`` is the last good game (None until one is read); ``problem`` says what is wrong
    now (a missing file, a damaged line, a file that is not a journal), ``waiting`` that a line
    is still being written; ``changed`` whether the session differs from the previous poll's.
    """

    session: Session | None
    problem: str | None
    waiting: str | None
    changed: bool
    lines: int
    """The complete lines read so far (the header included)."""


class JournalFollower:
    """Reads a growing journal incrementally; see the module docstring."""

    def __init__(self, path: str | Path, *, max_read: int = 64 * 1024 * 1024) -> None:
        self.path = Path(path)
        self._max_read = max_read
        self._reset()

    def _reset(self) -> None:
        self._offset = 0
        self._signature: tuple[int, int, int, int] | None = None
        self._header: dict[str, object] | None = None
        self._lines: list[JournalLine] = []
        self._problems: list[JournalProblem] = []
        self._fatal: str | None = None
        self._session: Session | None = None
        """The last good game, shown; it may come from before the file was replaced."""
        self._built: Session | None = None
        """The game replayed from the lines read since the last reset, which new lines extend."""
        self._session_lines = -1
        self._waiting: str | None = None

    def poll(self) -> FollowStatus:
        """Read what is new; cheap when nothing changed (one stat)."""
        previous = self._session
        previous_records = len(previous.records) if previous is not None else -1
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return self._status(
                previous, previous_records, f"{self.path.name} does not exist yet; waiting for the session to start it"
            )
        except OSError as error:
            return self._status(previous, previous_records, f"{self.path.name} cannot be read ({error.strerror or error})")
        if not stat.S_ISREG(info.st_mode):
            return self._status(previous, previous_records, f"{self.path.name} is not a file")
        signature = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        if signature != self._signature:
            if self._signature is not None and (signature[:2] != self._signature[:2] or info.st_size < self._offset):
                kept = self._session
                self._reset()  # replaced or cut short: read it again from the start
                self._session = kept
            self._signature = signature
            self._read_new(info.st_size)
        return self._status(previous, previous_records, self._problem())

    def _status(self, previous: Session | None, previous_records: int, problem: str | None) -> FollowStatus:
        session = self._session
        changed = session is not previous or (session is not None and len(session.records) != previous_records)
        return FollowStatus(session, problem, self._waiting, changed, len(self._lines) + 1)

    def _read_new(self, size: int) -> None:
        try:
            with self.path.open("rb") as handle:
                handle.seek(self._offset)
                data = handle.read(min(size - self._offset, self._max_read))
        except OSError as error:
            self._fatal = f"{self.path.name} cannot be read ({error.strerror or error})"
            return
        end = data.rfind(b"\n")
        complete, tail = (data[: end + 1], data[end + 1 :]) if end >= 0 else (b"", data)
        self._offset += len(complete)
        if self._offset + len(tail) < size:
            self._signature = None  # read in pieces: the next poll reads on
        self._take(complete.split(b"\n")[:-1])
        self._waiting = None
        if tail:
            number = len(self._lines) + len(self._problems) + (2 if self._header is not None else 1)
            self._waiting = f"line {number} is being written; waiting for the rest"
            if self._header is None and not HEADER_START.startswith(tail[: len(HEADER_START)]):
                self._fatal = NOT_A_JOURNAL
        self._replay()

    def _take(self, raws: list[bytes]) -> None:
        """Parse complete lines (the header first) and keep them in order."""
        for raw in raws:
            if self._header is None and self._fatal is None:
                self._header_from(raw)
                continue
            number = len(self._lines) + len(self._problems) + 2
            if not raw.strip():
                continue  # a blank line (an editor's final newline) is not a command
            read = command_line(number, raw)
            if isinstance(read, JournalLine):
                self._lines.append(read)
            else:
                self._problems.append(read)

    def _header_from(self, raw: bytes) -> None:
        try:
            self._header = header_line(raw)
        except JournalUnreadable as error:
            self._fatal = str(error)

    def _replay(self) -> None:
        """Replay the new complete lines (the whole journal after a reset); keep the last good game on failure."""
        if self._header is None or self._fatal is not None:
            return
        count = len(self._lines) + len(self._problems)
        if count == self._session_lines:
            return
        self._session_lines = count
        try:
            if self._built is None:
                contents = JournalContents(
                    str(self.path), self._header, tuple(self._lines), tuple(self._problems), b"", self._offset
                )
                self._built, problems = Session.replay(contents)
            else:
                problems = self._built.replay_lines(self._lines, self._problems)
        except InputError as error:
            self._fatal = "; ".join(f"line {d.line}: {d.message}" for d in error.diagnostics[:3])
            return
        session = self._built
        if problems:
            first = problems[0]
            damaged = first.code == "damaged-line"
            self._fatal = (
                f"line {first.line} is damaged: {first.message}"
                if damaged
                else f"line {first.line} does not replay: {first.message}"
            )
        if self._session is None or problems == [] or len(session.records) > len(self._session.records):
            self._session = session

    def _problem(self) -> str | None:
        if self._fatal is not None:
            return f"{self.path.name}: {self._fatal}"
        if self._header is None and not self._waiting:
            return f"{self.path.name} is empty; waiting for the session to write its header"
        return None
