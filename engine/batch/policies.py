"""Which actions each role may take in each game, and the random and passive bots over a batch.

Availability mirrors `engine.core.availability.blocker` (computed once a turn and shared by the
bots and the count of actions ever available); the random bot mirrors
`engine.bots.policies.RandomPolicy` draw for draw: the same shuffle of the same options with the
same keyed dice, then the same greedy fill within budget, resources and exclusions.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from engine.batch.cycle import Cycle
from engine.batch.dice import rolls, rolls_by_index
from engine.batch.state import ALL, Batch, Bools, Ints, resource_rows
from engine.bots.policies import PassivePolicy, Policy, RandomPolicy
from engine.core.dice import key_hash

BATCHED = {RandomPolicy: "random", PassivePolicy: "passive"}
"""The bots the batch plays, by exact type (a subclass may choose otherwise)."""


def policy_problem(policies: Mapping[str, Policy]) -> str | None:
    """Why the batch cannot play these bots, or None when it can."""
    for role, policy in policies.items():
        if type(policy) not in BATCHED:
            return f"the batched engine plays only the random and passive bots, not {policy.name!r} (for {role})"
    return None


class Availability:
    """`blocker` for every (role, action) over a set of games, with the static parts precomputed."""

    def __init__(self, cycle: Cycle) -> None:
        game = self.game = cycle.game
        self.cycle = cycle
        self.unlocking = [(a, np.asarray(shocks, dtype=np.intp)) for a, shocks in enumerate(game.action_unlocked_by) if shocks]
        self.requiring = [(a, mask) for a, mask in enumerate(cycle.action_requires) if mask is not None]
        self.roles = [self._role(r) for r in range(len(game.role_ids))]

    def _role(self, r: int) -> tuple[npt.NDArray[np.intp], Bools, _Rows, _Rows, list[tuple[int, int, int]]]:
        game = self.game
        own = list(game.role_actions[r])
        affordable = np.asarray([game.action_cost[a] <= game.budgets[r] for a in own], dtype=np.bool_)[:, None]
        limited = [(n, a, game.action_limit[a] or 0) for n, a in enumerate(own) if game.action_limit[a] is not None]
        cooling = [(n, a, game.action_cooldown[a]) for n, a in enumerate(own) if game.action_cooldown[a]]
        spending = [(n, row, amount) for n, a in enumerate(own) for row, amount in game.action_spend[(r, a)]]
        return np.asarray(own, dtype=np.intp), affordable, _rows(limited), _rows(cooling), spending

    def of(self, batch: Batch) -> Bools:
        """``bool[role, action, game]``: whether the role could order the action now in each game."""
        game = self.game
        found = np.zeros((len(game.role_ids), len(game.action_ids), batch.size), dtype=np.bool_)
        common = np.ones((len(game.action_ids), batch.size), dtype=np.bool_)
        for a, shocks in self.unlocking:
            common[a] = (batch.remaining[shocks] > 0).any(axis=0)
        for a, requires in self.requiring:
            common[a] &= requires(batch, ALL)
        for r, (own, affordable, limited, cooling, spending) in enumerate(self.roles):
            if not len(own):
                continue
            ok = common[own] & affordable
            positions, actions, limits = limited
            if len(positions):
                ok[positions] &= batch.uses[r][actions] < limits
            positions, actions, cooldowns = cooling
            if len(positions):
                last = batch.last_used[r][actions]
                ok[positions] &= (last == 0) | (batch.turn > last + cooldowns)
            rows = batch.resource_row[r]
            for n, k, amount in spending:
                ok[n] &= batch.resources[rows[k]] >= amount
            found[r, own] = ok
        return found


_Rows = tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.int64]]


def _rows(items: list[tuple[int, int, int]]) -> _Rows:
    """(position among the role's actions, action, bound) lists as three arrays, bounds as a column."""
    return (
        np.asarray([n for n, _, _ in items], dtype=np.intp),
        np.asarray([a for _, a, _ in items], dtype=np.intp),
        np.asarray([bound for _, _, bound in items], dtype=np.int64).reshape(-1, 1),
    )


class RandomChooser:
    """`RandomPolicy.choose` for one role over a set of games."""

    def __init__(self, cycle: Cycle, r: int) -> None:
        game = cycle.game
        self.r = r
        self.own = own = list(game.role_actions[r])
        self.budget = game.budgets[r]
        self.key_h = key_hash(f"policy:random:{game.role_ids[r]}")
        self.cost = np.asarray([game.action_cost[a] for a in own], dtype=np.int64)
        excludes = game.action_excludes
        self.excludes = np.asarray([[b in excludes[a] or a in excludes[b] for b in own] for a in own], dtype=np.bool_)
        self.any_excludes = bool(self.excludes.any())
        resources = len(game.resource_ids[r])
        need = np.zeros((len(own), resources), dtype=np.int64)
        for n, a in enumerate(own):
            for k, amount in game.action_spend[(r, a)]:
                need[n, k] += amount
        self.need = need
        self.rows = np.asarray(resource_rows(game)[r], dtype=np.intp)
        self.any_need = bool(need.any())

    def choose(self, batch: Batch, available: Bools) -> Bools:
        """``bool[own action, game]``: the actions ordered in each game (``available`` is ``[own action, game]``)."""
        chosen = np.zeros(available.shape, dtype=np.bool_)
        count = np.count_nonzero(available, axis=0)
        most = int(count.max()) if batch.size else 0
        if self.budget == 0 or most == 0:
            return chosen
        # each game's options in the scalar bot's order (ascending), one row per game, then shuffled as it shuffles them
        games, actions = np.nonzero(np.ascontiguousarray(available.T))
        perm = np.zeros((batch.size, most), dtype=np.intp)
        perm[games, np.arange(len(games)) - np.repeat(np.cumsum(count) - count, count)] = actions
        flat = perm.reshape(-1)
        seed_h, turn = batch.seed_h, batch.turn
        if most > 1:
            by_count = np.argsort(-count, kind="stable")
            longer = (batch.size - np.cumsum(np.bincount(count, minlength=most + 1))).tolist()
            shuffled = by_count[: longer[1]]
            draws = rolls_by_index(seed_h[shuffled], turn, self.key_h, range(most))
            draws *= np.arange(1, most + 1, dtype=np.float64)[:, None]
            swaps = draws.astype(np.intp)
            rows = shuffled * most
            for i in range(most - 1, 0, -1):
                base = rows[: longer[i]]
                at_i = base + i
                at_j = base + swaps[i, : longer[i]]
                moved = flat[at_i]
                flat[at_i] = flat[at_j]
                flat[at_j] = moved
        wanted = 1 + (rolls(seed_h, turn, self.key_h, 0) * self.budget).astype(np.int64)
        self._fill(batch, chosen, perm, count=count, wanted=wanted)
        return chosen

    def _fill(self, batch: Batch, chosen: Bools, perm: npt.NDArray[np.intp], *, count: Ints, wanted: Ints) -> None:
        """Take each game's shuffled options in turn while they fit, up to the number it wants."""
        taken = np.zeros(batch.size, dtype=np.int64)
        points = np.zeros(batch.size, dtype=np.int64)
        excluded = np.zeros(chosen.T.shape, dtype=np.bool_) if self.any_excludes else None
        stock = batch.resources[self.rows].T if self.any_need else None
        spent = np.zeros_like(stock) if stock is not None else None
        choosing = np.flatnonzero(count > 0)
        for p in range(perm.shape[1]):
            choosing = choosing[count[choosing] > p]
            if not len(choosing):
                return
            candidate = perm[choosing, p]
            ok = points[choosing] + self.cost[candidate] <= self.budget
            if excluded is not None:
                ok &= ~excluded[choosing, candidate]
            if stock is not None and spent is not None:
                need = self.need[candidate]
                ok &= ((need == 0) | (spent[choosing] + need <= stock[choosing])).all(axis=1)
            games, candidate = choosing[ok], candidate[ok]
            chosen[candidate, games] = True
            taken[games] += 1
            points[games] += self.cost[candidate]
            if excluded is not None:
                excluded[games] |= self.excludes[candidate]
            if spent is not None:
                spent[games] += self.need[candidate]
            choosing = choosing[taken[choosing] < wanted[choosing]]


class Chooser:
    """Every role's bot over a batch: the orders of each game as ``bool[role, action, game]``."""

    def __init__(self, cycle: Cycle, policies: Mapping[str, Policy]) -> None:
        problem = policy_problem(policies)
        if problem is not None:
            raise ValueError(problem)
        game = cycle.game
        self.random = [
            RandomChooser(cycle, r) if type(policies[role]) is RandomPolicy else None for r, role in enumerate(game.role_ids)
        ]

    def orders(self, batch: Batch, available: Bools) -> Bools:
        orders = np.zeros(available.shape, dtype=np.bool_)
        for r, chooser in enumerate(self.random):
            if chooser is not None:
                orders[r, chooser.own] = chooser.choose(batch, available[r, chooser.own])
        return orders
