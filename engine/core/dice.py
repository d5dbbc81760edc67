"""Keyed randomness: every roll is a pure function of (seed, turn, what is rolled).

A roll never depends on how many rolls came before, so undoing a turn, replaying a journal,
skipping a shock or running games in a batch all see the same dice. The mixing function is
SplitMix64's finaliser over a BLAKE2b hash of the key, which is fast in pure Python and gives
the same bits on every machine. The global `random` module is never used.
"""

from __future__ import annotations

import functools
import hashlib
import struct
from collections.abc import Callable, Sequence
from math import floor
from operator import mul

MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_TURN_SPREAD = 0xD1B54A32D192ED03  # odd, so multiplying by it is a bijection mod 2**64
_UNIT = 2.0**-53


TURN_SPREADS = tuple(((turn << 32) * _TURN_SPREAD) & MASK for turn in range(1024))
"""The turn's part of a roll's key at index 0, for the first turns (a scenario has at most 500):
the engine's dice look it up instead of multiplying it out for every roll (`turn_spread`)."""


def turn_spread(turn: int) -> int:
    """The turn's part of a roll's key at index 0, as `roll` mixes it in."""
    return ((turn << 32) * _TURN_SPREAD) & MASK


def mix(value: int) -> int:
    """Scramble 64 bits so that nearby inputs give unrelated outputs (SplitMix64 finaliser)."""
    z = (value + _GOLDEN) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def key_hash(key: str) -> int:
    """A 64-bit hash of a roll's name, e.g. ``trigger:icbm-launch``; computed once per key."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


@functools.lru_cache(maxsize=4096)
def seed_hash(seed: int) -> int:
    """A 64-bit hash of a game's seed, so that seeds 1 and 2 give unrelated games."""
    return key_hash(f"seed:{seed}")


def roll(seed_h: int, turn: int, key_h: int, index: int = 0) -> float:
    """A uniform number in [0, 1) for this seed, turn and key (and index, for repeated draws).

    ``turn << 32 | index`` is distinct for every (turn, index) and multiplying by an odd
    constant keeps it distinct, so only the two 64-bit hashes could ever collide.
    """
    z = mix(seed_h ^ key_h ^ ((((turn << 32) | index) * _TURN_SPREAD) & MASK))
    return (z >> 11) * _UNIT


def rolls(seed_h: int, turn: int, key_h: int, count: int) -> list[float]:
    """`roll` for indexes 0 to ``count - 1`` in one call (a bot's shuffle draws one per position)."""
    base = seed_h ^ key_h
    found = []
    for spread in _spreads(turn)[:count] if count <= _SPREAD_INDEXES else _spread_list(turn, count):
        z = ((base ^ spread) + _GOLDEN) & MASK  # mix(), inlined
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        found.append(((z ^ (z >> 31)) >> 11) * _UNIT)
    return found


def shuffle(seed_h: int, turn: int, key_h: int, items: list[int]) -> float:
    """Shuffle ``items`` in place with `rolls` (one per position, Fisher-Yates from the end); return roll 0.

    The same draws and arithmetic as shuffling with the list `rolls` returns; the draws are
    made all at once by `keyed_rolls` (a random bot's turn is mostly this).
    """
    count = max(len(items), 1)
    draws = keyed_rolls(seed_h ^ key_h, _packed_spreads(turn, count), count)
    return shuffle_drawn(items, draws, count)


def shuffle_drawn(items: list[int], draws: Sequence[int], end: int) -> float:
    """`shuffle` with its draws already made (53 bits each, as `keyed_rolls` gives them): draw ``i``
    at ``draws[end - 1 - i]``, as `KeyedDraws` lays them out, for at least ``len(items)`` indexes."""
    count = len(items)
    places, scales = _places(count)
    # the place step i swaps with is int(draw i * _UNIT * (i + 1)): the same rounding as
    # draw i * ((i + 1) * _UNIT), a power of two apart, and floor is int for what is not
    # negative, so the arithmetic runs in C
    for i, j in zip(places, map(floor, map(mul, draws[end - count : end - 1], scales)), strict=True):
        items[i], items[j] = items[j], items[i]
    return draws[end - 1] * _UNIT


class KeyedDraws:
    """The first draws of several keys at a turn (indexes 0 to n - 1 of each, as `rolls` numbers
    them, n chosen per key), rolled together by one `keyed_rolls`: a playout's random bots draw a
    whole turn's dice at once. The keys' lanes are packed once per turn and kept."""

    __slots__ = ("_packed", "keys")

    def __init__(self, keys: Sequence[int]) -> None:
        """``keys``: the hashed keys, in the order of their lanes."""
        self.keys = tuple(keys)
        self._packed: dict[int, list[list[int]]] = {}

    def draws(self, seed_h: int, turn: int, counts: Sequence[int]) -> tuple[tuple[int, ...], list[int]]:
        """``counts[k]`` draws of each key ``k`` at ``turn`` in a game, 53 bits each (times 2**-53, the
        roll); and per key, the lane after its draw 0: draw ``i`` of key ``k`` is at ``ends[k] - 1 - i``
        (last index first, as `shuffle_drawn` takes them)."""
        packed = self._packed.get(turn)
        if packed is None:
            packed = self._packed[turn] = [[0] for _ in self.keys]
        keys = 0
        end = 0
        ends = []
        for k, count in enumerate(counts):
            by_count = packed[k]
            if count >= len(by_count):
                self._extend(by_count, self.keys[k], turn, count)
            keys |= by_count[count] << (_LANE * end)
            end += count
            ends.append(end)
        return keyed_rolls(seed_h, keys, end), ends

    @staticmethod
    def _extend(by_count: list[int], key_h: int, turn: int, count: int) -> None:
        """Pack a key's lanes for up to ``count`` draws: ``by_count[n]`` holds n, the last index in lane 0."""
        turn_part = turn << 32
        for index in range(len(by_count) - 1, count):
            spread = ((turn_part | index) * _TURN_SPREAD) & MASK
            by_count.append((by_count[-1] << _LANE) | (key_h ^ spread))


@functools.lru_cache(maxsize=1024)
def _places(count: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The places a shuffle of ``count`` items steps through, from the end, and ``(i + 1) * _UNIT`` for each."""
    places = tuple(range(count - 1, 0, -1))
    return places, tuple((i + 1) * _UNIT for i in places)


_LANE = 128
"""Bits a packed roll takes: a 64-bit value times a 64-bit constant fits without reaching the next."""


def packed_keys(turn: int, keys: Sequence[int]) -> int:
    """The key of index 0 of ``turn`` under each of ``keys`` (hashed), one to a lane, for `keyed_rolls`."""
    spread = turn_spread(turn)
    return sum((key_h ^ spread) << (_LANE * i) for i, key_h in enumerate(keys))


def keyed_rolls(seed_h: int, keys: int, count: int) -> tuple[int, ...]:
    """``mix(seed_h ^ lane) >> 11`` for each of the ``count`` lanes of ``keys``, at once: for keys from
    `packed_keys`, `roll` (index 0) of each, as the 53 bits it is made of (times 2**-53, the roll).

    Python's integers have any width, so the ``count`` 64-bit keys lie side by side in one
    integer, one to each 128-bit lane, and `mix` runs once over all of them: a xor, an add or a
    multiplication by a constant acts on every lane alone (nothing carries past 128 bits), and
    after each right shift the bits the lane above pushed down are cleared with the mask. The
    arithmetic on each lane is `mix`'s, bit for bit; a dozen operations on one long integer cost
    far less than a dozen for every roll.
    """
    ones, low64, golden, low53, unpack = _lanes(count)
    z = (((seed_h * ones) ^ keys) + golden) & low64
    z = (((z ^ (z >> 30)) & low64) * 0xBF58476D1CE4E5B9) & low64
    z = (((z ^ (z >> 27)) & low64) * 0x94D049BB133111EB) & low64
    z = ((z ^ (z >> 31)) >> 11) & low53
    return unpack(z.to_bytes(count * _LANE // 8, "little"))


@functools.lru_cache(maxsize=1024)
def _lanes(count: int) -> tuple[int, int, int, int, Callable[[bytes], tuple[int, ...]]]:
    """For packed mixing: in every lane of ``count``, 1, the 64-bit mask, the golden constant and
    the 53-bit mask; and how to read the lanes' low 64 bits back."""
    ones = sum(1 << (_LANE * i) for i in range(count))
    unpack = struct.Struct("<" + "Q8x" * count).unpack
    return ones, ones * MASK, ones * _GOLDEN, ones * ((1 << 53) - 1), unpack


@functools.lru_cache(maxsize=4096)
def _packed_spreads(turn: int, count: int) -> int:
    """The turn's spreads of indexes 0 to ``count - 1``, one to a lane, the last index first (`shuffle_drawn`)."""
    return sum(spread << (_LANE * (count - 1 - i)) for i, spread in enumerate(_spread_list(turn, count)))


_SPREAD_INDEXES = 64


@functools.lru_cache(maxsize=1024)
def _spreads(turn: int) -> tuple[int, ...]:
    """The turn-and-index part of the first rolls' keys, the same for every game: made once per turn."""
    return tuple(_spread_list(turn, _SPREAD_INDEXES))


def _spread_list(turn: int, count: int) -> list[int]:
    turn_part = turn << 32
    return [((turn_part | index) * _TURN_SPREAD) & MASK for index in range(count)]


def derive_seed(seed: int, *parts: object) -> int:
    """A new seed determined by a seed and labels, e.g. the seed of game 17 of a batch."""
    return mix(seed_hash(seed) ^ key_hash(":".join(str(part) for part in parts))) & ((1 << 63) - 1)
