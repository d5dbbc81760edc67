"""Whether the batch runs numba's compiled kernels (``pip install 'whitecell[fast]'``) or numpy alone.

Both give the same games bit for bit, so this is a question of speed only: the kernels are used
when numba imports, unless ``WHITECELL_KERNELS=numpy`` says otherwise (to compare, or to skip
numba's start-up in a short run). numba is imported on the first batch that asks, never when
`engine` loads. `use_compiled` switches them for a block, for the tests that compare the two.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import attrs
import numpy as np
import numpy.typing as npt

ENVIRONMENT = "WHITECELL_KERNELS"
"""``numpy`` keeps the kernels off; anything else (or nothing) uses them when numba is installed."""
INSTALL = "pip install 'whitecell[fast]'"

Words = npt.NDArray[np.uint64]
Floats = npt.NDArray[np.float64]


@attrs.frozen
class Kernels:
    """The compiled kernels, typed (see `engine.batch.compiled`)."""

    mix: Callable[[Words], Words]
    scaled_rolls: Callable[[Words, np.uint64, float], Floats]
    random_orders: Callable[..., None]


_loaded: list[Kernels | None] = []
"""The kernels once numba was tried (None: not installed), empty before."""
_switch: list[bool] = []
"""The innermost `use_compiled` block's choice, if any."""


def compiled() -> Kernels | None:
    """The kernels when numba is installed and they are not switched off; None plays numpy alone."""
    wanted = _switch[-1] if _switch else os.environ.get(ENVIRONMENT, "").strip().lower() != "numpy"
    return _load() if wanted else None


def available() -> bool:
    """Whether numba is installed (importing it, the first time)."""
    return _load() is not None


def _load() -> Kernels | None:
    if not _loaded:
        _loaded.append(_import())
    return _loaded[0]


def _import() -> Kernels | None:
    try:
        from engine.batch import compiled as module
    except ImportError:
        return None
    return Kernels(mix=module.mix, scaled_rolls=module.scaled_rolls, random_orders=module.random_orders)


@contextmanager
def use_compiled(on: bool) -> Iterator[None]:
    """Run a block with the kernels on (when numba is installed) or off, whatever the environment says."""
    _switch.append(on)
    try:
        yield
    finally:
        _switch.pop()
