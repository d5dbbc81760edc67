"""Editions of the briefing book: the white cell's whole book, and a pack for one team or the room.

A team's pack is what the team may know before play, as `engine.audience.visibility` decides it:
the public briefing, its own role whole (private briefing, resources, private objectives), the
others' names and public objectives, the variables it sees, its own actions with their costs and
limits, and the exercise objectives that concern it. It leaves out what the white cell keeps: the
events list, actions' effects, standing rules, what ends the game, and which injects test an
objective. Limits or objective conditions that read something the reader may not see are said as
kept by the white cell, and an action a shock opens does not name the shock, so a pack never names
a hidden variable or an event still to come.
"""

from __future__ import annotations

import attrs

from engine.audience.visibility import (
    Audience,
    condition_shown,
    sees_briefing,
    sees_evaluation,
    sees_exercise_objectives,
    sees_mechanics,
    sees_objective,
    sees_own,
    sees_shock,
    sees_upcoming,
    sees_variable,
)
from engine.core import model as m
from engine.documents.briefing.book import ActionPart, Book, ObjectivePart, RolePart, action_part, build_book
from engine.documents.briefing.training import TrainingPart

KEPT = "a condition the white cell keeps"
"""What a pack says in place of a limit or a condition that reads what its reader may not see."""

ANSWER = "only in answer to an event the white cell may bring into play"
"""What a pack says of an action that a shock opens: which shock is still to come, so not named."""


def edition_name(scenario: m.Scenario, audience: Audience) -> str:
    """Whose edition it is, in words ("" for the white cell's whole book)."""
    if audience.is_white_cell:
        return ""
    return scenario.role(audience.role).name if audience.role is not None else "the room"


def build_edition(scenario: m.Scenario, audience: Audience) -> Book:
    """The briefing book as ``audience`` may read it before play."""
    book = build_book(scenario)
    if audience.is_white_cell:
        return book
    mechanics = sees_mechanics(audience)
    upcoming = sees_upcoming(audience)
    return attrs.evolve(
        book,
        edition=edition_name(scenario, audience),
        mechanics=mechanics,
        roles=tuple(_role(scenario, audience, role, part) for role, part in zip(scenario.roles, book.roles, strict=True)),
        variables=tuple(
            part for var, part in zip(scenario.variables, book.variables, strict=True) if sees_variable(audience, var)
        ),
        actions=tuple(_action(scenario, audience, action) for action in scenario.actions if _lists(audience, action)),
        events=book.events if upcoming else (),
        rules=book.rules if mechanics else (),
        endings=book.endings if mechanics else (),
        outcomes=book.outcomes if mechanics else tuple(attrs.evolve(outcome, when="") for outcome in book.outcomes),
        phases=book.phases if upcoming else tuple(attrs.evolve(phase, briefing="") for phase in book.phases),
        training=_training(scenario, audience, book),
    )


def pack_note(book: Book) -> str:
    """What a reader's pack is, said at its top."""
    return (
        f"What {book.edition} may know before play. The white cell's briefing book holds the rest: the events "
        "list, what each action does, the standing rules and what decides the outcome."
    )


def _lists(audience: Audience, action: m.Action) -> bool:
    """A team's pack lists its own actions; the room's every action (what is taken is public)."""
    return audience.role is None or audience.role in action.roles


def _role(scenario: m.Scenario, audience: Audience, role: m.Role, part: RolePart) -> RolePart:
    objectives = tuple(
        _objective(scenario, audience, objective, seen)
        for objective, seen in zip(role.objectives, part.objectives, strict=True)
        if sees_objective(audience, role.id, objective)
    )
    own = sees_own(audience, role.id)
    return attrs.evolve(
        part,
        briefing=part.briefing if sees_briefing(audience, role.id) else "",
        resources=part.resources if own else (),
        objectives=objectives,
        objectives_kept=len(objectives) < len(role.objectives),
    )


def _objective(scenario: m.Scenario, audience: Audience, objective: m.Objective, part: ObjectivePart) -> ObjectivePart:
    if condition_shown(scenario, audience, objective.condition):
        return part
    return attrs.evolve(part, condition=KEPT)


def _action(scenario: m.Scenario, audience: Audience, action: m.Action) -> ActionPart:
    """The action with its costs and limits, less its effects (unless the reader sees the scenario's
    workings) and less any limit that reads what the reader may not see."""
    foreseen = sees_upcoming(audience)
    unlocked_by = tuple(
        shock for shock in action.unlocked_by if foreseen and sees_shock(scenario, audience, scenario.shock(shock))
    )
    requires_shown = action.requires is None or condition_shown(scenario, audience, action.requires)
    told = attrs.evolve(
        action,
        unlocked_by=unlocked_by,
        requires=action.requires if requires_shown else None,
        requires_text=action.requires_text if requires_shown else "",
    )
    part = action_part(scenario, told)
    if len(unlocked_by) < len(action.unlocked_by):
        part = attrs.evolve(part, limits=(ANSWER, *part.limits))
    if not requires_shown:
        part = attrs.evolve(part, limits=(*part.limits, KEPT))
    if sees_mechanics(audience):
        return part
    return attrs.evolve(part, effects=(), unmatched=())


def _training(scenario: m.Scenario, audience: Audience, book: Book) -> tuple[TrainingPart, ...]:
    if not sees_exercise_objectives(audience):
        return ()
    evaluated = sees_evaluation(audience)
    concerned = {
        objective.id
        for objective in scenario.exercise_objectives
        if audience.role is None or not objective.roles or audience.role in objective.roles
    }
    return tuple(
        part if evaluated else attrs.evolve(part, tested_by=(), evaluated=False) for part in book.training if part.id in concerned
    )
