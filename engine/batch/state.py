"""B games held as arrays shaped ``[thing, game]``, with the turn one number for the whole batch.

Every live game of a batch is at the same turn, so the turn is a scalar; a game that ends keeps
its arrays as they were and leaves the live index set. A game's schedule queue is kept by due
turn as layers of shock indexes (-1 for none): a game's items due in one turn sit in the first
layers in the order they were scheduled, which is the order the scalar engine fires them in.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.batch.dice import Seeds, seed_hashes
from engine.core.rules import Game

Index = npt.NDArray[np.intp]
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

NO_SHOCK = -1


def resource_rows(game: Game) -> tuple[tuple[int, ...], ...]:
    """Per role, the rows of its resources in `Batch.resources` (every role's, one after another)."""
    rows: list[tuple[int, ...]] = []
    start = 0
    for ids in game.resource_ids:
        rows.append(tuple(range(start, start + len(ids))))
        start += len(ids)
    return tuple(rows)


class Batch:
    """The mutable state of B games of one scenario, and how each ended."""

    def __init__(self, game: Game, seeds: npt.ArrayLike) -> None:
        scenario = game.scenario
        self.game = game
        self.seeds = np.asarray(seeds, dtype=np.uint64)
        self.size = size = len(self.seeds)
        self.seed_h: Seeds = seed_hashes(self.seeds)
        self.turn = 1
        roles, actions, shocks = len(game.role_ids), len(game.action_ids), len(game.shock_ids)

        def rows(initial: list[int] | tuple[int, ...]) -> Ints:
            return np.repeat(np.asarray(initial, dtype=np.int64).reshape(-1, 1), size, axis=1)

        self.values = rows([var.initial for var in scenario.variables])
        self.resource_row = tuple(
            tuple(range(sum(map(len, game.resource_ids[:r])), sum(map(len, game.resource_ids[: r + 1])))) for r in range(roles)
        )
        self.resources = rows([res.initial for role in scenario.roles for res in role.resources])
        self.resource_min = np.asarray([res.min for role in scenario.roles for res in role.resources], dtype=np.int64)
        self.resource_max = np.asarray([res.max for role in scenario.roles for res in role.resources], dtype=np.int64)
        self.uses = np.zeros((roles, actions, size), dtype=np.int64)
        self.last_used = np.zeros((roles, actions, size), dtype=np.int64)
        self.chosen_turn = -1
        """The turn last resolved: ``chose`` sees the actions whose last use was then (none yet)."""
        self.fires = np.zeros((shocks, size), dtype=np.int64)
        self.remaining = np.zeros((shocks, size), dtype=np.int64)
        self.last_fired = np.zeros((shocks, size), dtype=np.int64)
        self.armed = np.repeat(np.asarray(game.shock_enabled, dtype=np.bool_).reshape(-1, 1), size, axis=1)
        self.ever = [np.zeros((len(role.objectives), size), dtype=np.bool_) for role in scenario.roles]
        self.always = [np.ones((len(role.objectives), size), dtype=np.bool_) for role in scenario.roles]
        self.resolutions = np.zeros(size, dtype=np.int64)
        self.schedule: dict[int, list[npt.NDArray[np.int32]]] = {}
        # how each game ended: outcome and reason by position, the turn, scores and objectives met
        self.ended = np.zeros(size, dtype=np.bool_)
        self.outcome = np.full(size, -1, dtype=np.int64)
        self.end_reason = np.full(size, -1, dtype=np.int64)
        self.end_turn = np.zeros(size, dtype=np.int64)
        self.scores = np.zeros((roles, size), dtype=np.int64)
        self.met = [np.zeros((len(role.objectives), size), dtype=np.bool_) for role in scenario.roles]
        self.ever_available = np.zeros((actions, size), dtype=np.bool_)

    def add_values(self, i: int, idx: Index, delta: int, low: int, high: int) -> None:
        """Add to a variable in some games, clamped to its bounds (values always lie within them)."""
        values = self.values[i, idx]
        values += delta
        if delta > 0:
            np.minimum(values, high, out=values)
        elif delta < 0:
            np.maximum(values, low, out=values)
        self.values[i, idx] = values

    def add_resource(self, row: int, idx: Index, amount: int) -> None:
        """Change a role's stock in some games, clamped to its bounds (stocks always lie within them)."""
        stocks = self.resources[row, idx]
        stocks += amount
        if amount > 0:
            np.minimum(stocks, self.resource_max[row], out=stocks)
        elif amount < 0:
            np.maximum(stocks, self.resource_min[row], out=stocks)
        self.resources[row, idx] = stocks

    def schedule_shock(self, s: int, after: int, idx: Index) -> None:
        """Queue a shock in some games, due ``after`` turns from now, after what each has queued."""
        layers = self.schedule.setdefault(self.turn + after, [])
        left = idx
        for layer in layers:
            if not len(left):
                return
            free = layer[left] == NO_SHOCK
            layer[left[free]] = s
            left = left[~free]
        if len(left):
            layer = np.full(self.size, NO_SHOCK, dtype=np.int32)
            layer[left] = s
            layers.append(layer)
