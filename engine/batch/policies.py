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
from engine.batch.dice import rolls
from engine.batch.state import Batch, Bools, Index
from engine.bots.policies import PassivePolicy, Policy, RandomPolicy
from engine.core.dice import key_hash

BATCHED = {RandomPolicy: "random", PassivePolicy: "passive"}
"""The bots the batch plays, by exact type (a subclass may choose otherwise)."""

_NO_LIMIT = np.iinfo(np.int64).max


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
        self.limit = np.asarray([_NO_LIMIT if limit is None else limit for limit in game.action_limit], dtype=np.int64)[:, None]
        cooldown = np.asarray(game.action_cooldown, dtype=np.int64)
        self.cooldown = cooldown[:, None]
        self.any_cooldown = bool(cooldown.any())
        self.affordable = [
            np.asarray([game.action_cost[a] <= game.budgets[r] for a in range(len(game.action_ids))], dtype=np.bool_)[:, None]
            for r in range(len(game.role_ids))
        ]

    def of(self, batch: Batch, idx: Index) -> Bools:
        """``bool[role, action, len(idx)]``: whether the role could order the action now in each game."""
        game = self.game
        actions = len(game.action_ids)
        found = np.zeros((len(game.role_ids), actions, len(idx)), dtype=np.bool_)
        common = np.ones((actions, len(idx)), dtype=np.bool_)
        for a, shocks in enumerate(game.action_unlocked_by):
            if shocks:
                common[a] = (batch.remaining[list(shocks)][:, idx] > 0).any(axis=0)
        for a, requires in enumerate(self.cycle.action_requires):
            if requires is not None:
                common[a] &= requires(batch, idx)
        for r in range(len(game.role_ids)):
            own = list(game.role_actions[r])
            if not own:
                continue
            ok = common & self.affordable[r] & (batch.uses[r][:, idx] < self.limit)
            if self.any_cooldown:
                last = batch.last_used[r][:, idx]
                ok &= ~((last > 0) & (batch.turn <= last + self.cooldown) & (self.cooldown > 0))
            for a in own:
                for k, amount in game.action_spend[(r, a)]:
                    ok[a] &= batch.resources[batch.resource_row[r][k], idx] >= amount
            found[r, own] = ok[own]
        return found


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
        self.any_need = bool(need.any())

    def choose(self, batch: Batch, idx: Index, available: Bools) -> Bools:
        """``bool[own action, len(idx)]``: the actions ordered in each game (``available`` is ``[own action, len(idx)]``)."""
        chosen = np.zeros(available.shape, dtype=np.bool_)
        if self.budget == 0 or not len(self.own):
            return chosen
        count = available.sum(axis=0)
        most = int(count.max()) if len(idx) else 0
        if most == 0:
            return chosen
        perm: npt.NDArray[np.intp] = np.argsort(~available, axis=0, kind="stable")[:most]
        seed_h, turn = batch.seed_h[idx], batch.turn
        for i in range(most - 1, 0, -1):
            cols = np.flatnonzero(count > i)
            if not len(cols):
                continue
            j = (rolls(seed_h[cols], turn, self.key_h, i) * (i + 1)).astype(np.intp)
            at_i = perm[i, cols]
            perm[i, cols] = perm[j, cols]
            perm[j, cols] = at_i
        wanted = 1 + (rolls(seed_h, turn, self.key_h, 0) * self.budget).astype(np.int64)
        taken = np.zeros(len(idx), dtype=np.int64)
        points = np.zeros(len(idx), dtype=np.int64)
        stock = batch.resources[list(batch.resource_row[self.r])][:, idx].T if self.any_need else None
        spent = np.zeros_like(stock) if stock is not None else None
        every = np.arange(len(idx))
        for p in range(most):
            candidate = perm[p]
            ok = (count > p) & (taken < wanted) & (points + self.cost[candidate] <= self.budget)
            if self.any_excludes:
                ok &= ~(chosen.T & self.excludes[candidate]).any(axis=1)
            if stock is not None and spent is not None:
                need = self.need[candidate]
                ok &= ((need == 0) | (spent + need <= stock)).all(axis=1)
                spent[ok] += need[ok]
            chosen[candidate[ok], every[ok]] = True
            taken += ok
            points += np.where(ok, self.cost[candidate], 0)
        return chosen


class Chooser:
    """Every role's bot over a batch: the orders of each game as ``bool[role, action, len(idx)]``."""

    def __init__(self, cycle: Cycle, policies: Mapping[str, Policy]) -> None:
        problem = policy_problem(policies)
        if problem is not None:
            raise ValueError(problem)
        game = cycle.game
        self.random = [
            RandomChooser(cycle, r) if type(policies[role]) is RandomPolicy else None for r, role in enumerate(game.role_ids)
        ]

    def orders(self, batch: Batch, idx: Index, available: Bools) -> Bools:
        orders = np.zeros(available.shape, dtype=np.bool_)
        for r, chooser in enumerate(self.random):
            if chooser is not None:
                orders[r, chooser.own] = chooser.choose(batch, idx, available[r, chooser.own])
        return orders
