"""What one team may know of a game, as plain values: what a team's seat shows and a program reads.

`observe` asks `engine.audience.visibility` about every piece, so an observation holds nothing
the team may not see: no seed (a program could foresee the dice), no variable, shock, briefing
or private objective that is another's, no other team's orders before they are resolved, no
white-cell notes or reasons, and no reason for an unavailable action that names a hidden value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from engine.audience.reasons import options_for
from engine.audience.visibility import (
    Audience,
    event_shown,
    sees_briefing,
    sees_objective,
    sees_shock,
    sees_variable,
    without_secrets,
)
from engine.core import events as ev
from engine.core.availability import ActionOption, action_options
from engine.core.model import Polarity, Tone
from engine.core.view import View
from engine.prose.events import event_text, redacted_event_text
from engine.prose.turns import turn_heading

__all__ = ["Observation", "ObservedObjective", "ObservedShock", "ObservedVariable", "observe"]


@attrs.frozen
class ObservedVariable:
    """A variable the team may see: its value between its bounds, its band, and what a screen needs
    to draw it as the white cell's console does (the band's tone, the unit, which way is good news,
    and the names of a variable of named states, whose value is then a position)."""

    id: str
    label: str
    value: int
    min: int
    max: int
    band: str | None
    tone: Tone = "neutral"
    unit: str = ""
    polarity: Polarity = "neutral"
    states: tuple[str, ...] = ()


@attrs.frozen
class ObservedObjective:
    """An objective the team may know of: its own (public or private), or another team's public one."""

    role: str
    id: str
    description: str
    weight: int
    check: str
    """When it is judged: "end", "ever" or "always"."""
    visibility: str
    """"public" or "private"."""
    met: bool
    """Whether it counts as met now."""

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "id": self.id,
            "description": self.description,
            "weight": self.weight,
            "check": self.check,
            "visibility": self.visibility,
            "met": self.met,
        }


@attrs.frozen
class ObservedShock:
    """A shock in progress that concerns the team."""

    id: str
    title: str
    category: str
    narrative: str
    turns_left: int


@attrs.frozen
class Observation:
    """One team's picture of the game now."""

    role: str
    role_name: str
    turn: int
    turn_count: int
    turn_heading: str
    """The turn in the scenario's words, e.g. "Month 3 of 12 · March 2026"."""
    ended: bool
    outcome: str | None
    variables: tuple[ObservedVariable, ...]
    budget: int
    """The action points the team may spend on its orders each turn."""
    resources: dict[str, int]
    score: int
    """The team's own score now (its public and private objectives met)."""
    briefing: str
    """The team's private briefing (Markdown; empty when the scenario gives none)."""
    objectives: tuple[ObservedObjective, ...]
    """The team's own objectives, then the other teams' public ones, each with whether it is met now."""
    shocks: tuple[ObservedShock, ...]
    orders: tuple[str, ...] | None
    """The team's own orders this turn; None until it submits."""
    last_orders: dict[str, tuple[str, ...]]
    """Every team's actions in the turn last resolved (public once resolved)."""
    actions: tuple[ActionOption, ...]
    """Every action the team may ever take, each with whether it may take it now and why not."""
    log: tuple[str, ...]
    """What has happened, in words, as far as the team may know."""

    def value(self, var: str) -> int:
        """A visible variable's value; KeyError for one the team may not see."""
        for variable in self.variables:
            if variable.id == var:
                return variable.value
        raise KeyError(var)

    def legal_actions(self) -> tuple[str, ...]:
        """The ids of the actions the team may order now."""
        return tuple(option.action for option in self.actions if option.available)

    def to_json(self) -> dict[str, Any]:
        """The observation as JSON for programs (ids, numbers and words; nothing hidden)."""
        return {
            "role": self.role,
            "roleName": self.role_name,
            "turn": self.turn,
            "turnCount": self.turn_count,
            "turnHeading": self.turn_heading,
            "ended": self.ended,
            "outcome": self.outcome,
            "variables": [{**attrs.asdict(variable), "states": list(variable.states)} for variable in self.variables],
            "budget": self.budget,
            "resources": self.resources,
            "score": self.score,
            "briefing": self.briefing,
            "objectives": [objective.to_json() for objective in self.objectives],
            "shocks": [
                {"id": s.id, "title": s.title, "category": s.category, "narrative": s.narrative, "turnsLeft": s.turns_left}
                for s in self.shocks
            ],
            "orders": None if self.orders is None else list(self.orders),
            "lastOrders": {role: list(actions) for role, actions in self.last_orders.items()},
            "actions": [
                {
                    "action": option.action,
                    "label": option.label,
                    "cost": option.cost,
                    "spend": dict(option.spend),
                    "joint": option.joint,
                    "available": option.available,
                    "code": None if option.refusal is None else str(option.refusal.code),
                    "reason": option.reason,
                }
                for option in self.actions
            ],
            "log": list(self.log),
        }


def observe(view: View, events: Sequence[ev.Event], role: str) -> Observation:
    """What ``role`` may know of the game at ``view``, given every event so far (oldest first).

    The events of the current turn (from its opening on) are not yet resolved, so other teams'
    orders among them are only mentioned.
    """
    game = view.game
    scenario = game.scenario
    r = game.role_index[role]
    audience = Audience.team(role)
    current = max((index for index, event in enumerate(events) if isinstance(event, ev.TurnOpened)), default=0)
    log: list[str] = []
    for index, event in enumerate(events):
        shown = event_shown(scenario, audience, event, resolved=index < current)
        if shown == "shown":
            log.append(event_text(scenario, without_secrets(scenario, audience, event)))
        elif shown == "redacted":
            log.append(redacted_event_text(scenario, without_secrets(scenario, audience, event)))
    return Observation(
        role=role,
        role_name=scenario.roles[r].name,
        turn=view.turn,
        turn_count=scenario.turns.count,
        turn_heading=turn_heading(scenario.turns, view.turn),
        ended=view.ended,
        outcome=view.outcome,
        variables=tuple(
            ObservedVariable(
                variable.id,
                variable.label,
                value,
                variable.min,
                variable.max,
                band.label if band else None,
                band.tone if band else "neutral",
                variable.unit,
                variable.polarity,
                variable.states,
            )
            for variable, value in zip(scenario.variables, view.values, strict=True)
            if sees_variable(audience, variable)
            for band in (variable.band_at(value),)
        ),
        budget=view.points[r],
        resources={resource.id: view.resources[r][k] for k, resource in enumerate(scenario.roles[r].resources)},
        score=view.score(role),
        briefing=scenario.roles[r].briefing if sees_briefing(audience, role) else "",
        objectives=_objectives(view, audience, role),
        shocks=tuple(
            ObservedShock(shock.id, shock.title, shock.category, shock.narrative, view.remaining[s])
            for s, shock in enumerate(scenario.shocks)
            if view.remaining[s] and sees_shock(scenario, audience, shock)
        ),
        orders=view.orders(role),
        last_orders={other: view.last_orders(other) for other in game.role_ids},
        actions=options_for(view, audience, action_options(view, role)),
        log=tuple(log),
    )


def _objectives(view: View, audience: Audience, role: str) -> tuple[ObservedObjective, ...]:
    """The objectives the team may know of, its own first, each with whether it is met now."""
    roles = sorted(view.game.scenario.roles, key=lambda item: item.id != role)
    return tuple(
        ObservedObjective(owner.id, item.id, item.description, item.weight, item.check, item.visibility, met)
        for owner in roles
        for item, met in zip(owner.objectives, view.objectives_met_at(view.game.role_index[owner.id]), strict=True)
        if sees_objective(audience, owner.id, item)
    )
