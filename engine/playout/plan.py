"""A game compiled once more for playouts: availability per (role, action) and triggers by turn.

`engine.core.availability.blocker` answers for one action at a time and words nothing; a bot's
turn asks it of every action of every role. Here each role's actions are reduced to the checks
they need (an action it can never afford is dropped once), so one pass a turn answers for every role;
where requirements test the turn, per turn (`engine.core.turn_bound`): an action open only on some
turns is not looked at on the others.
"""

from __future__ import annotations

from engine.core.events import Cause
from engine.core.firing import TurnDice, in_window
from engine.core.rules import Eff, Game, Pred
from engine.core.step import unopened
from engine.core.turn_bound import at_turn
from engine.core.view import Facts

Check = tuple[int, int | None, int, Pred | None, tuple[tuple[int, int], ...]]
"""(action, limit, cooldown, requirement, (resource, amount) spent): what an action's availability asks."""

Trigger = tuple[int, int, int, Pred | None, float | None, bool, int]
"""A shock's trigger as `Game.triggers` holds it."""


class Plan:
    """What a playout needs beyond the `Game`, computed once per scenario."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self._by_turn = any(_tests_turn(game, a) for a in range(len(game.action_ids)))
        """Whether some action's requirement tests the turn (its options are then made turn by turn)."""
        self._options: dict[int, tuple[_RoleOptions, ...]] = {}
        """Per turn asked (or only turn 0, when no requirement tests the turn): per role, the
        actions it may ever afford then, sorted by the checks they need."""
        self.triggers_at: tuple[tuple[Trigger, ...], ...] = tuple(
            tuple(found for trigger in in_window(game.triggers, turn) if (found := _at_turn(game, trigger, turn)) is not None)
            for turn in range(game.turn_count + 1)
        )
        """Per turn, the triggers whose window holds it, in the scenario's order, each with its
        condition at that turn (`engine.core.turn_bound`); one whose condition cannot hold then is left out."""
        self.dice_at = tuple(TurnDice.of(triggers, turn) for turn, triggers in enumerate(self.triggers_at))
        """Per turn, its triggers' dice, rolled all at once when the first is needed."""
        self.shock_range = range(len(game.shock_ids))
        self.unopened = unopened(game, 0, record=False)
        """The game before turn 1 opens: each playout starts from a copy under its own seed."""
        self.income: tuple[tuple[int, int, int, int, int], ...] = tuple(
            (r, k, resource.per_turn, resource.min, resource.max)
            for r, role in enumerate(game.scenario.roles)
            for k, resource in enumerate(role.resources)
            if resource.per_turn
        )
        """(role, resource, amount, least, most) for every resource with an income, in the scenario's order."""
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
        return self.offered(facts)[r]

    def offered(self, facts: Facts) -> list[list[int]]:
        """Per role, the actions it can take now, in the scenario's order: `available_actions` for
        every role, in one pass (a playout asks once a turn).

        The checks are `blocker`'s, in its order, but an action only asks the ones it has: one
        with none but a cooldown asks that alone, and the actions a shock unlocks are looked at
        only while one of their shocks is active (a group at a time).
        """
        if facts.ended:
            return [[] for _ in self.game.role_ids]
        turn = facts.turn
        by_role = self._options.get(turn if self._by_turn else 0)
        if by_role is None:
            by_role = self._options_at(turn)
        remaining = facts.remaining
        every: list[list[int]] = []
        for options, last_used, uses, stocks in zip(by_role, facts.last_used, facts.uses, facts.resources, strict=True):
            found = list(options.always)
            for a, cooldown in options.cooled:
                last = last_used[a]
                if not last or turn > last + cooldown:
                    found.append(a)
            checked = options.checked
            for unlockers, group in options.locked:
                for s in unlockers:
                    if remaining[s]:
                        checked += group
                        break
            if not checked:
                if options.always and options.cooled:
                    found.sort()  # the two lists, each in order, into the scenario's
                every.append(found)
                continue
            for a, limit, cooldown, requires, spend in checked:
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
            found.sort()
            every.append(found)
        return every

    def _options_at(self, turn: int) -> tuple[_RoleOptions, ...]:
        """Every role's options at ``turn`` (made once: at turn 0 for all turns, when none tests the turn)."""
        game, by_turn = self.game, self._by_turn
        found = self._options[turn if by_turn else 0] = tuple(
            _RoleOptions(game, r, turn if by_turn else None) for r in range(len(game.role_ids))
        )
        return found


def _at_turn(game: Game, trigger: Trigger, turn: int) -> Trigger | None:
    """A trigger at ``turn``: None when its condition cannot hold then, else with its condition
    reduced to what is left to ask. A condition the turn meets becomes one that always holds, not
    none: `firing` treats a trigger with no condition as one due on a fixed turn."""
    s, low, high, when, chance, guaranteed, key_h = trigger
    shock_trigger = game.scenario.shocks[s].trigger
    condition = None if shock_trigger is None else shock_trigger.when
    if when is None or condition is None:
        return trigger
    bound = at_turn(condition, turn)
    if bound is False:
        return None
    if bound is condition:
        return trigger
    return s, low, high, _always if bound is True else game.predicate(bound), chance, guaranteed, key_h


def _always(facts: Facts) -> bool:
    return True


def _tests_turn(game: Game, a: int) -> bool:
    """Whether action ``a``'s requirement tests the turn."""
    requires = game.scenario.actions[a].requires
    return requires is not None and at_turn(requires, 0) is not requires


class _RoleOptions:
    """One role's affordable actions by the checks they need (each list in the scenario's order),
    at one turn (``turn``) or any (None): at a turn, an action whose requirement cannot hold then is
    left out, and one whose requirement is decided by the turn alone asks nothing more of it."""

    def __init__(self, game: Game, r: int, turn: int | None) -> None:
        requirements: dict[int, Pred | None] = {}
        for a in game.role_actions[r]:
            if game.action_cost[a] > game.budgets[r]:
                continue
            requires = game.scenario.actions[a].requires
            bound = requires if requires is None or turn is None else at_turn(requires, turn)
            if bound is False:
                continue
            if bound is None or bound is True:
                requirements[a] = None
            else:
                requirements[a] = game.action_requires[a] if bound is requires else game.predicate(bound)
        actions = list(requirements)

        def plain(a: int) -> bool:
            return game.action_limit[a] is None and requirements[a] is None and not game.action_spend[(r, a)]

        def check(a: int) -> Check:
            return a, game.action_limit[a], game.action_cooldown[a], requirements[a], game.action_spend[(r, a)]

        free = [a for a in actions if not game.action_unlocked_by[a] and plain(a)]
        self.always = tuple(a for a in free if not game.action_cooldown[a])
        """Actions nothing can stop (but the game's end)."""
        self.cooled = tuple((a, game.action_cooldown[a]) for a in free if game.action_cooldown[a])
        """(action, cooldown) for the actions only a cooldown can stop."""
        self.checked = tuple(check(a) for a in actions if not game.action_unlocked_by[a] and not plain(a))
        """The other actions no shock locks, with their checks."""
        groups: dict[tuple[int, ...], list[Check]] = {}
        for a in actions:
            if game.action_unlocked_by[a]:
                groups.setdefault(game.action_unlocked_by[a], []).append(check(a))
        self.locked = tuple((unlockers, tuple(group)) for unlockers, group in groups.items())
        """Per set of shocks that unlock some actions: those actions, with their checks."""
