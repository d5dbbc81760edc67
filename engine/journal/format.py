"""The journal: an append-only JSON Lines record of a session, safe against crashes.

Line 1 is the header: format version, engine version, the whole scenario and its digest, the
seed, the session's settings and when it was created. Every later line is one command with
the events it produced and the digest of the state it led to. Each line is flushed and
fsynced before the command counts as done, so a crash loses at most the line being written.
Wall-clock times are metadata: no digest covers them.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from engine.load.build import document_digest
from engine.version import __version__

JOURNAL_FORMAT = 1
MAX_LINE_BYTES = 32 * 1024 * 1024
Clock = Callable[[], str]


def utc_now() -> str:
    """The current time in UTC, to the second, as ISO 8601 (journals' metadata only)."""
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@attrs.frozen
class Settings:
    """How a session is played: which roles bots play, and the decision timer."""

    bots: tuple[tuple[str, str], ...] = ()
    """(role, policy) for each role a bot plays."""
    timer_minutes: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"bots": dict(self.bots), "timerMinutes": self.timer_minutes}

    def problem(self, role_ids: Collection[str], *, to_play: bool = True) -> str | None:
        """What is wrong with these settings for a scenario's roles, or None.

        ``to_play``: the bots will play on, so each must be known here (a recorded game replays
        without its bots, which may come from a package this machine lacks).
        """
        from engine.bots.registry import bot_names

        for role, bot in self.bots:
            if role not in role_ids:
                return f"the settings name a bot for {role!r}, which is not a role of this scenario"
            if to_play and bot not in bot_names():
                return f"the settings name an unknown bot {bot!r} for {role!r} (known: {', '.join(bot_names())})"
        return None

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        if not isinstance(data, dict):
            raise ValueError("settings must be an object")
        bots = data.get("bots", {})
        timer = data.get("timerMinutes")
        if not isinstance(bots, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in bots.items()):
            raise ValueError("settings.bots must map role ids to bot names")
        if timer is not None and (isinstance(timer, bool) or not isinstance(timer, int) or not 0 < timer <= 24 * 60):
            raise ValueError("settings.timerMinutes must be a number of minutes")
        return cls(tuple(sorted(bots.items())), timer)


@attrs.frozen
class Fork:
    """Where a forked journal's history came from."""

    journal: str
    line: int
    digest: str

    def to_json(self) -> dict[str, Any]:
        return {"journal": self.journal, "line": self.line, "digest": self.digest}


def header_json(
    scenario_document: Mapping[str, Any],
    *,
    seed: int,
    settings: Settings,
    start_events: list[dict[str, Any]],
    start_digest: str,
    created: str,
    forked_from: Fork | None = None,
) -> dict[str, Any]:
    """The header line of a new journal."""
    header: dict[str, Any] = {
        "journal": "whitecell",
        "format": JOURNAL_FORMAT,
        "engine": __version__,
        "created": created,
        "scenarioDigest": document_digest(scenario_document),
        "seed": seed,
        "settings": settings.to_json(),
        "start": {"events": start_events, "digest": start_digest},
        "scenario": scenario_document,
    }
    if forked_from is not None:
        header["forkedFrom"] = forked_from.to_json()
    return header


def entry_json(
    number: int, *, command: dict[str, Any], events: list[dict[str, Any]], digest: str, turn: int, at: str
) -> dict[str, Any]:
    """A command line of the journal. ``number`` counts commands from 1 (the journal's line - 1)."""
    return {"n": number, "at": at, "turn": turn, "command": command, "events": events, "digest": digest}


def _line_bytes(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode("utf-8")


class JournalExists(Exception):
    """A new journal would overwrite an existing file."""


class JournalInUse(Exception):
    """Another session is writing this journal right now."""


def _lock(handle: BinaryIO, path: Path) -> None:
    """Hold an exclusive lock on the journal while it is open, so two sessions cannot interleave lines."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no advisory locks to take
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise JournalInUse(f"{path} is open in another whitecell session; close that one first") from None


class JournalWriter:
    """Appends lines to a journal, each flushed and fsynced before `write` returns.

    ``durable=False`` skips the per-line fsync (bot batches, where speed matters and nothing is
    lost by redoing a game); the file is still fsynced when closed.
    """

    def __init__(self, handle: BinaryIO, path: Path, *, durable: bool = True) -> None:
        self._handle = handle
        self.path = path
        self.durable = durable

    @classmethod
    def create(cls, path: str | Path, header: Mapping[str, Any], *, durable: bool = True) -> JournalWriter:
        """Start a new journal; refuse to touch a file that exists."""
        target = Path(path)
        try:
            handle = target.open("xb")
        except FileExistsError:
            raise JournalExists(
                f"{target} already exists; a journal is never overwritten (resume it, or choose another name)"
            ) from None
        _lock(handle, target)
        writer = cls(handle, target, durable=durable)
        writer.write(header)
        _fsync_directory(target)
        return writer

    @classmethod
    def append_to(cls, path: str | Path, keep_bytes: int) -> JournalWriter:
        """Continue an existing journal after its first ``keep_bytes`` bytes (dropping a cut-off tail)."""
        target = Path(path)
        handle = target.open("r+b")
        _lock(handle, target)
        handle.truncate(keep_bytes)
        handle.seek(keep_bytes)
        if keep_bytes:
            handle.seek(keep_bytes - 1)
            if handle.read(1) != b"\n":
                handle.write(b"\n")
        os.fsync(handle.fileno())
        return cls(handle, target)

    def write(self, data: Mapping[str, Any]) -> None:
        """Write one line (durably, unless the writer was made for speed)."""
        self._handle.write(_line_bytes(data))
        self._handle.flush()
        if self.durable:
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()


def _fsync_directory(path: Path) -> None:
    """Make the new file's name durable too (a crash right after creation keeps the file)."""
    try:
        descriptor = os.open(path.parent if str(path.parent) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@attrs.frozen
class JournalLine:
    """One command line as read from a journal, with its 1-based line number in the file."""

    line: int
    data: dict[str, Any]


@attrs.frozen
class JournalProblem:
    """A line that could not be read, and why."""

    line: int
    message: str


@attrs.frozen
class JournalContents:
    """What a journal file holds, read without trusting it."""

    path: str
    header: dict[str, Any]
    lines: tuple[JournalLine, ...]
    problems: tuple[JournalProblem, ...]
    """Damaged lines before the end: the journal cannot be replayed past the first."""
    dropped_tail: bytes
    """A last line cut off by a crash (no newline and not complete JSON), dropped on resume."""
    intact_bytes: int
    """How many bytes of the file are complete lines."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_line(raw: bytes) -> Any:
    """One line's JSON, refusing NaN and Infinity; raises ValueError, UnicodeDecodeError or RecursionError."""
    text = raw.decode("utf-8")
    return json.loads(text, parse_constant=_reject_constant)


def describe_line_error(error: Exception) -> str:
    """What `parse_line`'s error means, in words for the facilitator."""
    if isinstance(error, UnicodeDecodeError):
        return "the line is not UTF-8 text"
    if isinstance(error, RecursionError):
        return "the line is nested too deeply"
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON ({error.msg} at character {error.pos + 1})"
    return f"not valid JSON ({error})"


HEADER_START = b'{"journal":'
"""How every header line this engine writes starts ("journal" comes first), damaged or not."""

NOT_A_JOURNAL = "not a whitecell journal (its first line is not a journal header)"


class JournalUnreadable(Exception):
    """The file is not a whitecell journal at all (or cannot be read); the message says why.

    The message does not repeat the file's name: it is reported as a diagnostic at the file.
    """


def header_line(raw: bytes) -> dict[str, Any]:
    """The header from a journal's first complete line; `JournalUnreadable` says why it is not one.

    A line that is not JSON and does not even begin like a header (e.g. a scenario file's "{")
    is not a journal at all; one that begins like a header is a damaged header.
    """
    try:
        header = parse_line(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        if not raw.startswith(HEADER_START):
            raise JournalUnreadable(NOT_A_JOURNAL) from None
        raise JournalUnreadable(f"the header line is damaged: {describe_line_error(error)}") from None
    if not isinstance(header, dict) or header.get("journal") != "whitecell":
        raise JournalUnreadable(NOT_A_JOURNAL)
    return header


def command_line(number: int, raw: bytes) -> JournalLine | JournalProblem:
    """A complete command line (line ``number`` of the file), or what is wrong with it."""
    if len(raw) > MAX_LINE_BYTES:
        return JournalProblem(number, f"the line is {len(raw):,} bytes long; no journal line is that long")
    try:
        parsed = parse_line(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        return JournalProblem(number, describe_line_error(error))
    if not isinstance(parsed, dict):
        return JournalProblem(number, "the line is not a JSON object")
    return JournalLine(number, parsed)


def read_journal(path: str | Path) -> JournalContents:
    """Read a journal: its header, its command lines, damaged lines, and a cut-off tail."""
    target = Path(path)
    if target.is_dir():
        raise JournalUnreadable("this is a directory, not a journal")
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        raise JournalUnreadable("no such file; check the path") from None
    except OSError as error:
        raise JournalUnreadable(f"cannot be read ({error.strerror or error})") from None
    if not data:
        raise JournalUnreadable("the file is empty: a journal starts with its header line")
    pieces = data.split(b"\n")
    tail = pieces.pop()  # after the last newline: empty unless the last line was cut off
    dropped = b""
    if tail.strip():
        try:
            parsed = parse_line(tail)
            if not isinstance(parsed, dict):
                raise ValueError("not an object")
            pieces.append(tail)  # complete JSON that only lost its newline: keep it
        except (ValueError, UnicodeDecodeError, RecursionError):
            dropped = tail
    while pieces and not pieces[-1].strip():
        pieces.pop()  # blank lines at the end (an editor's final newline) are not damage
    intact = sum(len(piece) + 1 for piece in pieces)
    if pieces and pieces[-1] is tail:
        intact -= 1  # the kept last line has no newline yet; the writer adds it
    if not pieces:
        if not HEADER_START.startswith(dropped[: len(HEADER_START)]):
            raise JournalUnreadable(NOT_A_JOURNAL)
        raise JournalUnreadable("the header line is cut off; the journal holds nothing to recover")
    header = header_line(pieces[0])
    read = [command_line(index, raw) for index, raw in enumerate(pieces[1:], start=2)]
    lines = [item for item in read if isinstance(item, JournalLine)]
    problems = [item for item in read if isinstance(item, JournalProblem)]
    return JournalContents(str(target), header, tuple(lines), tuple(problems), dropped, intact)
