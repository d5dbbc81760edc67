"""Slowing down guesses: repeated wrong join codes from one address are slowed, then refused for a while.

An address may get a few codes wrong freely (people mistype). After that, each try must wait
longer after the last wrong one (1 s, 2 s, 4 s... up to a cap), and a try made too soon is refused
without its code being looked at; after many wrong codes the address is locked out for a while.
An 80-bit code is out of reach of guessing anyway: this keeps a scan from costing the room
anything. The clock is injected, so tests move time instead of sleeping.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

import attrs

__all__ = ["Throttle"]


@attrs.define
class _Record:
    failures: int
    last: float


class Throttle:
    """Wrong codes per address, and how long each address must wait before its next try."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        free: int = 3,
        base_delay: float = 1.0,
        max_delay: float = 30.0,
        lock_after: int = 10,
        lock_for: float = 600.0,
        remember: int = 10_000,
    ) -> None:
        self._clock = clock
        self._free = free
        self._base = base_delay
        self._max = max_delay
        self._lock_after = lock_after
        self._lock_for = lock_for
        self._remember = remember
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def wait(self, address: str) -> float:
        """Seconds this address must still wait before a code from it is looked at (0: it may try now)."""
        record = self._current(address)
        if record is None or record.failures < self._free:
            return 0.0
        if record.failures >= self._lock_after:
            pause = self._lock_for
        else:
            pause = min(self._base * 2 ** (record.failures - self._free), self._max)
        return max(0.0, record.last + pause - self._clock())

    def failed(self, address: str) -> None:
        """A wrong code came from this address."""
        record = self._current(address) or _Record(0, 0.0)
        record.failures += 1
        record.last = self._clock()
        self._records[address] = record
        self._records.move_to_end(address)
        while len(self._records) > self._remember:
            self._records.popitem(last=False)

    def succeeded(self, address: str) -> None:
        """A right code came from this address: its slate is wiped."""
        self._records.pop(address, None)

    def _current(self, address: str) -> _Record | None:
        record = self._records.get(address)
        if record is not None and self._clock() - record.last > self._lock_for:
            del self._records[address]
            return None
        return record
