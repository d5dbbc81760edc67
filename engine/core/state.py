"""The state of a game between commands: frozen, compact, and comparable by digest.

Values are stored by position (the order of the scenario's lists) in tuples, so a state is
cheap to copy and can never be changed in place. `state_json` gives the readable form with ids
and `state_digest` its SHA-256, which journals record after every command.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import attrs

from engine.core.events import Cause

if TYPE_CHECKING:
    from engine.core.rules import Game


@attrs.frozen(slots=True)
class Scheduled:
    """A shock due to fire at the opening of a turn, and what scheduled it."""

    turn: int
    shock: int
    cause: Cause
    check: int = -1
    """Format 2: the position of the condition checked when it is due in `Game.scheduled_checks`; -1 for none."""


@attrs.frozen(slots=True)
class FreeMoveMark:
    """A free-form move as the state keeps it: its turn, its role (by position), where it stands,
    and its words (the cause its effects will carry)."""

    turn: int
    role: int
    stage: int
    """`FAILED`, `AWAITING_EFFECTS` (it succeeded; the facilitator has not chosen its effects) or `SETTLED`."""
    action: str


FAILED, AWAITING_EFFECTS, SETTLED = 0, 1, 2


@attrs.frozen(slots=True)
class ProposalMark:
    """A free-form move a team put forward from its seat this turn, waiting for the white cell to roll
    for it: its role (by position), its words and its reasons. Gone when rolled for, and as a turn ends."""

    role: int
    action: str
    reasons: str


@attrs.frozen(slots=True)
class State:
    """Everything that decides what happens next. Indexes follow the scenario's list order."""

    seed: int
    turn: int
    ended: bool
    values: tuple[int, ...]
    """Variables' values."""
    resources: tuple[tuple[int, ...], ...]
    """Per role, its resources' stocks."""
    orders: tuple[tuple[int, ...] | None, ...]
    """Per role, the actions submitted for this turn (None until it submits)."""
    last_orders: tuple[tuple[int, ...], ...]
    """Per role, the actions of the turn last resolved (what `chose` tests while planning)."""
    uses: tuple[tuple[int, ...], ...]
    """Per role, per action: times taken this game."""
    last_used: tuple[tuple[int, ...], ...]
    """Per role, per action: the turn it was last taken (0 for never)."""
    fires: tuple[int, ...]
    """Per shock: times fired."""
    remaining: tuple[int, ...]
    """Per shock: turns it stays active counting this one (0 when inactive)."""
    armed: tuple[bool, ...]
    """Per shock: whether its trigger is armed."""
    last_fired: tuple[int, ...]
    """Per shock: the turn it last fired (0 for never)."""
    scheduled: tuple[Scheduled, ...]
    objectives_ever: tuple[tuple[bool, ...], ...]
    objectives_always: tuple[tuple[bool, ...], ...]
    resolutions: int
    outcome: str | None = None
    end_reason: str | None = None
    free_moves: tuple[FreeMoveMark, ...] = ()
    """The free-form moves made so far, in order: what the limits per turn and the choice of effects read."""
    held: tuple[int, ...] = ()
    """The shocks the white cell holds (positions, ascending): nothing in the scenario fires them."""
    points: tuple[int, ...] | None = None
    """Per role, its action points for the current turn when the facilitator changed them this turn;
    None while every role has its scenario's budget (reset as each turn opens)."""
    proposals: tuple[ProposalMark, ...] = ()
    """The free-form moves teams put forward from their seats this turn and not yet rolled for, in the
    order they came (one a team)."""


_FIELD_NAMES = tuple(field.name for field in attrs.fields(State))
"""Every field of a state, in order: the digest covers each one, including any added later."""

_LEFT_OUT_WHEN_EMPTY = frozenset({"free_moves", "held", "points", "proposals"})
"""Fields added after journals were first written: the digest covers them only once they hold
something, so a game that never uses them has the digest it always had."""


def budgets(game: Game, state: State) -> tuple[int, ...]:
    """Per role, its action points this turn: the scenario's budget unless the facilitator changed it."""
    return game.budgets if state.points is None else state.points


def with_orders(state: State, orders: tuple[tuple[int, ...] | None, ...]) -> State:
    """The same state with other orders (a plain constructor call: attrs.evolve is much slower)."""
    values: list[Any] = [orders if name == "orders" else getattr(state, name) for name in _FIELD_NAMES]
    return State(*values)


def state_json(game: Game, state: State) -> dict[str, Any]:
    """The state with ids instead of positions: what digests cover and journals show."""
    roles = game.role_ids
    actions = game.action_ids
    shocks = game.shock_ids
    return {
        "seed": state.seed,
        "turn": state.turn,
        "ended": state.ended,
        "outcome": state.outcome,
        "endReason": state.end_reason,
        "resolutions": state.resolutions,
        "variables": dict(zip(game.var_ids, state.values, strict=True)),
        "resources": {role: dict(zip(game.resource_ids[r], state.resources[r], strict=True)) for r, role in enumerate(roles)},
        "orders": {
            role: None if state.orders[r] is None else [actions[a] for a in state.orders[r] or ()] for r, role in enumerate(roles)
        },
        "lastOrders": {role: [actions[a] for a in state.last_orders[r]] for r, role in enumerate(roles)},
        "uses": {role: {actions[a]: n for a, n in enumerate(state.uses[r]) if n} for r, role in enumerate(roles)},
        "lastUsed": {role: {actions[a]: t for a, t in enumerate(state.last_used[r]) if t} for r, role in enumerate(roles)},
        "shocks": {
            shock: {
                "fires": state.fires[s],
                "remaining": state.remaining[s],
                "armed": state.armed[s],
                "lastFired": state.last_fired[s],
            }
            for s, shock in enumerate(shocks)
        },
        "scheduled": [_scheduled_json(game, item) for item in state.scheduled],
        **_free_moves_json(game, state),
        **({"held": [shocks[s] for s in state.held]} if state.held else {}),
        **({} if state.points is None else {"points": dict(zip(roles, state.points, strict=True))}),
        **_proposals_json(game, state),
        "objectives": {
            role: {
                objective.id: {"ever": state.objectives_ever[r][k], "always": state.objectives_always[r][k]}
                for k, objective in enumerate(game.scenario.roles[r].objectives)
            }
            for r, role in enumerate(roles)
        },
    }


def _scheduled_json(game: Game, item: Scheduled) -> dict[str, Any]:
    """A scheduled shock; the condition checked when it is due (format 2) named by where it is written."""
    found: dict[str, Any] = {"turn": item.turn, "shock": game.shock_ids[item.shock], "cause": item.cause.to_json()}
    if item.check >= 0:
        found["if"] = game.scheduled_checks[item.check][0]
    return found


def _free_moves_json(game: Game, state: State) -> dict[str, Any]:
    """The free-form moves made, only once there is one (states without any read as they always have)."""
    if not state.free_moves:
        return {}
    stages = ("failed", "awaiting-effects", "settled")
    moves = [
        {"turn": mark.turn, "role": game.role_ids[mark.role], "stage": stages[mark.stage], "action": mark.action}
        for mark in state.free_moves
    ]
    return {"freeMoves": moves}


def _proposals_json(game: Game, state: State) -> dict[str, Any]:
    """The proposals waiting, only while there is one (states without any read as they always have)."""
    if not state.proposals:
        return {}
    waiting = [{"role": game.role_ids[mark.role], "action": mark.action, "reasons": mark.reasons} for mark in state.proposals]
    return {"proposals": waiting}


def _check(item: Scheduled) -> tuple[int, ...]:
    """A follow-up's condition in the digest, only when it has one (format 1 states hash as they always have)."""
    return (item.check,) if item.check >= 0 else ()


def state_digest(game: Game, state: State) -> str:
    """SHA-256 of the state: equal digests mean equal games (for the same scenario).

    It hashes every field of the state in declaration order as compact JSON arrays, positions
    following the scenario's lists. That is the same information as `state_json` without building and
    sorting dictionaries, which matters because journals record a digest after every command.
    Positions mean something only with the game's scenario, which journals pin by its digest.
    """
    fields = [
        [(item.turn, item.shock, *attrs.astuple(item.cause), *_check(item)) for item in state.scheduled]
        if name == "scheduled"
        else [attrs.astuple(mark) for mark in state.free_moves]
        if name == "free_moves"
        else [attrs.astuple(mark) for mark in state.proposals]
        if name == "proposals"
        else getattr(state, name)
        for name in _FIELD_NAMES
        if name not in _LEFT_OUT_WHEN_EMPTY or getattr(state, name)
    ]
    return hashlib.sha256(json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode("utf-8")).hexdigest()
