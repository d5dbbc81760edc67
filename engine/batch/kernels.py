"""Whether the batch runs numba's compiled kernels (``pip install 'whitecell[fast]'``) or numpy alone.

Both give the same games bit for bit, so this is a question of speed only. Importing numba and
loading its cached kernels costs about half a second, which a short run would never win back,
so a run that says how long it will be (`planned`) loads numba at its start when it is long enough
to win that back (`PAYS_AT`) and never otherwise; any other caller plays with numpy until its
random bots have chosen for `LOAD_AFTER` role-turns and only then loads numba, if it is installed.
``WHITECELL_KERNELS=numpy`` keeps the kernels off, ``numba`` loads them at once; `use_compiled`
switches them for a block, for the tests and benchmarks that compare the two.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import attrs
import numpy as np
import numpy.typing as npt

ENVIRONMENT = "WHITECELL_KERNELS"
"""``numpy`` keeps the kernels off, ``numba`` uses them from the start; unset, after `LOAD_AFTER`."""
LOAD_AFTER = 2_400_000
"""Role-turns (one bot choosing for one game's turn) played with numpy before numba is loaded: by
then a run has shown it is long enough for the kernels' gain (about 45 ms a 10,000-game chunk of
the default) to pay for loading them."""
PAYS_AT = 5_000_000
"""Role-turns a run that says how long it is (`planned`) must come to for numba to be loaded at its
start: measured, the kernels save about 0.23 microseconds a role-turn of the default scenario
(55 ms a 10,000-game chunk) and loading them costs about 0.6 s, so they pay from about 2,700,000
role-turns; twice that leaves room for a slower machine. A shorter planned run never loads them."""
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
_played = [0]
"""Role-turns this process has played before loading the kernels."""
_switch: list[bool] = []
"""The innermost `use_compiled` block's choice, if any."""
_plan: list[int] = []
"""The innermost `planned` run's role-turns, if any."""


def compiled(work: int = 0) -> Kernels | None:
    """The kernels, or None to play with numpy alone (numba missing, switched off, or not yet worth loading).

    ``work`` is the role-turns about to be played, counted towards `LOAD_AFTER`.
    """
    if _switch:
        return _load() if _switch[-1] else None
    wanted = os.environ.get(ENVIRONMENT, "").strip().lower()
    if wanted == "numpy":
        return None
    if _loaded or wanted == "numba":
        return _load()
    if _plan:
        return _load() if _plan[-1] >= PAYS_AT else None
    _played[0] += work
    return _load() if _played[0] >= LOAD_AFTER else None


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
def planned(role_turns: int) -> Iterator[None]:
    """Play a run of about this many role-turns: numba is loaded at its start if the run is long enough to pay
    for it (`PAYS_AT`), else not at all (rather than after `LOAD_AFTER`, too late to win it back)."""
    _plan.append(role_turns)
    try:
        yield
    finally:
        _plan.pop()


@contextmanager
def use_compiled(on: bool) -> Iterator[None]:
    """Run a block with the kernels on (when numba is installed) or off, whatever the environment says."""
    _switch.append(on)
    try:
        yield
    finally:
        _switch.pop()
