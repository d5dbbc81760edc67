"""The facilitator's adjustments: a variable, a team's resource, a team's action points for the
current turn; each with the value decided (held within its bounds), the reason, and the relative
amount typed when there was one (left out of the JSON form otherwise)."""

from __future__ import annotations

from typing import ClassVar

import attrs

from engine.core.command_form import OMIT_DEFAULT, command_json


@attrs.frozen
class AdjustVariable:
    """The facilitator overrides adjudication: set a variable to a value, with a reason.

    ``amount`` is the relative amount typed (``-4``) when the value came from one; the value is what
    was decided (held within bounds), so replay needs nothing else. Left out when None."""

    kind: ClassVar[str] = "adjust"
    var: str
    value: int
    reason: str
    amount: int | None = attrs.field(default=None, metadata=OMIT_DEFAULT)
    to_json = command_json


@attrs.frozen
class AdjustResource:
    """The facilitator sets a team's resource (its political capital, say) to a value, with a reason:
    a ruling at the table that the scenario's effects did not foresee."""

    kind: ClassVar[str] = "adjust-resource"
    role: str
    resource: str
    value: int
    reason: str
    amount: int | None = attrs.field(default=None, metadata=OMIT_DEFAULT)
    """The relative amount typed, as for AdjustVariable."""
    to_json = command_json


MAX_POINTS = 50
"""The most action points a team may be given for a turn (a scenario's budget is at most 50 too)."""


@attrs.frozen
class AdjustPoints:
    """The facilitator sets a team's action points for the current turn only, with a reason: a
    ruling at the table (a leader's day lost to a scandal). The next turn opens with the budget
    the scenario gives; orders the team can no longer pay for are withdrawn."""

    kind: ClassVar[str] = "adjust-points"
    role: str
    value: int
    reason: str
    amount: int | None = attrs.field(default=None, metadata=OMIT_DEFAULT)
    """The relative amount typed, as for AdjustVariable."""
    to_json = command_json
