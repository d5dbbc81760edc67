"""Interval reasoning over conditions: can a condition ever hold, can it ever fail, and why not.

An `Env` over-approximates everything a condition can read in any game (each quantity as the
interval it can reach, and the content that can happen at all). "Cannot hold" is then a proof;
"may hold" is only a possibility. Lint never reports something dead on a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import assert_never

import attrs

from engine.core import model as m
from engine.core.explain import describe
from engine.core.ranges import band_range, comparison_range

Interval = tuple[int, int]


@attrs.frozen
class Env:
    """The reachable ranges of every quantity conditions read, and what can happen at all."""

    scenario: m.Scenario
    values: Mapping[str, Interval]
    resources: Mapping[tuple[str, str], Interval]
    """(role, resource) -> stock range."""
    fires: Mapping[str, Interval]
    uses: Mapping[tuple[str, str], Interval]
    """(role, action) -> how many times it can have been taken."""
    scores: Mapping[str, Interval]
    turn: Interval
    live_shocks: frozenset[str]
    live_actions: frozenset[tuple[str, str]]
    """(role, action) pairs the role can take at some point."""

    def at_turns(self, turn: Interval) -> Env:
        """The same ranges, read at the given turns only."""
        return attrs.evolve(self, turn=turn)


def _overlaps(a: Interval, b: Interval) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def _inside(a: Interval, b: Interval) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _uses(env: Env, cond: m.UsesTest) -> Interval:
    roles = [cond.role] if cond.role is not None else [role.id for role in env.scenario.roles]
    ranges = [env.uses.get((role, cond.action), (0, 0)) for role in roles]
    return sum(low for low, _ in ranges), sum(high for _, high in ranges)


NumberTest = m.VarTest | m.InBand | m.ResourceTest | m.UsesTest | m.FiredTest | m.ScoreTest | m.TurnTest
"""The conditions that test one number: a variable, a stock, a count, a score or the turn."""


def number_ranges(env: Env, cond: NumberTest) -> tuple[Interval, Interval]:
    """For a test of a number: (the range the number can reach, the range the test wants)."""
    match cond:
        case m.VarTest():
            return env.values[cond.var], comparison_range(cond.comparison)
        case m.InBand():
            return env.values[cond.var], band_range(env.scenario.variable(cond.var), cond.band)
        case m.ResourceTest():
            return env.resources[(cond.role, cond.resource)], comparison_range(cond.comparison)
        case m.UsesTest():
            return _uses(env, cond), comparison_range(cond.comparison)
        case m.FiredTest():
            return env.fires[cond.shock], comparison_range(cond.comparison)
        case m.ScoreTest():
            return env.scores[cond.role], comparison_range(cond.comparison)
        case m.TurnTest():
            return env.turn, comparison_range(cond.comparison)
        case _:
            assert_never(cond)


def chose_matches(env: Env, cond: m.ChoseTest) -> list[tuple[str, str]]:
    """The (role, action) pairs that can happen and would make a `chose` test hold."""
    found = []
    for action in env.scenario.actions:
        if cond.action is not None and action.id != cond.action:
            continue
        if cond.tag is not None and cond.tag not in action.tags:
            continue
        for role in action.roles:
            wanted = role in cond.roles if cond.roles else cond.role is None or role == cond.role
            if wanted and (role, action.id) in env.live_actions:
                found.append((role, action.id))
    if cond.roles and {role for role, _ in found} != set(cond.roles):
        return []  # a joint choice needs every one of its roles able to make it
    return found


def may_hold(env: Env, cond: m.Condition) -> bool:
    """False only when the condition can be shown never to hold."""
    match cond:
        case m.VarTest() | m.InBand() | m.ResourceTest() | m.UsesTest() | m.FiredTest() | m.ScoreTest() | m.TurnTest():
            return _overlaps(*number_ranges(env, cond))
        case m.ActiveTest():
            return cond.shock in env.live_shocks
        case m.ChoseTest():
            return bool(chose_matches(env, cond))
        case m.AllOf():
            return all(may_hold(env, item) for item in cond.items)
        case m.AnyOf():
            return any(may_hold(env, item) for item in cond.items)
        case m.Not():
            return may_fail(env, cond.item)
        case _:
            assert_never(cond)


def may_fail(env: Env, cond: m.Condition) -> bool:
    """False only when the condition can be shown always to hold."""
    match cond:
        case m.VarTest() | m.InBand() | m.ResourceTest() | m.UsesTest() | m.FiredTest() | m.ScoreTest() | m.TurnTest():
            return not _inside(*number_ranges(env, cond))
        case m.ActiveTest() | m.ChoseTest():
            return True
        case m.AllOf():
            return any(may_fail(env, item) for item in cond.items)
        case m.AnyOf():
            return all(may_fail(env, item) for item in cond.items)
        case m.Not():
            return may_hold(env, cond.item)
        case _:
            assert_never(cond)


def _span(low: int, high: int) -> str:
    return f"only be {low}" if low == high else f"only be from {low} to {high}"


def _times(count: int) -> str:
    return "never" if count == 0 else "at most once" if count == 1 else f"at most {count} times"


def _number_reason(env: Env, cond: NumberTest, reach: Interval) -> str:
    scenario = env.scenario
    low, high = reach
    match cond:
        case m.VarTest() | m.InBand():
            var = scenario.variable(cond.var)
            moves = []
            if high < var.max:
                moves.append(f"nothing that can happen raises it above {high}")
            if low > var.min:
                moves.append(f"nothing that can happen lowers it below {low}")
            how = f" (it starts at {var.initial}; {' and '.join(moves)})" if moves else ""
            return f"{var.label} can {_span(low, high)}{how}"
        case m.ResourceTest():
            role = scenario.role(cond.role)
            resource = role.resource(cond.resource)
            return f"{role.name}'s {resource.label} can {_span(low, high)}"
        case m.UsesTest():
            return f"{scenario.action(cond.action).label} can be taken {_times(high)}"
        case m.FiredTest():
            return f"{scenario.shock(cond.shock).title} can happen {_times(high)}"
        case m.ScoreTest():
            return f"{scenario.role(cond.role).name}'s score can {_span(low, high)}"
        case m.TurnTest():
            return f"the {scenario.turns.word} number there is {_span(low, high)}"
        case _:
            assert_never(cond)


def why_never(env: Env, cond: m.Condition) -> str:
    """Why a condition that cannot hold never does, in plain words."""
    scenario = env.scenario
    match cond:
        case m.VarTest() | m.InBand() | m.ResourceTest() | m.UsesTest() | m.FiredTest() | m.ScoreTest() | m.TurnTest():
            reach, _ = number_ranges(env, cond)
            return f"it needs {describe(scenario, cond)}, but {_number_reason(env, cond, reach)}"
        case m.ActiveTest():
            return f"it needs {scenario.shock(cond.shock).title} in progress, and that shock never fires"
        case m.ChoseTest():
            if cond.tag is not None and not any(cond.tag in action.tags for action in scenario.actions):
                return f"it needs a team to choose a {cond.tag!r} action, and no action has that tag"
            return f"it needs {describe(scenario, cond)}, and no team can ever take such an action"
        case m.AllOf():
            failing = next(item for item in cond.items if not may_hold(env, item))
            return why_never(env, failing)
        case m.AnyOf():
            return "; and ".join(why_never(env, item) for item in cond.items)
        case m.Not():
            return f"it needs ({describe(scenario, cond.item)}) to fail, and that always holds"
        case _:
            assert_never(cond)
