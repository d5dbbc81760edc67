"""The turn cycle: `start` a game and `step` it with commands. Pure: no I/O, no clock.

`step(game, state, command)` returns the new state and the events that explain it, or raises
`CommandRefused` with a reason. The input state is never changed; the same game, state and
command always give the same result. The cycle itself is described in docs/scenario-guide.md.
"""

from __future__ import annotations

from typing import assert_never

import attrs

from engine.core.adhoc import write_inject
from engine.core.availability import order_problems
from engine.core.commands import (
    NOTE_TAGS,
    AddNote,
    AdjustPoints,
    AdjustResource,
    AdjustVariable,
    BringForward,
    Command,
    EndExercise,
    HoldShock,
    InjectShock,
    ProposeFreeMove,
    PutForwardFreeMove,
    ReleaseShock,
    Resolve,
    ReturnOrders,
    SettleFreeMove,
    SubmitOrders,
    WriteInject,
)
from engine.core.events import (
    ActionResolved,
    Cause,
    Event,
    NoteAdded,
    OrdersReturned,
    OrdersSubmitted,
    OrdersWithdrawn,
    ShockEnded,
    TurnOpened,
)
from engine.core.firing import fire, fire_due, in_window
from engine.core.free_moves import propose, put_forward, settle
from engine.core.holding import control_shock
from engine.core.notes import check_note_objective
from engine.core.points import adjust_points
from engine.core.refusals import CommandRefused, RefusalCode, reason
from engine.core.resolution import apply_rules_and_record_objectives, check_end, close_resolution, finish, pay_for_orders
from engine.core.rules import Game
from engine.core.state import State, with_orders
from engine.core.view import View
from engine.core.work import Work

__all__ = [
    "check_seed",
    "fire",
    "open_turn",
    "opening",
    "resolve",
    "start",
    "step",
    "unopened",
    "with_seed",
]


def start(game: Game, seed: int) -> tuple[State, tuple[Event, ...]]:
    """The state at the opening of turn 1 (its shocks already fired), and what happened."""
    work = opening(game, seed)
    return work.freeze(tuple(work.chosen_orders)), tuple(work.events)


def opening(game: Game, seed: int, *, record: bool = True) -> Work:
    """`start` as a working state, not yet frozen (playouts carry on from it); its `chosen_orders`
    are the state's ``last_orders``. ``record=False`` builds no events; the state is the same."""
    work = unopened(game, seed, record=record)
    open_turn(game, work, first=True)
    return work


def check_seed(seed: int) -> None:
    """Refuse a seed the dice cannot take."""
    if not 0 <= seed < 2**64:
        raise ValueError("the seed must be a whole number from 0 to 2**64 - 1")


def unopened(game: Game, seed: int, *, record: bool = True) -> Work:
    """The game before turn 1 opens (no shock fired yet): what `opening` opens. Playouts copy one
    under each game's seed rather than building it again."""
    check_seed(seed)
    scenario = game.scenario
    roles = range(len(game.role_ids))
    actions = len(game.action_ids)
    shocks = len(game.shock_ids)
    initial = State(
        seed=seed,
        turn=1,
        ended=False,
        values=tuple(var.initial for var in scenario.variables),
        resources=tuple(tuple(res.initial for res in role.resources) for role in scenario.roles),
        orders=tuple(None for _ in roles),
        last_orders=tuple(() for _ in roles),
        uses=tuple((0,) * actions for _ in roles),
        last_used=tuple((0,) * actions for _ in roles),
        fires=(0,) * shocks,
        remaining=(0,) * shocks,
        armed=game.shock_enabled,
        last_fired=(0,) * shocks,
        scheduled=(),
        objectives_ever=tuple((False,) * len(role.objectives) for role in scenario.roles),
        objectives_always=tuple((True,) * len(role.objectives) for role in scenario.roles),
        resolutions=0,
    )
    return Work(game, initial, record=record)


def step(game: Game, state: State, command: Command, *, record: bool = True) -> tuple[State, tuple[Event, ...]]:
    """Apply one command; return the new state and its events, or raise CommandRefused.

    ``record=False`` skips building events (for bots looking ahead); the state is the same.
    """
    if state.ended and not isinstance(command, AddNote):
        raise CommandRefused(reason(RefusalCode.GAME_ENDED, game, name=state.outcome or ""))
    match command:
        case AddNote():
            return _note(game, command, state)
        case SubmitOrders():
            return _submit(game, state, command, record)
        case ReturnOrders():
            return _return(game, state, command, record)
        case PutForwardFreeMove():
            return put_forward(game, state, _role(game, command.role), command, record=record)
        case (
            Resolve()
            | InjectShock()
            | HoldShock()
            | ReleaseShock()
            | BringForward()
            | AdjustVariable()
            | AdjustResource()
            | AdjustPoints()
            | EndExercise()
            | ProposeFreeMove()
            | SettleFreeMove()
            | WriteInject()
        ):
            work = Work(game, state, record=record)
            last_orders = state.last_orders
            match command:
                case Resolve():
                    last_orders = resolve(game, work)
                case InjectShock():
                    _inject(game, work, command)
                case HoldShock() | ReleaseShock() | BringForward():
                    control_shock(game, work, command)
                case AdjustVariable():
                    _adjust(game, work, command)
                case AdjustResource():
                    _adjust_resource(game, work, command)
                case WriteInject():
                    write_inject(game, work, command)
                    if not check_end(game, work):
                        _withdraw_invalid_orders(game, work)
                case AdjustPoints():
                    adjust_points(game, work, command, _withdraw_invalid_orders)
                case EndExercise():
                    if not command.reason.strip():
                        raise CommandRefused(reason(RefusalCode.NO_REASON_GIVEN, game, name="end"))
                    finish(game, work, f"ended by the facilitator: {command.reason.strip()}", None)
                case ProposeFreeMove():
                    propose(game, work, _role(game, command.role), command)
                case SettleFreeMove():
                    settle(game, work, _role(game, command.role), command)
                    if not check_end(game, work):
                        _withdraw_invalid_orders(game, work)
                case _:
                    assert_never(command)
            return work.freeze(last_orders), tuple(work.events)
        case _:
            assert_never(command)


# -- commands ------------------------------------------------------------------------------------


def _role(game: Game, role: str) -> int:
    r = game.role_index.get(role)
    if r is None:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_ROLE, game, name=role))
    return r


def _submit(game: Game, state: State, command: SubmitOrders, record: bool) -> tuple[State, tuple[Event, ...]]:
    """Orders change nothing but the orders, so they are checked on a read-only view."""
    r = _role(game, command.role)
    problems = order_problems(game, View(game, state), r, command.actions)
    if problems:
        raise CommandRefused(problems, orders_of=game.scenario.roles[r].name)
    chosen = tuple(sorted(game.action_index[action] for action in command.actions))
    orders = list(state.orders)
    orders[r] = chosen
    after = with_orders(state, tuple(orders))
    if not record:
        return after, ()
    return after, (OrdersSubmitted(game.role_ids[r], tuple(game.action_ids[a] for a in chosen), command.by),)


def _return(game: Game, state: State, command: ReturnOrders, record: bool) -> tuple[State, tuple[Event, ...]]:
    """The team's orders are taken out of the turn, as if never submitted; the note goes with them."""
    r = _role(game, command.role)
    submitted = state.orders[r]
    if submitted is None:
        raise CommandRefused(reason(RefusalCode.NO_ORDERS_TO_RETURN, game, role=r))
    if not command.note.strip():
        raise CommandRefused(reason(RefusalCode.NO_REASON_GIVEN, game, role=r, name="return"))
    orders = list(state.orders)
    orders[r] = None
    after = with_orders(state, tuple(orders))
    if not record:
        return after, ()
    return after, (OrdersReturned(game.role_ids[r], tuple(game.action_ids[a] for a in submitted), command.note.strip()),)


def _withdraw_invalid_orders(game: Game, work: Work) -> None:
    """After the facilitator changes the state, orders that no longer hold are withdrawn."""
    for r, submitted in enumerate(work.orders):
        if submitted:
            problems = order_problems(game, work, r, [game.action_ids[a] for a in submitted])
            if problems:
                work.orders[r] = None
                if work.record:
                    work.events.append(OrdersWithdrawn(game.role_ids[r], "; ".join(problem.text for problem in problems)))


def _shock(game: Game, shock: str) -> int:
    s = game.shock_index.get(shock)
    if s is None:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_SHOCK, game, name=shock))
    return s


def _inject(game: Game, work: Work, command: InjectShock) -> None:
    s = _shock(game, command.shock)
    if work.remaining[s]:
        raise CommandRefused(reason(RefusalCode.SHOCK_IN_PROGRESS, game, work, other=s))
    fire(game, work, s, Cause("facilitator", detail=command.reason.strip()))
    if not check_end(game, work):
        _withdraw_invalid_orders(game, work)


def _adjust(game: Game, work: Work, command: AdjustVariable) -> None:
    i = game.var_index.get(command.var)
    if i is None:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_VARIABLE, game, name=command.var))
    if not command.reason.strip():
        raise CommandRefused(reason(RefusalCode.NO_REASON_GIVEN, game, name="adjust"))
    low, high = game.var_min[i], game.var_max[i]
    if isinstance(command.value, bool) or not isinstance(command.value, int) or not low <= command.value <= high:
        raise CommandRefused(reason(RefusalCode.VALUE_OUT_OF_RANGE, game, work, other=i))
    before = work.values[i]
    work.set_value(i, command.value, command.value - before, Cause("facilitator", detail=command.reason.strip()))
    if not check_end(game, work):
        _withdraw_invalid_orders(game, work)


def _adjust_resource(game: Game, work: Work, command: AdjustResource) -> None:
    """A team's stock set within its bounds; orders it no longer pays for are withdrawn."""
    r = _role(game, command.role)
    k = game.resource_index[r].get(command.resource)
    if k is None:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_VARIABLE, game, role=r, name=command.resource))
    if not command.reason.strip():
        raise CommandRefused(reason(RefusalCode.NO_REASON_GIVEN, game, name="adjust"))
    low, high = game.resource_min[r][k], game.resource_max[r][k]
    if isinstance(command.value, bool) or not isinstance(command.value, int) or not low <= command.value <= high:
        raise CommandRefused(reason(RefusalCode.VALUE_OUT_OF_RANGE, game, work, role=r, other=k))
    before = work.resources[r][k]
    work.add_resource(r, k, command.value - before, Cause("facilitator", detail=command.reason.strip()))
    if not check_end(game, work):
        _withdraw_invalid_orders(game, work)


def _note(game: Game, command: AddNote, state: State) -> tuple[State, tuple[Event, ...]]:
    if command.tag not in NOTE_TAGS:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_NOTE_TAG, game, name=command.tag))
    if not command.text.strip():
        raise CommandRefused(reason(RefusalCode.EMPTY_NOTE, game))
    if command.turn is not None and command.turn > state.turn:
        raise CommandRefused(reason(RefusalCode.NOTE_TURN_NOT_REACHED, game, View(game, state), amount=command.turn))
    check_note_objective(game, command)
    return state, (NoteAdded(command.tag, command.text.strip(), command.objective, command.rating),)


# -- the cycle -----------------------------------------------------------------------------------


def open_turn(game: Game, work: Work, *, first: bool = False) -> None:
    """Open the current turn: expiries, income, scheduled and triggered shocks, end check."""
    if work.record:
        work.events.append(TurnOpened(work.turn))
    for s, remaining in enumerate(work.remaining):
        if remaining:
            work.remaining[s] = remaining - 1
            if remaining == 1:
                cause = game.expiry_cause[s]
                if work.record:
                    work.events.append(ShockEnded(game.shock_ids[s], True, cause))
                game.shock_expire[s](work, cause)
    if not first:
        income = Cause("income")
        for r, role in enumerate(game.scenario.roles):
            for k, resource in enumerate(role.resources):
                if resource.per_turn:
                    work.add_resource(r, k, resource.per_turn, income)
    fire_due(game, work, in_window(game.triggers, work.turn))
    check_end(game, work)


def resolve(game: Game, work: Work) -> tuple[tuple[int, ...], ...]:
    """Resolve the current turn; return the orders resolved (what `chose` sees next).

    Orders were checked when submitted, and withdrawn if a facilitator's change made them
    invalid since, so they are applied here as they stand.
    """
    orders = tuple(work.orders[r] or () for r in range(len(game.role_ids)))
    work.set_chosen(orders)
    record = work.record
    events = work.events
    role_ids = game.role_ids
    action_ids = game.action_ids

    pay_for_orders(game, work, orders)

    proposed = game.joint_set.intersection([a for chosen in orders for a in chosen])
    for a in game.joint_actions:
        if a not in proposed:
            continue
        choosers = tuple(r for r in game.action_roles[a] if a in orders[r])
        if len(choosers) == len(game.action_roles[a]):
            if record:
                events.append(ActionResolved(action_ids[a], tuple(role_ids[r] for r in choosers), "matched"))
            game.joint_effects[a](work, game.joint_cause[a])
        else:
            for r in choosers:
                if record:
                    events.append(ActionResolved(action_ids[a], (role_ids[r],), "unmatched"))
                game.action_unmatched[(r, a)](work, game.unmatched_cause[(r, a)])

    for r, chosen in enumerate(orders):
        for a in chosen:
            effects = game.action_effects.get((r, a))
            if effects is None:
                continue
            if record:
                events.append(ActionResolved(action_ids[a], (role_ids[r],), "done"))
            effects(work, game.action_cause[(r, a)])

    apply_rules_and_record_objectives(game, work)
    close_resolution(game, work, lambda: open_turn(game, work))
    return orders


def with_seed(state: State, seed: int) -> State:
    """The same state under other dice: how a bot imagines a future it cannot see."""
    return attrs.evolve(state, seed=seed)
