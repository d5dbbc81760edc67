"""How a compiled list of effects or of conditions runs: the shapes `engine.core.rules` builds.

Kept apart from the compiler so each shape, and why it is written as it is (a plain loop costs
less than `all` or `any` over a generator; a work that records nothing skips the `say` effects),
reads on its own.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.core.events import Cause
from engine.core.view import Facts
from engine.core.work import Work

Pred = Callable[[Facts], bool]
"""A compiled condition: it reads the facts of a state (inside a step, or through a `View`)."""
Eff = Callable[[Work, Cause], None]
"""A compiled effect list: it changes a working state, recording events under the cause given."""


def noop(work: Work, cause: Cause) -> None:
    return None


def in_order(parts: tuple[Eff, ...], silent: tuple[Eff, ...]) -> Eff:
    """Effects applied in order; where the work records nothing, only the ``silent`` ones (those
    of ``parts`` that are not a `say`, which would add nothing but an event)."""
    if len(silent) == len(parts):

        def run(work: Work, cause: Cause) -> None:
            for part in parts:
                part(work, cause)

        return run
    if len(silent) == 1:
        (only,) = silent

        def run_or_tell(work: Work, cause: Cause) -> None:
            if not work.record:
                only(work, cause)
                return
            for part in parts:
                part(work, cause)

        return run_or_tell

    def run_told(work: Work, cause: Cause) -> None:
        for part in parts if work.record else silent:
            part(work, cause)

    return run_told


def every(parts: tuple[Pred, ...]) -> Pred:
    """An ``allOf`` of four parts or more: a loop, which costs less than `all` over a generator."""

    def every(w: Facts) -> bool:
        for part in parts:  # noqa: SIM110 (all() over a generator costs about twice as much a call)
            if not part(w):
                return False
        return True

    return every


def some(parts: tuple[Pred, ...]) -> Pred:
    """An ``anyOf`` of four parts or more, as `every` is written."""

    def some(w: Facts) -> bool:
        for part in parts:  # noqa: SIM110 (any() over a generator costs about twice as much a call)
            if part(w):
                return True
        return False

    return some
