"""B games held as arrays shaped ``[thing, game]``, with the turn one number for the whole batch.

Every live game of a batch is at the same turn, so the turn is a scalar. Phases run on the whole
batch (`ALL`, a slice: numpy then works on views, not on gathered copies), and a game that ends
has its final figures copied out and plays on unseen, until so many have ended that the batch is
compacted to the live games. A game's schedule queue is kept by due turn as layers of item codes
(-1 for none): a game's items due in one turn sit in the first layers in the order they were
scheduled, which is the order the scalar engine fires them in. An item's code is its shock's
index, or, for a follow-up with a condition checked when it falls due (format 2), the number of
shocks plus that condition's place in `Game.scheduled_checks` (`schedule_items` decodes them).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from engine.batch.dice import Seeds, seed_hashes
from engine.batch.numbers import number_type
from engine.core.model import Scenario
from engine.core.rules import Game

Subset = npt.NDArray[np.intp]
Index = Subset | slice
"""Some games of the batch: `ALL` of them, or their positions."""
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Counts = npt.NDArray[np.int16]
Numbers = npt.NDArray[np.int16] | npt.NDArray[np.int64]
"""Variables' values and resources' stocks: int16 where the scenario's numbers fit (`engine.batch.numbers`), else int64."""

ALL = slice(None)
NO_SHOCK = -1
COUNT = np.int16
"""The type of the counts and turns a batch holds (`Batch.uses`, `last_used`, `fires`, `remaining`,
`last_fired`): none passes 500 (the schema's most turns, longest duration and most fires), and a
quarter of int64's bytes is a quarter of the memory the turn's passes over them walk."""


def pick(idx: Index, mask: Bools) -> Subset:
    """The games of ``idx`` where ``mask`` (one entry per game of ``idx``) holds."""
    return np.flatnonzero(mask) if isinstance(idx, slice) else idx[mask]


def rows_at(array: npt.NDArray[np.generic], rows: Subset, idx: Index) -> npt.NDArray[np.generic]:
    """``array[rows][:, idx]`` without gathering every game's rows first."""
    return array[rows] if isinstance(idx, slice) else array[np.ix_(rows, idx)]


def schedule_items(game: Game) -> tuple[tuple[int, int], ...]:
    """Per schedule code, the shock it fires and the check it asks first (-1 for none)."""
    checked = [
        (target, check)
        for follow_ups, checks in zip(game.follow_ups, game.follow_up_checks, strict=True)
        for (target, *_), check in zip(follow_ups, checks, strict=True)
        if check >= 0
    ]
    return (*((s, -1) for s in range(len(game.shock_ids))), *checked)  # checks are numbered in this order


FINAL_TURN = "final-turn"
"""The end reason of a game played to its last turn."""


def end_reasons(scenario: Scenario) -> tuple[str, ...]:
    """Why a game ended, by the code `Batch.end_reason` holds: an end condition's id, or `FINAL_TURN` (the last code)."""
    return (*(end.id for end in scenario.end_conditions), FINAL_TURN)


def resource_rows(game: Game) -> tuple[tuple[int, ...], ...]:
    """Per role, the rows of its resources in `Batch.resources` (every role's, one after another)."""
    rows: list[tuple[int, ...]] = []
    start = 0
    for ids in game.resource_ids:
        rows.append(tuple(range(start, start + len(ids))))
        start += len(ids)
    return tuple(rows)


class Batch:
    """The mutable state of the games of one scenario still in play, and how each game ended.

    Arrays of the games in play have one column per game in play (``ids`` maps them to their
    place in the batch); what a game ended with is kept by its place in the batch.
    """

    def __init__(self, game: Game, seeds: npt.ArrayLike) -> None:
        scenario = game.scenario
        self.game = game
        self.seeds = np.asarray(seeds, dtype=np.uint64)
        self.games = games = len(self.seeds)
        self.size = games
        self.ids: Subset = np.arange(games)
        self.seed_h: Seeds = seed_hashes(self.seeds)
        self.turn = 1
        self.chosen_turn = -1
        """The turn last resolved: ``chose`` sees the actions whose last use was then (none yet)."""
        self.kept = True
        """Whether how games end is kept (outcomes, scores, final figures): not in a greedy trial, which reads `ended` alone."""
        self.memo: dict[object, tuple[int, Bools]] = {}
        """Masks that hold all turn long, by condition: (the turn last resolved, the mask over the games in play)."""
        roles, actions, shocks = len(game.role_ids), len(game.action_ids), len(game.shock_ids)

        kind = number_type(game)

        def rows(initial: list[int] | tuple[int, ...]) -> Numbers:
            found: Numbers = np.repeat(np.asarray(initial, dtype=kind).reshape(-1, 1), games, axis=1)
            return found

        self.values = rows([var.initial for var in scenario.variables])
        self.resource_row = resource_rows(game)
        self.resources = rows([res.initial for role in scenario.roles for res in role.resources])
        self.resource_min = np.asarray([res.min for role in scenario.roles for res in role.resources], dtype=np.int64)
        self.resource_max = np.asarray([res.max for role in scenario.roles for res in role.resources], dtype=np.int64)
        self.uses = np.zeros((roles, actions, games), dtype=COUNT)
        self.last_used = np.zeros((roles, actions, games), dtype=COUNT)
        self.fires = np.zeros((shocks, games), dtype=COUNT)
        self.remaining = np.zeros((shocks, games), dtype=COUNT)
        self.last_fired = np.zeros((shocks, games), dtype=COUNT)
        self.armed = np.repeat(np.asarray(game.shock_enabled, dtype=np.bool_).reshape(-1, 1), games, axis=1)
        self.ever = [np.zeros((len(role.objectives), games), dtype=np.bool_) for role in scenario.roles]
        self.always = [np.ones((len(role.objectives), games), dtype=np.bool_) for role in scenario.roles]
        self.resolutions = np.zeros(games, dtype=np.int64)
        self.available = np.zeros((actions, games), dtype=np.bool_)
        """Per action: whether some role could take it at some turn so far."""
        self.ended = np.zeros(games, dtype=np.bool_)
        self.schedule: dict[int, list[npt.NDArray[np.int32]]] = {}
        # how each game ended, by its place in the batch
        self.outcome = np.full(games, -1, dtype=np.int64)
        self.end_reason = np.full(games, -1, dtype=np.int64)
        self.end_turn = np.zeros(games, dtype=np.int64)
        self.scores = np.zeros((roles, games), dtype=np.int64)
        self.met = [np.zeros((len(role.objectives), games), dtype=np.bool_) for role in scenario.roles]
        self.ended_columns: list[tuple[Subset, tuple[npt.NDArray[np.generic], ...]]] = []
        """The games ended so far but not yet in the final arrays, with their columns (`end`)."""
        # no columns until every game has ended (`end`): usually the live arrays themselves then
        self.final_values = self.values[..., :0]
        self.final_fires = self.fires[..., :0]
        self.final_uses = self.uses[..., :0]
        self.final_available = self.available[..., :0]
        used = [r * actions + a for r, own in enumerate(game.role_actions) for a in own]
        self.kept_rows = tuple(
            (live, np.asarray(used, dtype=np.intp) if live == "uses" else np.arange(math.prod(getattr(self, live).shape[:-1])))
            for _, live in _FINALS
        )
        """Per final array, the live array and the rows of it (flattened to ``[row, game]``) a game's end keeps: of
        `uses` only the (role, action) rows a role can order, the others staying 0."""

    @property
    def playing(self) -> int:
        """How many games are still in play."""
        return self.size - int(np.count_nonzero(self.ended))

    def count(self, idx: Index) -> int:
        """How many games ``idx`` holds."""
        return self.size if isinstance(idx, slice) else len(idx)

    def end(self, games: Index) -> None:
        """Mark games ended, keeping their final figures by their place in the batch.

        Games ending before the last keep their columns aside (small copies); when the last
        end, the final arrays are made: in a batch never compacted, the live arrays themselves
        with the earlier games' columns written back, so the common end of a batch (most games
        at the final turn) copies no more than the games that ended early.
        """
        ids = self.ids[games]
        self.ended[games] = True
        if not self.ended.all():
            at = np.arange(self.size)[games]
            self.ended_columns.append(
                (ids, tuple(np.take(getattr(self, live), self._cells(rows, at, self.size)) for live, rows in self.kept_rows))
            )
            return
        parts = self.ended_columns
        earlier = np.concatenate([ids for ids, _ in parts]) if parts else None
        for n, ((final, _), (live, rows)) in enumerate(zip(_FINALS, self.kept_rows, strict=True)):
            now = getattr(self, live)
            if self.size == self.games:  # never compacted: a game's column is at its place in the batch
                kept = now
            else:
                kept = np.zeros((*now.shape[:-1], self.games), dtype=now.dtype)
                kept[..., ids] = now[..., games]
            if earlier is not None:  # one scatter of every earlier part's cells
                np.put(kept, self._cells(rows, earlier, self.games), np.concatenate([cells[n] for _, cells in parts], axis=-1))
            setattr(self, final, kept)
        parts.clear()

    @staticmethod
    def _cells(rows: Subset, columns: Subset, width: int) -> Subset:
        """Flat places of these rows' cells in these columns of an array ``width`` columns wide, ``[row, column]``."""
        cells: Subset = rows[:, None] * width + columns
        return cells

    def compact(self) -> None:
        """Drop the ended games' columns, so that the phases no longer play them."""
        keep = ~self.ended
        self.memo.clear()
        self.ids = self.ids[keep]
        self.size = len(self.ids)
        self.seed_h = self.seed_h[keep]
        for name in ("values", "resources", "fires", "remaining", "last_fired", "armed", "resolutions", "available", "ended"):
            setattr(self, name, getattr(self, name)[..., keep])
        self.uses = self.uses[:, :, keep]
        self.last_used = self.last_used[:, :, keep]
        self.ever = [rows[:, keep] for rows in self.ever]
        self.always = [rows[:, keep] for rows in self.always]
        self.schedule = {turn: [layer[keep] for layer in layers] for turn, layers in self.schedule.items()}

    def add_resource(self, row: int, idx: Index, amount: int) -> None:
        """Change a role's stock in some games, clamped to its bounds (stocks always lie within them)."""
        low, high = int(self.resource_min[row]), int(self.resource_max[row])
        if isinstance(idx, slice):
            stocks = self.resources[row]
            stocks += amount
            _clamp(stocks, amount, low, high)
            return
        stocks = self.resources[row][idx]
        stocks += amount
        _clamp(stocks, amount, low, high)
        self.resources[row][idx] = stocks

    def schedule_shock(self, s: int, after: int, idx: Index) -> None:
        """Queue an item (a shock's code) in some games, due ``after`` turns from now, after what each has queued."""
        layers = self.schedule.setdefault(self.turn + after, [])
        left = np.arange(self.size) if isinstance(idx, slice) else idx
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

    def call_off(self, codes: npt.NDArray[np.int32], idx: Index) -> None:
        """Take the items of these codes out of some games' queues, the items behind moving up in order.

        Format 2's ``disable``: what of the shock is queued will not fire (`Work.call_off`). Closing
        the gaps keeps each game's items in the first layers, so what is queued later goes behind them.
        """
        for turn, layers in self.schedule.items():
            if not layers:
                continue
            stack = np.stack(layers)
            part = stack[:, idx]
            hit = np.isin(part, codes)
            if not hit.any():
                continue
            part[hit] = NO_SHOCK
            order = np.argsort(part == NO_SHOCK, axis=0, kind="stable")
            stack[:, idx] = np.take_along_axis(part, order, axis=0)
            self.schedule[turn] = list(stack)


_FINALS = (("final_values", "values"), ("final_fires", "fires"), ("final_uses", "uses"), ("final_available", "available"))
"""Each array of how games ended, and the live array it is copied from."""


def _clamp(values: Numbers, delta: int, low: int, high: int) -> None:
    """Clamp in place on the side a change moved towards."""
    if delta > 0:
        np.minimum(values, high, out=values)
    elif delta < 0:
        np.maximum(values, low, out=values)
