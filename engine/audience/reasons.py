"""Why an action is unavailable, as an audience may read it.

The core words a refusal for the white cell, with the values of the moment ("needs Secret
talks at least 40 (now 32)"). A team or the room may not know every value or shock a
requirement reads, so this module asks `engine.audience.visibility` about what the sentence
would name and, where it would name something hidden, says only that the requirement is unmet. A shock that opens an action
is named only once it has fired: before that it is still to come, which is the white cell's.
The code stays the same, so a program still knows why; the white cell's sentences are unchanged.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import attrs

from engine.audience.visibility import Audience, condition_shown, sees_own, sees_shock, sees_upcoming
from engine.core.availability import ActionOption
from engine.core.model import Scenario, Shock
from engine.core.refusals import Reason, RefusalCode
from engine.core.view import View

__all__ = ["HIDDEN_REQUIREMENT", "HIDDEN_SHOCK", "option_for", "options_for", "reason_for"]

HIDDEN_REQUIREMENT = "needs a condition only the white cell can check"
"""A requirement's sentence when it reads a value or a shock the audience does not see."""

HIDDEN_SHOCK = "an undisclosed shock"
"""A shock the audience does not see, where a sentence would name it."""


def _named(scenario: Scenario, audience: Audience, shock: Shock, met: Collection[str]) -> bool:
    """Whether a sentence may name a shock to the audience: one it sees, and only once it has fired
    (``met``), since what is still to come is the white cell's to know."""
    return sees_shock(scenario, audience, shock) and (shock.id in met or sees_upcoming(audience))


def _sentence(scenario: Scenario, audience: Audience, reason: Reason, met: Collection[str]) -> str | None:
    """The sentence the audience may read in place of the core's, or None when the core's is fine."""
    if reason.code == RefusalCode.SHORT_OF_RESOURCE and reason.role is not None and not sees_own(audience, reason.role):
        resource = next((item for item in scenario.role(reason.role).resources if item.id == reason.subject), None)
        return f"short of {resource.label if resource else 'a resource'}"
    action = next((item for item in scenario.actions if item.id == reason.action), None)
    if action is None:
        return None
    match reason.code:
        case RefusalCode.REQUIREMENT_UNMET:
            if action.requires is None or action.requires_text or condition_shown(scenario, audience, action.requires):
                return None
            return HIDDEN_REQUIREMENT
        case RefusalCode.LOCKED:
            shocks = [scenario.shock(shock_id) for shock_id in action.unlocked_by]
            if all(_named(scenario, audience, shock, met) for shock in shocks):
                return None
            titles = dict.fromkeys(shock.title if _named(scenario, audience, shock, met) else HIDDEN_SHOCK for shock in shocks)
            return f"only while {' or '.join(titles)} is in progress"
        case _:
            return None  # the other codes name only the budget, the role's own stocks and public facts


def reason_for(scenario: Scenario, audience: Audience, reason: Reason, met: Collection[str] = ()) -> Reason:
    """A refusal as the audience may read it (the same code; a sentence that names nothing hidden);
    ``met``: the shocks that have fired so far, which a sentence may name.

    A reason for a set of orders keeps its lead ("Summit is not available: ...").
    """
    if audience.is_white_cell:
        return reason
    sentence = _sentence(scenario, audience, reason, met)
    if sentence is None:
        return reason
    action = scenario.action(reason.action) if reason.action is not None else None
    lead = f"{action.label} is not available: " if action is not None else ""
    text = lead + sentence if lead and reason.text.startswith(lead) else sentence
    return attrs.evolve(reason, text=text)


def option_for(scenario: Scenario, audience: Audience, option: ActionOption, met: Collection[str] = ()) -> ActionOption:
    """An action option with its reason as the audience may read it (``met`` as for `reason_for`)."""
    if option.refusal is None:
        return option
    return attrs.evolve(option, refusal=reason_for(scenario, audience, option.refusal, met))


def options_for(view: View, audience: Audience, options: Iterable[ActionOption]) -> tuple[ActionOption, ...]:
    """`option_for` over a role's options, at the moment of ``view`` (which shocks have fired)."""
    met = frozenset(shock.id for shock in view.scenario.shocks if view.times_fired(shock.id))
    return tuple(option_for(view.scenario, audience, option, met) for option in options)
