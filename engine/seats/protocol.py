"""The seat protocol on the wire: newline-delimited JSON, one object per line, each checked by its schema.

Lines are UTF-8 JSON objects ending in ``\\n`` (a ``\\r`` before it is allowed, blank lines are
skipped). A client's line may be at most `CLIENT_LINE_LIMIT` bytes, a server's `SERVER_LINE_LIMIT`
(an observation with a long log is larger than anything a client needs to say). Every incoming
message is parsed strictly (no NaN, no unpaired surrogates) and validated against the JSON Schema
of its kind, shipped in ``engine/seats/schema/`` and published in docs/seat-protocol.md; what fails
becomes a `ProtocolError` with the `ErrorCode` the server answers with, so nothing malformed ever
reaches the session.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from engine.seats.address import DEFAULT_PORT
from engine.seats.messages import CLIENT_MESSAGES, SERVER_MESSAGES, ClientMessage, ErrorCode, ServerMessage, wire_json

__all__ = [
    "CLIENT_LINE_LIMIT",
    "DEFAULT_PORT",
    "KINDS",
    "PROTOCOL_VERSION",
    "SERVER_LINE_LIMIT",
    "VERSIONS",
    "LineSplitter",
    "ProtocolError",
    "decode_client",
    "decode_server",
    "encode",
    "schema",
    "schema_text",
]

PROTOCOL_VERSION = 2
"""The version of the protocol this whitecell's client speaks first (it falls back to 1 when a server refuses 2)."""

VERSIONS = (1, 2)
"""The versions the server speaks, each connection the one its hello names; a hello with another is refused
(bad-version). Version 2 adds to 1 what a version 1 client is never sent (a paused timer, a team's waiting
free-form move) and a message it never sends (propose)."""


CLIENT_LINE_LIMIT = 64 * 1024
"""The longest line a client may send, in bytes, newline not counted."""

SERVER_LINE_LIMIT = 4 * 1024 * 1024
"""The longest line a server sends, in bytes (a state with a whole game's log fits many times over)."""

KINDS: tuple[str, ...] = (*CLIENT_MESSAGES, *SERVER_MESSAGES)
"""Every message kind, clients' first; each has a schema file ``<kind>.schema.json``."""

SERVER_MESSAGE_TYPES = tuple(SERVER_MESSAGES.values())

_MESSAGE_LIMIT = 300  # the longest validation detail echoed back in an error


class ProtocolError(ValueError):
    """A line that is not an acceptable message: the error code to answer with, and why in words."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def schema_text(kind: str) -> str:
    """The text of a message kind's schema file, exactly as shipped."""
    return resources.files(__package__).joinpath("schema", f"{kind}.schema.json").read_text(encoding="utf-8")


@functools.cache
def schema(kind: str) -> dict[str, Any]:
    """A message kind's JSON Schema (parsed once)."""
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


@functools.cache
def _validator(kind: str, deep: bool = True) -> Any:
    from jsonschema import Draft202012Validator

    checked = schema(kind)
    if not deep and "observation" in checked.get("$defs", {}):
        observation = checked["$defs"]["observation"]
        shallow = {"type": "object", "required": observation["required"]}
        checked = {**checked, "$defs": {**checked["$defs"], "observation": shallow}}
    return Draft202012Validator(checked)


def encode(message: ClientMessage | ServerMessage, version: int = PROTOCOL_VERSION) -> bytes:
    """One message as its line (compact UTF-8 JSON and a newline), a server's in the form ``version`` reads."""
    body = wire_json(message, version) if isinstance(message, SERVER_MESSAGE_TYPES) else message.to_json()
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _parse(line: bytes, limit: int) -> dict[str, Any]:
    if len(line) > limit:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"a line may be at most {limit:,} bytes")
    try:
        data = json.loads(line.decode("utf-8"), parse_constant=_refuse_constant)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # refuses unpaired surrogates
    except UnicodeError:
        raise ProtocolError(ErrorCode.BAD_JSON, "the line is not UTF-8 text (or holds an unpaired surrogate)") from None
    except RecursionError:
        raise ProtocolError(ErrorCode.BAD_JSON, "the JSON is nested too deeply") from None
    except ValueError as error:
        raise ProtocolError(ErrorCode.BAD_JSON, f"not JSON: {str(error)[:_MESSAGE_LIMIT]}") from None
    if not isinstance(data, dict):
        raise ProtocolError(ErrorCode.BAD_JSON, "a message is a JSON object, one per line")
    return data


def _check(data: dict[str, Any], known: dict[str, Any], *, deep: bool = True) -> Any:
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in known:
        shown = json.dumps(kind)[:60] if kind is not None else "none"
        raise ProtocolError(ErrorCode.UNKNOWN_TYPE, f"unknown message type {shown}; the types are {', '.join(known)}")
    error = next(iter(_validator(kind, deep).iter_errors(data)), None)
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the message"
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"{kind}: {where}: {error.message[:_MESSAGE_LIMIT]}")
    return known[kind].from_json(data)


def decode_client(line: bytes) -> ClientMessage:
    """The client message a line holds; ProtocolError (with the code to answer) when it holds none."""
    message: ClientMessage = _check(_parse(line, CLIENT_LINE_LIMIT), CLIENT_MESSAGES)
    return message


def decode_server(line: bytes, *, deep: bool = True) -> ServerMessage:
    """The server message a line holds; ProtocolError when it holds none.

    ``deep=False`` checks a state's observation for its properties only, not each of their
    items: a whole game's log makes the full check cost milliseconds per state, and a client
    reads what it uses defensively anyway (the seat client does this).
    """
    message: ServerMessage = _check(_parse(line, SERVER_LINE_LIMIT), SERVER_MESSAGES, deep=deep)
    return message


class LineSplitter:
    """Cuts a byte stream into lines, never holding more than one line's limit of an unfinished one.

    `feed` returns the complete lines (without ``\\r\\n``), blank lines left out, and None in place
    of each line over the limit: its bytes are dropped as they come, up to its newline.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._pending = b""
        self._skipping = False

    def feed(self, data: bytes) -> list[bytes | None]:
        pieces = (self._pending + data).split(b"\n")
        self._pending = pieces.pop()
        lines: list[bytes | None] = []
        for piece in pieces:
            if self._skipping:
                self._skipping = False
                continue
            line = piece.removesuffix(b"\r")
            if len(line) > self._limit:
                lines.append(None)
            elif line.strip():
                lines.append(line)
        if len(self._pending) > self._limit:
            if not self._skipping:
                lines.append(None)
            self._skipping = True
            self._pending = b""
        return lines
