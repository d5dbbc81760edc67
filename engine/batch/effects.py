"""Effect lists compiled to functions over a set of games, applied in order.

Each mirrors `engine.core.rules.Game.effect` form by form, with the same dice keys: a chance,
a pick or an if splits the set of games and runs each branch on its part. Games are independent,
so running one branch's games before the other's gives each game what the scalar engine gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import assert_never

import numpy as np

from engine.batch.conditions import Conditions
from engine.batch.dice import below, rolls
from engine.batch.state import Batch, Index, pick, schedule_items
from engine.core import model as m
from engine.core.dice import key_hash

Eff = Callable[[Batch, Index], None]


def _noop(batch: Batch, idx: Index) -> None:
    return None


class Effects:
    """Compiles effects for one game; conditions inside ``if`` come from ``conditions``."""

    def __init__(self, conditions: Conditions) -> None:
        self.conditions = conditions
        self.game = conditions.game

    def effects(self, items: Sequence[m.Effect], key: str) -> Eff:
        """One function applying a list of effects in order; ``key`` names its dice as the scalar engine does."""
        parts = tuple(part for part in (self.effect(item, f"{key}/{n}") for n, item in enumerate(items)) if part is not _noop)
        if not parts:
            return _noop
        if len(parts) == 1:
            return parts[0]

        def run(batch: Batch, idx: Index) -> None:
            for part in parts:
                part(batch, idx)

        return run

    def effect(self, eff: m.Effect, key: str) -> Eff:
        """One effect as a function over a set of games."""
        game = self.game
        match eff:
            case m.Add():
                return self._add(eff)
            case m.SetTo():
                targets = tuple(
                    (game.var_index[var], min(max(value, game.var_min[game.var_index[var]]), game.var_max[game.var_index[var]]))
                    for var, value in eff.values
                )

                def set_to(batch: Batch, idx: Index) -> None:
                    for i, value in targets:
                        batch.values[i][idx] = value

                return set_to
            case m.Drift():
                return self._drift(eff)
            case m.Gain():
                r = game.role_index[eff.role]
                k = game.resource_index[r][eff.resource]
                amount = eff.amount
                return lambda batch, idx: batch.add_resource(batch.resource_row[r][k], idx, amount)
            case m.Chance():
                return self._chance(eff, key)
            case m.Pick():
                return self._pick(eff, key)
            case m.If():
                return self._if(eff, key)
            case m.Schedule():
                s, after = game.shock_index[eff.shock], eff.after
                return lambda batch, idx: batch.schedule_shock(s, after, idx)
            case m.Enable() | m.Disable():
                s, armed = game.shock_index[eff.shock], isinstance(eff, m.Enable)
                if armed or game.format < 2:

                    def arm(batch: Batch, idx: Index) -> None:
                        batch.armed[s][idx] = armed

                    return arm
                codes = np.asarray([code for code, (shock, _) in enumerate(schedule_items(game)) if shock == s], dtype=np.int32)

                def disable(batch: Batch, idx: Index) -> None:
                    # format 2: what of the shock is queued is called off too (`Work.call_off`)
                    batch.armed[s][idx] = False
                    batch.call_off(codes, idx)

                return disable
            case m.EndShock():
                s = game.shock_index[eff.shock]

                def end_shock(batch: Batch, idx: Index) -> None:
                    batch.remaining[s][idx] = 0

                return end_shock
            case m.Say():
                return _noop
            case _:
                assert_never(eff)

    def _add(self, eff: m.Add) -> Eff:
        """Each change added and clamped on the side it moves towards (a value always lies within its bounds)."""
        game = self.game
        changes = tuple(
            (i, delta, np.minimum if delta > 0 else np.maximum, game.var_max[i] if delta > 0 else game.var_min[i])
            for i, delta in ((game.var_index[var], delta) for var, delta in eff.changes)
            if delta  # adding nothing changes nothing
        )
        if not changes:
            return _noop

        def add(batch: Batch, idx: Index) -> None:
            values = batch.values
            if isinstance(idx, slice):
                for i, delta, clamp, bound in changes:
                    row = values[i]
                    row += delta
                    clamp(row, bound, out=row)
            else:
                for i, delta, clamp, bound in changes:
                    some = values[i][idx]
                    some += delta
                    clamp(some, bound, out=some)
                    values[i][idx] = some

        return add

    def _drift(self, eff: m.Drift) -> Eff:
        game = self.game
        i, toward, by = game.var_index[eff.var], eff.toward, eff.by
        low, high = game.var_min[i], game.var_max[i]

        inside = low <= toward <= high
        """A value moving toward a point within its bounds stays within them: no clamp (``by`` is at least 1)."""

        def drift(batch: Batch, idx: Index) -> None:
            whole = isinstance(idx, slice)
            value = batch.values[i] if whole else batch.values[i][idx]  # a view of the row, or a copy
            step = toward - value  # the scalar's min(value + by, toward) / max(value - by, toward), as a step
            np.minimum(step, by, out=step)
            np.maximum(step, -by, out=step)
            value += step
            if not inside:
                np.minimum(value, high, out=value)
                np.maximum(value, low, out=value)
            if not whole:
                batch.values[i][idx] = value

        return drift

    def _chance(self, eff: m.Chance, key: str) -> Eff:
        key_h = key_hash(key)
        probability = eff.probability
        then = self.effects(eff.then, f"{key}/then")
        otherwise = self.effects(eff.otherwise, f"{key}/else")
        if then is _noop and otherwise is _noop:
            return _noop

        def chance(batch: Batch, idx: Index) -> None:
            if not batch.count(idx):
                return
            success = below(batch.seed_h[idx], batch.turn, key_h, probability)
            then(batch, pick(idx, success))
            otherwise(batch, pick(idx, ~success))

        return chance

    def _pick(self, eff: m.Pick, key: str) -> Eff:
        key_h = key_hash(key)
        total = sum(option.weight for option in eff.options)
        weights = tuple(option.weight for option in eff.options)
        options = tuple(self.effects(option.effects, f"{key}/{n}") for n, option in enumerate(eff.options))
        if all(option is _noop for option in options):
            return _noop
        last = len(options) - 1

        def pick_option(batch: Batch, idx: Index) -> None:
            size = batch.count(idx)
            if not size:
                return
            point = rolls(batch.seed_h[idx], batch.turn, key_h) * total
            picked = np.full(size, last, dtype=np.int64)
            open_ = np.ones(size, dtype=np.bool_)
            for n, weight in enumerate(weights):
                hit = open_ & (point < weight)
                picked[hit] = n
                open_ &= ~hit
                point = point - weight
            for n, option in enumerate(options):
                if option is not _noop:
                    option(batch, pick(idx, picked == n))

        return pick_option

    def _if(self, eff: m.If, key: str) -> Eff:
        test = self.conditions.condition(eff.condition)
        then = self.effects(eff.then, f"{key}/then")
        otherwise = self.effects(eff.otherwise, f"{key}/else")
        if then is _noop and otherwise is _noop:
            return _noop

        def branch(batch: Batch, idx: Index) -> None:
            if not batch.count(idx):
                return
            holds = test(batch, idx)
            then(batch, pick(idx, holds))
            otherwise(batch, pick(idx, ~holds))

        return branch
