"""A game compiled once more for playouts: availability per (role, action) and triggers by turn.

`engine.core.availability.blocker` answers for one action at a time and words nothing; a bot's
turn asks it of every action of every role. Here each role's actions are reduced to the checks
they need (an action it can never afford is dropped once), so one loop answers for a whole role.
"""

from __future__ import annotations

from engine.core.events import Cause
from engine.core.firing import in_window
from engine.core.rules import Eff, Game, Pred
from engine.core.view import Facts

Option = tuple[int, tuple[int, ...], int | None, int, Pred | None, tuple[tuple[int, int], ...]]
"""(action, shocks that unlock it, limit, cooldown, requirement, (resource, amount) spent)."""

Trigger = tuple[int, int, int, Pred | None, float | None, bool, int]
"""A shock's trigger as `Game.triggers` holds it."""


class Plan:
    """What a playout needs beyond the `Game`, computed once per scenario."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self.options: tuple[tuple[Option, ...], ...] = tuple(
            tuple(
                (
                    a,
                    game.action_unlocked_by[a],
                    game.action_limit[a],
                    game.action_cooldown[a],
                    game.action_requires[a],
                    game.action_spend[(r, a)],
                )
                for a in game.role_actions[r]
                if game.action_cost[a] <= game.budgets[r]
            )
            for r in range(len(game.role_ids))
        )
        self.triggers_at: tuple[tuple[Trigger, ...], ...] = tuple(
            tuple(in_window(game.triggers, turn)) for turn in range(game.turn_count + 1)
        )
        """Per turn, the triggers whose window holds it, in the scenario's order."""
        self.shock_range = range(len(game.shock_ids))
        self.income: tuple[tuple[int, int, int], ...] = tuple(
            (r, k, resource.per_turn)
            for r, role in enumerate(game.scenario.roles)
            for k, resource in enumerate(role.resources)
            if resource.per_turn
        )
        """(role, resource, amount) for every resource with an income, in the scenario's order."""
        self.income_cause = Cause("income")
        self.acts: tuple[tuple[tuple[Eff, Cause] | None, ...], ...] = tuple(
            tuple(
                (game.action_effects[(r, a)], game.action_cause[(r, a)]) if (r, a) in game.action_effects else None
                for a in range(len(game.action_ids))
            )
            for r in range(len(game.role_ids))
        )
        """Per role, per action: its effects and their cause when the role takes it alone (None for a joint action)."""

    def available(self, facts: Facts, r: int) -> list[int]:
        """The actions role ``r`` can take now, in the scenario's order: `available_actions`, faster."""
        if facts.ended:
            return []
        turn = facts.turn
        remaining = facts.remaining
        uses = facts.uses[r]
        last_used = facts.last_used[r]
        stocks = facts.resources[r]
        found = []
        for a, unlocked_by, limit, cooldown, requires, spend in self.options[r]:
            if unlocked_by:
                for s in unlocked_by:
                    if remaining[s]:
                        break
                else:
                    continue
            if limit is not None and uses[a] >= limit:
                continue
            if cooldown:
                last = last_used[a]
                if last and turn <= last + cooldown:
                    continue
            if requires is not None and not requires(facts):
                continue
            if spend:
                for k, amount in spend:
                    if stocks[k] < amount:
                        break
                else:
                    found.append(a)
                continue
            found.append(a)
        return found
