"""Reading a game's state: the facts conditions test, and a read-only `View` that answers by id.

A `State` stores everything by position so that it is small and quick to step. `Facts` is what a
compiled condition reads (positions, as the rules compiler indexed them); the step's private
working copy and a `View` both provide it, so a condition means the same inside a step and
outside. `View` adds the questions people and programs ask by id: "what is trust now?", "has
the ICBM test happened?", "what is Tokyo's score?".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from engine.core import model as m
from engine.core.state import State, budgets, state_digest, state_json

if TYPE_CHECKING:
    from engine.core.rules import Game

__all__ = ["Facts", "View"]


class Facts:
    """What conditions read, by position, and what follows from it (scores, objectives met).

    Subclasses set every attribute; the step's working copy holds lists it changes, a `View`
    the state's own tuples.
    """

    __slots__ = ("chosen_orders", "game", "seed", "turn", "ended", "resolutions")

    game: Game
    seed: int
    turn: int
    ended: bool
    resolutions: int
    chosen_orders: Sequence[tuple[int, ...]]
    """Per role, the actions (positions, sorted) `chose` conditions look at: the turn last resolved."""
    values: Sequence[int]
    resources: Sequence[Sequence[int]]
    uses: Sequence[Sequence[int]]
    last_used: Sequence[Sequence[int]]
    fires: Sequence[int]
    remaining: Sequence[int]
    armed: Sequence[bool]
    objectives_ever: Sequence[Sequence[bool]]
    objectives_always: Sequence[Sequence[bool]]
    points: Sequence[int]
    """Per role, its action points this turn (its budget, unless the facilitator changed it)."""

    def set_chosen(self, orders: Sequence[tuple[int, ...]]) -> None:
        """Make `chose` conditions look at these orders (per role, sorted positions)."""
        self.chosen_orders = orders

    def score_at(self, role: int) -> int:
        """The objective score of the role at this position, as things stand."""
        return self.score_of(role, self.objectives_met_at(role))

    def score_of(self, role: int, met: Sequence[bool]) -> int:
        """The role's score given which of its objectives are met (`objectives_met_at`, already asked)."""
        weights = self.game.objective_weights[role]
        return sum(weight for flag, weight in zip(met, weights, strict=True) if flag)

    def objectives_met_at(self, role: int) -> list[bool]:
        """For each objective of the role at this position, whether it counts as met right now."""
        met = []
        for k, (check, condition) in enumerate(self.game.objective_checks[role]):
            if check == "end":
                met.append(condition(self))
            elif check == "ever":
                met.append(self.objectives_ever[role][k])
            else:
                met.append(self.resolutions > 0 and self.objectives_always[role][k])
        return met


class View(Facts):
    """A frozen state read through its game: every question by id, nothing that changes it.

    Unknown ids raise KeyError. A view is cheap to make (it shares the state's tuples) and stays
    true to the state it was made from.
    """

    __slots__ = (
        "armed",
        "fires",
        "last_fired",
        "last_used",
        "objectives_always",
        "objectives_ever",
        "orders_by_position",
        "points",
        "remaining",
        "resources",
        "state",
        "uses",
        "values",
    )

    values: tuple[int, ...]
    resources: tuple[tuple[int, ...], ...]
    uses: tuple[tuple[int, ...], ...]
    last_used: tuple[tuple[int, ...], ...]
    fires: tuple[int, ...]
    remaining: tuple[int, ...]
    armed: tuple[bool, ...]
    objectives_ever: tuple[tuple[bool, ...], ...]
    objectives_always: tuple[tuple[bool, ...], ...]
    points: tuple[int, ...]

    def __init__(self, game: Game, state: State) -> None:
        self.game = game
        self.state = state
        self.seed = state.seed
        self.turn = state.turn
        self.ended = state.ended
        self.resolutions = state.resolutions
        self.values = state.values
        self.resources = state.resources
        self.orders_by_position = state.orders
        self.uses = state.uses
        self.last_used = state.last_used
        self.fires = state.fires
        self.remaining = state.remaining
        self.armed = state.armed
        self.last_fired = state.last_fired
        self.objectives_ever = state.objectives_ever
        self.objectives_always = state.objectives_always
        self.points = budgets(game, state)
        self.set_chosen(state.last_orders)

    # -- the scenario and the game as a whole ---------------------------------------------------

    @property
    def scenario(self) -> m.Scenario:
        return self.game.scenario

    @property
    def outcome(self) -> str | None:
        """The outcome's id once the game has ended."""
        return self.state.outcome

    @property
    def end_reason(self) -> str | None:
        """Why the game ended: an end condition's id, ``final-turn``, or the facilitator's words."""
        return self.state.end_reason

    @property
    def digest(self) -> str:
        """SHA-256 of the state: what journals record after every command."""
        return state_digest(self.game, self.state)

    def to_json(self) -> dict[str, Any]:
        """The whole state with ids, as journals and `--json` outputs show it."""
        return state_json(self.game, self.state)

    # -- phases -------------------------------------------------------------------------------------

    @property
    def phase(self) -> m.Phase | None:
        """The phase of the current turn, if the scenario has phases and the turn is in one."""
        return self.scenario.phase_at(self.turn)

    @property
    def deadline(self) -> int | None:
        """Minutes the teams have to decide this turn, as the scenario sets it (the console's timer by default)."""
        return self.scenario.deadline_at(self.turn)

    # -- variables --------------------------------------------------------------------------------

    def value(self, var: str) -> int:
        """A variable's value."""
        return self.values[self.game.var_index[var]]

    def shown(self, var: str) -> str:
        """A variable's value as people read it: the state's name for a variable of named states, else the number."""
        return self.scenario.variable(var).shown(self.value(var))

    def variables(self) -> dict[str, int]:
        """Every variable's value by id, in the scenario's order."""
        return dict(zip(self.game.var_ids, self.values, strict=True))

    def band(self, var: str) -> m.Band | None:
        """The band a variable's value is in, if the variable has bands."""
        return self.scenario.variable(var).band_at(self.value(var))

    # -- roles ----------------------------------------------------------------------------------

    def _role(self, role: str) -> int:
        return self.game.role_index[role]

    def resource(self, role: str, resource: str) -> int:
        """A role's stock of one of its resources."""
        r = self._role(role)
        return self.resources[r][self.game.resource_index[r][resource]]

    def budget(self, role: str) -> int:
        """A role's action points this turn: its scenario budget, unless the facilitator changed it for this turn."""
        return self.points[self._role(role)]

    def orders(self, role: str) -> tuple[str, ...] | None:
        """The actions a role has ordered this turn; None until it submits."""
        orders = self.orders_by_position[self._role(role)]
        return None if orders is None else tuple(self.game.action_ids[a] for a in orders)

    def last_orders(self, role: str) -> tuple[str, ...]:
        """The actions a role took in the turn last resolved."""
        return tuple(self.game.action_ids[a] for a in self.state.last_orders[self._role(role)])

    def times_taken(self, action: str, role: str | None = None) -> int:
        """How often an action has been taken this game, by one role or by all."""
        a = self.game.action_index[action]
        if role is not None:
            return self.uses[self._role(role)][a]
        return sum(row[a] for row in self.uses)

    def last_taken(self, role: str, action: str) -> int | None:
        """The turn a role last took an action, or None if it never has."""
        return self.last_used[self._role(role)][self.game.action_index[action]] or None

    def score(self, role: str) -> int:
        """A role's objective score as things stand."""
        return self.score_at(self._role(role))

    def objectives_met(self, role: str) -> dict[str, bool]:
        """For each of a role's objectives by id, whether it counts as met right now."""
        r = self._role(role)
        objectives = self.scenario.roles[r].objectives
        return {objective.id: met for objective, met in zip(objectives, self.objectives_met_at(r), strict=True)}

    # -- shocks ---------------------------------------------------------------------------------

    def times_fired(self, shock: str) -> int:
        """How often a shock has happened this game."""
        return self.fires[self.game.shock_index[shock]]

    def in_progress(self, shock: str) -> bool:
        """Whether a shock is active now."""
        return self.remaining[self.game.shock_index[shock]] > 0

    def turns_left(self, shock: str) -> int:
        """How many turns an active shock stays active, counting this one (0 when inactive)."""
        return self.remaining[self.game.shock_index[shock]]

    def is_armed(self, shock: str) -> bool:
        """Whether a shock's trigger is armed (a disabled shock fires only when scheduled or injected)."""
        return self.armed[self.game.shock_index[shock]]

    def last_fired_in(self, shock: str) -> int | None:
        """The turn a shock last happened, or None if it never has."""
        return self.last_fired[self.game.shock_index[shock]] or None

    def shocks_in_progress(self) -> tuple[str, ...]:
        """The ids of the shocks active now, in the scenario's order."""
        return tuple(shock for s, shock in enumerate(self.game.shock_ids) if self.remaining[s])

    # -- conditions -----------------------------------------------------------------------------

    def holds(self, condition: m.Condition) -> bool:
        """Whether a declarative condition holds now (``chose`` looks at the turn last resolved)."""
        return self.game.predicate(condition)(self)
