"""What happened: the events a step produces, each change carrying its cause.

Events are small frozen values with a JSON form, so that the log, the journal and the
after-action report can all say why every number moved.
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs


@attrs.frozen(cache_hash=True)
class Cause:
    """Why something changed: which action by whom, which shock, which rule, or the facilitator.

    ``detail`` narrows it down, e.g. the branch of a chance roll or the facilitator's reason.
    """

    kind: str
    id: str = ""
    role: str = ""
    detail: str = ""

    def with_detail(self, detail: str) -> Cause:
        """The same cause, narrowed by a further detail (joined with ' / ')."""
        joined = f"{self.detail} / {detail}" if self.detail else detail
        return attrs.evolve(self, detail=joined)

    def to_json(self) -> dict[str, str]:
        return {key: value for key, value in attrs.asdict(self).items() if value}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Cause:
        return cls(data["kind"], data.get("id", ""), data.get("role", ""), data.get("detail", ""))


def _to_json(self: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"event": self.kind}
    for field in attrs.fields(type(self)):
        value = getattr(self, field.name)
        if field.metadata.get("omit_default") and value == field.default:
            continue  # left out while default, so older journals keep their exact bytes
        if isinstance(value, Cause):
            value = value.to_json()
        elif isinstance(value, tuple):
            value = [list(item) if isinstance(item, tuple) else item for item in value]
        result[field.name] = value
    return result


@attrs.frozen
class TurnOpened:
    kind: ClassVar[str] = "turn-opened"
    turn: int
    to_json = _to_json


@attrs.frozen
class ShockFired:
    kind: ClassVar[str] = "shock-fired"
    shock: str
    cause: Cause
    to_json = _to_json


@attrs.frozen
class ShockEnded:
    """A shock stopped being active: ``expired`` when its duration ran out, else ended by an effect."""

    kind: ClassVar[str] = "shock-ended"
    shock: str
    expired: bool
    cause: Cause
    to_json = _to_json


@attrs.frozen
class ShockArmed:
    kind: ClassVar[str] = "shock-armed"
    shock: str
    armed: bool
    cause: Cause
    to_json = _to_json


@attrs.frozen
class ShockScheduled:
    kind: ClassVar[str] = "shock-scheduled"
    shock: str
    turn: int
    cause: Cause
    to_json = _to_json


@attrs.frozen
class ShockSkipped:
    """A scheduled shock did not fire, and why (already active, fired its most times)."""

    kind: ClassVar[str] = "shock-skipped"
    shock: str
    reason: str
    to_json = _to_json


@attrs.frozen
class ShockHeld:
    """The white cell held a shock (``held``) or released it: while held, nothing in the scenario fires it."""

    kind: ClassVar[str] = "shock-held"
    shock: str
    held: bool
    cause: Cause
    to_json = _to_json


@attrs.frozen
class OrdersSubmitted:
    kind: ClassVar[str] = "orders-submitted"
    role: str
    actions: tuple[str, ...]
    by: str = attrs.field(default="facilitator", metadata={"omit_default": True})
    """Who entered them: ``facilitator`` (at the console) or ``seat`` (the team itself)."""
    to_json = _to_json


@attrs.frozen
class OrdersReturned:
    """The facilitator sent a team's submitted orders back with a note; the team enters them again."""

    kind: ClassVar[str] = "orders-returned"
    role: str
    actions: tuple[str, ...]
    note: str
    to_json = _to_json


@attrs.frozen
class OrdersWithdrawn:
    """A facilitator's change made a role's submitted orders invalid; they must be entered again."""

    kind: ClassVar[str] = "orders-withdrawn"
    role: str
    reason: str
    to_json = _to_json


@attrs.frozen
class ActionResolved:
    """An action took effect: ``result`` is done, matched (joint, every side) or unmatched."""

    kind: ClassVar[str] = "action-resolved"
    action: str
    roles: tuple[str, ...]
    result: str
    to_json = _to_json


@attrs.frozen
class Changed:
    """A variable moved. ``requested`` is the change asked for; clamping may make it smaller."""

    kind: ClassVar[str] = "changed"
    var: str
    before: int
    after: int
    requested: int
    cause: Cause
    to_json = _to_json


@attrs.frozen
class ResourceChanged:
    kind: ClassVar[str] = "resource-changed"
    role: str
    resource: str
    before: int
    after: int
    requested: int
    cause: Cause
    to_json = _to_json


@attrs.frozen
class PointsChanged:
    """A team's action points for the current turn changed (the facilitator's ruling); the next
    turn opens with its budget again."""

    kind: ClassVar[str] = "points-changed"
    role: str
    before: int
    after: int
    cause: Cause
    to_json = _to_json


@attrs.frozen
class Rolled:
    """A chance roll or a weighted pick, and what came of it."""

    kind: ClassVar[str] = "rolled"
    label: str
    result: str
    cause: Cause
    to_json = _to_json


@attrs.frozen
class Narrated:
    kind: ClassVar[str] = "narrated"
    text: str
    cause: Cause
    to_json = _to_json


@attrs.frozen
class InjectWritten:
    """The facilitator wrote an inject at the table: what the teams in ``audience`` (empty: everyone)
    are told. Its changes follow as `Changed` events with the same ``cause``: the facilitator, the
    title as its id, the audience '+'-joined as its role, the reason as its detail."""

    kind: ClassVar[str] = "inject-written"
    title: str
    category: str
    narrative: str
    audience: tuple[str, ...]
    cause: Cause
    to_json = _to_json


@attrs.frozen
class NoteAdded:
    """A facilitator's note; ``objective`` the exercise objective it is tied to, ``rating`` its rating (P, S, M, U)."""

    kind: ClassVar[str] = "note-added"
    tag: str
    text: str
    objective: str | None = attrs.field(default=None, metadata={"omit_default": True})
    rating: str | None = attrs.field(default=None, metadata={"omit_default": True})
    to_json = _to_json


@attrs.frozen
class Undone:
    """The command journaled at ``line`` was taken back. ``command`` is that command's canonical
    JSON (data rather than words, so old journals keep verifying when wording changes)."""

    kind: ClassVar[str] = "undone"
    line: int
    command: str
    to_json = _to_json


@attrs.frozen
class Redone:
    """The command journaled at ``line``, undone before, is in effect again (``command`` as in Undone)."""

    kind: ClassVar[str] = "redone"
    line: int
    command: str
    to_json = _to_json


@attrs.frozen
class FreeMoveRolled:
    """A team's free-form move, argued and rolled for: its words, reasons and counter-arguments, the
    chance the facilitator set (and the room's rating it came from, if any), the roll (1 to 100)
    and whether it succeeded (the roll at most the chance)."""

    kind: ClassVar[str] = "free-move-rolled"
    role: str
    action: str
    reasons: str
    counter: str
    chance: int
    roll: int
    succeeded: bool
    rating: str = attrs.field(default="", metadata={"omit_default": True})
    to_json = _to_json


@attrs.frozen
class FreeMoveProposed:
    """A team put forward a free-form move from its seat (its words and reasons), or withdrew the one
    waiting (``action`` empty). A waiting proposal is its team's and the white cell's."""

    kind: ClassVar[str] = "free-move-proposed"
    role: str
    action: str
    reasons: str
    to_json = _to_json


@attrs.frozen
class GameEnded:
    """The game is over: its outcome, why it ended, and each role's score and objectives met."""

    kind: ClassVar[str] = "game-ended"
    outcome: str
    reason: str
    scores: tuple[tuple[str, int], ...]
    objectives: tuple[tuple[str, str, bool], ...]
    to_json = _to_json


Event = (
    TurnOpened
    | ShockFired
    | ShockEnded
    | ShockArmed
    | ShockScheduled
    | ShockSkipped
    | ShockHeld
    | OrdersSubmitted
    | OrdersWithdrawn
    | OrdersReturned
    | ActionResolved
    | Changed
    | ResourceChanged
    | PointsChanged
    | Rolled
    | Narrated
    | InjectWritten
    | NoteAdded
    | Undone
    | Redone
    | FreeMoveRolled
    | FreeMoveProposed
    | GameEnded
)
