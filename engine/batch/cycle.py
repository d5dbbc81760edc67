"""The turn cycle of `engine.core.step` over a batch: opening a turn, resolving it, ending games.

`Cycle` compiles a scenario's shocks, triggers, actions, rules, endings and outcomes once, with
the scalar engine's dice keys, and runs each phase on the set of live games in the scalar
engine's order. Games that end are marked with their outcome, reason, turn and scores at that
moment and leave the live set.
"""

from __future__ import annotations

import numpy as np

from engine.batch.conditions import Conditions, Mask
from engine.batch.effects import Eff, Effects
from engine.batch.firing import Firing
from engine.batch.numbers import forms
from engine.batch.state import ALL, Batch, Bools, Index, Subset, end_reasons, resource_rows
from engine.core import model as m
from engine.core.rules import Game


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
        checks = tuple(conditions.condition(condition) for _, condition, _ in game.scheduled_checks)
        self.firing = Firing(game, self.triggers, checks, self.shock_effects)
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
        self.pairs = tuple((r, a, r * actions + a) for r in range(len(game.role_ids)) for a in sorted(game.role_actions[r]))
        """Every (role, action, ``role * actions + action``) a role may order, in the order the scalar engine resolves them."""
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
        self.reasons = end_reasons(scenario)
        self.records = tuple(
            (r, k, mask, check == "ever")
            for r, objectives in enumerate(conditions.objectives)
            for k, (check, mask, _) in enumerate(objectives)
            if check != "end"
        )
        """(role, objective, mask, whether its record is `Batch.ever` rather than `always`) for each objective
        checked ever or always: one checked at the end is read as it stands then, so keeps no record."""
        self.scores_read = next(forms(scenario, m.ScoreTest), None) is not None
        """Whether some condition reads a score, and with it the objectives' records (`Batch.ever`, `always`)."""
        self.outcomes = tuple(
            None if outcome.when is None else conditions.condition(outcome.when) for outcome in scenario.outcomes
        )

    def _trigger_when(self, s: int) -> Mask | None:
        trigger = self.game.scenario.shocks[s].trigger
        assert trigger is not None
        return None if trigger.when is None else self.conditions.condition(trigger.when)

    # -- opening a turn -------------------------------------------------------------------------

    def open_turn(self, batch: Batch, *, first: bool = False) -> None:
        """Open the batch's turn in every game, then end those in which an end condition holds."""
        # effects never start a shock, so the shocks active anywhere now are all that may expire
        for s in np.flatnonzero(batch.remaining.any(axis=1)).tolist():
            remaining = batch.remaining[s]
            expiring = np.flatnonzero(remaining == 1)
            remaining -= 1  # then back to 0 where it was 0: ten times faster than a subtract with where=
            np.maximum(remaining, 0, out=remaining)
            if len(expiring):
                self.shock_expire[s](batch, expiring)
        if not first:
            for r, k, amount in self.income:
                batch.add_resource(batch.resource_row[r][k], ALL, amount)
        self.firing.fire_due(batch)
        self.check_end(batch)

    # -- resolving a turn ------------------------------------------------------------------------

    def resolve(self, batch: Batch, orders: Bools) -> None:
        """Resolve the turn in every game with its orders (``bool[role, action, game]``), then end games."""
        game = self.game
        turn = batch.turn
        groups = []
        for r, a, pair in self.pairs:
            row = orders[r, a]
            chose = row.nonzero()[0]
            if not len(chose):
                continue
            np.add(batch.uses[r, a], row.view(np.int8), out=batch.uses[r, a])  # a bool is a 0/1 byte: no cast
            batch.last_used[r, a][chose] = turn
            groups.append((pair, chose))
        batch.chosen_turn = turn
        for pair, chose in groups:
            for row, amount in self.spend.get(pair, ()):
                batch.add_resource(row, chose, -amount)

        for s in game.shocks_with_ongoing:
            games = np.flatnonzero(batch.remaining[s] > 0)
            if len(games):
                self.shock_ongoing[s](batch, games)

        for a in game.joint_actions:
            choosers = orders[list(game.action_roles[a]), a]
            if not choosers.any():
                continue
            everyone = choosers.all(axis=0)
            if everyone.any():
                self.joint_effects[a](batch, np.flatnonzero(everyone))
            for n, r in enumerate(game.action_roles[a]):
                alone = choosers[n] & ~everyone
                if alone.any():
                    self.action_unmatched[(r, a)](batch, np.flatnonzero(alone))

        for pair, chose in groups:
            effects = self.pair_effects.get(pair)
            if effects is not None:
                effects(batch, chose)

        for when, effects in self.rules:
            if when is None:
                effects(batch, ALL)
                continue
            games = np.flatnonzero(when(batch, ALL))
            if len(games):
                effects(batch, games)

        batch.resolutions += 1
        if not (batch.kept or self.scores_read):
            self.check_end(batch)  # a trial's objectives are read by nothing but a score test
            return
        for r, k, mask, ever in self.records:
            if ever:
                batch.ever[r][k] |= mask(batch, ALL)
            else:
                batch.always[r][k] &= mask(batch, ALL)
        self.check_end(batch)

    # -- ending games -----------------------------------------------------------------------------

    def check_end(self, batch: Batch) -> None:
        """End the games in play in which an end condition holds (the first that holds)."""
        playing = ~batch.ended
        for n, when, outcome in self.ends:
            if not playing.any():
                return
            holds = when(batch, ALL) & playing
            if holds.any():
                self.finish(batch, np.flatnonzero(holds), n, outcome)
                playing &= ~holds

    def finish(self, batch: Batch, games: Subset, reason: int, outcome: int | None) -> None:
        """End these games: the outcome (forced, else the first tier that holds), and the scores now."""
        if not batch.kept:
            batch.ended[games] = True
            return
        ids = batch.ids[games]
        whole = len(games) == batch.size
        # most of the columns: objectives over every column (views, not gathered copies), then these games' picked out
        every: Index = ALL if whole or 2 * len(games) > batch.size else games
        picked = every is games or whole
        if outcome is None:
            left = games
            for o, when in enumerate(self.outcomes):
                if not len(left):
                    break
                holds = np.ones(len(left), dtype=np.bool_) if when is None else when(batch, left)
                batch.outcome[batch.ids[left[holds]]] = o
                left = left[~holds]
        else:
            batch.outcome[ids] = outcome
        batch.end_reason[ids] = reason
        batch.end_turn[ids] = batch.turn
        for r in range(len(self.game.role_ids)):
            met = self.conditions.met(batch, r, every)
            for k, holds in enumerate(met):
                batch.met[r][k][ids] = holds if picked else holds[games]
            scores = self.conditions.score(batch, r, every, met)
            batch.scores[r][ids] = scores if picked else scores[games]
        batch.end(ALL if whole else games)
