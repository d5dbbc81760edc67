"""Free actions: nothing a team gives up by taking them every turn.

An action is free for a role when it spends none of the role's resources, has no cooldown and no
use limit, and nothing it does (its effects, its unmatched effects, and the shocks it schedules or
enables, through every branch) moves a quantity against one of that role's own objectives or
lowers one of its resources. One that answers shocks once each (they open it for one turn in all,
or it ends every shock that unlocks it) cannot be taken every turn, and is not reported. Its action points are not
counted: every action draws on the same budget, so they buy a choice but make no action a dilemma.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import assert_never

from engine.core import model as m
from engine.lint.findings import Finding
from engine.lint.reach import LeafEffect, all_effects, shock_set_off

Key = tuple[str, ...]
"""A quantity an objective reads: ("var", id), ("res", role, id), ("uses", action, role) or ("chose", role, action, tag)."""

UP, DOWN = 1, -1


def _directions(comparison: m.Comparison, negated: bool) -> set[int]:
    """The moves of a quantity that can turn a comparison from holding to failing."""
    up = comparison.at_most is not None or comparison.below is not None or comparison.equals is not None
    down = comparison.at_least is not None or comparison.above is not None or comparison.equals is not None
    if negated:
        up, down = down or comparison.equals is not None, up or comparison.equals is not None
    return {d for d, harmful in ((UP, up), (DOWN, down)) if harmful}


def harmful_moves(cond: m.Condition, negated: bool = False) -> Iterator[tuple[Key, int]]:
    """The (quantity, direction) moves that can make a condition fail, for a team that wants it to hold."""
    match cond:
        case m.VarTest():
            yield from ((("var", cond.var), d) for d in _directions(cond.comparison, negated))
        case m.InBand():
            yield from ((("var", cond.var), d) for d in (UP, DOWN))
        case m.ResourceTest():
            yield from ((("res", cond.role, cond.resource), d) for d in _directions(cond.comparison, negated))
        case m.UsesTest():
            yield from ((("uses", cond.action, cond.role or ""), d) for d in _directions(cond.comparison, negated))
        case m.ChoseTest():
            if negated:
                yield ("chose", cond.role or "", cond.action or "", cond.tag or ""), UP
        case m.AllOf() | m.AnyOf():
            for item in cond.items:
                yield from harmful_moves(item, negated)
        case m.Not():
            yield from harmful_moves(cond.item, not negated)
        case m.FiredTest() | m.ScoreTest() | m.TurnTest() | m.ActiveTest():
            pass  # no effect of an action moves these directly
        case _:
            assert_never(cond)


def _effect_moves(effect: LeafEffect) -> Iterator[tuple[Key, int]]:
    match effect:
        case m.Add():
            for var, amount in effect.changes:
                yield ("var", var), UP if amount > 0 else DOWN
        case m.SetTo():
            for var, _ in effect.values:
                yield from ((("var", var), d) for d in (UP, DOWN))
        case m.Drift():
            yield from ((("var", effect.var), d) for d in (UP, DOWN))
        case m.Gain():
            yield ("res", effect.role, effect.resource), UP if effect.amount > 0 else DOWN
        case m.Schedule() | m.Enable() | m.Disable() | m.EndShock() | m.Say():
            pass
        case _:
            assert_never(effect)


def action_leaves(scenario: m.Scenario, action: m.Action) -> list[LeafEffect]:
    """Every effect the action can bring about, with those of the shocks it schedules or enables."""
    found: list[LeafEffect] = []
    seen: set[str] = set()
    pending: list[Sequence[m.Effect]] = [action.effects + action.unmatched]
    while pending:
        for effect in all_effects(pending.pop()):
            found.append(effect)
            target = shock_set_off(effect)
            if target is not None and target not in seen:
                seen.add(target)
                shock = scenario.shock(target)
                pending.append(shock.effects + shock.ongoing + shock.on_expire)
                for follow in shock.follow_ups:
                    if follow.shock not in seen:
                        seen.add(follow.shock)
                        later = scenario.shock(follow.shock)
                        pending.append(later.effects + later.ongoing + later.on_expire)
    return found


def _own_moves(action: m.Action, role: str) -> Iterator[tuple[Key, int]]:
    """What taking the action moves for the role that takes it: its own use count and choice."""
    for who in ("", role):
        yield ("uses", action.id, who), UP
        for tag in ("", *action.tags):
            yield ("chose", who, action.id, tag), UP
            yield ("chose", who, "", tag), UP


def downside(action: m.Action, role: m.Role, leaves: list[LeafEffect]) -> bool:
    """Whether taking the action costs the role a resource or moves something against its objectives."""
    harmful = {move for objective in role.objectives for move in harmful_moves(objective.condition)}
    for effect in leaves:
        if isinstance(effect, m.Gain) and effect.role == role.id and effect.amount < 0:
            return True
        if any(move in harmful for move in _effect_moves(effect)):
            return True
    return any(move in harmful for move in _own_moves(action, role.id))


def _once_per_opening(scenario: m.Scenario, action: m.Action, leaves: list[LeafEffect]) -> bool:
    """Whether the action answers shocks, once each: they open it for one turn in all, or it ends them."""
    if not action.unlocked_by:
        return False
    ended = {effect.shock for effect in leaves if isinstance(effect, m.EndShock)}
    shocks = [scenario.shock(shock) for shock in action.unlocked_by]
    return set(action.unlocked_by) <= ended or sum(shock.duration * shock.max_fires for shock in shocks) <= 1


def free_actions(scenario: m.Scenario) -> Iterator[Finding]:
    """Actions with no cost, cooldown or limit and nothing against the taker's own objectives (a team's: an
    actor has no objectives, and the white cell chooses its moves for the exercise, not to score)."""
    for a, action in enumerate(scenario.actions):
        if action.spend or action.cooldown > 0 or action.limit is not None:
            continue
        leaves = action_leaves(scenario, action)
        if _once_per_opening(scenario, action, leaves):
            continue
        free = [role for role in map(scenario.role, action.roles) if not role.is_actor and not downside(action, role, leaves)]
        if not free:
            continue
        names = " and ".join(role.name for role in free)
        yield Finding(
            f"/actions/{a}/id",
            "lint-free-action",
            f"{action.label} costs {names} nothing: it spends no resource, has no cooldown or use limit, and nothing it "
            f"does works against {'their' if len(free) > 1 else 'its'} own objectives, so taking it every turn gives up nothing",
        )
