"""The turn cycle of `engine.core.step` on a working state that records no events.

`resolve` and `open_turn` here do what `engine.core.step.resolve` and `open_turn` do with
``record=False``, turn for turn and roll for roll, but look only at the triggers whose window
holds the turn (`Plan.triggers_at`). Firing (`engine.core.firing`, with the format's order within a
turn), ending and scoring are the core's own functions.
tests/test_playout.py checks the two cycles against each other over generated scenarios.
"""

from __future__ import annotations

from itertools import compress

from engine.core.firing import fire_due
from engine.core.resolution import apply_rules_and_record_objectives, check_end, close_resolution, pay_for_orders
from engine.core.work import Work
from engine.playout.plan import Plan


def open_turn(plan: Plan, work: Work, *, first: bool = False) -> None:
    """Open the current turn: expiries, income (not on the ``first``), scheduled and triggered shocks, end check."""
    game = plan.game
    remaining = work.remaining
    for s in compress(plan.shock_range, remaining):  # the active shocks, found in C
        left = remaining[s]
        remaining[s] = left - 1
        if left == 1:
            game.shock_expire[s](work, game.expiry_cause[s])
    if not first:
        resources = work.resources
        for r, k, amount, low, high in plan.income:  # Work.add_resource, with no event to record
            stock = resources[r]
            after = stock[k] + amount
            stock[k] = low if after < low else high if after > high else after
    fire_due(game, work, plan.triggers_at[work.turn], plan.dice_at[work.turn])
    check_end(game, work)


def resolve(plan: Plan, work: Work) -> tuple[tuple[int, ...], ...]:
    """Resolve the current turn with the orders in ``work.orders``; return them (what `chose` sees next)."""
    game = plan.game
    orders = tuple([chosen or () for chosen in work.orders])
    work.chosen_orders = orders

    pay_for_orders(game, work, orders)

    joint = game.joint_set
    if joint and not all(map(joint.isdisjoint, orders)):
        # in the scenario's order, as `game.joint_actions` lists them
        for a in sorted(joint.intersection([a for chosen in orders for a in chosen])):
            roles = game.action_roles[a]
            choosers = [r for r in roles if a in orders[r]]
            if len(choosers) == len(roles):
                game.joint_effects[a](work, game.joint_cause[a])
            else:
                for r in choosers:
                    game.action_unmatched[(r, a)](work, game.unmatched_cause[(r, a)])

    for chosen, acts in zip(orders, plan.acts, strict=True):
        for a in chosen:
            act = acts[a]
            if act is not None:
                act[0](work, act[1])

    apply_rules_and_record_objectives(game, work)
    close_resolution(game, work, lambda: open_turn(plan, work))
    return orders
