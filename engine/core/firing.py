"""Shocks firing as a turn opens: the scheduled ones, then the triggered ones, by the file's format.

One place for the order within a turn, shared by `engine.core.step` and the playouts, so both
play the same rule. Format 1 checks each trigger just before it may fire, so a shock enabled or
counted by one that fired earlier in the same opening can fire at once. Format 2 checks every
trigger once, as the turn opens and before any shock fires, so whatever a shock does is seen by
triggers from the next turn on (a ladder climbs one rung per turn), and a follow-up with an ``if``
is called off when its condition does not hold as it falls due.

A shock the white cell holds (`State.held`) is left out of both. What was due on a fixed turn (a
scheduled firing, or a plain ``atTurn`` trigger with no condition and no chance) waits: it is
moved on turn by turn and fires as the first turn after the release opens. A trigger that only
may fire (a window, a chance, a condition) is not asked while held, so no die is rolled for it
and no other roll moves (every roll has its own key); the turns of its window that pass are lost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from engine.core.dice import keyed_rolls, packed_keys
from engine.core.events import Cause, ShockFired, ShockSkipped
from engine.core.explain import describe
from engine.core.rules import Game, Pred
from engine.core.state import Scheduled
from engine.core.work import Work

Trigger = tuple[int, int, int, Pred | None, float | None, bool, int]
"""A compiled trigger: shock, first and last turn, condition, chance, guaranteed, dice key."""


class TurnDice(NamedTuple):
    """The dice of a turn's triggers with a chance, for `keyed_rolls`: all rolled at once
    when the first is needed, which costs less than rolling the half dozen a turn needs one by one."""

    keys: int
    """Their keys, packed (`packed_keys`)."""
    size: int
    """How many keys there are."""
    lanes: tuple[int, ...]
    """Per trigger of the turn, the lane of its roll (-1 for a trigger without a chance)."""

    @classmethod
    def of(cls, triggers: Sequence[Trigger], turn: int) -> TurnDice:
        """The dice of ``triggers``, those of ``turn``."""
        keys: list[int] = []
        lanes = []
        for _, _, _, _, chance, _, key_h in triggers:
            lanes.append(-1 if chance is None else len(keys))
            if chance is not None:
                keys.append(key_h)
        return cls(packed_keys(turn, keys), len(keys), tuple(lanes))


def fire_due(game: Game, work: Work, triggers: Sequence[Trigger], dice: TurnDice | None = None) -> None:
    """Fire this turn's scheduled shocks, then those of ``triggers`` whose trigger holds.

    ``triggers`` are the scenario's triggers whose window holds the turn, in its order (`in_window`);
    ``dice``, when given, are theirs, for rolling them all at once.
    """
    if work.held:
        dice = None
        held = work.held
        for trigger in triggers:
            if trigger[0] in held and _falls_due(game, work, trigger):
                _wait(game, work, Scheduled(work.turn, trigger[0], game.trigger_cause[trigger[0]]))
        triggers = [trigger for trigger in triggers if trigger[0] not in held]
    if game.format >= 2:
        decided = list(_holding(game, work, triggers, dice))
        if work.scheduled:
            _fire_scheduled(game, work)
        for s in decided:
            if not work.remaining[s] and work.fires[s] < game.shock_max_fires[s]:
                fire(game, work, s, game.trigger_cause[s])
        return
    if work.scheduled:
        _fire_scheduled(game, work)
    for s in _holding(game, work, triggers, dice):
        fire(game, work, s, game.trigger_cause[s])


def in_window(triggers: Sequence[Trigger], turn: int) -> list[Trigger]:
    """The triggers whose window holds ``turn``, in their order: what `fire_due` is given."""
    return [trigger for trigger in triggers if trigger[1] <= turn <= trigger[2]]


def _holding(game: Game, work: Work, triggers: Sequence[Trigger], dice: TurnDice | None) -> Iterator[int]:
    """The shocks of ``triggers`` (in their window) whose trigger holds, each asked as it is reached.

    Format 1 fires each before the next is asked; format 2 asks them all first. A roll is keyed
    by turn and trigger alone, so rolling the turn's dice all at once gives the same rolls.
    """
    turn = work.turn
    remaining, armed, fires, max_fires = work.remaining, work.armed, work.fires, game.shock_max_fires
    draws: tuple[int, ...] | None = None
    for n, (s, low, high, when, chance, guaranteed, key_h) in enumerate(triggers):
        if remaining[s] or not armed[s] or fires[s] >= max_fires[s]:
            continue
        if when is not None and not when(work):
            continue
        if chance is not None and not (guaranteed and turn == high and work.last_fired[s] < low):
            if dice is None:
                rolled = work.roll(key_h)
            else:
                if draws is None:
                    draws = keyed_rolls(work.seed_h, dice.keys, dice.size)
                rolled = draws[dice.lanes[n]] * 2.0**-53  # as Work.roll makes it
            if rolled >= chance:
                continue
        yield s


def _falls_due(game: Game, work: Work, trigger: Trigger) -> bool:
    """Whether a trigger is a plain ``atTurn`` (no condition, no chance) that would fire its shock now:
    a firing on a fixed turn, which waits while the shock is held (a possible one is simply not asked)."""
    s, low, high, when, chance, _, _ = trigger
    return (
        low == high == work.turn
        and when is None
        and chance is None
        and work.armed[s]
        and not work.remaining[s]
        and work.fires[s] < game.shock_max_fires[s]
    )


def _fire_scheduled(game: Game, work: Work) -> None:
    due = [item for item in work.scheduled if item.turn == work.turn]
    if not due:
        return
    work.scheduled = [item for item in work.scheduled if item.turn != work.turn]
    for item in due:
        s = item.shock
        if s in work.held:
            _wait(game, work, item)
            continue
        if item.check >= 0 and not game.scheduled_checks[item.check][2](work):
            if work.record:
                condition = describe(game.scenario, game.scheduled_checks[item.check][1])
                work.events.append(ShockSkipped(game.shock_ids[s], f"it was called off, since {condition} does not hold"))
            continue
        if work.remaining[s]:
            reason = "it was already in progress"
        elif work.fires[s] >= game.shock_max_fires[s]:
            reason = f"it has already happened the most times allowed ({game.shock_max_fires[s]})"
        else:
            fire(game, work, s, item.cause)
            continue
        if work.record:
            work.events.append(ShockSkipped(game.shock_ids[s], reason))


def held_waiting(turn_word: str) -> str:
    """What the log says of a scheduled firing that fell due while its shock was held."""
    return f"it is held by the white cell; it waits, and happens as the first {turn_word} after its release opens"


def _wait(game: Game, work: Work, item: Scheduled) -> None:
    """A held shock's firing falls due: it moves on to the next turn, its cause and its check kept."""
    work.scheduled.append(Scheduled(work.turn + 1, item.shock, item.cause, item.check))
    if work.record:
        work.events.append(ShockSkipped(game.shock_ids[item.shock], held_waiting(game.scenario.turns.word)))


def fire(game: Game, work: Work, s: int, cause: Cause) -> None:
    """Fire a shock: it becomes active, its effects apply and its follow-ups are set in motion."""
    shock_id = game.shock_ids[s]
    work.fires[s] += 1
    work.last_fired[s] = work.turn
    work.remaining[s] = game.shock_duration[s]
    if work.record:
        work.events.append(ShockFired(shock_id, cause))
    own = game.shock_cause[s]
    game.shock_effects[s](work, own)
    checks = game.follow_up_checks[s]
    for n, (target, after, chance, enable, key_h) in enumerate(game.follow_ups[s]):
        if chance < 1.0 and work.roll(key_h) >= chance:
            continue
        if enable:
            work.arm(target, True, own)
        else:
            work.schedule(target, after, own, checks[n])
