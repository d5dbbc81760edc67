"""The random bot over a batch: `engine.bots.policies.random_orders` for every game, draw for draw.

The scalar bot shuffles its options (Fisher-Yates from the end, draw ``i`` for place ``i``),
then takes them in that order while they fit, up to the number draw 0 says. Here the games are
sorted by how many options they have, so the games still shuffling at place ``i`` are a prefix
and every step works on contiguous rows of a chunk's games (which stay in cache: one
``[place, game]`` array of every draw at once is three times slower per number). The fill
rarely looks past the first few places, so the shuffle does not swap: it traces which option
ends at each of the first `TRACED` places through the draws (bytes, three passes a place and
draw), and a game whose fill goes further gets its later places from its whole shuffle, apart.
Places hold option *ranks* (0 = the lowest action the game may take), and only the places the
fill looks at are turned into actions, by selecting the rank-th set bit of a game's options as
a bit mask (through 16-bit tables): the options of every game never need listing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import cast

import numpy as np
import numpy.typing as npt

from engine.batch.cycle import Cycle
from engine.batch.dice import UNIT, Seeds, numpy_places, place_keys, shuffle_places
from engine.batch.kernels import Kernels, compiled
from engine.batch.state import Batch, Bools, Ints, resource_rows
from engine.core.dice import key_hash

Words = npt.NDArray[np.uint32] | npt.NDArray[np.uint64]
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


def option_bits(available: Bools, own: list[int] | None = None) -> Words:
    """Each game's options as one word, bit ``n`` for its ``n``-th own action: ``available`` is ``[action, game]``,
    and ``own`` the rows of the own actions in it (all of its rows when None), read where they lie.

    Built row by row (three times faster than `np.packbits` down the columns, which walks memory
    across the rows), eight rows to a byte first (a bool is a 0/1 byte, and multiplying bytes is
    done in vectors, where shifting them is not), then the bytes into 32-bit words when they
    suffice: less than half the passes over the wide words, and each one over half the memory of 64-bit ones.
    """
    rows = list(range(available.shape[0])) if own is None else own
    kind = np.uint32 if len(rows) <= 32 else np.uint64
    games = available.shape[1]
    words = cast(Words, np.zeros(games, dtype=kind))
    byte = np.empty(games, dtype=np.uint8)
    bit = np.empty(games, dtype=np.uint8)
    wide = cast(Words, np.empty(games, dtype=kind))
    for start in range(0, len(rows), 8):
        group = rows[start : start + 8]
        np.copyto(byte, available[group[0]].view(np.uint8))
        for n, a in enumerate(group[1:], 1):
            np.multiply(available[a].view(np.uint8), np.uint8(1 << n), out=bit)
            byte |= bit
        np.copyto(wide, byte)
        np.left_shift(wide, kind(start), out=wide)
        np.bitwise_or(words, wide, out=words)
    return words


def select_bit(words: Words, ranks: Ints | Ranks, bits: int) -> Positions:
    """The place of each word's rank-th set bit (from 0), for words of ``bits`` bits at most (64 at most).

    Sixteen bits at a time: a word's rank-th bit is in the first 16-bit part holding more set
    bits than the rank, less those of the parts before it. Up to 32 bits the part is found
    without branching, as a shift of 0 or 16, in 32-bit and 8-bit arrays (`np.take` gathers from
    the tables: faster than indexing with an array).
    """
    count, select = _tables()
    if bits <= 16:
        at = words.astype(np.intp)
        at <<= 4
        at += ranks
        return np.take(select, at).astype(np.intp)
    if bits <= 32:
        words = words.astype(np.uint32, copy=False)
        low_count = np.take(count, (words & np.uint32(0xFFFF)).astype(np.intp)).view(np.int8)
        high = ranks >= low_count
        shift = high.view(np.uint8) << np.uint8(4)  # 16 where the bit is in the high half
        part = words >> shift.astype(np.uint32)
        part &= np.uint32(0xFFFF)
        part <<= np.uint32(4)
        part |= (ranks - low_count * high.view(np.int8)).astype(np.uint32)
        place = np.take(select, part.astype(np.intp))
        place += shift
        return place.astype(np.intp)
    words = words.astype(np.uint64, copy=False)
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


TRACED = 5
"""Places of the shuffle worked out for every game (`RandomChooser._shuffled`): the fill of the default
scenario's teams reaches the sixth place in about one role-turn in 7,000, whose later places are found apart."""


class RandomChooser:
    """`RandomPolicy.choose` for one role over a set of games."""

    def __init__(self, cycle: Cycle, r: int) -> None:
        game = cycle.game
        self.r = r
        self.own = own = list(game.role_actions[r])
        self.rows = np.asarray(own, dtype=np.intp)
        """The own actions' rows of the orders."""
        self.runs = [
            (int(run[0]), int(run[-1]) + 1) for run in np.split(self.rows, np.flatnonzero(np.diff(self.rows) > 1) + 1) if len(run)
        ]
        """The own actions' rows as runs of consecutive rows (first, end): clearing a run is one call."""
        if len(own) > 64:
            raise ValueError("the batched random bot handles at most 64 actions a role")
        self.budget = game.budgets[r]
        self.key_h = key_hash(f"policy:random:{game.role_ids[r]}")
        self.cost = np.asarray([game.action_cost[a] for a in own], dtype=np.int64)
        self.fits = self.cost <= self.budget
        """Whether each own action fits the budget alone (availability offers no other, but the fill asks as the scalar does)."""
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

    def choose(self, batch: Batch, available: Bools, orders: Bools) -> None:
        """Write the role's orders into ``orders``, this role's ``[action, game]`` rows of the batch's orders;
        ``available`` is its ``[action, game]`` rows of what it may order (both over every action).

        Only the games with options are sorted and played, their orders put straight into the
        rows: no ``[own action, game]`` copy of the options, nor of the orders to copy back.
        """
        own = self.own
        for first, end in self.runs:
            orders[first:end] = False
        if self.budget == 0 or not batch.size or not own:
            return
        fast = compiled(batch.size)
        if fast is not None:
            chosen = np.zeros((len(own), batch.size), dtype=np.bool_)
            self._compiled(fast, batch, np.ascontiguousarray(available[own]), chosen)
            orders[own] = chosen
            return
        bits = option_bits(available, own)
        count = np.bitwise_count(bits)  # how many options each game has: its word's set bits (a byte each)
        have = np.count_nonzero(count)
        if not have:
            return
        some = np.flatnonzero(count) if have < batch.size else None  # sort only the games with options
        if some is not None:
            count = np.take(count, some)
        most = int(count.max())
        keys = np.uint8(most) - count
        order = np.argsort(keys, kind="stable")  # most options first: a radix sort of bytes
        games = order if some is None else np.take(some, order)
        keys = np.take(keys, order)
        longer = np.searchsorted(keys, most - np.arange(most + 1)).tolist()
        """``longer[i]``: how many games have more than ``i`` options (the first so many of ``games``)."""
        seed_h = np.take(batch.seed_h, games)
        ranks = self._shuffled(seed_h, batch.turn, most, longer)
        if self.budget == 1:  # a roll times 1 is below 1: every game wants one option
            wanted = np.ones(len(games), dtype=np.int32)
        else:
            wanted = numpy_places(seed_h, batch.turn, self.key_h, 0, self.budget, dtype=np.int32)
            wanted += 1
        count = np.take(count, order)
        self._fill(
            batch,
            orders,
            games,
            cast(Words, np.take(bits, games)),
            ranks,
            count=count,
            wanted=wanted,
            rest=lambda some: self._rest(ranks, seed_h, batch.turn, count, some),
        )

    def _compiled(self, fast: Kernels, batch: Batch, available: Bools, chosen: Bools) -> None:
        """The same orders from numba's kernel, one loop per game (see `engine.batch.compiled`)."""
        keys = place_keys(batch.turn, self.key_h, len(self.own))
        # int64 whatever the batch holds stocks in (`engine.batch.numbers`): the kernel is compiled for that type alone
        stock = np.ascontiguousarray(batch.resources[self.need_rows].reshape(len(self.need_rows), batch.size), dtype=np.int64)
        fast.random_orders(
            available, batch.seed_h, keys, self.scales, self.cost, self.budget, self.excludes, self.need, stock, chosen
        )

    def _shuffled(self, seed_h: Seeds, turn: int, most: int, longer: list[int]) -> Ranks:
        """``[place, game]``: the rank of the option each of the first `TRACED` places holds after each game's
        shuffle (a byte each); the rows below are filled later, for the few games whose fill reaches them (`_rest`).

        The shuffle swaps place ``i`` with place ``j_i`` for ``i`` from the last place down to 1.
        The option that ends at place ``p`` (``p >= 1``) is the one at ``j_p`` just before step
        ``p``; undoing the steps before that (``p + 1`` upwards), it came from place ``i``
        whenever it sat at ``j_i`` (it always sits below ``i`` then). So each traced place
        follows its option up through the draws: ``place = max(place, i * (place == j_i))``, three
        passes over bytes a place and draw, where swapping every game's places gathers and
        scatters across the whole array. Place 0 starts at 0 and follows every draw.
        """
        size = len(seed_h)
        traced = min(most, TRACED)
        ranks = np.empty((most, size), dtype=np.int8)
        ranks[0] = 0
        # the traced places as one [place, game] array: a place not started yet holds what it will be
        # overwritten with when its draw comes (games past a place's prefix never read it)
        hit = np.empty((traced, size), dtype=np.bool_)
        moved = np.empty((traced, size), dtype=np.int8)
        for i in range(1, most):
            n = longer[i]
            at_j = numpy_places(seed_h[:n], turn, self.key_h, i, i + 1, dtype=np.int32).astype(np.int8)
            places = ranks[:traced, :n]
            np.equal(places, at_j, out=hit[:, :n])
            np.multiply(hit[:, :n].view(np.int8), np.int8(i), out=moved[:, :n])  # bytes times a byte: no cast
            np.maximum(places, moved[:, :n], out=places)
            if i < traced:
                ranks[i, :n] = at_j
        return ranks

    def _rest(self, ranks: Ranks, seed_h: Seeds, turn: int, count: npt.NDArray[np.uint8], some: Positions) -> None:
        """Rows `TRACED` onwards of ``ranks`` for some games (increasing places in the sorted order), by swapping.

        The whole shuffle of those games alone, every draw rolled at once (they are few): they are
        sorted by how many options they have too, so the games still shuffling at place ``i`` are
        again a prefix.
        """
        most = ranks.shape[0]
        size = len(some)
        longer = (size - np.cumsum(np.bincount(count[some], minlength=most + 1))).tolist()
        places = shuffle_places(seed_h[some], turn, self.key_h, most)
        places *= size
        places += np.arange(size, dtype=np.intp)
        whole = np.empty((most, size), dtype=np.int8)
        whole[:] = np.arange(most, dtype=np.int8)[:, None]
        flat = whole.reshape(-1)
        for i in range(most - 1, 0, -1):
            n = longer[i]
            at_j = places[i, :n]
            row = whole[i, :n]
            moved = row.copy()
            row[:] = flat[at_j]
            flat[at_j] = moved
        ranks[TRACED:, some] = whole[TRACED:]

    def _fill(
        self,
        batch: Batch,
        orders: Bools,
        games: Positions,
        bits: Words,
        ranks: Ranks,
        *,
        count: npt.NDArray[np.uint8],
        wanted: Wanted,
        rest: Callable[[Positions], None],
    ) -> None:
        """Take each game's shuffled options in turn while they fit, up to the number it wants.

        A game whose orders leave too few points for its cheapest action stops looking (nothing
        else would fit). ``games`` are the games with options (positions in the batch), sorted by how many; the
        other arrays are in that order. ``rest`` fills the places past the traced ones for the games still choosing.
        """
        size = len(games)
        rows = self.rows * orders.shape[1]
        """Where each own action's row of ``orders`` starts, flattened."""
        excluded = np.zeros((size, len(self.own)), dtype=np.bool_) if self.any_excludes else None
        stocks = [(need, np.take(batch.resources[row], games), np.zeros(size, dtype=np.int64)) for need, row in self.spending]
        bits_wide = len(self.own)
        # the first place: every game has one option there and nothing ordered yet, so it is worked out over
        # every game at once (no list of the games that take it to gather and scatter through)
        candidate = select_bit(bits, ranks[0], bits_wide)
        ok = np.take(self.fits, candidate)
        for need, stock, _ in stocks:
            wants = np.take(need, candidate)
            ok &= (wants == 0) | (wants <= stock)
        taken = ok.astype(np.int32)
        points = np.take(self.cost, candidate)
        points *= ok
        at = np.take(rows, candidate)
        at += games
        np.put(orders, at[ok], True)
        if excluded is not None:
            excluded[ok] = self.excludes[candidate[ok]]
        for need, _, spent in stocks:
            np.multiply(np.take(need, candidate), ok, out=spent)
        # whether each game still chooses, a whole-array comparison; then one list of the games choosing at
        # the next place, which only the games that take an option there can leave (beside those with no more)
        going = taken < wanted
        going &= points <= self.room
        choosing = np.flatnonzero(going & (count > 1))
        for p in range(1, ranks.shape[0]):
            if not len(choosing):
                return
            if p == TRACED:
                rest(choosing)
            candidate = select_bit(cast(Words, np.take(bits, choosing)), np.take(ranks[p], choosing), bits_wide)
            ok = np.take(points, choosing) + np.take(self.cost, candidate) <= self.budget
            if excluded is not None:
                ok &= ~excluded[choosing, candidate]
            for need, stock, spent in stocks:
                wants = np.take(need, candidate)
                ok &= (wants == 0) | (np.take(spent, choosing) + wants <= np.take(stock, choosing))
            took, candidate = choosing[ok], candidate[ok]
            now = np.take(taken, took)
            now += 1
            taken[took] = now
            spend = np.take(points, took)
            spend += np.take(self.cost, candidate)
            points[took] = spend
            self._took(orders, rows, games, took, candidate, excluded=excluded, stocks=stocks)
            going[took[(now >= np.take(wanted, took)) | (spend > self.room)]] = False
            keep = np.take(going, choosing)
            keep &= np.take(count, choosing) > p + 1
            choosing = choosing[keep]

    def _took(
        self,
        orders: Bools,
        rows: Positions,
        games: Positions,
        took: Positions,
        candidate: Positions,
        *,
        excluded: Bools | None,
        stocks: list[tuple[Ints, Ints, Ints]],
    ) -> None:
        """Order ``candidate`` in the games ``took``: what it excludes and spends counts from now on."""
        at = np.take(rows, candidate)  # one flat index: a third of the time of a (row, column) pair
        at += np.take(games, took)
        np.put(orders, at, True)
        if excluded is not None:
            excluded[took] |= self.excludes[candidate]
        for need, _, spent in stocks:
            spent[took] += need[candidate]
