"""What the players may see of a session, and nothing else: the projector's view.

`players_view` copies out only public data (public variables, the shocks in progress without
the white cell's guidance, each team's resolved decisions, public events, the outcome), so a
front end that renders only a `PlayersView` cannot leak what is hidden: facilitator-only or
team-only variables, orders entered but not yet resolved, notes, expected actions and
responses, the facilitator's reasons, scheduled shocks, teams' resources and objectives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

import attrs

from engine.audience.console import Gauge, shocks_in_progress, variable_views
from engine.audience.visibility import ROOM, event_shown, hears_moves, sees_reasons, without_secrets
from engine.core import events as ev
from engine.core.commands import Resolve, WriteInject
from engine.core.model import Scenario, Tone
from engine.journal.session import Session
from engine.prose.events import FACILITATOR_ENDED, WHITE_CELL_ENDED, cause_text, ending_text, event_text
from engine.prose.turns import turn_date, turn_name, turns_left
from engine.prose.values import change_text

LATEST_EVENTS = 12
"""How many of the latest public events the view keeps."""


@attrs.frozen
class PublicVariable(Gauge):
    """A public variable's value, its band and its change since the previous turn opened (nothing more)."""


@attrs.frozen
class PublicShock:
    """A shock in progress as the room hears it: no expected response, no white-cell notes."""

    title: str
    category: str
    narrative: str
    source: str
    audience: tuple[str, ...]
    """The names of the teams it is addressed to; empty when it is addressed to everyone."""
    remaining: int
    left: str
    """How long it lasts in the scenario's word for a turn: "2 months left" (`turns_left`)."""
    new: bool
    """Whether it fired this turn."""


@attrs.frozen
class TeamDecisions:
    """What a team decided in the turn last resolved (action labels, joint ones marked)."""

    team: str
    actions: tuple[str, ...]
    actor: bool = False
    """A role the white cell plays (its moves go under the teams' columns, one line, on the projector)."""


@attrs.frozen
class PublicOutcome:
    title: str
    description: str
    tone: Tone
    reason: str


@attrs.frozen
class PlayersView:
    """Everything the projector shows; every field is public."""

    title: str
    turn: int
    turn_count: int
    turn_label: str
    """E.g. "Month 3 of 12"."""
    turn_name: str | None
    """The turn's own name or date (e.g. "March 2026"), when it has one."""
    ended: bool
    variables: tuple[PublicVariable, ...]
    shocks: tuple[PublicShock, ...]
    decisions_turn: str | None
    """The name of the turn last resolved, or None before the first resolution."""
    decisions: tuple[TeamDecisions, ...]
    events: tuple[str, ...]
    """The latest public events, oldest first."""
    outcome: PublicOutcome | None


def players_view(session: Session, *, latest: int = LATEST_EVENTS) -> PlayersView:
    """The players' view of a session's current state (pure: reads only the session)."""
    scenario = session.scenario
    state = session.state
    turns = scenario.turns
    own_name = turn_name(turns, state.turn)
    name = own_name if own_name != f"{turns.label} {state.turn}" else turn_date(turns, state.turn)
    return PlayersView(
        title=scenario.title,
        turn=state.turn,
        turn_count=turns.count,
        turn_label=f"{turns.label} {state.turn} of {turns.count}",
        turn_name=name,
        ended=state.ended,
        variables=tuple(
            PublicVariable(v.label, v.value, v.min, v.max, v.unit, v.band, v.tone, v.change, v.polarity, v.states)
            for v in variable_views(session, ROOM)
        ),
        shocks=_shocks(session),
        decisions_turn=_decisions_turn(session),
        decisions=_decisions(session),
        events=tuple(_public_events(scenario, session.events()))[-latest:] if latest > 0 else (),
        outcome=_outcome(session),
    )


def _written_this_turn(session: Session) -> list[PublicShock]:
    """The injects written at the table this turn that the room was told: a card each, for this turn only."""
    scenario, turn = session.scenario, session.state.turn
    return [
        PublicShock(event.title, event.category, event.narrative, "The white cell", (), 1, turns_left(scenario.turns, 1), True)
        for applied in session.history
        if applied.before.turn == turn and isinstance(applied.command, WriteInject)
        for event in applied.events
        if isinstance(event, ev.InjectWritten) and event_shown(scenario, ROOM, event, resolved=False) == "shown"
    ]


def _shocks(session: Session) -> tuple[PublicShock, ...]:
    names = {role.id: role.name for role in session.scenario.roles}
    return (*_written_this_turn(session), *_scenario_shocks(session, names))


def _scenario_shocks(session: Session, names: dict[str, str]) -> tuple[PublicShock, ...]:
    return tuple(
        PublicShock(
            title=shock.title,
            category=shock.category,
            narrative=shock.narrative,
            source=shock.source,
            audience=() if set(shock.audience) >= set(names) else tuple(names.get(role, role) for role in shock.audience),
            remaining=remaining,
            left=turns_left(session.scenario.turns, remaining),
            new=new,
        )
        for shock, remaining, new in shocks_in_progress(session, ROOM)
    )


def _last_resolution(session: Session) -> tuple[int, tuple[ev.Event, ...]] | None:
    """The turn last resolved and the events of its resolution, among the commands in effect."""
    for applied in reversed(session.history):
        if isinstance(applied.command, Resolve):
            return applied.before.turn, applied.events
    return None


def _decisions_turn(session: Session) -> str | None:
    last = _last_resolution(session)
    return None if last is None else turn_name(session.scenario.turns, last[0])


def _decisions(session: Session) -> tuple[TeamDecisions, ...]:
    """Each team's actions in the turn last resolved, from the resolution's own events (so
    orders entered since, not yet resolved, can never appear)."""
    last = _last_resolution(session)
    scenario = session.scenario
    taken: dict[str, list[str]] = {role.id: [] for role in scenario.roles}
    if last is not None:
        labels = {action.id: action.label for action in scenario.actions}
        for event in last[1]:
            if not isinstance(event, ev.ActionResolved):
                continue
            label = labels.get(event.action, event.action)
            if event.result == "matched":
                label += " (joint)"
            elif event.result == "unmatched":
                label += " (proposed, unanswered)"
            for role in event.roles:
                if role in taken:
                    taken[role].append(label)
    heard = [role for role in scenario.roles if hears_moves(scenario, ROOM, role.id)]  # an actor's only if told to all
    # Every team has its column, "(no action)" included; an actor only when it moved: the white cell not
    # acting is no news for the room, and three empty columns would squeeze the teams' own.
    shown = [role for role in heard if taken[role.id] or not role.is_actor]
    return tuple(TeamDecisions(role.name, tuple(taken[role.id]), role.is_actor) for role in shown)


def _public_cause(scenario: Scenario, cause: ev.Cause) -> str:
    """A cause in words, without the facilitator's reason (the white cell's own business)."""
    if cause.kind == "facilitator" and not cause.id and not sees_reasons(ROOM):
        return "the white cell"  # an inject written at the table is named by its title
    return cause_text(scenario, cause)


_TOLD_UNDISCLOSED = (ev.ShockFired, ev.ShockEnded, ev.Changed)
"""Events the room reads with their cause undisclosed when the cause is a shock hidden from it."""


def _public_events(scenario: Scenario, events: Sequence[ev.Event]) -> list[str]:
    """The events the room may read, in words, each as `without_secrets` leaves it. Orders
    (resolved actions are shown instead), notes, undo and redo, rolls, resources, scheduling and
    changes of hidden variables are left out."""
    labels = {variable.id: variable.label for variable in scenario.variables}
    shocks = {shock.id: shock for shock in scenario.shocks}
    lines = []
    for recorded in events:
        shown = event_shown(scenario, ROOM, recorded, resolved=True)
        if shown == "hidden" or (shown == "redacted" and not isinstance(recorded, _TOLD_UNDISCLOSED)):
            continue
        event = without_secrets(scenario, ROOM, recorded)
        match event:
            case ev.TurnOpened() | ev.ActionResolved() | ev.Narrated() | ev.FreeMoveRolled() | ev.InjectWritten():
                lines.append(event_text(scenario, event))
            case ev.ShockFired():
                shock = shocks.get(event.shock)
                title = shock.title if shock else event.shock
                category = f" [{shock.category}]" if shock else ""
                how = " (injected by the white cell)" if event.cause.kind == "facilitator" else ""
                lines.append(f"Shock: {title}{category}{how}")
            case ev.ShockEnded():
                shock = shocks.get(event.shock)
                title = shock.title if shock else event.shock
                ended = f"{title} is over" if event.expired else f"{title} is ended by {_public_cause(scenario, event.cause)}"
                lines.append(ended)
            case ev.Changed():
                moved = change_text(event.before, event.after, scenario.variable(event.var).states)
                lines.append(f"{labels[event.var]} {moved}: {_public_cause(scenario, event.cause)}")
            case ev.GameEnded():
                outcome = next((o for o in scenario.outcomes if o.id == event.outcome), None)
                lines.append(f"The game ends: {outcome.title if outcome else event.outcome}")
            case (
                ev.ShockArmed()
                | ev.ShockScheduled()
                | ev.ShockSkipped()
                | ev.ShockHeld()
                | ev.OrdersSubmitted()
                | ev.OrdersWithdrawn()
                | ev.OrdersReturned()
                | ev.ResourceChanged()
                | ev.PointsChanged()
                | ev.Rolled()
                | ev.NoteAdded()
                | ev.Undone()
                | ev.Redone()
                | ev.FreeMoveProposed()
            ):
                pass  # the projector tells decisions by the resolution's actions, and keeps to the story
            case _:
                assert_never(event)
    return lines


def _outcome(session: Session) -> PublicOutcome | None:
    state = session.state
    if not state.ended or state.outcome is None:
        return None
    scenario = session.scenario
    outcome = next((o for o in scenario.outcomes if o.id == state.outcome), None)
    reason = state.end_reason or ""
    said = WHITE_CELL_ENDED if reason.startswith(FACILITATOR_ENDED) else ending_text(scenario, reason)
    if outcome is None:
        return PublicOutcome(state.outcome, "", "neutral", said)
    return PublicOutcome(outcome.title, outcome.description, outcome.tone, said)
