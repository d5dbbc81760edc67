"""The turn cycle of `engine.core.step` over a batch: opening a turn, resolving it, ending games.

`Cycle` compiles a scenario's shocks, triggers, actions, rules, endings and outcomes once, with
the scalar engine's dice keys, and runs each phase on the set of live games in the scalar
engine's order. Games that end are marked with their outcome, reason, turn and scores at that
moment and leave the live set.
"""

from __future__ import annotations

import itertools

import numpy as np

from engine.batch.conditions import Conditions, Mask
from engine.batch.dice import rolls
from engine.batch.effects import Eff, Effects
from engine.batch.state import NO_SHOCK, Batch, Bools, Index, resource_rows
from engine.core.rules import Game

FINAL_TURN = "final-turn"


class Cycle:
    """A scenario compiled for batched play."""

    def __init__(self, game: Game) -> None:
        scenario = game.scenario
        self.game = game
        self.conditions = conditions = Conditions(game)
        compiler = Effects(conditions)
        self.shock_effects = tuple(compiler.effects(shock.effects, f"shock:{shock.id}") for shock in scenario.shocks)
        self.shock_ongoing = tuple(compiler.effects(shock.ongoing, f"ongoing:{shock.id}") for shock in scenario.shocks)
        self.shock_expire = tuple(compiler.effects(shock.on_expire, f"expire:{shock.id}") for shock in scenario.shocks)
        self.triggers = tuple(
            (s, low, high, self._trigger_when(s), chance, guaranteed, key_h)
            for s, low, high, _, chance, guaranteed, key_h in game.triggers
        )
        self.income = tuple(
            (r, k, resource.per_turn)
            for r, role in enumerate(scenario.roles)
            for k, resource in enumerate(role.resources)
            if resource.per_turn
        )
        self.action_requires: tuple[Mask | None, ...] = tuple(
            None if action.requires is None else conditions.condition(action.requires) for action in scenario.actions
        )
        self.action_effects: dict[tuple[int, int], Eff] = {}
        self.action_unmatched: dict[tuple[int, int], Eff] = {}
        self.joint_effects: dict[int, Eff] = {}
        for a, action in enumerate(scenario.actions):
            for r in game.action_roles[a]:
                role_id = game.role_ids[r]
                if action.joint:
                    self.action_unmatched[(r, a)] = compiler.effects(action.unmatched, f"unmatched:{action.id}:{role_id}")
                else:
                    self.action_effects[(r, a)] = compiler.effects(action.effects, f"action:{action.id}:{role_id}")
            if action.joint:
                self.joint_effects[a] = compiler.effects(action.effects, f"joint:{action.id}")
        actions = len(game.action_ids)
        self.pair_effects = {r * actions + a: effects for (r, a), effects in self.action_effects.items()}
        """Non-joint actions' effects by ``role * actions + action``: the order the scalar engine resolves them in."""
        self.spend = {
            r * actions + a: tuple((resource_rows(game)[r][k], amount) for k, amount in spend)
            for (r, a), spend in game.action_spend.items()
            if spend
        }
        self.rules = tuple(
            (None if rule.when is None else conditions.condition(rule.when), compiler.effects(rule.effects, f"rule:{rule.id}"))
            for rule in scenario.rules
        )
        self.ends = tuple(
            (n, conditions.condition(end.when), None if end.outcome is None else game.outcome_ids.index(end.outcome))
            for n, end in enumerate(scenario.end_conditions)
        )
        self.reasons = (*(end.id for end in scenario.end_conditions), FINAL_TURN)
        self.outcomes = tuple(
            None if outcome.when is None else conditions.condition(outcome.when) for outcome in scenario.outcomes
        )

    def _trigger_when(self, s: int) -> Mask | None:
        trigger = self.game.scenario.shocks[s].trigger
        assert trigger is not None
        return None if trigger.when is None else self.conditions.condition(trigger.when)

    # -- opening a turn -------------------------------------------------------------------------

    def open_turn(self, batch: Batch, idx: Index, *, first: bool = False) -> Index:
        """Open the batch's turn in these games; return those still live after its end check."""
        # effects never start a shock, so the shocks active anywhere now are all that may expire
        for s in np.flatnonzero(batch.remaining[:, idx].any(axis=1)).tolist():
            remaining = batch.remaining[s, idx]
            active = remaining > 0
            if not active.any():
                continue
            batch.remaining[s, idx[active]] = remaining[active] - 1
            expiring = idx[remaining == 1]
            if len(expiring):
                self.shock_expire[s](batch, expiring)
        if not first:
            for r, k, amount in self.income:
                batch.add_resource(batch.resource_row[r][k], idx, amount)
        self._fire_scheduled(batch, idx)
        self._fire_triggered(batch, idx)
        return self.check_end(batch, idx)

    def _fire_scheduled(self, batch: Batch, idx: Index) -> None:
        max_fires = self.game.shock_max_fires
        for layer in batch.schedule.pop(batch.turn, []):
            due = layer[idx]
            for s in np.unique(due[due != NO_SHOCK]).tolist():
                games = idx[due == s]
                games = games[(batch.remaining[s, games] == 0) & (batch.fires[s, games] < max_fires[s])]
                if len(games):
                    self.fire(batch, s, games)

    def _fire_triggered(self, batch: Batch, idx: Index) -> None:
        turn = batch.turn
        max_fires = self.game.shock_max_fires
        for s, low, high, when, chance, guaranteed, key_h in self.triggers:
            if not low <= turn <= high:
                continue
            games = idx[(batch.remaining[s, idx] == 0) & batch.armed[s, idx] & (batch.fires[s, idx] < max_fires[s])]
            if len(games) and when is not None:
                games = games[when(batch, games)]
            if len(games) and chance is not None:
                passed = rolls(batch.seed_h[games], turn, key_h) < chance
                if guaranteed and turn == high:
                    passed |= batch.last_fired[s, games] < low
                games = games[passed]
            if len(games):
                self.fire(batch, s, games)

    def fire(self, batch: Batch, s: int, idx: Index) -> None:
        """Fire a shock in these games: active, its effects, its follow-ups set in motion."""
        game = self.game
        batch.fires[s, idx] += 1
        batch.last_fired[s, idx] = batch.turn
        batch.remaining[s, idx] = game.shock_duration[s]
        self.shock_effects[s](batch, idx)
        for target, after, chance, enable, key_h in game.follow_ups[s]:
            games = idx
            if chance < 1.0:
                games = idx[rolls(batch.seed_h[idx], batch.turn, key_h) < chance]
            if not len(games):
                continue
            if enable:
                batch.armed[target, games] = True
            else:
                batch.schedule_shock(target, after, games)

    # -- resolving a turn ------------------------------------------------------------------------

    def resolve(self, batch: Batch, idx: Index, orders: Bools) -> Index:
        """Resolve the turn in these games with their orders (``bool[role, action, len(idx)]``).

        Returns the games still live, their next turn opened (the caller moves the batch's turn on
        only when some game goes on, so it passes the turn it wants opened).
        """
        game = self.game
        turn = batch.turn
        roles, actions, games = np.nonzero(orders)
        taken = idx[games]
        batch.uses[roles, actions, taken] += 1
        batch.last_used[roles, actions, taken] = turn
        batch.chosen_turn = turn
        pairs = roles * len(game.action_ids) + actions
        bounds = [*np.flatnonzero(np.diff(pairs, prepend=-1)).tolist(), len(pairs)]
        groups = [(int(pairs[n]), taken[n:end]) for n, end in itertools.pairwise(bounds)]
        for pair, chose in groups:
            for row, amount in self.spend.get(pair, ()):
                batch.add_resource(row, chose, -amount)

        for s in game.shocks_with_ongoing:
            games = idx[batch.remaining[s, idx] > 0]
            if len(games):
                self.shock_ongoing[s](batch, games)

        for a in game.joint_actions:
            choosers = orders[list(game.action_roles[a]), a]
            if not choosers.any():
                continue
            everyone = choosers.all(axis=0)
            if everyone.any():
                self.joint_effects[a](batch, idx[everyone])
            for n, r in enumerate(game.action_roles[a]):
                alone = choosers[n] & ~everyone
                if alone.any():
                    self.action_unmatched[(r, a)](batch, idx[alone])

        for pair, chose in groups:
            effects = self.pair_effects.get(pair)
            if effects is not None:
                effects(batch, chose)

        for when, effects in self.rules:
            games = idx if when is None else idx[when(batch, idx)]
            if len(games):
                effects(batch, games)

        batch.resolutions[idx] += 1
        for r, objectives in enumerate(self.conditions.objectives):
            for k, (_, mask, _) in enumerate(objectives):
                holds = mask(batch, idx)
                batch.ever[r][k, idx] |= holds
                batch.always[r][k, idx] &= holds
        return self.check_end(batch, idx)

    # -- ending games -----------------------------------------------------------------------------

    def check_end(self, batch: Batch, idx: Index) -> Index:
        """End the games in which an end condition holds (the first that holds); return the others."""
        for n, when, outcome in self.ends:
            if not len(idx):
                break
            holds = when(batch, idx)
            if holds.any():
                self.finish(batch, idx[holds], n, outcome)
                idx = idx[~holds]
        return idx

    def finish(self, batch: Batch, idx: Index, reason: int, outcome: int | None) -> None:
        """End these games: the outcome (forced, else the first tier that holds), and the scores now."""
        if outcome is None:
            left = idx
            for o, when in enumerate(self.outcomes):
                if not len(left):
                    break
                holds = np.ones(len(left), dtype=np.bool_) if when is None else when(batch, left)
                batch.outcome[left[holds]] = o
                left = left[~holds]
        else:
            batch.outcome[idx] = outcome
        batch.ended[idx] = True
        batch.end_reason[idx] = reason
        batch.end_turn[idx] = batch.turn
        for r in range(len(self.game.role_ids)):
            for k, met in enumerate(self.conditions.met(batch, r, idx)):
                batch.met[r][k, idx] = met
            batch.scores[r, idx] = self.conditions.score(batch, r, idx)
