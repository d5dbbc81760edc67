"""Each bot as a playout `Chooser`: the built-in ones on the working state, any other through a `View`.

A built-in bot's chooser makes exactly the choices its `choose` makes (the same code, fed the
availability the playout computed once for the turn and dice keys hashed once). Any other bot,
a subclass included, is asked as a session would ask it, on a frozen state, and its orders are
checked as `SubmitOrders` checks them, so a playout plays the same game `step` would.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from engine.bots.look_ahead import greedy_chooser
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy, random_key, random_orders, random_pick
from engine.core.availability import order_problems
from engine.core.dice import KeyedDraws, shuffle_drawn
from engine.core.refusals import CommandRefused
from engine.core.rules import Game
from engine.core.view import View
from engine.playout import Chooser, Playout


def choosers(policies: Mapping[str, Policy], game: Game) -> list[Chooser]:
    """A chooser per role of ``game`` (in the roles' order) for one game: the random bot's roles share
    their dice, every role's draws of a turn made at once."""
    randoms = tuple(r for r, role in enumerate(game.role_ids) if type(policies[role]) is RandomPolicy)
    shared = _RandomDice(_draws_of(game, randoms), randoms) if randoms else None
    return [
        shared.chooser(game, r, randoms.index(r)) if shared is not None and r in randoms else chooser(policies[role], game, role)
        for r, role in enumerate(game.role_ids)
    ]


class _RandomDice:
    """The random bot's dice in one game, for every role it plays: a turn's, drawn when first asked,
    as many for each role as the actions it is offered (`Playout.options`)."""

    __slots__ = ("counts", "draws", "ends", "keyed", "roles", "seed_h", "turn")

    def __init__(self, keyed: KeyedDraws, roles: tuple[int, ...]) -> None:
        self.keyed = keyed
        self.roles = roles
        self.seed_h = -1
        self.turn = -1
        self.draws: tuple[int, ...] = ()
        self.counts: list[int] = []
        self.ends: list[int] = []

    def chooser(self, game: Game, r: int, lane: int) -> Chooser:
        """The chooser of role ``r``, whose draws are the ``lane``-th key's."""
        key_h = self.keyed.keys[lane]

        def random(playout: Playout, options: list[int]) -> tuple[int, ...]:
            work = playout.work
            if not options or work.points[r] == 0:
                return ()
            if work.turn != self.turn or work.seed_h != self.seed_h:
                offered = playout.options
                self.counts = [len(offered[role]) for role in self.roles] if len(offered) > self.roles[-1] else []
                self.draws, self.ends = self.keyed.draws(work.seed_h, work.turn, self.counts)
                self.turn, self.seed_h = work.turn, work.seed_h
            if not self.counts or len(options) != self.counts[lane]:  # not what the playout offered: drawn alone
                return random_orders(game, work, r, options, seed_h=work.seed_h, key_h=key_h)
            return random_pick(game, work, r, options, shuffle_drawn(options, self.draws, self.ends[lane]))

        return random


_keyed: weakref.WeakKeyDictionary[Game, dict[tuple[int, ...], KeyedDraws]] = weakref.WeakKeyDictionary()


def _draws_of(game: Game, roles: tuple[int, ...]) -> KeyedDraws:
    """The random bot's keys for ``roles``: made once for as long as the game is in use (their
    packed lanes are kept turn by turn)."""
    known = _keyed.setdefault(game, {})
    found = known.get(roles)
    if found is None:
        found = known[roles] = KeyedDraws([random_key(game.role_ids[r]) for r in roles])
    return found


def chooser(policy: Policy, game: Game, role: str) -> Chooser:
    """How ``policy`` orders for ``role`` in a playout of ``game``."""
    r = game.role_index[role]
    kind = type(policy)
    if kind is PassivePolicy:
        return _nothing
    if kind is RandomPolicy:
        key_h = random_key(role)

        def random(playout: Playout, options: list[int]) -> tuple[int, ...]:
            work = playout.work
            return random_orders(game, work, r, options, seed_h=work.seed_h, key_h=key_h)

        return random
    if kind is GreedyPolicy:
        return greedy_chooser(game, role)
    return _asking(policy, game, r)


def _nothing(playout: Playout, options: list[int]) -> tuple[int, ...]:
    return ()


def _asking(policy: Policy, game: Game, r: int) -> Chooser:
    role = game.role_ids[r]

    def ask(playout: Playout, options: list[int]) -> tuple[int, ...]:
        actions = policy.choose(View(game, playout.state()), role)
        if not actions:
            return ()
        problems = order_problems(game, playout.work, r, actions)
        if problems:
            raise CommandRefused(problems, orders_of=game.scenario.roles[r].name)
        return tuple(sorted(game.action_index[action] for action in actions))

    return ask
