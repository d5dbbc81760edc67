"""Who may see what: the one place that decides, for every piece of information and every audience.

There are three kinds of reader. The white cell sees everything. The room (the projector, the
console with choices hidden, a replay shown to the room, the room's report) sees what is
public. A team sees what is public plus what is its own: variables marked visible to it, its
resources, briefing and private objectives, the shocks addressed to it, and its own orders before
they are resolved. Programs that play a team see what that team sees.

Every surface asks here rather than deciding for itself, so that a rule changes in one place and
no screen can leak what another hides. Each function answers one question; `event_shown` sorts
an event into shown, redacted (the audience may know that it happened, not all of what it was)
or hidden, and the `*_without_secrets` functions take out what a shown event or command may not
say: the facilitator's reasons, and a cause that would name a shock the audience does not see.
"""

from __future__ import annotations

import json
from typing import Literal, assert_never

import attrs

from engine.audience.readers import ROOM, WHITE_CELL, Audience, UnknownAudience, audience_named
from engine.core import commands as cmd
from engine.core import events as ev
from engine.core import model as m
from engine.load.build import canonical_json
from engine.prose.events import FACILITATOR_ENDED

__all__ = [
    "ROOM", "UNDISCLOSED", "WHITE_CELL", "Audience", "Shown", "UnknownAudience", "audience_named", "cause_shown",
    "cause_without_secrets", "command_shown", "command_without_secrets", "condition_shown", "ending_without_secrets",
    "event_shown", "hears_moves", "sees_actor_entry", "sees_addressed", "sees_briefing", "sees_decision", "sees_evaluation",
    "sees_exercise_objectives", "sees_guidance", "sees_mechanics", "sees_notes", "sees_objective", "sees_orders",
    "sees_own", "sees_proposal", "sees_reasons", "sees_score", "sees_seed", "sees_shock", "sees_upcoming", "sees_variable",
    "sees_variable_named", "without_secrets"
]  # fmt: skip

Shown = Literal["shown", "redacted", "hidden"]
"""How an audience meets a piece of information: whole, as a mention without all its content, or not at all."""

UNDISCLOSED = ev.Cause("undisclosed")
"""The cause an audience reads in place of one that would name a shock it does not see."""

FACILITATOR_ENDING = FACILITATOR_ENDED
"""How the core records an early end (followed by ": " and the facilitator's reason)."""

_SHOCK_CAUSES = frozenset({"shock", "ongoing", "expiry", "trigger"})
"""Cause kinds whose id is a shock's."""


def sees_own(audience: Audience, role: str) -> bool:
    """Whether the audience sees what belongs to a role: its resources, private objectives, whole score and briefing."""
    return audience.is_white_cell or audience.role == role


def sees_briefing(audience: Audience, role: str) -> bool:
    """A role's private briefing is its team's and the white cell's."""
    return sees_own(audience, role)


def sees_proposal(audience: Audience, role: str) -> bool:
    """A free-form move a team's seat proposed is its team's and the white cell's until argued in the room."""
    return sees_own(audience, role)


def sees_objective(audience: Audience, role: str, objective: m.Objective) -> bool:
    """Public objectives are everyone's (with whether they are met); a private one its team's and the white cell's."""
    return objective.visibility == "public" or sees_own(audience, role)


def sees_score(audience: Audience, role: m.Role) -> bool:
    """Whether the audience may know a role's whole score. Others know only the part its public
    objectives make (the points of the objectives they see), so a private objective's result
    never shows through a total."""
    return sees_own(audience, role.id) or all(sees_objective(audience, role.id, item) for item in role.objectives)


def sees_seed(audience: Audience) -> bool:
    """The seed decides every roll: whoever knows it can foresee the dice."""
    return audience.is_white_cell


def sees_variable(audience: Audience, variable: m.Variable) -> bool:
    """Public variables are everyone's; one marked with a role id is that team's; the rest the white cell's."""
    if audience.is_white_cell or variable.visibility == "public":
        return True
    return audience.kind == "team" and variable.visibility == audience.role


def sees_shock(scenario: m.Scenario, audience: Audience, shock: m.Shock) -> bool:
    """A shock is everyone's unless addressed to some teams: then those teams' and the white cell's
    (the room and the other teams do not hear of it). One addressed to every team is everyone's."""
    return sees_addressed(scenario, audience, shock.audience)


def sees_addressed(scenario: m.Scenario, audience: Audience, roles: tuple[str, ...]) -> bool:
    """Whether the audience hears of what is addressed to ``roles`` (a shock, an inject written at
    the table): everyone when none or every team is named, else those teams and the white cell. The
    actors the white cell plays are never addressed, so naming every team is naming everyone."""
    if audience.is_white_cell or not roles:
        return True
    if audience.kind == "team":
        return audience.role in roles
    return {team.id for team in scenario.teams} <= set(roles)


def hears_moves(scenario: m.Scenario, audience: Audience, role: str) -> bool:
    """Whether the audience learns what a role chose once resolved. A team's moves are everyone's; an
    actor's (a role the white cell plays) are its audience's and the white cell's, and the room's only
    when the actor's audience is every team (none named, or all of them)."""
    actor = next((item for item in scenario.roles if item.id == role and item.is_actor), None)
    if actor is None or sees_own(audience, role):
        return True  # a bot playing an actor reads as that actor, and knows its own moves
    if audience.kind == "team":
        return not actor.audience or audience.role in actor.audience
    return {team.id for team in scenario.teams} <= set(actor.audience) if actor.audience else True


def sees_actor_entry(scenario: m.Scenario, audience: Audience, role: str) -> bool:
    """Whether the audience sees a role's side of the turn being entered (its menu, budget and orders as
    they stand): every team's is on the console, but an actor's response menu is the white cell's alone."""
    return not scenario.is_actor(role) or sees_own(audience, role)


def _hears_all(scenario: m.Scenario, audience: Audience, roles: tuple[str, ...]) -> bool:
    """Whether the audience hears the moves of every one of the roles (a joint action's sides)."""
    return all(hears_moves(scenario, audience, role) for role in roles)


def _hears_choice(scenario: m.Scenario, audience: Audience, role: str | None, action: str | None) -> bool:
    """Whether the audience may know if a role (None: any role that may take it) chose an action: a test
    of any role's choice reads every actor's that may have made it."""
    if role is not None:
        return hears_moves(scenario, audience, role)
    takers = next((item.roles for item in scenario.actions if item.id == action), None) if action else None
    actors = [actor.id for actor in scenario.actors if takers is None or actor.id in takers]
    return _hears_all(scenario, audience, tuple(actors))


def _written_to(cause: ev.Cause) -> tuple[str, ...]:
    """Whom the inject written at the table that a facilitator's cause names was told to (empty: everyone)."""
    return tuple(cause.role.split("+")) if cause.role else ()


def sees_guidance(audience: Audience) -> bool:
    """The white cell's guidance on a shock (expected actions and response, facilitator notes)."""
    return audience.is_white_cell


def sees_exercise_objectives(audience: Audience) -> bool:
    """The exercise objectives themselves (title, description, capability, criteria): shared with players,
    as exercise practice shares them; which injects test them and how they are evaluated are not."""
    return True


def sees_evaluation(audience: Audience) -> bool:
    """Which injects test an exercise objective, and its evaluation (expected actions, notes, rating)."""
    return audience.is_white_cell


def sees_mechanics(audience: Audience) -> bool:
    """How the scenario works inside (actions' effects, standing rules, what ends the game and decides its
    outcome): the white cell's; teams and the room learn them from what happens, as at the table."""
    return audience.is_white_cell


def sees_notes(audience: Audience) -> bool:
    """The facilitator's notes for the after-action report."""
    return audience.is_white_cell


def sees_reasons(audience: Audience) -> bool:
    """The facilitator's reasons for an injection, an adjustment, an early end or a free-form move's effects."""
    return audience.is_white_cell


def sees_upcoming(audience: Audience) -> bool:
    """What is still to come (the upcoming injects: schedules, triggers and their chances, conditions, what the
    white cell holds or brings forward) is the white cell's: the room and the teams meet a shock when it fires."""
    return audience.is_white_cell


def sees_orders(audience: Audience, role: str, *, resolved: bool) -> bool:
    """Orders are secret until resolved, except to the white cell and to the team that gave them.

    Only the orders a resolution took are public: an entry of orders (a draft replaced, orders
    sent back or withdrawn) stays the team's even after its turn, since it was never resolved.
    """
    return resolved or sees_own(audience, role)


def sees_decision(scenario: m.Scenario, audience: Audience, role: str, *, resolved: bool) -> bool:
    """`sees_orders` for a role of a scenario: an actor's orders, even resolved, are only its audience's."""
    return sees_orders(audience, role, resolved=resolved) and hears_moves(scenario, audience, role)


def sees_variable_named(scenario: m.Scenario, audience: Audience, var: str) -> bool:
    """`sees_variable` for a variable named by id (one a scenario does not declare is nobody's)."""
    variable = next((item for item in scenario.variables if item.id == var), None)
    return variable is not None and sees_variable(audience, variable)


def _shock(scenario: m.Scenario, shock_id: str) -> m.Shock | None:
    return next((shock for shock in scenario.shocks if shock.id == shock_id), None)


def _sees_shock_named(scenario: m.Scenario, audience: Audience, shock_id: str) -> bool:
    shock = _shock(scenario, shock_id)
    return shock is not None and sees_shock(scenario, audience, shock)


def cause_shown(scenario: m.Scenario, audience: Audience, cause: ev.Cause) -> bool:
    """Whether the audience may know a cause: one that names a shock is as visible as the shock, one
    that names an inject written at the table as the inject (actions, rules and income are public;
    the facilitator's reason is taken out separately)."""
    if cause.kind == "facilitator":
        return sees_addressed(scenario, audience, _written_to(cause))
    if cause.kind in ("action", "joint"):  # an actor's move is told only to its audience
        return _hears_all(scenario, audience, tuple(cause.role.split("+")) if cause.role else ())
    return cause.kind not in _SHOCK_CAUSES or _sees_shock_named(scenario, audience, cause.id)


def cause_without_secrets(scenario: m.Scenario, audience: Audience, cause: ev.Cause) -> ev.Cause:
    """A cause as the audience may read it: `UNDISCLOSED` for a hidden shock, the facilitator without a reason."""
    if not cause_shown(scenario, audience, cause):
        return UNDISCLOSED
    if cause.kind == "facilitator" and cause.detail and not sees_reasons(audience):
        return attrs.evolve(cause, detail="")
    return cause


def ending_without_secrets(audience: Audience, reason: str) -> str:
    """Why a game ended as the audience may read it: an early end without the facilitator's reason."""
    if sees_reasons(audience) or not reason.startswith(FACILITATOR_ENDING + ":"):
        return reason
    return FACILITATOR_ENDING


def condition_shown(scenario: m.Scenario, audience: Audience, cond: m.Condition) -> bool:
    """Whether everything a condition reads is visible to the audience, so that saying why it
    fails (with the values now) tells it nothing it may not know."""
    match cond:
        case m.VarTest() | m.InBand():
            return sees_variable_named(scenario, audience, cond.var)
        case m.ResourceTest():
            return sees_own(audience, cond.role)
        case m.ScoreTest():
            return sees_score(audience, scenario.role(cond.role))
        case m.FiredTest() | m.ActiveTest():
            return _sees_shock_named(scenario, audience, cond.shock)
        case m.UsesTest():
            return _hears_choice(scenario, audience, cond.role, cond.action)
        case m.ChoseTest():
            chosen_by = cond.roles or ((cond.role,) if cond.role is not None else ())
            if chosen_by:
                return _hears_all(scenario, audience, chosen_by)
            return _hears_choice(scenario, audience, None, cond.action)
        case m.TurnTest():
            return True  # the turn is public, and so are the teams' resolved moves (an actor's: see hears_moves)
        case m.AllOf() | m.AnyOf():
            return all(condition_shown(scenario, audience, item) for item in cond.items)
        case m.Not():
            return condition_shown(scenario, audience, cond.item)
        case _:
            assert_never(cond)


def command_shown(scenario: m.Scenario, audience: Audience, command: cmd.SessionCommand, *, resolved: bool) -> Shown:
    """How an audience meets a command in a game's history (a replay's timeline, an undo in the log).

    Entering orders is one entry, which may not be the orders resolved (see `sees_orders`): it
    is the team's, whatever ``resolved`` (taken for callers that know it) says. Setting a variable the audience does not see is
    hidden: even its label would say too much.
    """
    if audience.is_white_cell:
        return "shown"
    match command:
        case cmd.SubmitOrders() | cmd.ReturnOrders() if scenario.is_actor(command.role):
            return "hidden"  # the white cell's entry of an actor's move: even that it was made is its own
        case cmd.SubmitOrders():
            return "shown" if sees_own(audience, command.role) else "redacted"
        case cmd.ReturnOrders():
            return "shown" if sees_own(audience, command.role) else "redacted"
        case cmd.AddNote():
            return "redacted"
        case cmd.AdjustVariable():
            return "shown" if sees_variable_named(scenario, audience, command.var) else "hidden"
        case cmd.AdjustResource() | cmd.AdjustPoints():
            return "shown" if sees_own(audience, command.role) else "hidden"
        case cmd.InjectShock():
            return "shown" if _sees_shock_named(scenario, audience, command.shock) else "redacted"
        case cmd.ProposeFreeMove():
            return "shown"  # a free-form move is argued in front of the room
        case cmd.PutForwardFreeMove():
            return "shown" if sees_proposal(audience, command.role) else "hidden"
        case cmd.SettleFreeMove():
            seen = all(sees_variable_named(scenario, audience, var) for var, _ in command.effects)
            return "shown" if seen else "redacted"
        case cmd.WriteInject():  # its words name its effects' variables: all of them must be the audience's
            seen = all(sees_variable_named(scenario, audience, var) for var, _ in command.effects)
            return "shown" if seen and sees_addressed(scenario, audience, command.audience) else "redacted"
        case cmd.HoldShock() | cmd.ReleaseShock() | cmd.BringForward():
            return "hidden"  # the white cell's plan of what is still to come: see sees_upcoming
        case cmd.Resolve() | cmd.EndExercise() | cmd.Undo() | cmd.Redo():
            return "shown"
        case _:
            assert_never(command)


def _recorded(event: ev.Undone | ev.Redone) -> cmd.SessionCommand | None:
    """The command an undo or redo names (as canonical JSON in the event), or None if it does not read."""
    try:
        return cmd.command_from_json(json.loads(event.command))
    except (ValueError, RecursionError):
        return None


def _by_cause(scenario: m.Scenario, audience: Audience, cause: ev.Cause) -> Shown:
    """A change the audience may see: whole, or (its cause naming a hidden shock) without its cause."""
    return "shown" if cause_shown(scenario, audience, cause) else "redacted"


def event_shown(scenario: m.Scenario, audience: Audience, event: ev.Event, *, resolved: bool) -> Shown:
    """How an audience meets an event. ``resolved`` (the event's turn has been resolved since) is
    taken for callers that know it; no event depends on it now: an entry of orders is its team's
    either way, and the orders a resolution took are told by its actions (`ActionResolved`).

    A redacted event is rendered from `without_secrets` as a mention (`redacted_event_text`): a
    public variable moved by a hidden shock is told with its cause undisclosed.
    """
    if audience.is_white_cell:
        return "shown"
    match event:
        case ev.ActionResolved():
            return "shown" if _hears_all(scenario, audience, event.roles) else "hidden"  # an actor's: its audience's
        case ev.TurnOpened() | ev.GameEnded() | ev.FreeMoveRolled():
            return "shown"  # a free-form move's words, arguments and roll are said in the room
        case ev.ShockFired() | ev.ShockEnded():
            if not _sees_shock_named(scenario, audience, event.shock):
                return "hidden"
            return _by_cause(scenario, audience, event.cause)
        case ev.Narrated() | ev.InjectWritten():
            return "shown" if cause_shown(scenario, audience, event.cause) else "hidden"
        case ev.ShockArmed() | ev.ShockScheduled() | ev.ShockSkipped() | ev.ShockHeld() | ev.Rolled():
            return "hidden"
        case ev.OrdersSubmitted() | ev.OrdersWithdrawn() | ev.OrdersReturned():
            if scenario.is_actor(event.role):
                return "hidden"  # the white cell enters an actor's move: its audience hears of it when resolved
            return "shown" if sees_own(audience, event.role) else "redacted"
        case ev.Changed():
            if not sees_variable_named(scenario, audience, event.var):
                return "hidden"
            return _by_cause(scenario, audience, event.cause)
        case ev.ResourceChanged() | ev.PointsChanged():
            return _by_cause(scenario, audience, event.cause) if sees_own(audience, event.role) else "hidden"
        case ev.NoteAdded():
            return "redacted"
        case ev.FreeMoveProposed():
            return "shown" if sees_proposal(audience, event.role) else "hidden"
        case ev.Undone() | ev.Redone():
            # orders taken back or given again are never the resolved ones: the resolution tells those
            command = _recorded(event)
            return "redacted" if command is None else command_shown(scenario, audience, command, resolved=False)
        case _:
            assert_never(event)


def _withdrawal_told(scenario: m.Scenario, audience: Audience, role: str) -> bool:
    """Whether the recorded reasons for withdrawing a role's orders can name only what the
    audience sees: it is the role's own team (the reasons may count its stocks), and none of the
    role's actions needs a hidden condition or a hidden shock."""
    if not sees_own(audience, role):
        return False
    for action in scenario.actions:
        if role not in action.roles:
            continue
        if action.requires is not None and not action.requires_text and not condition_shown(scenario, audience, action.requires):
            return False
        if not all(_sees_shock_named(scenario, audience, shock) for shock in action.unlocked_by):
            return False
    return True


WITHDRAWN_UNTOLD = "they no longer hold after the white cell's change"
"""The reason a team reads for withdrawn orders when the recorded one could name what it may not see."""


def without_secrets(scenario: m.Scenario, audience: Audience, event: ev.Event) -> ev.Event:
    """An event shown to an audience, less what it may not read: the facilitator's reasons (in a
    cause, an ending, or a command an undo names), a cause that names a hidden shock, and reasons
    for withdrawn orders that could name hidden values."""
    if audience.is_white_cell:
        return event
    match event:
        case ev.ShockFired() | ev.ShockEnded() | ev.ShockArmed() | ev.ShockScheduled() | ev.ShockHeld() | ev.Changed():
            return attrs.evolve(event, cause=cause_without_secrets(scenario, audience, event.cause))
        case ev.ResourceChanged() | ev.PointsChanged() | ev.Rolled() | ev.Narrated() | ev.InjectWritten():
            return attrs.evolve(event, cause=cause_without_secrets(scenario, audience, event.cause))
        case ev.GameEnded():
            return attrs.evolve(event, reason=ending_without_secrets(audience, event.reason))
        case ev.OrdersWithdrawn():
            told = _withdrawal_told(scenario, audience, event.role)
            return event if told else attrs.evolve(event, reason=WITHDRAWN_UNTOLD)
        case ev.Undone() | ev.Redone():
            command = _recorded(event)
            if command is None:
                return event
            return attrs.evolve(event, command=canonical_json(command_without_secrets(audience, command).to_json()))
        case (
            ev.TurnOpened()
            | ev.ShockSkipped()
            | ev.OrdersSubmitted()
            | ev.OrdersReturned()
            | ev.ActionResolved()
            | ev.NoteAdded()
            | ev.FreeMoveRolled()
            | ev.FreeMoveProposed()
        ):
            return event
        case _:
            assert_never(event)


def command_without_secrets(audience: Audience, command: cmd.SessionCommand) -> cmd.SessionCommand:
    """A command shown to an audience, less the facilitator's reason when it may not read it."""
    if sees_reasons(audience):
        return command
    match command:
        case (
            cmd.InjectShock()
            | cmd.HoldShock()
            | cmd.ReleaseShock()
            | cmd.BringForward()
            | cmd.AdjustVariable()
            | cmd.AdjustResource()
            | cmd.AdjustPoints()
            | cmd.EndExercise()
            | cmd.SettleFreeMove()
            | cmd.WriteInject()
        ):
            return attrs.evolve(command, reason="")
        case _:
            return command
