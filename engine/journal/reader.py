"""Reading a journal without trusting it: its header, its command lines, damage, and a cut-off tail.

A journal may be damaged by hand, by another tool or by a crash in the middle of a line. The
reader never raises for a damaged command line: it reports each one (`JournalProblem`) with its
line number, and tells a last line cut off by a crash (`JournalContents.dropped_tail`) from
damage, so that replay (`engine.journal.verify`) can say exactly where a journal stops being
good and resuming can drop the cut-off line. Only a file that is not a journal at all, or whose
header is unusable, is refused outright (`JournalUnreadable`, or `JournalError` from `open_journal`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs

from engine.journal.codes import journal_error
from engine.journal.format import HEADER_START, MAX_LINE_BYTES

MAX_JOURNAL_BYTES = 512 * 1024 * 1024
"""No journal is larger (a session of 10,000 commands takes about 20 MB): a larger file is refused
before it is read, so a wrong file cannot exhaust memory."""


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


def _finite(token: str) -> float:
    number = float(token)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"the number {token[:40]} is too large to represent")
    return number


class LoneSurrogate(ValueError):
    """A string holds half a character: valid JSON, but not text."""


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def parse_line(raw: bytes) -> Any:
    """One line's JSON, refusing NaN, Infinity and lone surrogates; raises ValueError, UnicodeDecodeError or RecursionError.

    A lone surrogate (``"\\ud800"``) is valid JSON but not text: no journal whitecell writes holds
    one, and it would make every later step that encodes the text fail.
    """
    text = raw.decode("utf-8")
    value = json.loads(text, parse_constant=_reject_constant, parse_float=_finite)
    if _SURROGATE_ESCAPE.search(text) and _holds_lone_surrogate(value):
        raise LoneSurrogate("a \\u escape stands for half a character (a lone surrogate), which is not text")
    return value


def _holds_lone_surrogate(value: Any) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if any("\ud800" <= char <= "\udfff" for char in item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def describe_line_error(error: Exception) -> str:
    """What `parse_line`'s error means, in words for the facilitator."""
    if isinstance(error, UnicodeDecodeError):
        return "the line is not UTF-8 text"
    if isinstance(error, RecursionError):
        return "the line is nested too deeply"
    if isinstance(error, LoneSurrogate):
        return f"the line is not text: {error}"
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON ({error.msg} at character {error.pos + 1})"
    return f"not valid JSON ({error})"


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
    if len(raw) > MAX_LINE_BYTES:
        raise JournalUnreadable(f"the header line is {len(raw):,} bytes long; no journal line is longer than {MAX_LINE_BYTES:,}")
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
        size = target.stat().st_size
        if size > MAX_JOURNAL_BYTES:
            raise JournalUnreadable(f"the file is {size:,} bytes; a journal is at most {MAX_JOURNAL_BYTES:,}")
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


def open_journal(path: str | Path) -> JournalContents:
    """Read a journal, turning an unreadable one into a JournalError (code journal-unreadable, line 1)."""
    target = Path(path)
    try:
        return read_journal(target)
    except JournalUnreadable as error:
        raise journal_error(str(target), 1, "journal-unreadable", str(error)) from None
