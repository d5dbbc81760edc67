"""The steps of a turn's resolution that `step` and the playouts share, and the game's end.

One copy of each, so a playout (which records no events and opens turns its own way) resolves
exactly as `step` does: paying for orders, the standing rules and the objectives' records, the
end check and the score, and closing the resolution.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.core.events import GameEnded
from engine.core.rules import Game
from engine.core.work import Work


def close_resolution(game: Game, work: Work, open_next: Callable[[], None]) -> None:
    """The last steps of a resolution, shared with playouts: orders cleared, then the game ends
    (by its end conditions or on its final turn) or the next turn opens through ``open_next``."""
    work.orders = [None] * len(game.role_ids)
    work.points = list(game.budgets)  # points the facilitator changed were this turn's only
    work.proposals = ()  # so were the free-form moves proposed and not rolled for
    if check_end(game, work):
        return
    if work.turn >= game.turn_count:
        finish(game, work, "final-turn", None)
    else:
        work.turn += 1
        open_next()


def pay_for_orders(game: Game, work: Work, orders: tuple[tuple[int, ...], ...]) -> None:
    """The first steps of a resolution, shared with playouts: each order's spend and use, then shocks' ongoing effects."""
    turn = work.turn
    for r, chosen in enumerate(orders):
        spends, uses, last_used = game.role_spend[r], work.uses[r], work.last_used[r]
        for a in chosen:
            for k, amount in spends[a]:
                work.add_resource(r, k, -amount, game.cost_cause[(r, a)])
            uses[a] += 1
            last_used[a] = turn
    remaining = work.remaining
    for s in game.shocks_with_ongoing:
        if remaining[s]:
            game.shock_ongoing[s](work, game.ongoing_cause[s])


def apply_rules_and_record_objectives(game: Game, work: Work) -> None:
    """The last steps of a resolution, shared with playouts: the standing rules, then each objective's ever/always."""
    for cause, when, effects in game.rules:
        if when is None or when(work):
            effects(work, cause)
    work.resolutions += 1
    for r, conditions in game.objective_tests:
        ever = work.objectives_ever[r]
        always = work.objectives_always[r]
        for k, condition in enumerate(conditions):
            # once met and once missed, nothing this turn can change an objective's record
            if ever[k]:
                if always[k] and not condition(work):
                    always[k] = False
            elif condition(work):
                ever[k] = True
            else:
                always[k] = False


def check_end(game: Game, work: Work) -> bool:
    """End the game if an end condition holds; say whether it did."""
    if work.ended:
        return True
    for end_id, condition, outcome in game.end_conditions:
        if condition(work):
            finish(game, work, end_id, outcome)
            return True
    return False


def finish(game: Game, work: Work, reason: str, outcome: str | None) -> None:
    """End the game: decide the outcome (forced, else the first tier that holds) and score it."""
    if outcome is None:
        outcome = next(outcome_id for outcome_id, when in game.outcomes if when is None or when(work))
    work.ended = True
    work.outcome = outcome
    work.end_reason = reason
    work.orders = [None] * len(game.role_ids)
    work.proposals = ()
    if work.record:
        scores = tuple((role_id, work.score_at(r)) for r, role_id in enumerate(game.role_ids))
        met = tuple(
            (role.id, objective.id, flag)
            for r, role in enumerate(game.scenario.roles)
            for objective, flag in zip(role.objectives, work.objectives_met_at(r), strict=True)
        )
        work.events.append(GameEnded(outcome, reason, scores, met))
