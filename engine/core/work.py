"""A mutable working copy of a state, used only inside one step.

`step` thaws the frozen `State` into a `Work`, applies the turn cycle to it (recording an event
for every change), and freezes the result. Nothing outside a step ever sees a `Work` (code that
reads a state uses `engine.core.view.View`), which is how `step` stays pure while the hot path
avoids rebuilding tuples for every change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.dice import TURN_SPREADS, seed_hash, turn_spread
from engine.core.events import (
    Cause,
    Changed,
    Event,
    Narrated,
    ResourceChanged,
    ShockArmed,
    ShockEnded,
    ShockScheduled,
    ShockSkipped,
)
from engine.core.state import FreeMoveMark, ProposalMark, Scheduled, State, budgets
from engine.core.view import Facts

if TYPE_CHECKING:
    from engine.core.rules import Game


class Work(Facts):
    """The state being changed by one step, plus the events recorded so far."""

    __slots__ = (
        "values",
        "resources",
        "orders",
        "uses",
        "last_used",
        "fires",
        "remaining",
        "armed",
        "last_fired",
        "scheduled",
        "held",
        "objectives_ever",
        "objectives_always",
        "points",
        "outcome",
        "end_reason",
        "events",
        "record",
        "seed_h",
        "free_moves",
        "proposals",
    )

    values: list[int]
    resources: list[list[int]]
    orders: list[tuple[int, ...] | None]
    uses: list[list[int]]
    last_used: list[list[int]]
    fires: list[int]
    remaining: list[int]
    armed: list[bool]
    last_fired: list[int]
    scheduled: list[Scheduled]
    held: tuple[int, ...]
    objectives_ever: list[list[bool]]
    objectives_always: list[list[bool]]
    free_moves: tuple[FreeMoveMark, ...]
    proposals: tuple[ProposalMark, ...]
    points: list[int]

    def __init__(self, game: Game, state: State, *, record: bool = True) -> None:
        """Thaw a state into lists the step may change."""
        self.game = game
        self.seed = state.seed
        self.seed_h = seed_hash(state.seed)
        self.turn = state.turn
        self.ended = state.ended
        self.resolutions = state.resolutions
        self.outcome = state.outcome
        self.end_reason = state.end_reason
        self.events: list[Event] = []
        self.record = record
        self.set_chosen(state.last_orders)
        self.values = list(state.values)
        self.resources = [list(stock) for stock in state.resources]
        self.orders = list(state.orders)
        self.uses = [list(row) for row in state.uses]
        self.last_used = [list(row) for row in state.last_used]
        self.fires = list(state.fires)
        self.remaining = list(state.remaining)
        self.armed = list(state.armed)
        self.last_fired = list(state.last_fired)
        self.scheduled = list(state.scheduled)
        self.held = state.held
        self.objectives_ever = [list(row) for row in state.objectives_ever]
        self.objectives_always = [list(row) for row in state.objectives_always]
        self.free_moves = state.free_moves
        self.proposals = state.proposals
        self.points = list(budgets(game, state))

    def copy(self, seed: int | None = None) -> Work:
        """An independent working copy, without events, under another seed when given.

        A bot looking ahead resolves many trial turns from one position: copying lists is
        cheaper than freezing the position and thawing it again for each trial.
        """
        other = Work.__new__(Work)
        other.game = self.game
        other.seed = self.seed if seed is None else seed
        other.seed_h = self.seed_h if seed is None else seed_hash(seed)
        other.turn = self.turn
        other.ended = self.ended
        other.resolutions = self.resolutions
        other.outcome = self.outcome
        other.end_reason = self.end_reason
        other.events = []
        other.record = self.record
        other.chosen_orders = self.chosen_orders
        other.values = self.values[:]
        other.resources = [stock[:] for stock in self.resources]
        other.orders = self.orders[:]
        other.uses = [row[:] for row in self.uses]
        other.last_used = [row[:] for row in self.last_used]
        other.fires = self.fires[:]
        other.remaining = self.remaining[:]
        other.armed = self.armed[:]
        other.last_fired = self.last_fired[:]
        other.scheduled = self.scheduled[:]
        other.held = self.held
        other.objectives_ever = [row[:] for row in self.objectives_ever]
        other.objectives_always = [row[:] for row in self.objectives_always]
        other.free_moves = self.free_moves
        other.proposals = self.proposals
        other.points = self.points[:]
        return other

    def freeze(self, last_orders: tuple[tuple[int, ...], ...]) -> State:
        """The frozen state this work has become."""
        return State(
            seed=self.seed,
            turn=self.turn,
            ended=self.ended,
            values=tuple(self.values),
            resources=tuple(tuple(stock) for stock in self.resources),
            orders=tuple(self.orders),
            last_orders=last_orders,
            uses=tuple(tuple(row) for row in self.uses),
            last_used=tuple(tuple(row) for row in self.last_used),
            fires=tuple(self.fires),
            remaining=tuple(self.remaining),
            armed=tuple(self.armed),
            last_fired=tuple(self.last_fired),
            scheduled=tuple(self.scheduled),
            objectives_ever=tuple(tuple(row) for row in self.objectives_ever),
            objectives_always=tuple(tuple(row) for row in self.objectives_always),
            resolutions=self.resolutions,
            outcome=self.outcome,
            end_reason=self.end_reason,
            free_moves=self.free_moves,
            held=self.held,
            points=None if tuple(self.points) == self.game.budgets else tuple(self.points),
            proposals=self.proposals,
        )

    # -- dice ------------------------------------------------------------------------------------

    def roll(self, key_h: int) -> float:
        """This turn's roll for a key: the same whenever and however often it is asked.

        `engine.core.dice.roll` (index 0) written out: every engine die of every game rolls here.
        """
        try:
            spread = TURN_SPREADS[self.turn]
        except IndexError:
            spread = turn_spread(self.turn)
        z = ((self.seed_h ^ key_h ^ spread) + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return ((z ^ (z >> 31)) >> 11) * 2.0**-53

    # -- changes, each recorded with its cause ---------------------------------------------------

    def set_value(self, var: int, value: int, requested: int, cause: Cause) -> None:
        """Set a variable (clamped to its bounds) and record the change with its cause."""
        game = self.game
        low = game.var_min[var]
        high = game.var_max[var]
        clamped = low if value < low else high if value > high else value
        before = self.values[var]
        self.values[var] = clamped
        if self.record and (clamped != before or requested):
            self.events.append(Changed(game.var_ids[var], before, clamped, requested, cause))

    def add_value(self, var: int, delta: int, cause: Cause) -> None:
        self.set_value(var, self.values[var] + delta, delta, cause)

    def add_resource(self, role: int, resource: int, amount: int, cause: Cause) -> None:
        """Change a role's stock (clamped to its bounds) and record it."""
        game = self.game
        stock = self.resources[role]
        before = stock[resource]
        after = before + amount
        low = game.resource_min[role][resource]
        high = game.resource_max[role][resource]
        after = low if after < low else high if after > high else after
        stock[resource] = after
        if self.record and (after != before or amount):
            self.events.append(
                ResourceChanged(game.role_ids[role], game.resource_ids[role][resource], before, after, amount, cause)
            )

    def say(self, text: str, cause: Cause) -> None:
        if self.record:
            self.events.append(Narrated(text, cause))

    def schedule(self, shock: int, after: int, cause: Cause, check: int = -1) -> None:
        """Make a shock due at the opening of a later turn (``check``: a condition to hold then, format 2)."""
        due = self.turn + after
        self.scheduled.append(Scheduled(due, shock, cause, check))
        if self.record:
            self.events.append(ShockScheduled(self.game.shock_ids[shock], due, cause))

    def call_off(self, shock: int) -> None:
        """Format 2's disable: whatever of the shock is still scheduled will not fire, and the log says so."""
        kept = [item for item in self.scheduled if item.shock != shock]
        if len(kept) == len(self.scheduled):
            return
        self.scheduled = kept
        if self.record:
            self.events.append(ShockSkipped(self.game.shock_ids[shock], "it was called off when it was disabled"))

    def arm(self, shock: int, armed: bool, cause: Cause) -> None:
        if self.armed[shock] != armed:
            self.armed[shock] = armed
            if self.record:
                self.events.append(ShockArmed(self.game.shock_ids[shock], armed, cause))

    def end_shock(self, shock: int, cause: Cause) -> None:
        """End an active shock early (no expiry effects)."""
        if self.remaining[shock]:
            self.remaining[shock] = 0
            if self.record:
                self.events.append(ShockEnded(self.game.shock_ids[shock], False, cause))
