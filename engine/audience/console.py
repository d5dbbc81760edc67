"""What a screen shows, computed from a session: variables with their bands, trends and changes;
shocks in progress; each role's orders. Pure projections, shared by every front end.

Keeping them here keeps game knowledge (bands, visibility, what counts as "last turn") out of
the terminal UI, which only renders these values.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from engine.audience.reasons import options_for
from engine.audience.visibility import (
    ROOM,
    WHITE_CELL,
    Audience,
    command_shown,
    command_without_secrets,
    event_shown,
    sees_actor_entry,
    sees_guidance,
    sees_orders,
    sees_own,
    sees_shock,
    sees_variable,
    sees_variable_named,
    without_secrets,
)
from engine.core import events as ev
from engine.core.availability import ActionOption, action_options
from engine.core.commands import EnteredBy, Resolve, ReturnOrders, SessionCommand, SubmitOrders
from engine.core.model import Scenario, Shock, Tone
from engine.core.state import State, budgets
from engine.core.view import View
from engine.journal.session import Session
from engine.journal.timeline import Delta
from engine.journal.turns import happenings
from engine.prose.events import command_text, event_text, note_text, redacted_command_text, redacted_event_text
from engine.prose.turns import turns_left
from engine.prose.values import value_text


@attrs.frozen
class Gauge:
    """A variable's value between its bounds, with its band and last change: what every screen draws as a bar.

    The projector's `PublicVariable` is exactly this; the console's `VariableView` adds what only
    the facilitator needs.
    """

    label: str
    value: int
    min: int
    max: int
    unit: str
    band: str | None
    tone: Tone
    change: int
    """Since the opening of the previous turn (what the last resolution and this turn's shocks did)."""
    polarity: str
    states: tuple[str, ...]
    """A variable of named states: their names in order (the value is a position), else empty."""

    @property
    def reading(self) -> str:
        """The value as people read it: "55", "50%", or a named state's name ("exercise"; its position is no amount)."""
        return value_text(self.value, self.states, self.unit)

    @property
    def fraction(self) -> float:
        """Where the value sits between min and max, from 0 to 1."""
        return (self.value - self.min) / (self.max - self.min)


@attrs.frozen
class VariableView(Gauge):
    """One variable as the facilitator's console sees it now."""

    id: str
    history: tuple[int, ...]
    """The value at each turn's opening so far, then now."""
    visibility: str
    facilitator_only: bool
    """The room may not see it (the screens mark it with ◆)."""


@attrs.frozen
class ShockView:
    """A shock in progress."""

    id: str
    title: str
    category: str
    narrative: str
    remaining: int
    """Turns it stays active counting this one."""
    left: str
    """The same in the scenario's word for a turn: "2 months left" (`turns_left`)."""
    source: str
    expected_response: str
    expected_actions: tuple[str, ...]
    """The labels of the actions the exercise hopes the teams take."""
    facilitator_notes: str
    fired_this_turn: bool


@attrs.frozen
class RoleView:
    """A role's side of the turn: its actions, the orders entered, the budget left."""

    id: str
    name: str
    budget: int
    spent: int
    orders: tuple[str, ...] | None
    """The orders entered; None without orders, and () when the audience may not see those entered."""
    options: tuple[ActionOption, ...]
    resources: tuple[tuple[str, int, int], ...]
    """(label, stock, max) for each resource (none when the audience may not see them)."""
    bot: str | None
    entered_by: EnteredBy | None = None
    """Who entered the orders in effect: the facilitator, or the team from its seat (None without orders)."""
    actor: bool = False
    """Whether the white cell plays the role (its response menu), rather than a team."""

    @property
    def left(self) -> int:
        return self.budget - self.spent


def turn_openings(session: Session) -> list[State]:
    """The state at the opening of each turn so far (after that turn's shocks)."""
    openings = [session.initial]
    for applied in session.history:
        if isinstance(applied.command, Resolve) and not applied.after.ended:
            openings.append(applied.after)
    return openings


def variable_views(session: Session, audience: Audience = WHITE_CELL) -> list[VariableView]:
    """The variables the audience may see."""
    state = session.state
    openings = turn_openings(session)
    previous = openings[-2] if len(openings) >= 2 else openings[0]
    views = []
    for i, variable in enumerate(session.scenario.variables):
        if not sees_variable(audience, variable):
            continue
        value = state.values[i]
        band = variable.band_at(value)
        history = [opening.values[i] for opening in openings]
        if state is not openings[-1]:
            history.append(value)
        views.append(
            VariableView(
                id=variable.id,
                label=variable.label,
                value=value,
                min=variable.min,
                max=variable.max,
                unit=variable.unit,
                band=band.label if band else None,
                tone=band.tone if band else "neutral",
                change=value - previous.values[i],
                history=tuple(history),
                visibility=variable.visibility,
                facilitator_only=not sees_variable(ROOM, variable),
                polarity=variable.polarity,
                states=variable.states,
            )
        )
    return views


def shocks_in_progress(session: Session, audience: Audience = ROOM) -> list[tuple[Shock, int, bool]]:
    """Each shock in progress that ``audience`` hears of (by default the room: the least any screen
    shows), with the turns it stays active and whether it fired this turn; those that did first."""
    state = session.state
    scenario = session.scenario
    active = [
        (shock, state.remaining[s], state.last_fired[s] == state.turn)
        for s, shock in enumerate(scenario.shocks)
        if state.remaining[s] and sees_shock(scenario, audience, shock)
    ]
    return sorted(active, key=lambda item: not item[2])


def shock_views(session: Session, audience: Audience = WHITE_CELL) -> list[ShockView]:
    """The shocks in progress that ``audience`` hears of, those that fired this turn first; the
    white cell's guidance (expected response and actions, notes) is left empty for anyone else."""
    guided = sees_guidance(audience)
    return [
        ShockView(
            id=shock.id,
            title=shock.title,
            category=shock.category,
            narrative=shock.narrative,
            remaining=remaining,
            left=turns_left(session.scenario.turns, remaining),
            source=shock.source,
            expected_response=shock.expected_response if guided else "",
            expected_actions=tuple(session.scenario.action(action).label for action in shock.expected_actions) if guided else (),
            facilitator_notes=shock.facilitator_notes if guided else "",
            fired_this_turn=new,
        )
        for shock, remaining, new in shocks_in_progress(session, audience)
    ]


def entered_by(session: Session) -> dict[str, EnteredBy]:
    """Who entered each role's orders of the current turn (roles without orders are left out)."""
    found: dict[str, EnteredBy] = {}
    settled: set[str] = set()
    for applied in reversed(session.history):
        command = applied.command
        if isinstance(command, Resolve):
            break
        if isinstance(command, SubmitOrders | ReturnOrders) and command.role not in settled:
            settled.add(command.role)
            if isinstance(command, SubmitOrders):
                found[command.role] = command.by
    return {role: by for role, by in found.items() if session.state.orders[session.game.role_index[role]] is not None}


def role_views(session: Session, audience: Audience = WHITE_CELL) -> list[RoleView]:
    """Each role's actions and orders for the current turn, as ``audience`` may see them: orders
    not yet resolved only as entered or not, resources only the team's own, the reasons for
    unavailable actions without values or shocks it does not see, and an actor's side not at all
    but to the white cell."""
    game = session.game
    state = session.state
    scenario = session.scenario
    bots = dict(session.settings.bots)
    by = entered_by(session)
    views = []
    now = View(game, state)
    for r, role in enumerate(scenario.roles):
        if not sees_actor_entry(scenario, audience, role.id):
            continue
        orders = state.orders[r]
        if orders is not None and not sees_orders(audience, role.id, resolved=False):
            orders = ()
        own = sees_own(audience, role.id)
        views.append(
            RoleView(
                id=role.id,
                name=role.name,
                budget=budgets(game, state)[r] if own else role.budget,  # a change this turn is the team's to know
                spent=sum(game.action_cost[a] for a in orders or ()),
                orders=None if orders is None else tuple(game.action_ids[a] for a in orders),
                options=options_for(now, audience, action_options(now, role.id)),
                resources=tuple(
                    (resource.label, state.resources[r][k], resource.max) for k, resource in enumerate(role.resources) if own
                ),
                bot=bots.get(role.id),
                entered_by=by.get(role.id),
                actor=role.is_actor,
            )
        )
    return views


def missing_orders(session: Session) -> list[str]:
    """Names of the roles that have not entered orders this turn."""
    state = session.state
    return [role.name for r, role in enumerate(session.scenario.roles) if state.orders[r] is None]


def sparkline(values: Sequence[int], low: int, high: int) -> str:
    """Values as a row of block characters scaled between low and high."""
    blocks = "▁▂▃▄▅▆▇█"
    span = max(high - low, 1)
    return "".join(blocks[min(7, max(0, round((value - low) / span * 7)))] for value in values)


HIDDEN_COMMAND = "a white cell command (hidden)"
"""A command the audience may not even hear named (setting a variable it does not see)."""


@attrs.frozen
class LogLine:
    """One line of the event log as an audience may read it."""

    event: ev.Event
    text: str
    redacted: bool
    """The audience may know that it happened, not what it was (a team's orders before resolution, a note)."""


def log_line(scenario: Scenario, audience: Audience, event: ev.Event, *, resolved: bool) -> LogLine | None:
    """An event as ``audience`` may read it in a log, or None when it may not know of it at all."""
    shown = event_shown(scenario, audience, event, resolved=resolved)
    if shown == "shown":
        return LogLine(event, event_text(scenario, without_secrets(scenario, audience, event)), False)
    if shown == "redacted":
        return LogLine(event, redacted_event_text(scenario, without_secrets(scenario, audience, event)), True)
    return None


def log_lines(session: Session, audience: Audience = WHITE_CELL) -> list[LogLine]:
    """The event log of the commands in effect, as ``audience`` may read it (hidden events left out).

    Orders entered in the turn under way are not resolved yet; those of earlier turns are.
    """
    scenario = session.scenario
    current = session.state.turn
    lines = []
    for item in happenings(session):
        line = log_line(scenario, audience, item.event, resolved=item.turn != current)
        if line is not None and not line.redacted and isinstance(item.event, ev.NoteAdded):
            line = attrs.evolve(line, text=note_text(scenario, item.event, item.command, item.turn))
        if line is not None:
            lines.append(line)
    return lines


def command_words(scenario: Scenario, audience: Audience, command: SessionCommand, *, resolved: bool = False) -> str:
    """A command in words as ``audience`` may read it: whole, less its secrets, only whose or which
    it is, or (hidden) only that the white cell did something."""
    shown = command_shown(scenario, audience, command, resolved=resolved)
    if shown == "shown":
        return command_text(scenario, command_without_secrets(audience, command))
    if shown == "redacted":
        return redacted_command_text(scenario, command)
    return HIDDEN_COMMAND


def delta_shown(scenario: Scenario, audience: Audience, delta: Delta) -> bool:
    """Whether ``audience`` may see how a variable or a resource moved."""
    if delta.var is not None:
        return sees_variable_named(scenario, audience, delta.var)
    return delta.role is not None and sees_own(audience, delta.role)


def white_cell_only(scenario: Scenario, var: str | None) -> bool:
    """Whether a variable is one the room may not see (what screens mark with ◆)."""
    return var is not None and sees_variable_named(scenario, WHITE_CELL, var) and not sees_variable_named(scenario, ROOM, var)


CAUSED = (ev.Changed, ev.ResourceChanged, ev.ShockFired, ev.ShockEnded)
"""Events that a redaction leaves whole but for their cause."""


def resolution_events(scenario: Scenario, events: Sequence[ev.Event], audience: Audience = WHITE_CELL) -> list[ev.Event]:
    """A resolution's events (and the next turn's opening) that ``audience`` may read, less their
    secrets: a change whose cause it may not know is kept with the cause undisclosed."""
    kept = []
    for event in events:
        shown = event_shown(scenario, audience, event, resolved=True)
        if shown == "shown" or (shown == "redacted" and isinstance(event, CAUSED)):
            kept.append(without_secrets(scenario, audience, event))
    return kept
