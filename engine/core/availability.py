"""Which actions a role may take now, why not the others, and whether a set of orders is valid.

The UI lists every action of a role with its reason when unavailable; bots ask the fast
boolean form; `step` validates submitted orders with the same rules, so what the screen offers
is exactly what the engine accepts.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from engine.core.explain import explain
from engine.core.rules import Game
from engine.core.state import State
from engine.core.work import Work
from engine.load.diagnostics import closest


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
    available: bool
    reason: str | None


def unavailable_reason(game: Game, work: Work, r: int, a: int, *, words: bool = True) -> str | None:
    """Why role ``r`` cannot take action ``a`` now, or None when it can.

    With ``words=False`` the reason is a bare marker (bots only need yes or no).
    """
    if work.ended:
        return "the game has ended"
    unlocked_by = game.action_unlocked_by[a]
    if unlocked_by and not any(work.remaining[s] for s in unlocked_by):
        if not words:
            return "-"
        titles = " or ".join(game.scenario.shocks[s].title for s in unlocked_by)
        return f"only while {titles} is in progress"
    limit = game.action_limit[a]
    used = work.uses[r][a]
    if limit is not None and used >= limit:
        return f"already taken {used} of {limit} allowed times" if words else "-"
    cooldown = game.action_cooldown[a]
    last = work.last_used[r][a]
    if cooldown and last and work.turn <= last + cooldown:
        return f"cooling down: available again in {game.scenario.turns.label.lower()} {last + cooldown + 1}" if words else "-"
    requires = game.action_requires[a]
    if requires is not None and not requires(work):
        if not words:
            return "-"
        action = game.scenario.actions[a]
        assert action.requires is not None
        return action.requires_text or explain(work, action.requires)
    cost = game.action_cost[a]
    if cost > game.budgets[r]:
        return f"costs {cost} action points; the budget is {game.budgets[r]}" if words else "-"
    stocks = work.resources[r]
    for k, amount in game.action_spend[(r, a)]:
        if stocks[k] < amount:
            if not words:
                return "-"
            label = game.scenario.roles[r].resources[k].label
            return f"needs {amount} {label} (has {stocks[k]})"
    return None


def available_actions(game: Game, work: Work, r: int) -> list[int]:
    """Positions of the actions role ``r`` can take now (fast; for bots)."""
    return [a for a in game.role_actions[r] if unavailable_reason(game, work, r, a, words=False) is None]


def action_options(game: Game, state: State, role: str) -> tuple[ActionOption, ...]:
    """Every action the role may ever take, each with whether it is available now and why not."""
    r = game.role_index[role]
    work = Work(game, state, record=False, readonly=True)
    labels = {resource.id: resource.label for resource in game.scenario.roles[r].resources}
    options = []
    for a in game.role_actions[r]:
        action = game.scenario.actions[a]
        reason = unavailable_reason(game, work, r, a)
        options.append(
            ActionOption(
                action=action.id,
                label=action.label,
                cost=action.cost,
                spend=action.spend,
                spend_labels=tuple((labels.get(res_id, res_id), amount) for res_id, amount in action.spend),
                joint=action.joint,
                available=reason is None,
                reason=reason,
            )
        )
    return tuple(options)


def order_problems(game: Game, work: Work, r: int, actions: Sequence[str]) -> list[str]:
    """Everything wrong with a role's orders, in words; empty when they can be accepted."""
    role = game.scenario.roles[r]
    problems: list[str] = []
    indexes: list[int] = []
    for action_id in actions:
        a = game.action_index.get(action_id)
        if a is None:
            guess = closest(action_id, [game.action_ids[x] for x in game.role_actions[r]])
            hint = f" (did you mean {guess!r}?)" if guess else ""
            problems.append(f"unknown action {action_id!r}{hint}")
            continue
        if a not in game.role_actions[r]:
            problems.append(
                f"{role.name} cannot take {game.scenario.actions[a].label}: it is for {', '.join(game.scenario.actions[a].roles)}"
            )
            continue
        if a in indexes:
            problems.append(f"{game.scenario.actions[a].label} is ordered twice")
            continue
        reason = unavailable_reason(game, work, r, a)
        if reason is not None:
            problems.append(f"{game.scenario.actions[a].label} is not available: {reason}")
            continue
        indexes.append(a)
    total = sum(game.action_cost[a] for a in indexes)
    if total > role.budget:
        problems.append(f"the orders cost {total} action points; {role.name}'s budget is {role.budget}")
    needed: dict[int, int] = {}
    for a in indexes:
        for k, amount in game.action_spend[(r, a)]:
            needed[k] = needed.get(k, 0) + amount
    for k, amount in sorted(needed.items()):
        stock = work.resources[r][k]
        if amount > stock:
            problems.append(f"the orders spend {amount} {role.resources[k].label}; {role.name} has {stock}")
    for a in indexes:
        for b in indexes:
            if a < b and (b in game.action_excludes[a] or a in game.action_excludes[b]):
                labels = game.scenario.actions[a].label, game.scenario.actions[b].label
                problems.append(f"{labels[0]} and {labels[1]} cannot both be taken in one turn")
    return problems
