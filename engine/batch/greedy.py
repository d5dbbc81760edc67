"""The greedy bot over a batch: `engine.bots.policies.GreedyPolicy.choose` for every game, trial for trial.

The scalar bot adds actions one at a time: each round it values every option that still fits
(the orders so far plus that option, resolved under its imagined seed), takes the first that
beats the best so far by more than 1e-9, and stops when none does. Here each round expands the
batch over candidate orders: one trial column per (game, option), two for orders proposing a
joint action (the other side taking it up, and not), resolved together by `engine.batch.trials`.
The options are scanned in the scalar order with the same comparison, so every game chooses
exactly what the scalar bot chooses there.
"""

from __future__ import annotations

import attrs
import numpy as np

from engine.batch.cycle import Cycle
from engine.batch.dice import Seeds, mix, seed_hashes
from engine.batch.state import Batch, Bools, Subset, resource_rows
from engine.batch.trials import Floats, RoleValue, expand, resolve_trials, uses_read
from engine.core.dice import key_hash

TRIALS = 65_536
"""Trial columns resolved at once: a trial turn is some hundreds of numpy calls, so the more columns each
call covers the better (measured on the default: 16,384 about 8% slower), within about 50 MB of copies."""

_EPSILON = 1e-9
_SEED_BITS = np.uint64((1 << 63) - 1)


@attrs.frozen
class _Turn:
    """The games in play this turn (their columns), their imagined seeds, and what every role may order."""

    batch: Batch
    live: Subset
    imagined: Seeds
    available: Bools


class GreedyChooser:
    """`GreedyPolicy.choose` for one role over the games of a batch still in play."""

    def __init__(self, cycle: Cycle, r: int) -> None:
        game = cycle.game
        self.cycle = cycle
        self.r = r
        self.role = game.role_ids[r]
        self.own = own = list(game.role_actions[r])
        self.budget = game.budgets[r]
        self.cost = np.asarray([game.action_cost[a] for a in own], dtype=np.int64)
        excludes = game.action_excludes
        pairs = [[b in excludes[a] or a in excludes[b] for b in own] for a in own]
        self.excluded_by = tuple((n, np.flatnonzero(row)) for n, row in enumerate(pairs) if any(row))
        rows = resource_rows(game)[r]
        need = np.zeros((len(own), len(rows)), dtype=np.int64)
        self.spends: list[tuple[int, int, int]] = []
        """(position among own actions, resource, amount): each entry `fits` checks."""
        for n, a in enumerate(own):
            for k, amount in game.action_spend[(r, a)]:
                need[n, k] += amount
                self.spends.append((n, k, amount))
        self.need = need
        self.rows = rows
        self.joint = np.asarray([a in game.joint_set for a in own], dtype=np.bool_)
        self.partners = [
            (n, a, [other for other in game.action_roles[a] if other != r]) for n, a in enumerate(own) if self.joint[n]
        ]
        self.value = RoleValue(cycle.conditions, r)
        self.uses = uses_read(game.scenario)

    def choose(self, batch: Batch, available: Bools) -> Bools:
        """``bool[own action, game]``: the orders of every game in play (``available`` is ``[role, action, game]``)."""
        chosen = np.zeros((len(self.own), batch.size), dtype=np.bool_)
        live = np.flatnonzero(~batch.ended)
        if not len(live) or not self.own:
            return chosen
        key = np.uint64(key_hash(f"greedy:{self.role}:{batch.turn}"))
        turn = _Turn(batch, live, seed_hashes(mix(batch.seed_h[live] ^ key) & _SEED_BITS), available)
        options = available[self.r][self.own][:, live]
        mine = np.zeros((len(self.own), len(live)), dtype=np.bool_)
        games = np.arange(len(live))
        best = self._values(turn, mine, games)
        while len(games):
            picked = mine[:, games]
            candidates = options[:, games] & ~picked & self._fits(batch, live[games], picked)
            where, slots = np.nonzero(candidates.T)  # by game: each game's copies side by side
            trial_orders = picked[:, where]
            trial_orders[slots, np.arange(len(slots))] = True
            values = np.full(candidates.shape, -np.inf)
            values[slots, where] = self._values(turn, trial_orders, games[where])
            top = best[games]
            pick = np.full(len(games), -1, dtype=np.intp)
            for n in range(len(self.own)):
                better = candidates[n] & (values[n] > top + _EPSILON)
                top = np.where(better, values[n], top)
                pick[better] = n
            adding = pick >= 0
            best[games] = top
            mine[pick[adding], games[adding]] = True
            games = games[adding]
        chosen[:, live] = mine
        return chosen

    def _fits(self, batch: Batch, columns: Subset, picked: Bools) -> Bools:
        """`fits` for every own action (rows) in every game (``picked``: the orders so far, ``[own, game]``)."""
        spent = picked.astype(np.int64)
        points = (self.cost[:, None] * spent).sum(axis=0)
        ok: Bools = (points[None, :] + self.cost[:, None]) <= self.budget
        for n, others in self.excluded_by:
            ok[n] &= ~picked[others].any(axis=0)
        for n, k, amount in self.spends:
            so_far = (self.need[:, k, None] * spent).sum(axis=0)
            ok[n] &= amount + so_far <= batch.resources[self.rows[k], columns]
        return ok

    def _values(self, turn: _Turn, orders: Bools, games: Subset) -> Floats:
        """The value of each order set (``orders[:, t]`` for game ``games[t]``), as `GreedyPolicy.value`."""
        alone = self._trials(turn, orders, games, joined=False)
        proposing = np.flatnonzero((orders & self.joint[:, None]).any(axis=0))
        if not len(proposing):
            return alone
        matched = self._trials(turn, orders[:, proposing], games[proposing], joined=True)
        found = alone.copy()
        found[proposing] = (matched + alone[proposing]) / 2
        return found

    def _trials(self, turn: _Turn, orders: Bools, games: Subset, *, joined: bool) -> Floats:
        """Resolve each order set in a copy of its game (the other side joining its joint proposals when ``joined``)."""
        game = self.cycle.game
        found = np.empty(len(games), dtype=np.float64)
        for start in range(0, len(games), TRIALS):
            part = slice(start, start + TRIALS)
            here = games[part]
            columns = turn.live[here]
            trial = expand(turn.batch, columns, turn.imagined[here], self.uses, records=self.cycle.scores_read)
            full = np.zeros((len(game.role_ids), len(game.action_ids), len(here)), dtype=np.bool_)
            mine = orders[:, part]
            full[self.r, self.own] = mine
            if joined:
                for n, a, others in self.partners:
                    for other in others:
                        full[other, a] |= mine[n] & turn.available[other, a, columns]
            found[part] = resolve_trials(self.cycle, trial, full, self.value)
        return found
