"""What is still to come: the scenario's shocks from the current turn to the last, in time order.

The white cell's events list as the game stands: firings already scheduled (a follow-up, a
schedule effect, one brought forward) with what scheduled them and, in format 2, the condition
checked when due; plain ``atTurn`` triggers; windows in which a shock may fire, with its chance
a turn and its condition in words and whether it holds now; shocks waiting to be enabled and what
enables them; shocks in progress with the turns left; how often each has fired against its
limit; and what the white cell holds. Every entry says what will happen by the engine's own rules
(`engine.core.firing`): a firing due while its shock is still in progress or at its limit is
skipped, one due while held waits. Turns open after the current one, so a trigger is next asked
as turn + 1 opens. Pure: it reads a state and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, cast

import attrs

from engine.core import model as m
from engine.core.events import Cause
from engine.core.explain import describe
from engine.core.holding import bring_forward_refusal
from engine.core.rules import Game
from engine.core.state import State
from engine.core.view import View
from engine.core.work import Work

__all__ = ["Kind", "Upcoming", "order_rule", "upcoming"]

Kind = Literal["in-progress", "scheduled", "at-turn", "may-fire", "disabled", "spent", "held"]
"""What an entry is: active now; a firing scheduled; a plain atTurn trigger; a window that may
fire; a trigger waiting to be enabled; one whose shock has fired its most times; held, with nothing due."""

_ORDER: dict[Kind, int] = {"in-progress": 0, "scheduled": 1, "at-turn": 2, "may-fire": 3, "disabled": 4, "spent": 5, "held": 6}


@attrs.frozen
class Upcoming:
    """One line of the upcoming-injects view. ``turn`` is when (the turn due, a window's first turn
    still to come, the current turn for one in progress), None when it has no turn of its own."""

    shock: str
    kind: Kind
    turn: int | None
    last: int | None = None
    """A window's last turn (or the turn it is due)."""
    chance: float | None = None
    """The chance a turn, for a trigger with one."""
    condition: str = ""
    """The trigger's condition (or, in format 2, a follow-up's check when due) in words."""
    holds_now: bool | None = None
    """Whether that condition holds in the state now (None when there is none)."""
    cause: Cause | None = None
    """What scheduled a scheduled firing."""
    fate: str = ""
    """What will come of it by the rules, when that is not simply firing: skipped, waits, certain..."""
    fires: int = 0
    limit: int = 1
    turns_left: int = 0
    held: bool = False
    enabled_by: tuple[str, ...] = ()
    """For a disabled trigger: the shocks and actions (by id) whose effects or follow-ups enable it."""
    can_bring_forward: bool = False

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.turn if self.turn is not None else 1 << 30, _ORDER[self.kind])


def upcoming(game: Game, state: State) -> tuple[Upcoming, ...]:
    """Every upcoming entry, in time order (an entry without a turn last), scenario order within a turn."""
    if state.ended:
        return ()
    view = View(game, state)
    work = Work(game, state, record=False)
    found = list(_entries(game, state, view, work))
    listed = {entry.shock for entry in found}
    for s in state.held:
        if game.shock_ids[s] not in listed:
            found.append(_entry(game, state, work, s, kind="held", turn=None))
    order = {shock_id: s for s, shock_id in enumerate(game.shock_ids)}
    return tuple(sorted(found, key=lambda entry: (*entry.sort_key, order[entry.shock])))


def _entry(game: Game, state: State, work: Work, s: int, *, kind: Kind, turn: int | None, **more: object) -> Upcoming:
    return Upcoming(
        game.shock_ids[s],
        kind,
        turn,
        fires=state.fires[s],
        limit=game.shock_max_fires[s],
        turns_left=state.remaining[s],
        held=s in state.held,
        can_bring_forward=bring_forward_refusal(game, work, s) is None,
        **more,  # type: ignore[arg-type]
    )


def _entries(game: Game, state: State, view: View, work: Work) -> Iterator[Upcoming]:
    scenario = game.scenario
    now, last_turn = state.turn, game.turn_count
    for s in range(len(game.shock_ids)):
        if state.remaining[s]:
            yield _entry(game, state, work, s, kind="in-progress", turn=now, last=now + state.remaining[s] - 1)
    for item in state.scheduled:
        check = "" if item.check < 0 else describe(scenario, game.scheduled_checks[item.check][1])
        holds = None if item.check < 0 else view.holds(game.scheduled_checks[item.check][1])
        fate = _scheduled_fate(game, state, item.shock, item.turn)
        yield _entry(
            game,
            state,
            work,
            item.shock,
            kind="scheduled",
            turn=item.turn,
            last=item.turn,
            condition=check,
            holds_now=holds,
            cause=item.cause,
            fate=fate,
        )
    for s, shock in enumerate(scenario.shocks):
        trigger = shock.trigger
        if trigger is None:
            continue
        low, high = trigger.window(last_turn)
        first = max(low, now + 1)
        if first > high:
            continue
        condition = "" if trigger.when is None else describe(scenario, trigger.when)
        holds = None if trigger.when is None else view.holds(trigger.when)
        common: dict[str, object] = {"last": high, "chance": trigger.chance, "condition": condition, "holds_now": holds}
        if state.fires[s] >= game.shock_max_fires[s]:
            yield _entry(
                game,
                state,
                work,
                s,
                kind="spent",
                turn=first,
                **common,
                fate="it has fired its most times: its trigger no longer fires it",
            )
        elif not state.armed[s]:
            yield _entry(game, state, work, s, kind="disabled", turn=None, **common, enabled_by=_enablers(scenario, shock.id))
        elif trigger.at_turn is not None and trigger.when is None and trigger.chance is None:
            fate = _waits(game) if s in state.held else ""
            yield _entry(
                game, state, work, s, kind="at-turn", turn=first, **common, fate=fate or _active_fate(game, state, s, first)
            )
        else:
            yield _entry(
                game, state, work, s, kind="may-fire", turn=first, **common, fate=_window_fate(game, state, s, trigger, high)
            )


def _waits(game: Game) -> str:
    return f"waits while held, and fires as the first {game.scenario.turns.word} after its release opens"


def _scheduled_fate(game: Game, state: State, s: int, due: int) -> str:
    if s in state.held:
        return _waits(game)
    if due > game.turn_count:
        return f"falls after the last {game.scenario.turns.word}: it will not fire"
    if state.fires[s] >= game.shock_max_fires[s]:
        return "will be skipped: it has fired its most times"
    return _active_fate(game, state, s, due)


def _active_fate(game: Game, state: State, s: int, due: int) -> str:
    """A firing due at ``due`` is skipped if the shock is still in progress then (unless ended early)."""
    if state.remaining[s] > due - state.turn:
        return "will be skipped if it is still in progress then"
    return ""


def _window_fate(game: Game, state: State, s: int, trigger: m.Trigger, high: int) -> str:
    if s in state.held:
        return "not asked while held: the turns of its window that pass are lost"
    if trigger.guaranteed and trigger.chance is not None and state.last_fired[s] < trigger.window(game.turn_count)[0]:
        return f"certain by {game.scenario.turns.word} {high} if it has not fired in its window"
    return ""


def order_rule(game: Game) -> str:
    """How the scenario's format orders the shocks of one opening, which decides what a trigger sees."""
    if game.format >= 2:
        return (
            "Format 2: every trigger is checked once as a turn opens, before any shock of that turn fires, "
            "so what a shock does is seen by triggers from the next turn on."
        )
    return (
        "Format 1: the scheduled shocks of a turn fire first, then each trigger is checked just before it may fire, "
        "so a shock enabled or counted earlier in the same opening can fire at once."
    )


def _enablers(scenario: m.Scenario, shock_id: str) -> tuple[str, ...]:
    """The shocks and actions whose follow-ups or effects (at any depth) enable the shock."""
    found = []
    for other in scenario.shocks:
        if any(item.enable and item.shock == shock_id for item in other.follow_ups) or _enables(
            (*other.effects, *other.ongoing, *other.on_expire), shock_id
        ):
            found.append(other.id)
    for action in scenario.actions:
        if _enables((*action.effects, *action.unmatched), shock_id):
            found.append(action.id)
    for rule in scenario.rules:
        if _enables(rule.effects, shock_id):
            found.append(rule.id)
    return tuple(found)


def _enables(effects: object, shock_id: str) -> bool:
    """Whether an effect (or a tuple of them, branches included) enables the shock."""
    if isinstance(effects, m.Enable):
        return effects.shock == shock_id
    if isinstance(effects, tuple):
        return any(_enables(item, shock_id) for item in effects)
    if attrs.has(type(effects)):
        kind = cast("type[attrs.AttrsInstance]", type(effects))
        return any(_enables(getattr(effects, field.name), shock_id) for field in attrs.fields(kind))
    return False
