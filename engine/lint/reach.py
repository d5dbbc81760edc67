"""What can ever happen in a scenario: a least fixpoint over value intervals and live content.

Start from the opening state (every variable at its initial value, nothing fired or taken),
then repeatedly add every shock whose trigger may hold, every action a role may take, and the
effects of all of them, widening each variable's interval to cover what those effects can do,
until nothing changes. Every step over-approximates the real turn cycle (conditions are read
through intervals, branches are kept unless provably never taken), so anything left out is
provably unreachable in a game played by the rules (the facilitator's own injects and
adjustments aside).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import assert_never

import attrs

from engine.core import model as m
from engine.lint.bounds import Env, Interval, may_fail, may_hold


@attrs.define
class Movers:
    """What the live effects can do to each quantity, gathered in one pass."""

    raises: set[str] = attrs.field(factory=set)
    lowers: set[str] = attrs.field(factory=set)
    points: dict[str, set[int]] = attrs.field(factory=dict)
    gains: set[tuple[str, str]] = attrs.field(factory=set)
    losses: set[tuple[str, str]] = attrs.field(factory=set)
    scheduled: set[str] = attrs.field(factory=set)
    enabled: set[str] = attrs.field(factory=set)


LeafEffect = m.Add | m.SetTo | m.Drift | m.Gain | m.Schedule | m.Enable | m.Disable | m.EndShock | m.Say
"""The effects that act by themselves, as opposed to chance, pick and if, which hold branches of effects."""


def leaf_effects(env: Env, effects: Sequence[m.Effect]) -> Iterator[LeafEffect]:
    """The effects that may apply, through every branch that may be taken."""
    for effect in effects:
        match effect:
            case m.Add() | m.SetTo() | m.Drift() | m.Gain() | m.Schedule() | m.Enable() | m.Disable() | m.EndShock() | m.Say():
                yield effect
            case m.Chance():
                if effect.probability > 0:
                    yield from leaf_effects(env, effect.then)
                if effect.probability < 1:
                    yield from leaf_effects(env, effect.otherwise)
            case m.Pick():
                for option in effect.options:
                    yield from leaf_effects(env, option.effects)
            case m.If():
                if may_hold(env, effect.condition):
                    yield from leaf_effects(env, effect.then)
                if may_fail(env, effect.condition):
                    yield from leaf_effects(env, effect.otherwise)
            case _:
                assert_never(effect)


def all_effects(effects: Sequence[m.Effect]) -> Iterator[LeafEffect]:
    """Every leaf effect written in a list, whether or not it can apply."""
    for effect in effects:
        match effect:
            case m.Add() | m.SetTo() | m.Drift() | m.Gain() | m.Schedule() | m.Enable() | m.Disable() | m.EndShock() | m.Say():
                yield effect
            case m.Chance() | m.If():
                yield from all_effects(effect.then)
                yield from all_effects(effect.otherwise)
            case m.Pick():
                for option in effect.options:
                    yield from all_effects(option.effects)
            case _:
                assert_never(effect)


def shock_set_off(effect: LeafEffect) -> str | None:
    """The shock an effect schedules or arms, if it does either."""
    match effect:
        case m.Add() | m.SetTo() | m.Drift() | m.Gain() | m.Disable() | m.EndShock() | m.Say():
            return None
        case m.Schedule() | m.Enable():
            return effect.shock
        case _:
            assert_never(effect)


def window(scenario: m.Scenario, trigger: m.Trigger) -> Interval:
    """The turns in which a trigger is checked, within the game."""
    low, high = trigger.window(scenario.turns.count)
    return max(low, 1), min(high, scenario.turns.count)


def live_sources(env: Env) -> Iterator[Sequence[m.Effect]]:
    """The effect lists that can run, given what can happen."""
    scenario = env.scenario
    for action in scenario.actions:
        takers = [role for role in action.roles if (role, action.id) in env.live_actions]
        if action.joint:
            if takers:
                yield action.unmatched
            if takers and len(takers) == len(action.roles):
                yield action.effects
        elif takers:
            yield action.effects
    for shock in scenario.shocks:
        if shock.id in env.live_shocks:
            yield shock.effects
            yield shock.ongoing
            yield shock.on_expire
    for rule in scenario.rules:
        if rule.when is None or may_hold(env, rule.when):
            yield rule.effects


def gather(env: Env) -> Movers:
    """What the live content can do to each quantity."""
    movers = Movers()
    for source in live_sources(env):
        for effect in leaf_effects(env, source):
            match effect:
                case m.Add():
                    for var, delta in effect.changes:
                        if delta > 0:
                            movers.raises.add(var)
                        elif delta < 0:
                            movers.lowers.add(var)
                case m.SetTo():
                    for var, value in effect.values:
                        movers.points.setdefault(var, set()).add(value)
                case m.Drift():
                    movers.points.setdefault(effect.var, set()).add(effect.toward)
                case m.Gain():
                    if effect.amount > 0:
                        movers.gains.add((effect.role, effect.resource))
                    elif effect.amount < 0:
                        movers.losses.add((effect.role, effect.resource))
                case m.Schedule():
                    movers.scheduled.add(effect.shock)
                case m.Enable():
                    movers.enabled.add(effect.shock)
                case m.Disable() | m.EndShock() | m.Say():
                    # disarming or ending a shock never makes anything more reachable, and words move nothing
                    pass
                case _:
                    assert_never(effect)
    for shock in env.scenario.shocks:
        if shock.id in env.live_shocks:
            for follow in shock.follow_ups:
                # a follow-up whose if (format 2) can never hold when due is always called off
                if follow.chance > 0 and (follow.when is None or may_hold(env, follow.when)):
                    (movers.enabled if follow.enable else movers.scheduled).add(follow.shock)
    for action in env.scenario.actions:
        for role in action.roles:
            if (role, action.id) in env.live_actions:
                for resource, amount in action.spend:
                    if amount > 0:
                        movers.losses.add((role, resource))
    return movers


def _clamp(value: int, low: int, high: int) -> int:
    return low if value < low else high if value > high else value


def _values(scenario: m.Scenario, movers: Movers) -> dict[str, Interval]:
    values = {}
    for var in scenario.variables:
        points = {var.initial} | {_clamp(p, var.min, var.max) for p in movers.points.get(var.id, ())}
        low = var.min if var.id in movers.lowers else min(points)
        high = var.max if var.id in movers.raises else max(points)
        values[var.id] = (low, high)
    return values


def _resources(scenario: m.Scenario, movers: Movers) -> dict[tuple[str, str], Interval]:
    more_turns = scenario.turns.count > 1
    found = {}
    for role in scenario.roles:
        for res in role.resources:
            key = (role.id, res.id)
            up = key in movers.gains or (more_turns and res.per_turn > 0)
            down = key in movers.losses or (more_turns and res.per_turn < 0)
            found[key] = (res.min if down else res.initial, res.max if up else res.initial)
    return found


def shock_can_fire(env: Env, shock: m.Shock, movers: Movers) -> bool:
    """Whether the shock may fire: scheduled by live content, or its trigger may hold."""
    if shock.id in movers.scheduled:
        return True
    trigger = shock.trigger
    if trigger is None or (trigger.chance is not None and trigger.chance <= 0 and not trigger.guaranteed):
        return False
    if not shock.enabled and shock.id not in movers.enabled:
        return False
    low, high = window(env.scenario, trigger)
    if low > high:
        return False
    return trigger.when is None or may_hold(env.at_turns((low, high)), trigger.when)


def action_blocker(env: Env, action: m.Action, role_id: str) -> str | None:
    """The first part of an action that stops the role ever taking it, by its JSON key; None if none."""
    role = env.scenario.role(role_id)
    if action.cost > role.budget:
        return "cost"
    if action.unlocked_by and not any(shock in env.live_shocks for shock in action.unlocked_by):
        return "unlockedBy"
    if action.requires is not None and not may_hold(env, action.requires):
        return "requires"
    for resource, amount in action.spend:
        if env.resources[(role_id, resource)][1] < amount:
            return f"spend/{resource}"
    return None


def _scores(env: Env) -> dict[str, Interval]:
    return {
        role.id: (0, sum(obj.weight for obj in role.objectives if may_hold(env, obj.condition))) for role in env.scenario.roles
    }


def opening(scenario: m.Scenario) -> Env:
    """The environment before anything happens: the start of the fixpoint."""
    return Env(
        scenario=scenario,
        values={var.id: (var.initial, var.initial) for var in scenario.variables},
        resources={(role.id, res.id): (res.initial, res.initial) for role in scenario.roles for res in role.resources},
        fires={shock.id: (0, 0) for shock in scenario.shocks},
        uses={(role, action.id): (0, 0) for action in scenario.actions for role in action.roles},
        scores={role.id: (0, 0) for role in scenario.roles},
        turn=(1, scenario.turns.count),
        live_shocks=frozenset(),
        live_actions=frozenset(),
    )


def advance(env: Env) -> Env:
    """One round: what the content live in ``env`` can make reachable (never less than before)."""
    scenario = env.scenario
    movers = gather(env)
    live_shocks = env.live_shocks | {shock.id for shock in scenario.shocks if shock_can_fire(env, shock, movers)}
    live_actions = env.live_actions | {
        (role, action.id) for action in scenario.actions for role in action.roles if action_blocker(env, action, role) is None
    }
    count = scenario.turns.count
    values = _values(scenario, movers)
    resources = _resources(scenario, movers)
    return Env(
        scenario=scenario,
        values={key: _hull(env.values[key], value) for key, value in values.items()},
        resources={key: _hull(env.resources[key], value) for key, value in resources.items()},
        fires={shock.id: (0, shock.max_fires if shock.id in live_shocks else 0) for shock in scenario.shocks},
        uses={
            (role, action.id): (0, min(action.limit or count, count) if (role, action.id) in live_actions else 0)
            for action in scenario.actions
            for role in action.roles
        },
        scores={key: _hull(env.scores[key], value) for key, value in _scores(env).items()},
        turn=env.turn,
        live_shocks=live_shocks,
        live_actions=live_actions,
    )


def _hull(a: Interval, b: Interval) -> Interval:
    return min(a[0], b[0]), max(a[1], b[1])


def reachable(scenario: m.Scenario) -> Env:
    """Everything that can happen in the scenario, as the least fixpoint from the opening state."""
    env = opening(scenario)
    while True:
        after = advance(env)
        if after == env:
            return env
        env = after
