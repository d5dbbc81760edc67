"""The batch's hot loops compiled by numba (the optional ``whitecell[fast]`` extra), bit for bit numpy's.

Imported only through `engine.batch.kernels`, and only when numba is installed. The keyed dice
mix each game's 64 bits in one pass instead of numpy's ten passes over the array, and the random
bot shuffles and fills each game in one loop, with no sorting by option count and no bit tables.
The arithmetic is the same as numpy's and the scalar engine's: uint64 wraps modulo 2**64, a
draw ``(z >> 11)`` below 2**53 converts to a float exactly, and a scale is a power of two times
a small whole number, so each product is rounded once, as in the scalar bot. Kernels are compiled
on first call and cached on disk (``cache=True``: beside this file, or numba's per-user cache
when this folder is read-only), so only the first run on a machine pays the compile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

F = TypeVar("F", bound=Callable[..., object])

Words = npt.NDArray[np.uint64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)


def _jit(function: F) -> F:
    """numba's ``njit`` with an on-disk cache, typed for mypy (numba ships no types)."""
    return cast(F, numba.njit(cache=True, nogil=True)(function))


@_jit
def _mix_one(z: np.uint64) -> np.uint64:
    z = z + _GOLDEN
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@_jit
def mix(values: Words) -> Words:
    """SplitMix64's finaliser of every number (a new array)."""
    found = np.empty_like(values)
    for g in range(values.shape[0]):
        found[g] = _mix_one(values[g])
    return found


@_jit
def scaled_rolls(seed_h: Words, key: np.uint64, scale: float) -> Floats:
    """``(mix(seed_h ^ key) >> 11) * scale`` for every game: a keyed roll times ``scale / 2**-53``."""
    found = np.empty(seed_h.shape[0], dtype=np.float64)
    for g in range(seed_h.shape[0]):
        found[g] = np.float64(_mix_one(seed_h[g] ^ key) >> _S11) * scale
    return found


@_jit
def random_orders(  # noqa: PLR0917 (numba takes no keyword-only parameters)
    available: Bools,
    seed_h: Words,
    keys: Words,
    scales: Floats,
    cost: Ints,
    budget: int,
    excludes: Bools,
    need: Ints,
    stock: Ints,
    chosen: Bools,
) -> None:
    """The random bot's orders in every game: ``chosen[own action, game]`` set where it orders.

    ``keys[i]`` is the bot's key mixed with place ``i``'s turn-and-index part, ``scales[i]`` the
    roll's scale for place ``i`` (``scales[0]`` for the draw of how many it wants); ``need`` and
    ``stock`` are ``[resource, own action]`` and ``[resource, game]`` for the resources it spends.
    """
    own, size = available.shape
    resources = need.shape[0]
    options = np.empty(own, dtype=np.int64)
    taken = np.empty(own, dtype=np.int64)
    spent = np.zeros(resources, dtype=np.int64)
    for g in range(size):
        count = 0
        for n in range(own):
            if available[n, g]:
                options[count] = n
                count += 1
        if count == 0:
            continue
        base = seed_h[g]
        for i in range(count - 1, 0, -1):
            j = int(np.float64(_mix_one(base ^ keys[i]) >> _S11) * scales[i])
            options[i], options[j] = options[j], options[i]
        wanted = 1 + int(np.float64(_mix_one(base ^ keys[0]) >> _S11) * scales[0])
        took = 0
        points = 0
        spent[:] = 0
        for p in range(count):
            if took >= wanted:
                break
            n = options[p]
            if points + cost[n] > budget:
                continue
            fits = True
            for t in range(took):
                if excludes[n, taken[t]]:
                    fits = False
                    break
            if fits:
                for k in range(resources):
                    if need[k, n] != 0 and spent[k] + need[k, n] > stock[k, g]:
                        fits = False
                        break
            if not fits:
                continue
            taken[took] = n
            took += 1
            points += cost[n]
            for k in range(resources):
                spent[k] += need[k, n]
            chosen[n, g] = True
