"""`chose` conditions compiled: a look at the orders last resolved (`Facts.chosen_orders`).

A test names an action, a tag or both; the actions that meet it are worked out once, so a test
is one membership or one set look at a role's orders. Within an ``anyOf``, the `chose` tests of
one role are merged into one test of all their actions: the same answer, one look.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from engine.core import forms as m
from engine.core.view import Facts

if TYPE_CHECKING:
    from engine.core.rules import Game, Pred


def wanted_actions(game: Game, cond: m.ChoseTest) -> frozenset[int]:
    """The actions whose choice meets a `chose` test: the one named (unless it lacks the tag also
    named), or every action carrying the tag."""
    if cond.action is not None:
        a = game.action_index[cond.action]
        if cond.tag is not None and cond.tag not in game.action_tags[a]:
            return frozenset()
        return frozenset((a,))
    return frozenset(b for b, tags in enumerate(game.action_tags) if cond.tag in tags)


def chose_test(game: Game, cond: m.ChoseTest) -> Pred:
    """A `chose` test as a predicate: did the role (any role, or every one of the roles together) choose a wanted action?"""
    wanted = wanted_actions(game, cond)
    if not wanted:
        return _never
    if cond.roles:
        together = tuple(game.role_index[role] for role in cond.roles)
        return lambda w: all(not wanted.isdisjoint(w.chosen_orders[r]) for r in together)
    if cond.role is None:
        disjoint = wanted.isdisjoint
        return lambda w: not all(map(disjoint, w.chosen_orders))
    return _chosen_by(game.role_index[cond.role], wanted)


def any_of_parts(game: Game, items: Sequence[m.Condition]) -> tuple[Pred, ...]:
    """The parts of an ``anyOf``, where the `chose` tests of one role become one test of their wanted
    actions together, placed where the first of them was."""
    merged: dict[int, set[int]] = {}
    for item in items:
        if isinstance(item, m.ChoseTest) and item.role is not None and not item.roles:
            merged.setdefault(game.role_index[item.role], set()).update(wanted_actions(game, item))
    parts: list[Pred] = []
    for item in items:
        if isinstance(item, m.ChoseTest) and item.role is not None and not item.roles:
            r = game.role_index[item.role]
            wanted = merged.pop(r, None)
            if wanted is not None:
                parts.append(_chosen_by(r, frozenset(wanted)) if wanted else _never)
            continue
        parts.append(game.condition(item))
    return tuple(parts)


def _chosen_by(r: int, wanted: frozenset[int]) -> Pred:
    if len(wanted) == 1:
        (only,) = wanted
        return lambda w: only in w.chosen_orders[r]
    return lambda w: not wanted.isdisjoint(w.chosen_orders[r])


def _never(w: Facts) -> bool:
    return False
