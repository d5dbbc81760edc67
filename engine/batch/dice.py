"""The keyed dice of `engine.core.dice` over arrays of games, bit for bit.

numpy's uint64 arithmetic wraps modulo 2**64 exactly as the scalar code's ``& MASK`` does, and
``(z >> 11)`` is below 2**53, so turning it into a float and scaling by 2**-53 is exact: every game
of a batch rolls the very number the scalar engine rolls for it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.batch.kernels import compiled
from engine.core.dice import MASK, seed_hash

Seeds = npt.NDArray[np.uint64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_TURN_SPREAD = 0xD1B54A32D192ED03
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_UNIT = UNIT = 2.0**-53


def mix(values: Seeds) -> Seeds:
    """SplitMix64's finaliser over an array (a new array; the input is not changed)."""
    fast = compiled()
    if fast is not None:
        return fast.mix(np.ascontiguousarray(values, dtype=np.uint64))
    return _mix(values)


def _mix(values: Seeds) -> Seeds:
    return _mix_in_place(values + _GOLDEN)


def _mix_in_place(z: Seeds) -> Seeds:
    """`_mix` of ``z - GOLDEN``, in ``z`` itself (one buffer beside it)."""
    shifted = np.right_shift(z, _S30)
    z ^= shifted
    z *= _M1
    np.right_shift(z, _S27, out=shifted)
    z ^= shifted
    z *= _M2
    np.right_shift(z, _S31, out=shifted)
    z ^= shifted
    return z


def seed_hashes(seeds: npt.ArrayLike) -> Seeds:
    """The scalar `seed_hash` of every game's seed (a BLAKE2b each: done once per batch)."""
    return _hashes(b"seed:", np.asarray(seeds, dtype=np.uint64).tolist())


def _hashes(prefix: bytes, numbers: Iterable[int]) -> Seeds:
    """`key_hash` of ``prefix`` followed by each number in decimal, for many numbers at once.

    A BLAKE2b state that has read the prefix is copied for each number (half the work of a new
    hash each), and the 8-byte little-endian digests are read as one array.
    """
    start = hashlib.blake2b(prefix, digest_size=8)
    digests = []
    for number in numbers:
        state = start.copy()
        state.update(b"%d" % number)
        digests.append(state.digest())
    return np.frombuffer(b"".join(digests), dtype="<u8").astype(np.uint64)


def rolls(seed_h: Seeds, turn: int, key_h: int, index: int = 0) -> Floats:
    """`engine.core.dice.roll` for every game whose seed hash is in ``seed_h``."""
    return scaled_rolls(seed_h, turn, key_h, index, 1)


def below(seed_h: Seeds, turn: int, key_h: int, chance: float) -> Bools:
    """``rolls(seed_h, turn, key_h) < chance`` for every game, compared as integers.

    A roll is ``x * 2**-53`` for a whole ``x`` below ``2**53``, and ``chance * 2**53`` is exact
    (a power of two), so ``roll < chance`` exactly when ``x < ceil(chance * 2**53)``: the draw's
    53 bits need not become floats.
    """
    fast = compiled()
    if fast is not None:
        passed: Bools = (
            fast.scaled_rolls(np.ascontiguousarray(seed_h, dtype=np.uint64), np.uint64(_spread(turn, key_h, 0)), _UNIT) < chance
        )
        return passed
    threshold = min(max(math.ceil(chance * 2.0**53), 0), 2**53)
    found: Bools = _shifted_draws(seed_h, turn, key_h, 0) < threshold
    return found


def scaled_rolls(seed_h: Seeds, turn: int, key_h: int, index: int, scale: int) -> Floats:
    """``rolls(...) * scale`` in one multiplication, bit for bit the same.

    A roll is ``(z >> 11) * 2**-53``, exact, and ``2**-53 * scale`` is exact for a small whole
    ``scale``, so ``(z >> 11) * (2**-53 * scale)`` is the same real product rounded once, as
    ``roll * scale`` is.
    """
    key = np.uint64(_spread(turn, key_h, index))
    fast = compiled()
    if fast is not None:
        return fast.scaled_rolls(np.ascontiguousarray(seed_h, dtype=np.uint64), key, _UNIT * scale)
    return numpy_scaled_rolls(seed_h, turn, key_h, index, scale)


def numpy_scaled_rolls(seed_h: Seeds, turn: int, key_h: int, index: int, scale: int) -> Floats:
    """`scaled_rolls` with numpy alone, for a caller that has already asked whether the kernels are on."""
    found: Floats = np.multiply(_shifted_draws(seed_h, turn, key_h, index), _UNIT * scale, dtype=np.float64)
    return found


def numpy_places(
    seed_h: Seeds, turn: int, key_h: int, index: int, scale: int, *, dtype: type[np.signedinteger[Any]] = np.intp
) -> npt.NDArray[np.signedinteger[Any]]:
    """``int(scaled roll)`` for every game (a place below ``scale``), as `numpy_scaled_rolls(...).astype(dtype)`.

    One pass turns the 53-bit draw into a float, multiplies it (one rounding, as the scalar's) and
    truncates it into the integers, where converting and multiplying then truncating takes three.
    ``np.int32`` (for places below 2**31) is the cheaper truncation: the processor converts floats
    to 32-bit integers in vectors, to 64-bit ones one at a time.
    """
    found = np.empty(len(seed_h), dtype=dtype)
    np.multiply(_shifted_draws(seed_h, turn, key_h, index), _UNIT * scale, out=found, dtype=np.float64, casting="unsafe")
    return found


def _shifted_draws(seed_h: Seeds, turn: int, key_h: int, index: int) -> npt.NDArray[np.int64]:
    """``mix(seed_h ^ key) >> 11`` (a roll's 53 bits) for every game, in one new array and a buffer.

    Seen as signed integers (the 53 bits are below 2**63): numpy turns those into floats in
    vectors, unsigned ones one at a time, and both give the same exact float.
    """
    z = np.bitwise_xor(seed_h, np.uint64(_spread(turn, key_h, index)))
    z += _GOLDEN
    z = _mix_in_place(z)
    z >>= _S11
    return z.view(np.int64)


def shuffle_places(seed_h: Seeds, turn: int, key_h: int, count: int) -> npt.NDArray[np.intp]:
    """``[index, game]``: `numpy_places` of draw ``index`` with scale ``index + 1`` (a shuffle's place ``index``
    swaps with one of places 0 to ``index``), every draw 0 to ``count - 1`` of every game at once.

    For a few games: one pass an operation over all the draws, where a draw at a time costs its
    calls again for each.
    """
    z = np.bitwise_xor(seed_h[None, :], place_keys(turn, key_h, count)[:, None])
    z += _GOLDEN
    z = _mix_in_place(z)
    z >>= _S11
    scales = _UNIT * np.arange(1, count + 1, dtype=np.float64)
    found = np.empty(z.shape, dtype=np.intp)
    np.multiply(z.view(np.int64), scales[:, None], out=found, dtype=np.float64, casting="unsafe")
    return found


def place_keys(turn: int, key_h: int, count: int) -> Seeds:
    """What a game's seed hash is xored with before mixing, for draws 0 to ``count - 1`` of a key."""
    return np.asarray([_spread(turn, key_h, index) for index in range(count)], dtype=np.uint64)


def _spread(turn: int, key_h: int, index: int) -> int:
    return ((((turn << 32) | index) * _TURN_SPREAD) & MASK) ^ key_h


def game_seeds(batch_seed: int, first: int, count: int) -> Seeds:
    """`engine.bots.simulate.game_seed` for games ``first`` to ``first + count - 1`` of a batch."""
    base = np.uint64(seed_hash(batch_seed))
    keys = _hashes(b"game:", range(first, first + count))
    return mix(keys ^ base) & np.uint64((1 << 63) - 1)
