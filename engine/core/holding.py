"""The white cell's say over when a shock fires: hold it, release it, bring it forward.

Holding a shock keeps the scenario from firing it (its trigger, a follow-up or a schedule) until it
is released; a scheduled firing that falls due while it is held waits and fires as the first turn
after the release opens (`engine.core.firing`). Bringing a shock forward makes it fire as the
next turn opens: the firing already scheduled for it moves there (with its cause and, in format
2, its condition), or a new one is scheduled when none is. Its trigger stays as it was, so a
shock that may fire more than once may still fire by its trigger later; one that fires once has
then had its firing. `i` (InjectShock) remains the way to fire a shock now.

Each control needs a reason, changes only `State.held` or `State.scheduled` and rolls no die, so
the same commands give the same game and no other shock's dice move.
"""

from __future__ import annotations

from engine.core.commands import BringForward, HoldShock, ReleaseShock
from engine.core.events import Cause, ShockHeld, ShockScheduled
from engine.core.refusals import CommandRefused, RefusalCode, reason
from engine.core.rules import Game
from engine.core.state import Scheduled
from engine.core.work import Work

__all__ = ["control_shock"]


def control_shock(game: Game, work: Work, command: HoldShock | ReleaseShock | BringForward) -> None:
    """Apply a hold, a release or a bring-forward to the working state, or refuse it with a reason."""
    s = game.shock_index.get(command.shock)
    if s is None:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_SHOCK, game, name=command.shock))
    if not command.reason.strip():
        raise CommandRefused(reason(RefusalCode.NO_REASON_GIVEN, game, name=command.kind))
    cause = Cause("facilitator", detail=command.reason.strip())
    match command:
        case HoldShock():
            if s in work.held:
                raise CommandRefused(reason(RefusalCode.SHOCK_HELD, game, work, other=s, name=command.kind))
            _set_held(game, work, s, True, cause)
        case ReleaseShock():
            if s not in work.held:
                raise CommandRefused(reason(RefusalCode.SHOCK_NOT_HELD, game, work, other=s))
            _set_held(game, work, s, False, cause)
        case BringForward():
            _bring_forward(game, work, s, cause)


def _set_held(game: Game, work: Work, s: int, held: bool, cause: Cause) -> None:
    work.held = tuple(sorted({*work.held, s})) if held else tuple(item for item in work.held if item != s)
    if work.record:
        work.events.append(ShockHeld(game.shock_ids[s], held, cause))


def bring_forward_refusal(game: Game, work: Work, s: int) -> RefusalCode | None:
    """Why shock ``s`` cannot be brought forward now, or None when it can (the upcoming view asks too)."""
    due = work.turn + 1
    if work.ended or due > game.turn_count:
        return RefusalCode.NO_TURN_AFTER
    if s in work.held:
        return RefusalCode.SHOCK_HELD
    if work.fires[s] >= game.shock_max_fires[s]:
        return RefusalCode.SHOCK_AT_LIMIT
    if work.remaining[s] > 1:
        return RefusalCode.SHOCK_IN_PROGRESS
    if any(item.shock == s and item.turn == due for item in work.scheduled):
        return RefusalCode.ALREADY_DUE
    return None


def _bring_forward(game: Game, work: Work, s: int, cause: Cause) -> None:
    refusal = bring_forward_refusal(game, work, s)
    if refusal is not None:
        raise CommandRefused(reason(refusal, game, work, other=s, name="bring-forward"))
    due = work.turn + 1
    later = [item for item in work.scheduled if item.shock == s]
    if not later:
        work.schedule(s, 1, cause)
        return
    moved = min(later, key=lambda item: item.turn)
    work.scheduled.remove(moved)
    work.scheduled.append(Scheduled(due, s, moved.cause, moved.check))
    if work.record:
        work.events.append(ShockScheduled(game.shock_ids[s], due, cause))
