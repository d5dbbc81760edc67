"""The facilitator's ruling on a team's action points for the current turn (`AdjustPoints`).

The points live in the state only for the turn they were given in: `close_resolution` puts every
team back on its scenario's budget as the next turn opens. Orders the team can no longer pay for
are withdrawn, with the engine's own reason, as after any other change the facilitator makes.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.core.commands import MAX_POINTS, AdjustPoints
from engine.core.events import Cause, PointsChanged
from engine.core.refusals import CommandRefused, RefusalCode, reason
from engine.core.rules import Game
from engine.core.work import Work


def adjust_points(game: Game, work: Work, command: AdjustPoints, withdraw_invalid_orders: Callable[[Game, Work], None]) -> None:
    """Set the team's points for this turn within 0 to MAX_POINTS, or refuse saying why."""
    r = game.role_index.get(command.role)
    if r is None:
        raise CommandRefused(reason(RefusalCode.UNKNOWN_ROLE, game, name=command.role))
    if not command.reason.strip():
        raise CommandRefused(reason(RefusalCode.NO_REASON_GIVEN, game, name="adjust"))
    value = command.value
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_POINTS:
        raise CommandRefused(reason(RefusalCode.VALUE_OUT_OF_RANGE, game, work, role=r))
    before = work.points[r]
    work.points[r] = value
    if work.record:
        work.events.append(PointsChanged(game.role_ids[r], before, value, Cause("facilitator", detail=command.reason.strip())))
    withdraw_invalid_orders(game, work)
