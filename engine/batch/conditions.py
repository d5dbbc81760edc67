"""Conditions compiled to mask functions: for a set of games, which of them the condition holds in.

Each mirrors `engine.core.rules.Game.condition` form by form; conditions have no side effects,
so ``all``/``any`` combine masks without the scalar engine's short-circuit and mean the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never, cast

import numpy as np

from engine.batch.state import Batch, Bools, Counts, Index, Ints, Numbers
from engine.core import model as m
from engine.core.ranges import band_range, comparison_range
from engine.core.rules import Game

Mask = Callable[[Batch, Index], Bools]
_LOW, _HIGH = comparison_range(m.Comparison())


def _within(low: int, high: int, values: Numbers | Ints | Counts) -> Bools:
    result: Bools
    if low <= _LOW:
        result = values <= high
    elif high >= _HIGH:
        result = values >= low
    else:
        result = (values >= low) & (values <= high)
    return result


def _any(values: Bools, axis: int | tuple[int, int]) -> Bools:
    return cast(Bools, values.any(axis=axis))


def _never(batch: Batch, idx: Index) -> Bools:
    return np.zeros(batch.count(idx), dtype=np.bool_)


class Conditions:
    """Compiles conditions for one game, and scores (which objectives' conditions make up)."""

    def __init__(self, game: Game) -> None:
        self.game = game
        scenario = game.scenario
        self.objectives: tuple[tuple[tuple[str, Mask, int], ...], ...] = tuple(
            tuple((objective.check, self.condition(objective.condition), objective.weight) for objective in role.objectives)
            for role in scenario.roles
        )

    def met(self, batch: Batch, r: int, idx: Index) -> list[Bools]:
        """For each objective of role ``r``, in which of the games it counts as met now (`Facts.objectives_met_at`)."""
        found = []
        for k, (check, mask, _) in enumerate(self.objectives[r]):
            if check == "end":
                found.append(mask(batch, idx))
            elif check == "ever":
                found.append(batch.ever[r][k][idx])
            else:
                found.append((batch.resolutions[idx] > 0) & batch.always[r][k][idx])
        return found

    def score(self, batch: Batch, r: int, idx: Index, met: list[Bools] | None = None) -> Ints:
        """Role ``r``'s score in each of the games, as things stand (``met``: `met`'s answer, when known)."""
        total = np.zeros(batch.count(idx), dtype=np.int64)
        for (_, _, weight), holds in zip(self.objectives[r], self.met(batch, r, idx) if met is None else met, strict=True):
            total += holds * weight
        return total

    def condition(self, cond: m.Condition) -> Mask:
        """The mask function of a declarative condition."""
        game = self.game
        match cond:
            case m.VarTest():
                i = game.var_index[cond.var]
                low, high = comparison_range(cond.comparison)
                return lambda b, idx: _within(low, high, b.values[i][idx])
            case m.InBand():
                i = game.var_index[cond.var]
                low, high = band_range(game.scenario.variable(cond.var), cond.band)
                return lambda b, idx: _within(low, high, b.values[i][idx])
            case m.ResourceTest():
                r = game.role_index[cond.role]
                k = game.resource_index[r][cond.resource]
                low, high = comparison_range(cond.comparison)
                return lambda b, idx: _within(low, high, b.resources[b.resource_row[r][k], idx])
            case m.UsesTest():
                a = game.action_index[cond.action]
                low, high = comparison_range(cond.comparison)
                if cond.role is not None:
                    r = game.role_index[cond.role]
                    return lambda b, idx: _within(low, high, b.uses[r, a, idx])
                return lambda b, idx: _within(low, high, b.uses[:, a, idx].sum(axis=0))
            case m.FiredTest():
                s = game.shock_index[cond.shock]
                low, high = comparison_range(cond.comparison)
                return lambda b, idx: _within(low, high, b.fires[s][idx])
            case m.ScoreTest():
                r = game.role_index[cond.role]
                low, high = comparison_range(cond.comparison)
                return lambda b, idx: _within(low, high, self.score(b, r, idx))
            case m.TurnTest():
                low, high = comparison_range(cond.comparison)
                return lambda b, idx: np.full(b.count(idx), low <= b.turn <= high, dtype=np.bool_)
            case m.ActiveTest():
                s = game.shock_index[cond.shock]
                return lambda b, idx: b.remaining[s][idx] > 0
            case m.ChoseTest():
                return self._chose(cond)
            case m.AllOf():
                return self._combine(tuple(self.condition(item) for item in cond.items), np.logical_and)
            case m.AnyOf():
                return self._combine(tuple(self.condition(item) for item in cond.items), np.logical_or)
            case m.Not():
                inner = self.condition(cond.item)
                return lambda b, idx: ~inner(b, idx)
            case _:
                assert_never(cond)

    @staticmethod
    def _combine(parts: tuple[Mask, ...], join: np.ufunc) -> Mask:
        if len(parts) == 1:
            return parts[0]

        def combined(batch: Batch, idx: Index) -> Bools:
            result = parts[0](batch, idx)
            for part in parts[1:]:
                result = join(result, part(batch, idx))
            return result

        return combined

    def _chose(self, cond: m.ChoseTest) -> Mask:
        game = self.game
        if cond.roles:
            return self._chose_together(cond)
        roles = list(range(len(game.role_ids))) if cond.role is None else [game.role_index[cond.role]]
        if cond.action is not None:
            a = game.action_index[cond.action]
            if cond.tag is not None and cond.tag not in game.action_tags[a]:
                return _never
            roles = [r for r in roles if a in game.role_actions[r]]  # the others never use it
            if not roles:
                return _never
            if len(roles) == 1:
                r = roles[0]
                return lambda b, idx: b.last_used[r, a, idx] == b.chosen_turn
            rows = np.asarray(roles, dtype=np.intp)
            return lambda b, idx: _any(b.last_used[rows, a][:, idx] == b.chosen_turn, 0)
        tagged = np.asarray([a for a, tags in enumerate(game.action_tags) if cond.tag in tags], dtype=np.intp)
        if not len(tagged):
            return _never
        # only a role's own actions are ever used by it: the other rows of `Batch.last_used` stay 0
        pairs = [(r, a) for r in roles for a in tagged.tolist() if a in game.role_actions[r]]
        if not pairs:
            return _never
        key = object()

        def chose_tag(b: Batch, idx: Index) -> Bools:
            # the same all turn long (orders change only as a turn resolves): worked out once a turn, for every game
            found = b.memo.get(key)
            if found is None or found[0] != b.chosen_turn:
                turn = b.chosen_turn
                held = b.last_used[pairs[0]] == turn
                for r, a in pairs[1:]:
                    held |= b.last_used[r, a] == turn
                found = (turn, held)
                b.memo[key] = found
            return found[1] if isinstance(idx, slice) else found[1][idx]

        return chose_tag

    def _chose_together(self, cond: m.ChoseTest) -> Mask:
        """Format 2's joint choice: every one of the roles chose the action (or one with the tag) this turn."""
        game = self.game
        together = [game.role_index[role] for role in cond.roles]
        if cond.action is not None:
            a = game.action_index[cond.action]
            if cond.tag is not None and cond.tag not in game.action_tags[a]:
                return _never
            rows = np.asarray(together, dtype=np.intp)
            return lambda b, idx: (b.last_used[rows, a][:, idx] == b.chosen_turn).all(axis=0)
        parts = tuple(self._chose(m.ChoseTest(role, None, cond.tag)) for role in cond.roles)
        return self._combine(parts, np.logical_and)
