"""Which actions a role may take now, why not the others, and whether a set of orders is valid.

One check decides availability (`blocker`), returning a `RefusalCode`; the UI lists every action
of a role with the reason worded, bots ask only whether there is one, and `step` validates
submitted orders with the same check, so what the screen offers is exactly what the engine accepts.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from engine.core.refusals import Reason, RefusalCode, reason
from engine.core.rules import Game
from engine.core.view import Facts, View

__all__ = ["ActionOption", "action_options", "available_actions", "blocker", "order_problems", "unavailable"]


@attrs.frozen
class ActionOption:
    """One action as a role sees it this turn: what it costs and, if unavailable, why."""

    action: str
    label: str
    cost: int
    spend: tuple[tuple[str, int], ...]
    """(resource id, amount) paid when resolved."""
    spend_labels: tuple[tuple[str, int], ...]
    """The same with the resources' labels, for display."""
    joint: bool
    refusal: Reason | None
    """Why it is unavailable now (a code and a sentence), or None when it is available."""

    @property
    def available(self) -> bool:
        return self.refusal is None

    @property
    def reason(self) -> str | None:
        """Why it is unavailable, in words."""
        return None if self.refusal is None else self.refusal.text


def blocker(game: Game, facts: Facts, r: int, a: int) -> tuple[RefusalCode, int | None] | None:
    """What stops role ``r`` taking action ``a`` now, or None when it can.

    The code comes with the resource it concerns, for a shortage (None otherwise). This is the
    hot path of every bot's turn, so it words nothing.
    """
    if facts.ended:
        return RefusalCode.GAME_ENDED, None
    unlocked_by = game.action_unlocked_by[a]
    if unlocked_by and not any(facts.remaining[s] for s in unlocked_by):
        return RefusalCode.LOCKED, None
    limit = game.action_limit[a]
    if limit is not None and facts.uses[r][a] >= limit:
        return RefusalCode.LIMIT_REACHED, None
    cooldown = game.action_cooldown[a]
    last = facts.last_used[r][a]
    if cooldown and last and facts.turn <= last + cooldown:
        return RefusalCode.COOLING_DOWN, None
    requires = game.action_requires[a]
    if requires is not None and not requires(facts):
        return RefusalCode.REQUIREMENT_UNMET, None
    if game.action_cost[a] > facts.points[r]:
        return RefusalCode.OVER_BUDGET, None
    stocks = facts.resources[r]
    for k, amount in game.action_spend[(r, a)]:
        if stocks[k] < amount:
            return RefusalCode.SHORT_OF_RESOURCE, k
    return None


def unavailable(game: Game, facts: Facts, r: int, a: int) -> Reason | None:
    """Why role ``r`` cannot take action ``a`` now, worded, or None when it can."""
    found = blocker(game, facts, r, a)
    if found is None:
        return None
    code, resource = found
    return reason(code, game, facts, role=r, action=a, other=resource)


def available_actions(game: Game, facts: Facts, r: int) -> list[int]:
    """Positions of the actions role ``r`` can take now (fast; for bots)."""
    return [a for a in game.role_actions[r] if blocker(game, facts, r, a) is None]


def action_options(view: View, role: str) -> tuple[ActionOption, ...]:
    """Every action the role may ever take, each with whether it is available now and why not."""
    game = view.game
    r = game.role_index[role]
    labels = {resource.id: resource.label for resource in game.scenario.roles[r].resources}
    options = []
    for a in game.role_actions[r]:
        action = game.scenario.actions[a]
        options.append(
            ActionOption(
                action=action.id,
                label=action.label,
                cost=action.cost,
                spend=action.spend,
                spend_labels=tuple((labels.get(res_id, res_id), amount) for res_id, amount in action.spend),
                joint=action.joint,
                refusal=unavailable(game, view, r, a),
            )
        )
    return tuple(options)


def order_problems(game: Game, facts: Facts, r: int, actions: Sequence[str]) -> list[Reason]:
    """Everything wrong with a role's orders, each with its code; empty when they can be accepted."""
    problems: list[Reason] = []
    indexes: list[int] = []
    for action_id in actions:
        a = game.action_index.get(action_id)
        if a is None:
            problems.append(reason(RefusalCode.UNKNOWN_ACTION, game, facts, role=r, name=action_id))
            continue
        if a not in game.role_actions[r]:
            problems.append(reason(RefusalCode.NOT_THE_ROLES_ACTION, game, facts, role=r, action=a))
            continue
        if a in indexes:
            problems.append(reason(RefusalCode.ORDERED_TWICE, game, facts, role=r, action=a))
            continue
        why = unavailable(game, facts, r, a)
        if why is not None:
            label = game.scenario.actions[a].label
            problems.append(attrs.evolve(why, text=f"{label} is not available: {why.text}"))
            continue
        indexes.append(a)
    total = sum(game.action_cost[a] for a in indexes)
    if total > facts.points[r]:
        problems.append(reason(RefusalCode.ORDERS_OVER_BUDGET, game, facts, role=r, amount=total))
    needed: dict[int, int] = {}
    for a in indexes:
        for k, amount in game.action_spend[(r, a)]:
            needed[k] = needed.get(k, 0) + amount
    for k, amount in sorted(needed.items()):
        if amount > facts.resources[r][k]:
            problems.append(reason(RefusalCode.ORDERS_OVERSPEND, game, facts, role=r, other=k, amount=amount))
    for a in indexes:
        for b in indexes:
            if a < b and (b in game.action_excludes[a] or a in game.action_excludes[b]):
                problems.append(reason(RefusalCode.EXCLUSIVE, game, facts, role=r, action=a, other=b))
    return problems
