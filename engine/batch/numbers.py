"""The integer type a batch holds a scenario's numbers in: int16 where every value fits, else int64.

Variables and resources are read and written by most of a turn's passes (conditions over every
game, each effect's gather and scatter), so the narrower their type the less memory each pass
walks: int16 is a quarter of int64's. It is chosen only when nothing the batch computes from
them can leave int16: every bound and starting value, and every number an effect makes before it
is clamped (an ``add`` or ``gain`` on top of the bound it moves away from, a ``drift``'s step from
either bound to its target, a spend below a resource's least), as well as the spans the greedy
bot's nearness tables are indexed by (a ``set`` is clamped as it is compiled). A scenario with
wider numbers is held in int64, as before.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import TypeVar, cast

import attrs
import numpy as np

from engine.core import model as m
from engine.core.rules import Game

Number = type[np.int16] | type[np.int64]
NARROW = np.int16
WIDE = np.int64
_LEAST, _MOST = int(np.iinfo(NARROW).min), int(np.iinfo(NARROW).max)
_Form = TypeVar("_Form")


def forms(value: object, kind: type[_Form]) -> Iterator[_Form]:
    """Every instance of ``kind`` anywhere in a scenario (or any part of one), in the order they are written."""
    if isinstance(value, kind):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from forms(item, kind)
    elif attrs.has(type(value)):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            yield from forms(getattr(value, field.name), kind)


def number_type(game: Game) -> Number:
    """The type of `Batch.values` and `Batch.resources` for this game (worked out once per game)."""
    found = _TYPES.get(game)
    if found is None:
        found = NARROW if all(_LEAST <= number <= _MOST for number in reached(game)) else WIDE
        _TYPES[game] = found
    return found


_TYPES: weakref.WeakKeyDictionary[Game, Number] = weakref.WeakKeyDictionary()


def reached(game: Game) -> Iterator[int]:
    """Every number the batch may hold or compute from a variable or resource before clamping it."""
    scenario = game.scenario
    changes: dict[int, list[int]] = {}
    for add in forms(scenario, m.Add):
        for name, delta in add.changes:
            changes.setdefault(game.var_index[name], []).append(delta)
    for i, var in enumerate(scenario.variables):
        yield from _within(var.min, var.max, var.initial, changes.get(i, ()))
    for drift in forms(scenario, m.Drift):
        i = game.var_index[drift.var]
        yield from (drift.toward, drift.by, -drift.by, drift.toward - game.var_min[i], drift.toward - game.var_max[i])
    amounts: dict[tuple[int, int], list[int]] = {}
    for gain in forms(scenario, m.Gain):
        r = game.role_index[gain.role]
        amounts.setdefault((r, game.resource_index[r][gain.resource]), []).append(gain.amount)
    for (r, _), spend in game.action_spend.items():
        for k, amount in spend:
            amounts.setdefault((r, k), []).append(-amount)
    for r, role in enumerate(scenario.roles):
        for k, resource in enumerate(role.resources):
            yield from _within(resource.min, resource.max, resource.initial, [*amounts.get((r, k), ()), resource.per_turn])


def _within(least: int, most: int, initial: int, deltas: Iterable[int]) -> Iterator[int]:
    """A number's bounds, start and span, and each change with where it can take the number before the clamp."""
    yield from (least, most, initial, most - least)
    for delta in deltas:
        yield from (delta, most + delta, least + delta)
