"""The seat protocol's messages as typed values, one class per message kind.

Each class knows its kind (the JSON ``type``), turns itself into the JSON object the wire carries
(`to_json`) and is made back from one that its schema has accepted (`from_json`). Field names are
snake_case here and camelCase on the wire. Server messages carry ``seq``, the connection's message
number, stamped by the server as it sends them (0 until then). Framing, limits and validation are
`engine.seats.protocol`'s job.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar

import attrs

__all__ = [
    "CLIENT_MESSAGES",
    "SERVER_MESSAGES",
    "Bye",
    "ClientMessage",
    "Closing",
    "Draft",
    "Error",
    "ErrorCode",
    "Hello",
    "Ping",
    "Pong",
    "Proposal",
    "Propose",
    "RefusalReason",
    "Results",
    "Returned",
    "ServerMessage",
    "State",
    "Submit",
    "Submitted",
    "Timer",
    "TimerMessage",
    "Welcome",
    "wire_json",
]


class ErrorCode(enum.StrEnum):
    """Why the server did not accept a message; the values are stable names for programs."""

    BAD_JSON = "bad-json"
    TOO_LARGE = "too-large"
    UNKNOWN_TYPE = "unknown-type"
    BAD_MESSAGE = "bad-message"
    BAD_VERSION = "bad-version"
    NOT_JOINED = "not-joined"
    BAD_CODE = "bad-code"
    THROTTLED = "throttled"
    STALE_TURN = "stale-turn"
    ALREADY_SUBMITTED = "already-submitted"
    REFUSED = "refused"
    OTHER_TEAM = "other-team"
    UNAVAILABLE = "unavailable"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if attrs.has(type(value)):
        return {_camel(field.name): _plain(getattr(value, field.name)) for field in attrs.fields(type(value))}
    return value


def _ids(items: Any) -> tuple[str, ...]:
    return tuple(items)


class _Message:
    """What every message shares: its kind and its JSON form."""

    kind: ClassVar[str]

    def to_json(self) -> dict[str, Any]:
        """The message as the JSON object the wire carries (``type`` first)."""
        body = _plain(self)
        assert isinstance(body, dict)
        return {"type": self.kind, **body}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Any:
        """The message a schema-checked JSON object holds (unknown keys were refused by the schema)."""
        given = {field.name: data[_camel(field.name)] for field in attrs.fields(cls) if _camel(field.name) in data}  # type: ignore[arg-type]
        return cls(**given)


# -- client to server -------------------------------------------------------------------------------


@attrs.frozen
class Hello(_Message):
    """The first message: the protocol version, the team's join code and the client's name."""

    kind: ClassVar[str] = "hello"
    version: int
    code: str
    client: str


@attrs.frozen
class Draft(_Message):
    """The team's draft for a turn, kept by the server and shared with the team's other seats."""

    kind: ClassVar[str] = "draft"
    turn: int
    actions: tuple[str, ...] = attrs.field(converter=_ids)
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        body = super().to_json()
        if self.role is None:
            del body["role"]
        return body


@attrs.frozen
class Submit(_Message):
    """The team's orders for a turn."""

    kind: ClassVar[str] = "submit"
    turn: int
    actions: tuple[str, ...] = attrs.field(converter=_ids)
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        body = super().to_json()
        if self.role is None:
            del body["role"]
        return body


@attrs.frozen
class Propose(_Message):
    """Version 2: the team's free-form move for a turn, in its words with its reasons, for the white
    cell to argue in the room and roll for (an empty action withdraws it)."""

    kind: ClassVar[str] = "propose"
    turn: int
    action: str
    reasons: str
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        body = super().to_json()
        if self.role is None:
            del body["role"]
        return body


@attrs.frozen
class Proposal:
    """A team's free-form move waiting for the white cell: its words and reasons."""

    action: str
    reasons: str


@attrs.frozen
class Ping(_Message):
    """Is the server there?"""

    kind: ClassVar[str] = "ping"


@attrs.frozen
class Bye(_Message):
    """The client is leaving."""

    kind: ClassVar[str] = "bye"


ClientMessage = Hello | Draft | Submit | Propose | Ping | Bye
CLIENT_MESSAGES: dict[str, type[ClientMessage]] = {kind.kind: kind for kind in (Hello, Draft, Submit, Propose, Ping, Bye)}


# -- server to client -------------------------------------------------------------------------------


@attrs.frozen
class Timer:
    """The decision timer: seconds left when the message was sent, its length if declared, and whether
    the white cell has paused it (then the seconds stand still)."""

    seconds_left: float
    minutes: int | None
    paused: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Timer | None:
        return None if data is None else cls(data["secondsLeft"], data["minutes"], data.get("paused", False))


@attrs.frozen
class RefusalReason:
    """One of the engine's reasons for refusing orders: its RefusalCode value and its sentence."""

    code: str
    text: str


@attrs.frozen
class Welcome(_Message):
    """The code was accepted: the connection speaks for this team from now on."""

    kind: ClassVar[str] = "welcome"
    version: int
    role: str
    role_name: str
    scenario: str
    server: str
    seq: int = 0


@attrs.frozen
class State(_Message):
    """The team's picture (Observation.to_json()), its shared draft, whether its orders are in, the timer."""

    kind: ClassVar[str] = "state"
    observation: dict[str, Any]
    draft: tuple[str, ...] = attrs.field(converter=_ids)
    status: str
    timer: Timer | None
    seq: int = 0
    proposal: Proposal | None = None
    """Version 2: the team's free-form move waiting for the white cell."""

    @property
    def turn(self) -> int:
        turn: int = self.observation["turn"]
        return turn

    @property
    def ended(self) -> bool:
        return bool(self.observation["ended"])

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        proposal = data.get("proposal")
        waiting = None if proposal is None else Proposal(proposal["action"], proposal["reasons"])
        return cls(data["observation"], data["draft"], data["status"], Timer.from_json(data["timer"]), data["seq"], waiting)


@attrs.frozen
class Submitted(_Message):
    """The team's orders are in."""

    kind: ClassVar[str] = "submitted"
    turn: int
    actions: tuple[str, ...] = attrs.field(converter=_ids)
    seq: int = 0


@attrs.frozen
class Returned(_Message):
    """The facilitator sent the team's orders back with a note."""

    kind: ClassVar[str] = "returned"
    turn: int
    actions: tuple[str, ...] = attrs.field(converter=_ids)
    note: str
    seq: int = 0


@attrs.frozen
class Results(_Message):
    """A turn was resolved (or the game ended): the lines the team's log gained."""

    kind: ClassVar[str] = "results"
    turn: int
    log: tuple[str, ...] = attrs.field(converter=_ids)
    ended: bool
    outcome: str | None
    seq: int = 0


@attrs.frozen
class TimerMessage(_Message):
    """The decision timer started, stopped or changed."""

    kind: ClassVar[str] = "timer"
    timer: Timer | None
    seq: int = 0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TimerMessage:
        return cls(Timer.from_json(data["timer"]), data["seq"])


@attrs.frozen
class Error(_Message):
    """A message was not accepted and nothing changed: a stable code, words, and the engine's reasons."""

    kind: ClassVar[str] = "error"
    code: ErrorCode = attrs.field(converter=ErrorCode)
    message: str
    reasons: tuple[RefusalReason, ...] = ()
    retry_after: float | None = None
    seq: int = 0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Error:
        reasons = tuple(RefusalReason(item["code"], item["text"]) for item in data["reasons"])
        return cls(data["code"], data["message"], reasons, data["retryAfter"], data["seq"])


@attrs.frozen
class Closing(_Message):
    """The server is closing the connection."""

    kind: ClassVar[str] = "closing"
    reason: str
    seq: int = 0


@attrs.frozen
class Pong(_Message):
    """The answer to ping."""

    kind: ClassVar[str] = "pong"
    seq: int = 0


def wire_json(message: ServerMessage, version: int) -> dict[str, Any]:
    """A server message as a connection speaking ``version`` of the protocol is sent it. Version 1
    knows no paused timer: it was sent none while the timer stood still, and still is, so a version 1
    client never meets a property its schema refuses, nor a team's waiting free-form move (it cannot propose one)."""
    body = message.to_json()
    if version >= 2:
        return body
    if isinstance(message, State):
        del body["proposal"]
    timer = body.get("timer")
    if isinstance(timer, dict):
        body["timer"] = None if timer.pop("paused") else timer
    return body


ServerMessage = Welcome | State | Submitted | Returned | Results | TimerMessage | Error | Closing | Pong
SERVER_MESSAGES: dict[str, type[ServerMessage]] = {
    kind.kind: kind for kind in (Welcome, State, Submitted, Returned, Results, TimerMessage, Error, Closing, Pong)
}
