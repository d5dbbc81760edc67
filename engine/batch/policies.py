"""Which actions each role may take in each game, and the built-in bots over a batch.

Availability mirrors `engine.core.availability.blocker` (computed once a turn and shared by the
bots and the count of actions ever available); the random bot mirrors
`engine.bots.policies.RandomPolicy` draw for draw: the same shuffle of the same options with the
same keyed dice, then the same greedy fill within budget, resources and exclusions; the greedy
bot is `engine.batch.greedy`'s.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from engine.batch.cycle import Cycle
from engine.batch.greedy import GreedyChooser
from engine.batch.random_bot import RandomChooser
from engine.batch.state import ALL, COUNT, Batch, Bools
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy

BATCHED = {RandomPolicy: "random", PassivePolicy: "passive", GreedyPolicy: "greedy"}
"""The bots the batch plays, by exact type (a subclass may choose otherwise)."""


def policy_problem(policies: Mapping[str, Policy]) -> str | None:
    """Why the batch cannot play these bots, or None when it can."""
    for role, policy in policies.items():
        if type(policy) not in BATCHED:
            return f"the batched engine plays only the random, passive and greedy bots, not {policy.name!r} (for {role})"
    return None


LIMIT = int(np.iinfo(COUNT).max)
"""A limit above every use count (at most 500): larger limits are held as this, to fit the counts' type."""


class Availability:
    """`blocker` for every (role, action) over a set of games, with the static parts precomputed."""

    def __init__(self, cycle: Cycle) -> None:
        game = self.game = cycle.game
        self.cycle = cycle
        self.unlocking = [(a, np.asarray(shocks, dtype=np.intp)) for a, shocks in enumerate(game.action_unlocked_by) if shocks]
        self.requiring = [(a, mask) for a, mask in enumerate(cycle.action_requires) if mask is not None]
        self.roles = [self._role(r) for r in range(len(game.role_ids))]
        self._found = np.zeros((len(game.role_ids), len(game.action_ids), 0), dtype=np.bool_)
        """The last answer's array, reused: each turn writes every role's own rows, and the others stay False."""

    def _role(self, r: int) -> _Role:
        game = self.game
        own = list(game.role_actions[r])
        costly = [a for a in own if game.action_cost[a] > game.budgets[r]]
        limited = [(a, min(game.action_limit[a] or 0, LIMIT)) for a in own if game.action_limit[a] is not None]
        cooling = [(a, game.action_cooldown[a]) for a in own if game.action_cooldown[a]]
        spending = [(a, row, amount) for a in own for row, amount in game.action_spend[(r, a)]]
        return own, np.asarray(costly, dtype=np.intp), limited, cooling, spending

    def of(self, batch: Batch) -> Bools:
        """``bool[role, action, game]``: whether the role could order the action now in each game; what any role
        could order is added to `Batch.available` (the actions ever available).

        Each role's rows are worked on in place, one comparison and one ``&`` a limit, cooldown
        or spending: a gather of every limited row at once, compared and scattered back, cost
        several times more, as did a whole ``[action, game]`` array of what shocks and
        requirements allow (most actions have neither) and an ``any`` over every role's rows.
        """
        found = self._found = _reused(self._found, batch.size)
        gates: dict[int, Bools] = {}
        for a, shocks in self.unlocking:
            gates[a] = np.any(batch.remaining[shocks] > 0, axis=0)
        for a, requires in self.requiring:
            holds = requires(batch, ALL)  # possibly a mask kept for the turn: never changed in place
            gate = gates.get(a)
            gates[a] = holds if gate is None else gate & holds
        turn = batch.turn
        ever = batch.available
        for r, (own, costly, limited, cooling, spending) in enumerate(self.roles):
            rows = found[r]
            for a in own:
                gate = gates.get(a)
                if gate is None:
                    rows[a] = True
                else:
                    rows[a] = gate
            rows[costly] = False
            uses, last_used = batch.uses[r], batch.last_used[r]
            for a, limit in limited:
                np.logical_and(rows[a], uses[a] < limit, out=rows[a])  # a count never passes 500
            for a, cooldown in cooling:
                # never used (0), or used before turn - cooldown (a last use is at least 1)
                np.logical_and(rows[a], last_used[a] < max(turn - cooldown, 1), out=rows[a])
            resource_row = batch.resource_row[r]
            for a, k, amount in spending:
                np.logical_and(rows[a], batch.resources[resource_row[k]] >= amount, out=rows[a])
            for a in own:
                np.logical_or(ever[a], rows[a], out=ever[a])
        return found


_Role = tuple[list[int], npt.NDArray[np.intp], list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int, int]]]
"""A role's own actions, those over its budget, (action, limit), (action, cooldown) and (action, resource, amount spent)."""


def _reused(rows: Bools, games: int) -> Bools:
    """``rows`` again when it has a column per game, else a new ``[role, action, game]`` array of False.

    A 30,000-game batch's is 7.5 MB: zeroing it each turn was a tenth of finding what is
    available; the rows a turn writes are rewritten whole every turn, and no other row ever is.
    """
    if rows.shape[-1] == games:
        return rows
    return np.zeros((*rows.shape[:-1], games), dtype=np.bool_)


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
        self.greedy = [
            GreedyChooser(cycle, r) if type(policies[role]) is GreedyPolicy else None for r, role in enumerate(game.role_ids)
        ]
        self._orders = np.zeros((len(game.role_ids), len(game.action_ids), 0), dtype=np.bool_)
        """The last orders' array, reused: each turn writes every bot's own rows; a passive role's stay False."""

    def orders(self, batch: Batch, available: Bools) -> Bools:
        """``bool[role, action, game]``: each role's orders in each game (the same array each turn, rewritten)."""
        orders = self._orders = _reused(self._orders, batch.size)
        for r, chooser in enumerate(self.random):
            if chooser is not None:
                chooser.choose(batch, available[r], orders[r])
        for r, greedy in enumerate(self.greedy):
            if greedy is not None:
                orders[r, greedy.own] = greedy.choose(batch, available)
        return orders
