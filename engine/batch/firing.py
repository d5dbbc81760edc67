"""Shocks firing as a turn opens over a batch: `engine.core.firing` game by game, by the file's format.

The scheduled items fire first, layer by layer (each game's items in the order it queued them),
a follow-up with a condition (format 2) only where its condition holds as it falls due. Then the
triggers: format 1 asks each one just before its shock may fire, so a shock enabled or counted
by one fired earlier in the same opening can fire at once; format 2 asks every trigger as the
turn opens, before anything fires, and fires the shocks it decided on afterwards where they are
not already in progress or spent (a ladder climbs one rung per turn). The white cell's holds are
commands of a session, which bot games never send, so nothing here waits.
"""

from __future__ import annotations

import numpy as np

from engine.batch.conditions import Mask
from engine.batch.dice import below
from engine.batch.effects import Eff
from engine.batch.state import ALL, NO_SHOCK, Batch, Bools, Index, Subset, schedule_items
from engine.core.rules import Game

DENSE = 0.5
"""A trigger's dice are rolled for every game once more than this share of them may fire, else for those alone."""

Trigger = tuple[int, int, int, Mask | None, float | None, bool, int]
"""A compiled trigger: shock, first and last turn, condition mask, chance, guaranteed, dice key."""


class Firing:
    """How shocks fire in one compiled scenario: its triggers, its queued items' checks and its shocks' effects."""

    def __init__(self, game: Game, triggers: tuple[Trigger, ...], checks: tuple[Mask, ...], effects: tuple[Eff, ...]) -> None:
        self.game = game
        self.triggers = triggers
        self.items = schedule_items(game)
        """Per schedule code: the shock and the check (a place in ``checks``, or -1)."""
        self.checks = checks
        """The masks of `Game.scheduled_checks`, in their order."""
        self.effects = effects
        shocks = len(game.shock_ids)
        self.follow_up_codes = tuple(
            tuple(target if check < 0 else shocks + check for (target, *_), check in zip(follow_ups, checks_of, strict=True))
            for follow_ups, checks_of in zip(game.follow_ups, game.follow_up_checks, strict=True)
        )
        """Per shock, per follow-up: the code it queues."""

    def fire_due(self, batch: Batch) -> None:
        """Fire this turn's scheduled items, then the shocks whose triggers hold, in the format's order."""
        if self.game.format >= 2:
            decided = [(trigger[0], self._holds(batch, trigger)) for trigger in self.triggers]
            self._fire_scheduled(batch)
            max_fires = self.game.shock_max_fires
            for s, holds in decided:
                if holds is None:
                    continue
                games = np.flatnonzero(holds & (batch.remaining[s] == 0) & (batch.fires[s] < max_fires[s]))
                if len(games):
                    self.fire(batch, s, games)
            return
        self._fire_scheduled(batch)
        for trigger in self.triggers:
            holds = self._holds(batch, trigger)
            if holds is not None:
                games = np.flatnonzero(holds)
                if len(games):
                    self.fire(batch, trigger[0], games)

    def _holds(self, batch: Batch, trigger: Trigger) -> Bools | None:
        """Where a trigger holds now, over every game in play (None when it cannot this turn)."""
        s, low, high, when, chance, guaranteed, key_h = trigger
        turn = batch.turn
        if not low <= turn <= high:
            return None
        ready: Bools = (batch.remaining[s] == 0) & batch.armed[s] & (batch.fires[s] < self.game.shock_max_fires[s])
        if when is not None:
            ready &= when(batch, ALL)
        if chance is not None:
            # roll only where the rest holds when that is a small part of the games: a roll is ten passes
            where = ready.nonzero()[0]
            games: Index = ALL if len(where) > len(ready) * DENSE else where
            passed = below(batch.seed_h[games], turn, key_h, chance)
            if guaranteed and turn == high:
                passed |= batch.last_fired[s][games] < low
            if isinstance(games, slice):
                ready &= passed
            else:
                ready[games] = passed
        return ready

    def _fire_scheduled(self, batch: Batch) -> None:
        max_fires = self.game.shock_max_fires
        for layer in batch.schedule.pop(batch.turn, []):
            for code in np.unique(layer[layer != NO_SHOCK]).tolist():
                s, check = self.items[code]
                games = np.flatnonzero(layer == code)
                if check >= 0:
                    games = games[self.checks[check](batch, games)]
                games = games[(batch.remaining[s][games] == 0) & (batch.fires[s][games] < max_fires[s])]
                if len(games):
                    self.fire(batch, s, games)

    def fire(self, batch: Batch, s: int, games: Subset) -> None:
        """Fire a shock in these games: active, its effects, its follow-ups set in motion."""
        game = self.game
        batch.fires[s][games] += 1
        batch.last_fired[s][games] = batch.turn
        batch.remaining[s][games] = game.shock_duration[s]
        self.effects[s](batch, games)
        for (target, after, chance, enable, key_h), code in zip(game.follow_ups[s], self.follow_up_codes[s], strict=True):
            chosen = games
            if chance < 1.0:
                chosen = games[below(batch.seed_h[games], batch.turn, key_h, chance)]
            if not len(chosen):
                continue
            if enable:
                batch.armed[target][chosen] = True
            else:
                batch.schedule_shock(code, after, chosen)
