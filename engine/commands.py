"""Commands: everything a facilitator or a bot can ask of a game, as small values.

The engine's `step` takes a command and either applies it or refuses it with a reason; the
session journals commands, so a game is exactly its scenario, its seed and its commands.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Literal

import attrs

NoteTag = Literal["observation", "strength", "improvement", "lesson"]
NOTE_TAGS: tuple[NoteTag, ...] = ("observation", "strength", "improvement", "lesson")


class CommandRefused(Exception):
    """A command does not apply to the current state; the message says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _to_json(self: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"command": self.kind}
    for field in attrs.fields(type(self)):
        value = getattr(self, field.name)
        result[field.name] = list(value) if isinstance(value, tuple) else value
    return result


def _as_tuple(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class SubmitOrders:
    """A role's orders for the current turn (replacing any it submitted before)."""

    kind: ClassVar[str] = "orders"
    role: str
    actions: tuple[str, ...] = attrs.field(converter=_as_tuple)
    to_json = _to_json


@attrs.frozen
class Resolve:
    """Resolve the current turn with the orders submitted (a role without orders does nothing)."""

    kind: ClassVar[str] = "resolve"
    to_json = _to_json


@attrs.frozen
class InjectShock:
    """The facilitator fires a scenario shock now, outside its trigger."""

    kind: ClassVar[str] = "inject"
    shock: str
    reason: str = ""
    to_json = _to_json


@attrs.frozen
class AdjustVariable:
    """The facilitator overrides adjudication: set a variable to a value, with a reason."""

    kind: ClassVar[str] = "adjust"
    var: str
    value: int
    reason: str
    to_json = _to_json


@attrs.frozen
class AddNote:
    """A facilitator's tagged note for the after-action report; changes nothing in the game."""

    kind: ClassVar[str] = "note"
    tag: NoteTag
    text: str
    to_json = _to_json


@attrs.frozen
class EndExercise:
    """The facilitator ends the exercise now; the outcome tiers decide the outcome."""

    kind: ClassVar[str] = "end"
    reason: str
    to_json = _to_json


Command = SubmitOrders | Resolve | InjectShock | AdjustVariable | AddNote | EndExercise
