"""Trial turns over a batch: copies of some games' columns resolved and valued as the greedy bot imagines.

`GreedyPolicy` values an order set by resolving the turn with it under an imagined seed (and
opening the next turn, as `step` does), then weighing how nearly each objective of its role is
met. `expand` copies chosen columns of a batch (a game may be copied many times, once per trial)
into a batch of their own; `resolve_trials` plays the trial turn there, and `RoleValue` weighs
the result with the float operations of `engine.bots.policies.nearness`, in the same order, so
each trial's value is the scalar value to the last bit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

import numpy as np
import numpy.typing as npt

from engine.batch.conditions import Conditions
from engine.batch.cycle import Cycle
from engine.batch.dice import Seeds
from engine.batch.numbers import forms
from engine.batch.state import ALL, Batch, Bools, Subset
from engine.core import model as m
from engine.core.ranges import comparison_range

Floats = npt.NDArray[np.float64]
Near = Callable[[Batch], Floats]

COLUMNS = ("values", "resources", "fires", "remaining", "last_fired", "armed", "resolutions")
"""The arrays of a `Batch` holding one column per game in play (the game axis last), copied by `expand`.

Three such arrays are not copied whole. `Batch.available` (the actions ever available) counts
for statistics only: a trial's starts empty. `Batch.last_used` is read in a trial only as `chose`
reads it, as "last used in the turn being resolved", which no earlier use is: a trial's starts
at 0 (no turn), and resolving marks the actions ordered (a cooldown is read only by availability,
which trials do not ask). Of `Batch.uses` (read only by `uses` conditions, limits being
availability's too) only the rows some condition of the scenario reads are copied (`uses_read`)."""
BY_PLACE = (
    "seeds",
    "outcome",
    "end_reason",
    "end_turn",
    "scores",
    "final_values",
    "final_fires",
    "final_uses",
    "final_available",
)
"""The arrays of a `Batch` kept by a game's place in the batch: fresh in a trial batch."""


def uses_read(scenario: m.Scenario) -> tuple[tuple[int, int], ...]:
    """The (role, action) rows of `Batch.uses` that some condition of the scenario reads, wherever it is."""
    roles = {role.id: r for r, role in enumerate(scenario.roles)}
    actions = {action.id: a for a, action in enumerate(scenario.actions)}
    found: set[tuple[int, int]] = set()
    for test in forms(scenario, m.UsesTest):
        a = actions[test.action]
        found.update((r, a) for r in ((roles[test.role],) if test.role is not None else roles.values()))
    return tuple(sorted(found))


def expand(batch: Batch, columns: Subset, seed_h: Seeds, uses: tuple[tuple[int, int], ...], *, records: bool = True) -> Batch:
    """A batch of copies of ``batch``'s columns (repeats allowed), in play, under the seed hashes given.

    ``uses``: the rows of `Batch.uses` to copy (`uses_read`); the others start at 0. How the
    trial's games end is not kept (`Batch.kept`); without ``records`` (no condition reads a score,
    `Cycle.scores_read`) neither are the objectives' records, which nothing else reads.
    """
    trial = Batch.__new__(Batch)
    trial.kept = False
    size = len(columns)
    trial.game = batch.game
    trial.games = trial.size = size
    trial.ids = np.arange(size)
    trial.seed_h = seed_h
    trial.turn = batch.turn
    trial.chosen_turn = batch.chosen_turn
    trial.memo = {}
    trial.resource_row = batch.resource_row
    trial.resource_min = batch.resource_min
    trial.resource_max = batch.resource_max
    for name in COLUMNS:
        setattr(trial, name, np.take(getattr(batch, name), columns, axis=-1))
    trial.ever = [np.take(rows, columns, axis=-1) for rows in batch.ever] if records else []
    trial.always = [np.take(rows, columns, axis=-1) for rows in batch.always] if records else []
    # np.zeros, not zeros_like: calloc'd pages that no trial writes are never touched
    trial.uses = np.zeros((*batch.uses.shape[:-1], size), dtype=batch.uses.dtype)
    for r, a in uses:
        trial.uses[r, a] = np.take(batch.uses[r, a], columns)
    trial.last_used = np.zeros((*batch.last_used.shape[:-1], size), dtype=batch.last_used.dtype)
    trial.available = np.zeros((batch.available.shape[0], size), dtype=batch.available.dtype)
    trial.ended = np.zeros(size, dtype=np.bool_)
    trial.ended_columns = []
    trial.kept_rows = batch.kept_rows
    trial.schedule = {turn: [layer[columns] for layer in layers] for turn, layers in batch.schedule.items()}
    # how trial games end is never read: left uninitialised, written only for the games that end
    trial.seeds = np.empty(size, dtype=np.uint64)
    trial.outcome = np.empty(size, dtype=np.int64)
    trial.end_reason = np.empty(size, dtype=np.int64)
    trial.end_turn = np.empty(size, dtype=np.int64)
    trial.scores = np.empty((len(batch.game.role_ids), size), dtype=np.int64)
    trial.met = [np.empty_like(rows) for rows in trial.ever]
    trial.final_values = np.empty_like(trial.values)
    trial.final_fires = np.empty_like(trial.fires)
    trial.final_uses = np.empty_like(trial.uses)
    trial.final_available = np.empty_like(trial.available)
    return trial


def resolve_trials(cycle: Cycle, trial: Batch, orders: Bools, value: RoleValue) -> Floats:
    """Resolve the trial batch's turn with ``orders`` and open the next one, as `step` would; each column's value.

    A game that ends as the turn resolves (or on its final turn) is valued as it ended; the
    others once the next turn has opened (its shocks fired, possibly ending it too).
    """
    cycle.resolve(trial, orders)
    found = value(trial)
    if trial.turn >= cycle.game.turn_count:
        return found
    ended = trial.ended.copy()
    if ended.all():
        return found
    trial.turn += 1
    cycle.open_turn(trial)
    return np.where(ended, found, value(trial))


class RoleValue:
    """`engine.bots.policies.objective_value` for one role over a batch: a float per game."""

    def __init__(self, conditions: Conditions, r: int) -> None:
        self.conditions = conditions
        game = conditions.game
        self.parts = tuple(
            (objective.weight, self._nearness(objective.condition)) for objective in game.scenario.roles[r].objectives
        )

    def __call__(self, batch: Batch) -> Floats:
        total = np.zeros(batch.size, dtype=np.float64)
        for weight, near in self.parts:
            total = total + weight * near(batch)
        return total

    def _nearness(self, cond: m.Condition) -> Near:
        """`nearness` of one condition over every game of a batch."""
        game = self.conditions.game
        match cond:
            case m.VarTest():
                i = game.var_index[cond.var]
                near = _near_table(game.var_min[i], game.var_max[i], cond.comparison)
                return lambda b: near(b.values[i])
            case m.ResourceTest():
                r = game.role_index[cond.role]
                k = game.resource_index[r][cond.resource]
                near = _near_table(game.resource_min[r][k], game.resource_max[r][k], cond.comparison)
                return lambda b: near(b.resources[b.resource_row[r][k]])
            case m.AllOf():
                parts = tuple(self._nearness(item) for item in cond.items)
                return lambda b: _sum(parts, b) / len(parts)
            case m.AnyOf():
                parts = tuple(self._nearness(item) for item in cond.items)
                return lambda b: _max(parts, b)
            case (
                m.InBand()
                | m.UsesTest()
                | m.FiredTest()
                | m.ScoreTest()
                | m.TurnTest()
                | m.ActiveTest()
                | m.ChoseTest()
                | m.Not()
            ):
                holds = self.conditions.condition(cond)
                return lambda b: holds(b, ALL).astype(np.float64)
            case _:
                assert_never(cond)


TABLE_MOST = 1 << 16
"""The widest range of a number whose nearness is looked up in a table made once, rather than worked out each time."""


def _near_table(least: int, most: int, comparison: m.Comparison) -> Callable[[npt.NDArray[np.int64]], Floats]:
    """`_closeness` of a number kept within [least, most], as a function over an array of such numbers.

    The number never leaves its bounds, so its nearness is one of ``most - least + 1`` floats:
    worked out once by `_closeness` itself (the same float operations, so the same bits) and
    looked up after, one gather instead of a dozen passes over the trials.
    """
    low, high = comparison_range(comparison)
    span = max(most - least, 1)
    if most - least >= TABLE_MOST:
        return lambda values: _closeness(values, low, high, span)
    table = _closeness(np.arange(least, most + 1, dtype=np.int64), low, high, span)
    if least == 0:
        return lambda values: table[values]
    return lambda values: table[values - least]


def _closeness(values: npt.NDArray[np.int64], low: int, high: int, span: int) -> Floats:
    """1 within [low, high]; else ``0.9 * max(0, 1 - distance / span)``, as the scalar `_closeness`."""
    inside = (values >= low) & (values <= high)
    distance = np.where(values < low, low - values, values - high)
    near = 0.9 * np.maximum(0.0, 1.0 - distance / span)
    return np.where(inside, 1.0, near)


def _sum(parts: tuple[Near, ...], batch: Batch) -> Floats:
    total = np.zeros(batch.size, dtype=np.float64)
    for part in parts:
        total = total + part(batch)
    return total


def _max(parts: tuple[Near, ...], batch: Batch) -> Floats:
    found = parts[0](batch)
    for part in parts[1:]:
        found = np.maximum(found, part(batch))
    return found
