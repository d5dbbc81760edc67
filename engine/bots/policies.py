"""Bots: policies that choose a role's orders. They play in `simulate` and as teams in the TUI.

A policy reads the state through a `View` and returns action ids; it draws its own dice from the
game's seed (keyed by turn and role), so a bot's choices are as reproducible as the game. The
greedy bot never sees the real dice: it imagines the turn under a seed of its own. Bots are
found by name in `engine.bots.registry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, assert_never

from engine.core import model as m
from engine.core.availability import available_actions, blocker
from engine.core.commands import Resolve
from engine.core.dice import derive_seed, key_hash, seed_hash, shuffle
from engine.core.ranges import comparison_range
from engine.core.refusals import CommandRefused
from engine.core.rules import Game
from engine.core.state import State, with_orders
from engine.core.step import step, with_seed
from engine.core.view import Facts, View


class Policy(Protocol):
    """Chooses a role's orders for the current turn."""

    name: str
    description: str

    def choose(self, view: View, role: str) -> tuple[str, ...]:
        """The action ids this role orders now; always a set the engine accepts."""
        ...


def fits(game: Game, work: Facts, r: int, chosen: Sequence[int], candidate: int) -> bool:
    """Whether adding an action keeps the orders within budget, resources and exclusions."""
    points = game.action_cost[candidate] + sum(game.action_cost[a] for a in chosen)
    if points > work.points[r]:
        return False
    excludes = game.action_excludes
    if any(candidate in excludes[a] or a in excludes[candidate] for a in chosen):
        return False
    spend = game.action_spend
    for k, amount in spend[(r, candidate)]:
        total = amount + sum(x for a in chosen for kk, x in spend[(r, a)] if kk == k)
        if total > work.resources[r][k]:
            return False
    return True


class PassivePolicy:
    """Takes no action: the baseline that shows what the scenario does on its own."""

    name = "passive"
    description = "takes no action (a baseline)"

    def choose(self, view: View, role: str) -> tuple[str, ...]:
        return ()


class RandomPolicy:
    """Picks a random number of actions (1 to the budget) at random among those it can take."""

    name = "random"
    description = "a random number of random available actions"

    def choose(self, view: View, role: str) -> tuple[str, ...]:
        game = view.game
        r = game.role_index[role]
        options = available_actions(game, view, r)
        chosen = random_orders(game, view, r, options, seed_h=seed_hash(view.seed), key_h=random_key(role))
        return tuple(game.action_ids[a] for a in chosen)


def random_key(role: str) -> int:
    """The hash of the random bot's dice key for a role (computed once per role by playouts)."""
    return key_hash(f"policy:random:{role}")


def random_orders(game: Game, facts: Facts, r: int, options: list[int], *, seed_h: int, key_h: int) -> tuple[int, ...]:
    """The random bot's orders (positions, sorted) among ``options``, which it shuffles in place.

    One draw per position shuffles the options (Fisher-Yates from the end); draw 0 says how many
    actions it wants; it takes the first ones that fit together.
    """
    if not options or facts.points[r] == 0:
        return ()
    return random_pick(game, facts, r, options, shuffle(seed_h, facts.turn, key_h, options))


def random_pick(game: Game, facts: Facts, r: int, shuffled: list[int], first: float) -> tuple[int, ...]:
    """`random_orders` once the options are shuffled (and some, with points to spend): ``first``
    is draw 0. Playouts shuffle with the draws of all the random bots' roles made at once."""
    budget = facts.points[r]
    wanted = 1 + int(first * budget)
    # `fits` with running totals: points and each resource spent so far
    costs, conflicts, spends, stocks = game.action_cost, game.action_conflicts, game.role_spend[r], facts.resources[r]
    chosen: list[int] = []
    points = 0
    spent: list[int] | None = None
    for a in shuffled:
        cost = costs[a]
        if points + cost > budget:
            continue
        if chosen and not conflicts[a].isdisjoint(chosen):
            continue
        spend = spends[a]
        if spend:
            if spent is None:
                spent = [0] * len(stocks)
            if any(spent[k] + amount > stocks[k] for k, amount in spend):
                continue
            for k, amount in spend:
                spent[k] += amount
        chosen.append(a)
        if len(chosen) >= wanted:
            break
        points += cost
    chosen.sort()
    return tuple(chosen)


class GreedyPolicy:
    """Looks one turn ahead: adds the action that most improves its role's objectives, repeatedly.

    It imagines the turn with dice of its own (it cannot see the game's), assumes the other
    side does nothing but may take up a joint action it proposes, and scores the result by how
    nearly each objective is met, weighted.
    """

    name = "greedy"
    description = "looks one turn ahead for its role's objectives"

    def choose(self, view: View, role: str) -> tuple[str, ...]:
        game, state, work = view.game, view.state, view
        r = game.role_index[role]
        options = available_actions(game, work, r)
        imagined = with_seed(state, derive_seed(state.seed, "greedy", role, state.turn))
        chosen: list[int] = []
        best_value = self.value(game, imagined, r, chosen)
        while True:
            best: int | None = None
            for a in options:
                if a in chosen or not fits(game, work, r, chosen, a):
                    continue
                value = self.value(game, imagined, r, [*chosen, a])
                if value > best_value + 1e-9:
                    best, best_value = a, value
            if best is None:
                break
            chosen.append(best)
        return tuple(game.action_ids[a] for a in sorted(chosen))

    def value(self, game: Game, state: State, r: int, chosen: Sequence[int]) -> float:
        """How well the role's objectives stand after resolving these orders.

        A proposed joint action may or may not be taken up by the other side, so it is valued
        as the average of both cases.
        """
        proposals = [a for a in chosen if a in game.joint_actions]
        if not proposals:
            return self._resolve_value(game, state, r, chosen, ())
        matched = self._resolve_value(game, state, r, chosen, proposals)
        alone = self._resolve_value(game, state, r, chosen, ())
        return (matched + alone) / 2

    def _resolve_value(self, game: Game, state: State, r: int, chosen: Sequence[int], joined: Sequence[int]) -> float:
        orders: list[tuple[int, ...] | None] = [() for _ in game.role_ids]
        orders[r] = tuple(sorted(chosen))
        view = View(game, state)
        for a in joined:
            for other in game.action_roles[a]:
                if other != r and blocker(game, view, other, a) is None:
                    orders[other] = tuple(sorted({*(orders[other] or ()), a}))
        trial = with_orders(state, tuple(orders))
        try:
            after, _ = step(game, trial, Resolve(), record=False)
        except CommandRefused:
            return float("-inf")
        return objective_value(game, after, r)


def objective_value(game: Game, state: State, r: int) -> float:
    """Weighted sum over a role's objectives of how nearly each is met (1 when met)."""
    work = View(game, state)
    role = game.scenario.roles[r]
    return sum(objective.weight * nearness(game, work, objective.condition) for objective in role.objectives)


def nearness(game: Game, work: Facts, cond: m.Condition) -> float:
    """1 when a condition holds; otherwise up to 0.9 the closer its numbers are to holding."""
    match cond:
        case m.VarTest():
            i = game.var_index[cond.var]
            return _closeness(work.values[i], comparison_range(cond.comparison), game.var_max[i] - game.var_min[i])
        case m.ResourceTest():
            rr = game.role_index[cond.role]
            k = game.resource_index[rr][cond.resource]
            span = game.resource_max[rr][k] - game.resource_min[rr][k]
            return _closeness(work.resources[rr][k], comparison_range(cond.comparison), span)
        case m.AllOf():
            return sum(nearness(game, work, item) for item in cond.items) / len(cond.items)
        case m.AnyOf():
            return max(nearness(game, work, item) for item in cond.items)
        case m.InBand() | m.UsesTest() | m.FiredTest() | m.ScoreTest() | m.TurnTest() | m.ActiveTest() | m.ChoseTest() | m.Not():
            # not measured: these count as all or nothing
            return 1.0 if game.predicate(cond)(work) else 0.0
        case _:
            assert_never(cond)


def _closeness(value: int, bounds: tuple[int, int], span: int) -> float:
    low, high = bounds
    if low <= value <= high:
        return 1.0
    distance = low - value if value < low else value - high
    return 0.9 * max(0.0, 1.0 - distance / max(span, 1))
