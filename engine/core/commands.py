"""Commands: everything a facilitator or a bot can ask of a game, as small values.

The engine's `step` takes a command and either applies it or refuses it with a reason; the
session journals commands, so a game is exactly its scenario, its seed and its commands.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Literal

import attrs

from engine.core.adjustments import MAX_POINTS as MAX_POINTS  # noqa: PLC0414 (re-exported: every command is found here)
from engine.core.adjustments import AdjustPoints as AdjustPoints  # noqa: PLC0414 (re-exported: every command is found here)
from engine.core.adjustments import AdjustResource as AdjustResource  # noqa: PLC0414 (re-exported: every command is found here)
from engine.core.adjustments import AdjustVariable as AdjustVariable  # noqa: PLC0414 (re-exported: every command is found here)
from engine.core.command_form import OMIT_DEFAULT as OMIT_DEFAULT  # noqa: PLC0414 (re-exported: every command is found here)
from engine.core.command_form import command_json as _to_json

NoteTag = Literal["observation", "strength", "improvement", "lesson"]
NOTE_TAGS: tuple[NoteTag, ...] = ("observation", "strength", "improvement", "lesson")

Rating = Literal["P", "S", "M", "U"]
"""HSEEP's ratings of an exercise objective: performed without challenges (P), with some challenges (S),
with major challenges (M), unable to be performed (U)."""
RATINGS: tuple[Rating, ...] = ("P", "S", "M", "U")

EnteredBy = Literal["facilitator", "seat"]
"""Who entered a team's orders: the facilitator at the console, or the team from its own seat."""
ENTERED_BY: tuple[EnteredBy, ...] = ("facilitator", "seat")

MAX_TURN = 100_000
"""The largest turn number a command may name (a scenario's turns are far fewer)."""


def _as_tuple(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _as_pairs(items: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple((var, amount) for var, amount in items)


@attrs.frozen
class SubmitOrders:
    """A role's orders for the current turn (replacing any it submitted before), and who entered them."""

    kind: ClassVar[str] = "orders"
    role: str
    actions: tuple[str, ...] = attrs.field(converter=_as_tuple)
    by: EnteredBy = attrs.field(default="facilitator", metadata=OMIT_DEFAULT)
    to_json = _to_json


@attrs.frozen
class ReturnOrders:
    """The facilitator sends a team's submitted orders back with a note, to be entered again."""

    kind: ClassVar[str] = "return"
    role: str
    note: str
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
class HoldShock:
    """The facilitator holds a shock: nothing in the scenario fires it (its trigger, a follow-up, a
    schedule) until it is released; a firing that falls due meanwhile waits for the release."""

    kind: ClassVar[str] = "hold"
    shock: str
    reason: str
    to_json = _to_json


@attrs.frozen
class ReleaseShock:
    """The facilitator releases a held shock: its trigger counts again from the next turn's opening,
    and a firing that waited fires as that turn opens."""

    kind: ClassVar[str] = "release"
    shock: str
    reason: str
    to_json = _to_json


@attrs.frozen
class BringForward:
    """The facilitator brings a shock forward: it fires as the next turn opens (its scheduled firing
    moved there, or a new one when none is scheduled), not at its later turn."""

    kind: ClassVar[str] = "bring-forward"
    shock: str
    reason: str
    to_json = _to_json


def _note_turn(turn: int | None) -> int | None:
    if turn is not None and (isinstance(turn, bool) or not isinstance(turn, int) or not 1 <= turn <= MAX_TURN):
        raise ValueError("a note's turn is a turn number from 1")
    return turn


@attrs.frozen
class AddNote:
    """A facilitator's tagged note for the after-action report; changes nothing in the game.

    ``turn`` is the turn it is about when that is an earlier one than the turn it is written in
    (a thought on month 2 during month 5); None, the default, is the turn it is written in. The
    report places the note there. A turn not yet reached is refused (NOTE_TURN_NOT_REACHED); a
    journal written before it was holds such notes, and replay reads them as the turn written in.

    ``objective`` ties the note to one of the scenario's exercise objectives (training objectives),
    for that objective's evaluation in the report; with it, ``rating`` is the facilitator's rating of
    the objective (HSEEP's P, S, M or U) and the text its reason. Both are left out when None."""

    kind: ClassVar[str] = "note"
    tag: NoteTag
    text: str
    turn: int | None = attrs.field(default=None, converter=_note_turn, metadata=OMIT_DEFAULT)
    objective: str | None = attrs.field(default=None, metadata=OMIT_DEFAULT)
    rating: Rating | None = attrs.field(default=None, metadata=OMIT_DEFAULT)
    to_json = _to_json


@attrs.frozen
class EndExercise:
    """The facilitator ends the exercise now; the outcome tiers decide the outcome."""

    kind: ClassVar[str] = "end"
    reason: str
    to_json = _to_json


def _as_effects(items: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple((var, amount) for var, amount in items)


@attrs.frozen
class ProposeFreeMove:
    """A team's free-form move (a matrix-game argument): an action not on its list, in words, with
    its reasons and the other teams' counter-arguments; the facilitator's ``chance`` (a percentage)
    and, when the room rated it, the ``rating`` it came from. The dice decide at once; on success
    the facilitator chooses the effects with `SettleFreeMove`."""

    kind: ClassVar[str] = "free-move"
    role: str
    action: str
    reasons: str
    chance: int
    counter: str = attrs.field(default="", metadata=OMIT_DEFAULT)
    rating: str = attrs.field(default="", metadata=OMIT_DEFAULT)
    by: EnteredBy = attrs.field(default="facilitator", metadata=OMIT_DEFAULT)
    """Who proposed the move: the facilitator at the console, or the team from its seat."""
    to_json = _to_json


@attrs.frozen
class PutForwardFreeMove:
    """A team puts forward a free-form move from its seat, in its words with its reasons, for the
    white cell to argue in the room and roll for (`ProposeFreeMove` with ``by="seat"`` takes it up).
    It replaces the team's proposal still waiting; an empty ``action`` withdraws it. Journaled, so a
    proposal outlives a crash and goes with an undo like any command."""

    kind: ClassVar[str] = "free-move-proposal"
    role: str
    action: str
    reasons: str = ""
    to_json = _to_json


@attrs.frozen
class SettleFreeMove:
    """The effects of a team's free-form move that succeeded this turn: relative amounts on the
    scenario's variables (none is allowed: the move succeeded and moved no number), and the
    facilitator's reason, which stays the white cell's."""

    kind: ClassVar[str] = "free-move-effects"
    role: str
    effects: tuple[tuple[str, int], ...] = attrs.field(converter=_as_effects)
    reason: str = attrs.field(default="", metadata=OMIT_DEFAULT)

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"command": self.kind, "role": self.role, "effects": dict(self.effects)}
        if self.reason:
            result["reason"] = self.reason
        return result


@attrs.frozen
class Undo:
    """Take back the last command still in effect (a session command: `step` never sees it)."""

    kind: ClassVar[str] = "undo"
    to_json = _to_json


@attrs.frozen
class Redo:
    """Apply again the command most recently undone (a session command)."""

    kind: ClassVar[str] = "redo"
    to_json = _to_json


@attrs.frozen
class WriteInject:
    """The facilitator writes an inject at the table: a title, a narrative, who is told (empty: everyone),
    a shock category, effects on the scenario's variables (each a relative amount, applied in order)
    and the reason, for the record. The engine checks the bounds (engine.core.adhoc)."""

    kind: ClassVar[str] = "write-inject"
    title: str
    narrative: str
    category: str
    audience: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple)
    effects: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_as_pairs)
    """(variable id, relative amount) pairs."""
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "command": self.kind,
            "title": self.title,
            "narrative": self.narrative,
            "category": self.category,
            "audience": list(self.audience),
            "effects": [{"var": var, "amount": amount} for var, amount in self.effects],
            "reason": self.reason,
        }


Command = (
    SubmitOrders
    | ReturnOrders
    | Resolve
    | InjectShock
    | HoldShock
    | ReleaseShock
    | BringForward
    | AdjustVariable
    | AdjustResource
    | AdjustPoints
    | AddNote
    | EndExercise
    | ProposeFreeMove
    | PutForwardFreeMove
    | SettleFreeMove
    | WriteInject
)
"""What `step` applies to a game."""

SessionCommand = Command | Undo | Redo
"""What a session accepts and journals: game commands, and undo and redo."""

_LIMIT = 10_000  # longest text accepted in a command read from a journal


class BadCommand(ValueError):
    """A command read from a journal is malformed; the message says what is wrong."""


def _entered_by(data: Any) -> EnteredBy:
    """Who entered a command (orders, a free-form move): the facilitator unless the line says a seat."""
    by = data.get("by", "facilitator")
    if by == "seat":
        return "seat"
    if by != "facilitator":
        raise BadCommand(f"'by' must be one of {', '.join(ENTERED_BY)}")
    return "facilitator"


def _text(data: dict[str, Any], key: str, *, optional: bool = False) -> str:
    value = data.get(key, "" if optional else None)
    if not isinstance(value, str):
        raise BadCommand(f"{key!r} must be text")
    if len(value) > _LIMIT:
        raise BadCommand(f"{key!r} is longer than {_LIMIT:,} characters")
    return value


def _whole(data: dict[str, Any], key: str) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 10**12:
        raise BadCommand(f"{key!r} must be a whole number")
    return value


def _amount(data: dict[str, Any]) -> int | None:
    return _whole(data, "amount") if "amount" in data else None


def _effects(value: Any) -> tuple[tuple[str, int], ...]:
    """A free-form move's effects: an object of variable ids and whole amounts, as the format's ``add``."""
    if not isinstance(value, dict) or len(value) > 256 or any(len(var) > 64 for var in value):
        raise BadCommand("'effects' must be an object of variable ids and amounts")
    return tuple((str(var), _whole(value, var)) for var in value)


_MOST_LISTED = 256  # longest list (audience, effects) accepted in a command read from a journal


def _written_inject(data: dict[str, Any]) -> WriteInject:
    audience = data["audience"]
    roles_ok = isinstance(audience, list) and all(isinstance(role, str) and len(role) <= 64 for role in audience)
    if not roles_ok or len(audience) > _MOST_LISTED:
        raise BadCommand("'audience' must be a list of role ids")
    effects = data["effects"]
    if not isinstance(effects, list) or len(effects) > _MOST_LISTED:
        raise BadCommand('\'effects\' must be a list of {"var": ID, "amount": N}')
    pairs = []
    for effect in effects:
        if not isinstance(effect, dict) or set(effect) != {"var", "amount"}:
            raise BadCommand('each of \'effects\' must be {"var": ID, "amount": N}')
        pairs.append((_text(effect, "var"), _whole(effect, "amount")))
    return WriteInject(
        _text(data, "title"), _text(data, "narrative"), _text(data, "category"), tuple(audience), pairs, _text(data, "reason")
    )


_SHOCK_CONTROLS: dict[str, type[HoldShock | ReleaseShock | BringForward]] = {
    HoldShock.kind: HoldShock,
    ReleaseShock.kind: ReleaseShock,
    BringForward.kind: BringForward,
}
"""The facilitator's controls over when a shock fires: each names the shock and says why."""


def command_from_json(data: Any) -> SessionCommand:
    """The command a journal line records; BadCommand when it is not one."""
    if not isinstance(data, dict):
        raise BadCommand("a command must be a JSON object")
    kind = data.get("command")
    if not isinstance(kind, str):
        raise BadCommand(f"unknown command {kind!r}")
    fields = {key for key in data if key != "command"}

    def expect(*names: str, optional: tuple[str, ...] = ()) -> None:
        unknown = fields - set(names) - set(optional)
        missing = set(names) - fields
        if unknown:
            raise BadCommand(f"unknown field {sorted(unknown)[0]!r} in a {kind!r} command")
        if missing:
            raise BadCommand(f"a {kind!r} command needs {sorted(missing)[0]!r}")

    if kind == "orders":
        expect("role", "actions", optional=("by",))
        actions = data["actions"]
        if not isinstance(actions, list) or not all(isinstance(a, str) and len(a) <= 64 for a in actions) or len(actions) > 256:
            raise BadCommand("'actions' must be a list of action ids")
        return SubmitOrders(_text(data, "role"), tuple(actions), _entered_by(data))
    if kind == "return":
        expect("role", "note")
        return ReturnOrders(_text(data, "role"), _text(data, "note"))
    if kind == "resolve":
        expect()
        return Resolve()
    if kind == "inject":
        expect("shock", optional=("reason",))
        return InjectShock(_text(data, "shock"), _text(data, "reason", optional=True))
    if kind in _SHOCK_CONTROLS:
        expect("shock", "reason")
        return _SHOCK_CONTROLS[kind](_text(data, "shock"), _text(data, "reason"))
    if kind == "adjust":
        expect("var", "value", "reason", optional=("amount",))
        return AdjustVariable(_text(data, "var"), _whole(data, "value"), _text(data, "reason"), _amount(data))
    if kind == "adjust-resource":
        expect("role", "resource", "value", "reason", optional=("amount",))
        return AdjustResource(
            _text(data, "role"), _text(data, "resource"), _whole(data, "value"), _text(data, "reason"), _amount(data)
        )
    if kind == "adjust-points":
        expect("role", "value", "reason", optional=("amount",))
        return AdjustPoints(_text(data, "role"), _whole(data, "value"), _text(data, "reason"), _amount(data))
    if kind == "note":
        expect("tag", "text", optional=("turn", "objective", "rating"))
        tag = data["tag"]
        if tag not in NOTE_TAGS:
            raise BadCommand(f"unknown note tag {tag!r}")
        objective = _text(data, "objective") if "objective" in data else None
        rating = data.get("rating")
        if rating is not None and rating not in RATINGS:
            raise BadCommand(f"'rating' must be one of {', '.join(RATINGS)}")
        try:
            return AddNote(tag, _text(data, "text"), data.get("turn"), objective, rating)
        except ValueError as error:
            raise BadCommand(f"'turn' must be a whole number from 1 to {MAX_TURN:,}") from error
    if kind == "write-inject":
        expect("title", "narrative", "category", "audience", "effects", "reason")
        return _written_inject(data)
    if kind == "end":
        expect("reason")
        return EndExercise(_text(data, "reason"))
    if kind == "free-move":
        expect("role", "action", "reasons", "chance", optional=("counter", "rating", "by"))
        return ProposeFreeMove(
            _text(data, "role"),
            _text(data, "action"),
            _text(data, "reasons"),
            _whole(data, "chance"),
            _text(data, "counter", optional=True),
            _text(data, "rating", optional=True),
            _entered_by(data),
        )
    if kind == "free-move-proposal":
        expect("role", "action", optional=("reasons",))
        return PutForwardFreeMove(_text(data, "role"), _text(data, "action"), _text(data, "reasons", optional=True))
    if kind == "free-move-effects":
        expect("role", "effects", optional=("reason",))
        return SettleFreeMove(_text(data, "role"), _effects(data["effects"]), _text(data, "reason", optional=True))
    if kind == "undo":
        expect()
        return Undo()
    if kind == "redo":
        expect()
        return Redo()
    raise BadCommand(f"unknown command {kind!r}")
