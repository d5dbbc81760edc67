"""The random bot over a batch: `engine.bots.policies.random_orders` for every game, draw for draw.

The scalar bot shuffles its options (Fisher-Yates from the end, draw ``i`` for place ``i``),
then takes them in that order while they fit, up to the number draw 0 says. Here the games are
sorted by how many options they have, so the games still shuffling at place ``i`` are a prefix
and every step works on contiguous rows of a chunk's games (which stay in cache: one
``[place, game]`` array of every draw at once is three times slower per number). The shuffle
moves option *ranks* (0 = the lowest action the game may take), and only the places the fill
looks at are turned into actions, by selecting the rank-th set bit of a game's options as a
bit mask (through 16-bit tables): the options of every game never need listing.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.batch.cycle import Cycle
from engine.batch.dice import UNIT, numpy_places, place_keys
from engine.batch.kernels import Kernels, compiled
from engine.batch.state import Batch, Bools, Ints, resource_rows
from engine.core.dice import key_hash

Words = npt.NDArray[np.uint64]
Positions = npt.NDArray[np.intp]
Ranks = npt.NDArray[np.int8]
Wanted = npt.NDArray[np.int32]


@functools.cache
def _tables() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    """For every 16-bit number: how many bits are set, and the place of its rank-th set bit (made once, 60 ms)."""
    numbers = np.arange(1 << 16)
    bits = ((numbers[:, None] >> np.arange(16)) & 1).astype(np.uint8)
    count = bits.sum(axis=1, dtype=np.uint8)
    rank = np.cumsum(bits, axis=1, dtype=np.int64) - 1
    number, place = np.nonzero(bits)
    select = np.zeros((1 << 16, 16), dtype=np.uint8)
    select[number, rank[number, place]] = place
    return count, select.reshape(-1)


def option_bits(available: Bools) -> Words:
    """Each game's options (``available`` is ``[own action, game]``) as one word, bit ``n`` for action ``n``.

    Built row by row in 32-bit words when they suffice (three times faster than `np.packbits`
    down the columns, which walks memory across the rows).
    """
    kind = np.uint32 if available.shape[0] <= 32 else np.uint64
    words = np.zeros(available.shape[1], dtype=kind)
    for n, row in enumerate(available):
        np.bitwise_or(words, np.left_shift(row, n, dtype=kind), out=words)
    return words.astype(np.uint64)


def select_bit(words: Words, ranks: Ints | Ranks, bits: int) -> Positions:
    """The place of each word's rank-th set bit (from 0), for words of ``bits`` bits at most (64 at most).

    Sixteen bits at a time: a word's rank-th bit is in the first 16-bit part holding more set
    bits than the rank, less those of the parts before it.
    """
    count, select = _tables()
    if bits <= 16:
        only: Positions = select[(words.astype(np.intp) << 4) + ranks].astype(np.intp)
        return only
    if bits <= 32:
        low = (words & np.uint64(0xFFFF)).astype(np.intp)
        low_count = count[low].astype(np.intp)
        high = ranks >= low_count
        part = np.where(high, (words >> np.uint64(16)).astype(np.intp), low)
        left = ranks - np.where(high, low_count, 0)
        found: Positions = select[(part << 4) + left].astype(np.intp)
        found += high * 16
        return found
    found = np.zeros(len(words), dtype=np.intp)
    left = ranks.astype(np.intp)
    searching = np.ones(len(words), dtype=np.bool_)
    for start in range(0, bits, 16):
        part = ((words >> np.uint64(start)) & np.uint64(0xFFFF)).astype(np.intp)
        here_count = count[part]
        here = searching & (left < here_count)
        found[here] = select[(part[here] << 4) + left[here]].astype(np.intp) + start
        searching &= ~here
        left -= np.where(searching, here_count, 0)
    return found


class RandomChooser:
    """`RandomPolicy.choose` for one role over a set of games."""

    def __init__(self, cycle: Cycle, r: int) -> None:
        game = cycle.game
        self.r = r
        self.own = own = list(game.role_actions[r])
        if len(own) > 64:
            raise ValueError("the batched random bot handles at most 64 actions a role")
        self.budget = game.budgets[r]
        self.key_h = key_hash(f"policy:random:{game.role_ids[r]}")
        self.cost = np.asarray([game.action_cost[a] for a in own], dtype=np.int64)
        self.room = self.budget - int(self.cost.min()) if own else -1
        """A game whose orders cost more than this has no option left that fits."""
        excludes = game.action_excludes
        self.excludes = np.asarray([[b in excludes[a] or a in excludes[b] for b in own] for a in own], dtype=np.bool_)
        self.any_excludes = bool(self.excludes.any())
        need = np.zeros((len(own), len(game.resource_ids[r])), dtype=np.int64)
        for n, a in enumerate(own):
            for k, amount in game.action_spend[(r, a)]:
                need[n, k] += amount
        rows = resource_rows(game)[r]
        self.spending = [(need[:, k].copy(), rows[k]) for k in range(need.shape[1]) if need[:, k].any()]
        """(what each own action spends of it, its row in `Batch.resources`) for every resource some action spends."""
        self.need = np.asarray([need for need, _ in self.spending], dtype=np.int64).reshape(len(self.spending), len(own))
        self.need_rows = [row for _, row in self.spending]
        self.scales = np.asarray([UNIT * self.budget, *(UNIT * (i + 1) for i in range(1, len(own)))], dtype=np.float64)
        """Each place's roll scale for the compiled kernel: how many it wants at place 0, then ``i + 1``."""

    def choose(self, batch: Batch, available: Bools) -> Bools:
        """``bool[own action, game]``: the actions ordered in each game (``available`` is ``[own action, game]``)."""
        chosen = np.zeros(available.shape, dtype=np.bool_)
        if self.budget == 0 or not batch.size or not self.own:
            return chosen
        fast = compiled(batch.size)
        if fast is not None:
            self._compiled(fast, batch, np.ascontiguousarray(available), chosen)
            return chosen
        bits = option_bits(available)
        count = np.bitwise_count(bits).astype(np.intp)  # how many options each game has: its word's set bits
        most = int(count.max())
        if most == 0:
            return chosen
        order = np.argsort(-count.astype(np.int16), kind="stable")
        longer = (batch.size - np.cumsum(np.bincount(count, minlength=most + 1))).tolist()
        """``longer[i]``: how many games have more than ``i`` options (the first so many of ``order``)."""
        games = order[: longer[0]]
        seed_h = batch.seed_h[games]
        ranks = self._shuffled(seed_h, batch.turn, most, longer)
        if self.budget == 1:  # a roll times 1 is below 1: every game wants one option
            wanted = np.ones(len(games), dtype=np.int32)
        else:
            wanted = numpy_places(seed_h, batch.turn, self.key_h, 0, self.budget, dtype=np.int32)
            wanted += 1
        self._fill(batch, chosen, games, bits[games], ranks, count=count[games], wanted=wanted)
        return chosen

    def _compiled(self, fast: Kernels, batch: Batch, available: Bools, chosen: Bools) -> None:
        """The same orders from numba's kernel, one loop per game (see `engine.batch.compiled`)."""
        keys = place_keys(batch.turn, self.key_h, len(self.own))
        stock = np.ascontiguousarray(batch.resources[self.need_rows].reshape(len(self.need_rows), batch.size))
        fast.random_orders(
            available, batch.seed_h, keys, self.scales, self.cost, self.budget, self.excludes, self.need, stock, chosen
        )

    def _shuffled(self, seed_h: Words, turn: int, most: int, longer: list[int]) -> Ranks:
        """``[place, game]``: the rank of the option each place holds after each game's shuffle (a byte each: at most 64
        options, and an eighth of int64's memory keeps the swaps' scattered reads in cache)."""
        size = len(seed_h)
        ranks = np.empty((most, size), dtype=np.int8)
        ranks[:] = np.arange(most, dtype=np.int8)[:, None]
        flat = ranks.reshape(-1)
        kind: type[np.signedinteger[Any]] = np.int32 if most * size < 2**31 else np.intp  # a place in ``flat``
        columns: npt.NDArray[np.signedinteger[Any]] = np.arange(size, dtype=kind)
        for i in range(most - 1, 0, -1):
            n = longer[i]
            at_j = numpy_places(seed_h[:n], turn, self.key_h, i, i + 1, dtype=kind)
            at_j *= size
            at_j += columns[:n]
            row = ranks[i, :n]
            moved = row.copy()
            row[:] = flat[at_j]
            flat[at_j] = moved
        return ranks

    def _fill(
        self,
        batch: Batch,
        chosen: Bools,
        games: Positions,
        bits: Words,
        ranks: Ranks,
        *,
        count: Ints,
        wanted: Wanted,
    ) -> None:
        """Take each game's shuffled options in turn while they fit, up to the number it wants.

        A game whose orders leave too few points for its cheapest action stops looking (nothing
        else would fit). ``games`` are the games with options (positions in the batch), sorted by how many; the
        other arrays are in that order.
        """
        size = len(games)
        excluded = np.zeros((size, len(self.own)), dtype=np.bool_) if self.any_excludes else None
        stocks = [(need, batch.resources[row][games], np.zeros(size, dtype=np.int64)) for need, row in self.spending]
        bits_wide = len(self.own)
        # the first place: every game has one option there and nothing ordered yet
        candidate = select_bit(bits, ranks[0], bits_wide)
        ok = self.cost[candidate] <= self.budget
        for need, stock, _ in stocks:
            wants = need[candidate]
            ok &= (wants == 0) | (wants <= stock)
        took = np.flatnonzero(ok)
        candidate = candidate[took]
        taken = ok.astype(np.int64)
        points = np.zeros(size, dtype=np.int64)
        points[took] = self.cost[candidate]
        self._took(chosen, games, took, candidate, excluded=excluded, stocks=stocks)
        choosing = np.flatnonzero(count > 1)
        choosing = choosing[(taken[choosing] < wanted[choosing]) & (points[choosing] <= self.room)]
        for p in range(1, ranks.shape[0]):
            choosing = choosing[count[choosing] > p]
            if not len(choosing):
                return
            candidate = select_bit(bits[choosing], ranks[p, choosing], bits_wide)
            ok = points[choosing] + self.cost[candidate] <= self.budget
            if excluded is not None:
                ok &= ~excluded[choosing, candidate]
            for need, stock, spent in stocks:
                wants = need[candidate]
                ok &= (wants == 0) | (spent[choosing] + wants <= stock[choosing])
            took, candidate = choosing[ok], candidate[ok]
            taken[took] += 1
            points[took] += self.cost[candidate]
            self._took(chosen, games, took, candidate, excluded=excluded, stocks=stocks)
            choosing = choosing[(taken[choosing] < wanted[choosing]) & (points[choosing] <= self.room)]

    def _took(
        self,
        chosen: Bools,
        games: Positions,
        took: Positions,
        candidate: Positions,
        *,
        excluded: Bools | None,
        stocks: list[tuple[Ints, Ints, Ints]],
    ) -> None:
        """Order ``candidate`` in the games ``took``: what it excludes and spends counts from now on."""
        at = candidate * chosen.shape[1]  # one flat index: a third of the time of a (row, column) pair
        at += games[took]
        chosen.reshape(-1)[at] = True
        if excluded is not None:
            excluded[took] |= self.excludes[candidate]
        for need, _, spent in stocks:
            spent[took] += need[candidate]
