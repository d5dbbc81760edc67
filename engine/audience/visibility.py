"""Who may see what: the one place that decides, for every piece of information and every audience.

There are three kinds of reader. The white cell sees everything. The room (the projector, the
console with choices hidden, a replay shown to the room) sees what is public. A team sees what is
public plus what is its own: variables marked visible to it, its resources and objectives, the
shocks addressed to it, and its own orders before they are resolved. Programs that play a team
see what that team sees.

Every surface asks here rather than deciding for itself, so that a rule changes in one place and
no screen can leak what another hides. Each function answers one question; `event_shown` sorts
an event into shown, redacted (the audience may know that it happened, not what it was) or hidden.
"""

from __future__ import annotations

import json
from typing import Any, Literal, assert_never, cast

import attrs

from engine.core import commands as cmd
from engine.core import events as ev
from engine.core import model as m

__all__ = [
    "ROOM",
    "WHITE_CELL",
    "Audience",
    "Shown",
    "command_shown",
    "command_without_secrets",
    "event_shown",
    "sees_guidance",
    "sees_notes",
    "sees_orders",
    "sees_own",
    "sees_reasons",
    "sees_shock",
    "sees_variable",
    "sees_variable_named",
    "without_secrets",
]

Shown = Literal["shown", "redacted", "hidden"]
"""How an audience meets a piece of information: whole, as a mention without its content, or not at all."""


@attrs.frozen
class Audience:
    """A reader of the game: the white cell, the room, or one team (by role id)."""

    kind: Literal["white-cell", "room", "team"]
    role: str | None = None

    @classmethod
    def team(cls, role: str) -> Audience:
        return cls("team", role)

    @property
    def is_white_cell(self) -> bool:
        return self.kind == "white-cell"

    def __str__(self) -> str:
        return self.kind if self.role is None else f"team {self.role}"


WHITE_CELL = Audience("white-cell")
ROOM = Audience("room")


def sees_own(audience: Audience, role: str) -> bool:
    """Whether the audience sees what belongs to a role: its resources, objectives, score and briefing."""
    return audience.is_white_cell or audience.role == role


def sees_variable(audience: Audience, variable: m.Variable) -> bool:
    """Public variables are everyone's; one marked with a role id is that team's; the rest the white cell's."""
    if audience.is_white_cell or variable.visibility == "public":
        return True
    return audience.kind == "team" and variable.visibility == audience.role


def sees_shock(audience: Audience, shock: m.Shock) -> bool:
    """A shock is everyone's unless addressed to some teams: then those teams' (the room hears of it, by name)."""
    if audience.kind == "team":
        return not shock.audience or audience.role in shock.audience
    return True


def sees_guidance(audience: Audience) -> bool:
    """The white cell's guidance on a shock (expected actions and response, facilitator notes)."""
    return audience.is_white_cell


def sees_notes(audience: Audience) -> bool:
    """The facilitator's notes for the after-action report."""
    return audience.is_white_cell


def sees_reasons(audience: Audience) -> bool:
    """The facilitator's reasons for an injection, an adjustment or an early end."""
    return audience.is_white_cell


def sees_orders(audience: Audience, role: str, *, resolved: bool) -> bool:
    """Orders are secret until resolved, except to the white cell and to the team that gave them."""
    return resolved or sees_own(audience, role)


def sees_variable_named(scenario: m.Scenario, audience: Audience, var: str) -> bool:
    """`sees_variable` for a variable named by id (one a scenario does not declare is nobody's)."""
    variable = next((item for item in scenario.variables if item.id == var), None)
    return variable is not None and sees_variable(audience, variable)


def _shock(scenario: m.Scenario, shock_id: str) -> m.Shock | None:
    return next((shock for shock in scenario.shocks if shock.id == shock_id), None)


def command_shown(scenario: m.Scenario, audience: Audience, command: cmd.SessionCommand, *, resolved: bool) -> Shown:
    """How an audience meets a command in a game's history (a replay's timeline, an undo in the log)."""
    if audience.is_white_cell:
        return "shown"
    match command:
        case cmd.SubmitOrders():
            return "shown" if sees_orders(audience, command.role, resolved=resolved) else "redacted"
        case cmd.ReturnOrders():
            return "shown" if sees_own(audience, command.role) else "redacted"
        case cmd.AddNote():
            return "redacted"
        case cmd.AdjustVariable():
            return "shown" if sees_variable_named(scenario, audience, command.var) else "redacted"
        case cmd.InjectShock():
            shock = _shock(scenario, command.shock)
            return "shown" if shock is not None and sees_shock(audience, shock) else "redacted"
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


def event_shown(scenario: m.Scenario, audience: Audience, event: ev.Event, *, resolved: bool) -> Shown:
    """How an audience meets an event. ``resolved``: the event's turn has been resolved since
    (orders entered in it are public now)."""
    if audience.is_white_cell:
        return "shown"
    match event:
        case ev.TurnOpened() | ev.ActionResolved() | ev.Narrated() | ev.GameEnded():
            return "shown"
        case ev.ShockFired() | ev.ShockEnded():
            shock = _shock(scenario, event.shock)
            return "shown" if shock is None or sees_shock(audience, shock) else "hidden"
        case ev.ShockArmed() | ev.ShockScheduled() | ev.ShockSkipped() | ev.Rolled():
            return "hidden"
        case ev.OrdersSubmitted() | ev.OrdersWithdrawn():
            return "shown" if sees_orders(audience, event.role, resolved=resolved) else "redacted"
        case ev.OrdersReturned():
            return "shown" if sees_own(audience, event.role) else "redacted"
        case ev.Changed():
            return "shown" if sees_variable_named(scenario, audience, event.var) else "hidden"
        case ev.ResourceChanged():
            return "shown" if sees_own(audience, event.role) else "hidden"
        case ev.NoteAdded():
            return "redacted"
        case ev.Undone() | ev.Redone():
            command = _recorded(event)
            return "redacted" if command is None else command_shown(scenario, audience, command, resolved=resolved)
        case _:
            assert_never(event)


def without_secrets(audience: Audience, event: ev.Event) -> ev.Event:
    """An event shown to an audience, less what it may not read: the facilitator's reasons in its cause."""
    cause = getattr(event, "cause", None)
    if sees_reasons(audience) or not isinstance(cause, ev.Cause) or cause.kind != "facilitator" or not cause.detail:
        return event
    redacted: ev.Event = attrs.evolve(cast(Any, event), cause=ev.Cause("facilitator"))
    return redacted


def command_without_secrets(audience: Audience, command: cmd.SessionCommand) -> cmd.SessionCommand:
    """A command shown to an audience, less the facilitator's reason when it may not read it."""
    if sees_reasons(audience):
        return command
    match command:
        case cmd.InjectShock() | cmd.AdjustVariable() | cmd.EndExercise():
            return attrs.evolve(command, reason="")
        case _:
            return command
