"""One whole game played out by bots on one working state: the fast path of `simulate`.

The game opens as `start` opens it, on a copy of the plan's unopened game under its own seed;
every turn the availability of every role is computed once (for the bots and for the
statistics), each bot chooses on the working state, and the turn resolves in place. The final
state is frozen once, at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from engine.core.state import State
from engine.core.step import check_seed
from engine.playout.cycle import open_turn, resolve
from engine.playout.plan import Plan

Chooser = Callable[["Playout", list[int]], tuple[int, ...]]
"""A bot for one role in a playout: given the game and the actions the role can take now (a list
it may reorder), the positions of the actions it orders, sorted; empty to order nothing. It must
order only what the engine would accept, as `SubmitOrders` would check."""


class Playout:
    """A game being played out: its working state and the orders of the turn last resolved."""

    __slots__ = ("last_orders", "options", "plan", "work")

    def __init__(self, plan: Plan, seed: int) -> None:
        self.plan = plan
        check_seed(seed)
        self.work = plan.unopened.copy(seed)
        open_turn(plan, self.work, first=True)
        self.last_orders: tuple[tuple[int, ...], ...] = tuple(self.work.chosen_orders)
        self.options: list[list[int]] = []
        """Per role, the actions it is offered this turn (each chooser's own list, which it may reorder)."""

    def state(self) -> State:
        """The game as a frozen state, as `step` would have left it (orders submitted so far included)."""
        return self.work.freeze(self.last_orders)


def play_out(plan: Plan, seed: int, choosers: Sequence[Chooser], seen: set[int] | None = None) -> State:
    """Play a whole game with a chooser per role (in the roles' order); return its final state.

    ``seen``, when given, gathers every action some role could take at the opening of some turn.
    """
    game = Playout(plan, seed)
    work = game.work
    roles = range(len(choosers))
    offered = plan.offered
    while not work.ended:
        options = game.options = offered(work)
        if seen is not None:
            seen.update(*options)
        for r in roles:
            chosen = choosers[r](game, options[r])
            if chosen:
                work.orders[r] = chosen
        game.last_orders = resolve(plan, work)
    return game.state()
