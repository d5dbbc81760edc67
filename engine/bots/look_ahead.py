"""The greedy bot as a playout `Chooser`: the same look-ahead, on copies of the working state.

`GreedyPolicy.choose` (the specification) freezes the position, and for every trial order set
thaws it under its imagined seed and resolves it with `step`. Here each trial is a copy of the
playout's working state under the same seed, resolved by the playout cycle (the same turn,
roll for roll), and valued by the objectives' nearness compiled once per role. The arithmetic is
the policy's, in the same order, so the floats and with them the choices are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import assert_never

from engine.bots.policies import fits
from engine.core import model as m
from engine.core.availability import blocker
from engine.core.dice import derive_seed
from engine.core.ranges import comparison_range
from engine.core.rules import Game
from engine.core.view import Facts
from engine.core.work import Work
from engine.playout import Chooser, Playout
from engine.playout.cycle import resolve

Nearness = Callable[[Facts], float]

_EPSILON = 1e-9
"""A trial must beat the best so far by this much, as in `GreedyPolicy.choose`."""


def greedy_chooser(game: Game, role: str) -> Chooser:
    """How `GreedyPolicy` orders for ``role`` in a playout of ``game``."""
    r = game.role_index[role]
    value_of = role_value(game, r)
    joint = game.joint_set
    roles = len(game.role_ids)

    def choose(playout: Playout, options: list[int]) -> tuple[int, ...]:
        plan, work = playout.plan, playout.work
        imagined = work.copy(derive_seed(work.seed, "greedy", role, work.turn))

        def resolved_value(chosen: Sequence[int], joined: Sequence[int]) -> float:
            orders: list[tuple[int, ...] | None] = [() for _ in range(roles)]
            orders[r] = tuple(sorted(chosen))
            for a in joined:
                for other in game.action_roles[a]:
                    if other != r and blocker(game, work, other, a) is None:
                        orders[other] = tuple(sorted({*(orders[other] or ()), a}))
            trial = imagined.copy()
            trial.orders = orders
            resolve(plan, trial)
            return value_of(trial)

        def value(chosen: Sequence[int]) -> float:
            proposals = [a for a in chosen if a in joint]
            if not proposals:
                return resolved_value(chosen, ())
            matched = resolved_value(chosen, proposals)
            alone = resolved_value(chosen, ())
            return (matched + alone) / 2

        chosen: list[int] = []
        best_value = value(chosen)
        while True:
            best: int | None = None
            for a in options:
                if a in chosen or not fits(game, work, r, chosen, a):
                    continue
                trial_value = value([*chosen, a])
                if trial_value > best_value + _EPSILON:
                    best, best_value = a, trial_value
            if best is None:
                break
            chosen.append(best)
        return tuple(sorted(chosen))

    return choose


def role_value(game: Game, r: int) -> Callable[[Work], float]:
    """`objective_value` for role ``r``, compiled: the weighted sum of its objectives' nearness."""
    parts = tuple((objective.weight, nearness_of(game, objective.condition)) for objective in game.scenario.roles[r].objectives)

    def value(work: Work) -> float:
        return sum(weight * nearness(work) for weight, nearness in parts)

    return value


def nearness_of(game: Game, cond: m.Condition) -> Nearness:
    """`nearness` of one condition, compiled: the same numbers, worked out in the same order."""
    match cond:
        case m.VarTest():
            i = game.var_index[cond.var]
            low, high = comparison_range(cond.comparison)
            span = game.var_max[i] - game.var_min[i]
            return lambda w: _closeness(w.values[i], low, high, span)
        case m.ResourceTest():
            rr = game.role_index[cond.role]
            k = game.resource_index[rr][cond.resource]
            low, high = comparison_range(cond.comparison)
            span = game.resource_max[rr][k] - game.resource_min[rr][k]
            return lambda w: _closeness(w.resources[rr][k], low, high, span)
        case m.AllOf():
            parts = tuple(nearness_of(game, item) for item in cond.items)
            count = len(parts)
            return lambda w: sum(part(w) for part in parts) / count
        case m.AnyOf():
            parts = tuple(nearness_of(game, item) for item in cond.items)
            return lambda w: max(part(w) for part in parts)
        case m.InBand() | m.UsesTest() | m.FiredTest() | m.ScoreTest() | m.TurnTest() | m.ActiveTest() | m.ChoseTest() | m.Not():
            holds = game.predicate(cond)
            return lambda w: 1.0 if holds(w) else 0.0
        case _:
            assert_never(cond)


def _closeness(value: int, low: int, high: int, span: int) -> float:
    if low <= value <= high:
        return 1.0
    distance = low - value if value < low else value - high
    return 0.9 * max(0.0, 1.0 - distance / max(span, 1))
