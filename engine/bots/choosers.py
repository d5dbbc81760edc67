"""Each bot as a playout `Chooser`: the built-in ones on the working state, any other through a `View`.

A built-in bot's chooser makes exactly the choices its `choose` makes (the same code, fed the
availability the playout computed once for the turn and dice keys hashed once). Any other bot,
a subclass included, is asked as a session would ask it, on a frozen state, and its orders are
checked as `SubmitOrders` checks them, so a playout plays the same game `step` would.
"""

from __future__ import annotations

from engine.bots.look_ahead import greedy_chooser
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy, random_key, random_orders
from engine.core.availability import order_problems
from engine.core.refusals import CommandRefused
from engine.core.rules import Game
from engine.core.view import View
from engine.playout import Chooser, Playout


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
