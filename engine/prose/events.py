"""Events in plain sentences, with every cause named: the words of the log, replay and report.

"Bilateral trust 50 → 44 (−6): Tokyo's Announce a sovereign step in defence posture" is how a
facilitator answers "why did trust fall?"; the TUI, `whitecell replay` and the after-action
report all say it the same way through this module.
"""

from __future__ import annotations

import json
from typing import assert_never

from engine.core import commands as cmd
from engine.core import events as ev
from engine.core.model import Scenario
from engine.prose import free_moves
from engine.prose.notes import note_label
from engine.prose.turns import turn_name, turn_reference
from engine.prose.values import change_text, signed


def _role(scenario: Scenario, role_id: str) -> str:
    found = next((role for role in scenario.roles if role.id == role_id), None)
    return found.name if found else role_id


def _action(scenario: Scenario, action_id: str) -> str:
    found = next((action for action in scenario.actions if action.id == action_id), None)
    return found.label if found else action_id


def _shock(scenario: Scenario, shock_id: str) -> str:
    found = next((shock for shock in scenario.shocks if shock.id == shock_id), None)
    return found.title if found else shock_id


def _resource(scenario: Scenario, role_id: str, resource_id: str) -> str:
    role = next((role for role in scenario.roles if role.id == role_id), None)
    found = next((res for res in role.resources if res.id == resource_id), None) if role else None
    return found.label if found else resource_id


def _roles(scenario: Scenario, role_ids: str | tuple[str, ...]) -> str:
    ids = role_ids.split("+") if isinstance(role_ids, str) else list(role_ids)
    names = [_role(scenario, role_id) for role_id in ids if role_id]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def cause_text(scenario: Scenario, cause: ev.Cause) -> str:
    """Who or what caused a change, in words."""
    kind = cause.kind
    if kind == "action":
        text = f"{_role(scenario, cause.role)}'s {_action(scenario, cause.id)}"
    elif kind == "joint":
        label = _action(scenario, cause.id)
        joint = label if label.split(" ", 1)[0].lower() == "joint" else f"joint {label}"  # not "joint Joint statement"
        text = f"{joint} ({_roles(scenario, cause.role)})"
    elif kind == "unmatched":
        text = f"{_role(scenario, cause.role)}'s unanswered proposal: {_action(scenario, cause.id)}"
    elif kind == "cost":
        text = f"cost of {_role(scenario, cause.role)}'s {_action(scenario, cause.id)}"
    elif kind == "shock":
        text = _shock(scenario, cause.id)
    elif kind == "ongoing":
        text = f"{_shock(scenario, cause.id)} (ongoing)"
    elif kind == "expiry":
        text = f"end of {_shock(scenario, cause.id)}"
    elif kind == "trigger":
        text = "its trigger"
    elif kind == "rule":
        rule = next((rule for rule in scenario.rules if rule.id == cause.id), None)
        text = rule.description if rule and rule.description else f"rule {cause.id}"
    elif kind == "income":
        text = "income for the turn"
    elif kind == "free-move":
        text = f"{_role(scenario, cause.role)}'s free-form move"
    elif kind == "facilitator" and cause.id:  # an inject written at the table, by its title
        text = f"white cell's inject “{cause.id}”"
    elif kind == "facilitator":
        return f"facilitator: {cause.detail}" if cause.detail else "facilitator"
    else:
        text = kind
    return f"{text} ({cause.detail})" if cause.detail else text


def event_text(scenario: Scenario, event: ev.Event) -> str:
    """One event as a sentence."""
    match event:
        case ev.TurnOpened():
            turns = scenario.turns
            name = turn_name(turns, event.turn)
            plain = f"{turns.label} {event.turn}"
            return f"{plain} of {turns.count} opens" + ("" if name == plain else f": {name}")
        case ev.ShockFired():
            shock = next((s for s in scenario.shocks if s.id == event.shock), None)
            category = f" [{shock.category}]" if shock else ""
            why = "" if event.cause.kind == "trigger" else f" ({cause_text(scenario, event.cause)})"
            return f"Shock: {_shock(scenario, event.shock)}{category}{why}"
        case ev.ShockEnded():
            if event.expired:
                return f"{_shock(scenario, event.shock)} is over"
            return f"{_shock(scenario, event.shock)} is ended by {cause_text(scenario, event.cause)}"
        case ev.ShockArmed():
            state = "may now happen" if event.armed else "can no longer happen by itself"
            return f"{_shock(scenario, event.shock)} {state} ({cause_text(scenario, event.cause)})"
        case ev.ShockScheduled():
            when = turn_reference(scenario.turns, event.turn)
            return f"{_shock(scenario, event.shock)} is scheduled for {when} ({cause_text(scenario, event.cause)})"
        case ev.ShockSkipped():
            return f"{_shock(scenario, event.shock)} did not happen: {event.reason}"
        case ev.ShockHeld():
            state = "is held: nothing in the scenario fires it until it is released" if event.held else "is released"
            return f"{_shock(scenario, event.shock)} {state} ({cause_text(scenario, event.cause)})"
        case ev.OrdersSubmitted():
            actions = ", ".join(_action(scenario, action) for action in event.actions) or "no action"
            seat = " (from its seat)" if event.by == "seat" else ""
            return f"{_role(scenario, event.role)} orders{seat}: {actions}"
        case ev.OrdersWithdrawn():
            return f"{_role(scenario, event.role)}'s orders are withdrawn: {event.reason}"
        case ev.OrdersReturned():
            return f"{_role(scenario, event.role)}'s orders are sent back by the white cell: {event.note}"
        case ev.ActionResolved():
            label = _action(scenario, event.action)
            if event.result == "matched":
                return f"{_roles(scenario, event.roles)} together: {label}"
            if event.result == "unmatched":
                return f"{_roles(scenario, event.roles)} proposes {label}, unanswered"
            return f"{_roles(scenario, event.roles)}: {label}"
        case ev.Changed():
            variable = next((var for var in scenario.variables if var.id == event.var), None)
            label, states = (variable.label, variable.states) if variable else (event.var, ())
            moved = change_text(event.before, event.after, states, event.requested)
            return f"{label} {moved}: " + cause_text(scenario, event.cause)
        case ev.ResourceChanged():
            label = _resource(scenario, event.role, event.resource)
            change = _change(event.before, event.after, event.requested)
            return f"{_role(scenario, event.role)}'s {label} {event.before} → {event.after} ({change}): " + cause_text(
                scenario, event.cause
            )
        case ev.PointsChanged():
            change = _change(event.before, event.after, event.after - event.before)
            points = f"{_role(scenario, event.role)}'s action points this {scenario.turns.word}"
            return f"{points} {event.before} → {event.after} ({change}): " + cause_text(scenario, event.cause)
        case ev.Rolled():
            return f"Roll for {event.label}: {event.result} ({cause_text(scenario, event.cause)})"
        case ev.Narrated():
            return event.text
        case ev.InjectWritten():
            return written_inject_text(scenario, event)
        case ev.NoteAdded():
            return f"Note ({note_label(scenario, event.tag, event.objective, event.rating)}): {event.text}"
        case ev.Undone():
            return f"Undone: {_recorded_command(scenario, event.command, event.line)}"
        case ev.Redone():
            return f"Redone: {_recorded_command(scenario, event.command, event.line)}"
        case ev.FreeMoveRolled():
            return free_moves.rolled_text(scenario, event)
        case ev.FreeMoveProposed():
            return free_moves.proposed_text(scenario, event)
        case ev.GameEnded():
            outcome = next((o for o in scenario.outcomes if o.id == event.outcome), None)
            title = outcome.title if outcome else event.outcome
            return f"The game ends: {title} ({ending_text(scenario, event.reason)})"
        case _:
            assert_never(event)


def told_to(scenario: Scenario, audience: tuple[str, ...]) -> str:
    """Whom an inject is told to, after a comma ("", ", to Tokyo only"): nothing when it is everyone."""
    if not audience or {role.id for role in scenario.roles} <= set(audience):
        return ""
    return f", to {_roles(scenario, audience)} only"


def written_inject_text(scenario: Scenario, event: ev.InjectWritten) -> str:
    """An inject written at the table: "Inject from the white cell: Leaked memo [domestic], to Tokyo only: NARRATIVE (REASON)"."""
    narrative = f": {event.narrative}" if event.narrative else ""
    reason = f" ({event.cause.detail})" if event.cause.detail else ""
    return f"Inject from the white cell: {event.title} [{event.category}]{told_to(scenario, event.audience)}{narrative}{reason}"


def _effects_text(scenario: Scenario, effects: tuple[tuple[str, int], ...]) -> str:
    labels = {var.id: var.label for var in scenario.variables}
    return ", ".join(f"{labels.get(var, var)} {signed(amount)}" for var, amount in effects)


def _recorded_command(scenario: Scenario, command: str, line: int) -> str:
    """The words for a command recorded as canonical JSON in an undo or redo event."""
    try:
        return command_text(scenario, cmd.command_from_json(json.loads(command)))
    except (ValueError, RecursionError):
        return f"the command of line {line}"


def _change(before: int, after: int, requested: int) -> str:
    actual = after - before
    if actual == requested:
        return signed(actual)
    return f"{signed(actual)}, {signed(requested)} asked, held at the bound"


def ending_text(scenario: Scenario, reason: str) -> str:
    """Why a game ended, in words that follow a title: "after the last month", "ended by the facilitator: ..."."""
    if reason == "final-turn":
        return f"after the last {scenario.turns.word}"
    end = next((end for end in scenario.end_conditions if end.id == reason), None)
    if end is not None:
        return end.description or end.id
    return reason


FACILITATOR_ENDED = "ended by the facilitator"
"""How the engine records an early end by the facilitator (``ended by the facilitator: REASON``)."""

WHITE_CELL_ENDED = "ended by the white cell"
"""The same end as the room reads it, without the facilitator's reason."""


def ending_sentence(scenario: Scenario, reason: str) -> str:
    """Why a game ended, as a sentence of its own: "The game ran to the end of the last month.",
    "The game ended early: trust collapsed.", "The facilitator ended the game: time ran out."."""
    if reason == "final-turn":
        return f"The game ran to the end of the last {scenario.turns.word}."
    end = next((end for end in scenario.end_conditions if end.id == reason), None)
    if end is not None:
        return f"The game ended early: {_full_stop(end.description or end.id)}"
    for recorded, who in ((FACILITATOR_ENDED, "The facilitator"), (WHITE_CELL_ENDED, "The white cell")):
        if reason == recorded:
            return f"{who} ended the game."
        if reason.startswith(recorded + ":"):
            return f"{who} ended the game: {_full_stop(reason[len(recorded) + 1 :].strip())}"
    return f"The game ended: {_full_stop(reason)}" if reason else "The game ended."


def _full_stop(text: str) -> str:
    """A clause made a sentence's end: its first letter kept, one full stop (or its own ! or ?)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def earlier_turn(command: object, written: int) -> int | None:
    """The earlier turn a note is about, or None when it is about the turn it was written in (a turn
    not yet reached, which journals written before the engine refused it may hold, reads as that)."""
    if isinstance(command, cmd.AddNote) and command.turn is not None and command.turn < written:
        return command.turn
    return None


def note_about(scenario: Scenario, about: int, written: int) -> str:
    """Where a note written later belongs: "about Month 2 (February 2026), written in Month 5 (May 2026)"
    (the turn's word and number fit after any preposition; a name alone may not: "on February")."""
    return f"about {turn_reference(scenario.turns, about)}, written in {turn_reference(scenario.turns, written)}"


def note_text(scenario: Scenario, event: ev.NoteAdded, command: object, written: int) -> str:
    """A note in the log, saying which turn it is about when that is an earlier one than the turn it was written in."""
    about = earlier_turn(command, written)
    if about is None:
        return event_text(scenario, event)
    label = note_label(scenario, event.tag, event.objective, event.rating)
    return f"Note ({label}) {note_about(scenario, about, written)}: {event.text}"


def _adjustment(label: str, command: cmd.AdjustVariable | cmd.AdjustResource | cmd.AdjustPoints) -> str:
    """An adjustment as the facilitator typed it: "move Trust by -4 to 36", or "set Trust to 36"."""
    said = (
        f"set {label} to {command.value}" if command.amount is None else f"move {label} by {command.amount:+d} to {command.value}"
    )
    return said + (f" ({command.reason})" if command.reason else "")


SHOCK_CONTROL_VERBS = {
    cmd.HoldShock.kind: "hold {shock}",
    cmd.ReleaseShock.kind: "release {shock}",
    cmd.BringForward.kind: "bring {shock} forward",
}
"""The white cell's controls over a shock, as the log, the timeline and the report say them."""


def command_text(scenario: Scenario, command: cmd.SessionCommand) -> str:
    """A command in words, as the log and the journal's readers show it."""
    match command:
        case cmd.SubmitOrders():
            actions = ", ".join(_action(scenario, action) for action in command.actions) or "no action"
            seat = " from its seat" if command.by == "seat" else ""
            return f"{_role(scenario, command.role)}'s orders{seat}: {actions}"
        case cmd.ReturnOrders():
            return f"send {_role(scenario, command.role)}'s orders back ({command.note})"
        case cmd.Resolve():
            return "resolve the turn"
        case cmd.InjectShock():
            reason = f" ({command.reason})" if command.reason else ""
            return f"inject {_shock(scenario, command.shock)}{reason}"
        case cmd.HoldShock() | cmd.ReleaseShock() | cmd.BringForward():
            return f"{SHOCK_CONTROL_VERBS[command.kind].format(shock=_shock(scenario, command.shock))} ({command.reason})"
        case cmd.AdjustVariable():
            variable = next((var for var in scenario.variables if var.id == command.var), None)
            label = variable.label if variable else command.var
            return _adjustment(label, command)
        case cmd.AdjustResource():
            return _adjustment(
                f"{_role(scenario, command.role)}'s {_resource(scenario, command.role, command.resource)}", command
            )
        case cmd.AdjustPoints():
            return _adjustment(f"{_role(scenario, command.role)}'s action points this {scenario.turns.word}", command)
        case cmd.AddNote():
            return f"note ({note_label(scenario, command.tag, command.objective, command.rating)}): {command.text}"
        case cmd.EndExercise():
            return "end the exercise" + (f" ({command.reason})" if command.reason else "")
        case cmd.ProposeFreeMove() | cmd.SettleFreeMove():
            return free_moves.command_text(scenario, command)
        case cmd.PutForwardFreeMove():
            return free_moves.proposal_text(scenario, command)
        case cmd.WriteInject():
            effects = f" ({_effects_text(scenario, command.effects)})" if command.effects else ""
            reason = f" ({command.reason})" if command.reason else ""
            return f"write an inject: {command.title}{told_to(scenario, command.audience)}{effects}{reason}"
        case cmd.Undo():
            return "undo"
        case cmd.Redo():
            return "redo"
        case _:
            assert_never(command)


def redacted_command_text(scenario: Scenario, command: cmd.SessionCommand) -> str:
    """A command as it is mentioned to those who may not see it: whose or which it is, nothing more."""
    match command:
        case cmd.SubmitOrders():
            return f"{_role(scenario, command.role)}'s orders (hidden)"
        case cmd.ReturnOrders():
            return f"send {_role(scenario, command.role)}'s orders back (hidden)"
        case cmd.AddNote():
            return f"note ({command.tag}) (hidden)"
        case cmd.AdjustVariable():
            variable = next((var for var in scenario.variables if var.id == command.var), None)
            return f"set {variable.label if variable else command.var} ◆ (hidden)"
        case cmd.AdjustResource():
            return f"set {_role(scenario, command.role)}'s resources ◆ (hidden)"
        case cmd.AdjustPoints():
            return f"set {_role(scenario, command.role)}'s action points ◆ (hidden)"
        case cmd.InjectShock():
            return "inject a shock (hidden)"
        case cmd.HoldShock() | cmd.ReleaseShock() | cmd.BringForward():
            return f"{SHOCK_CONTROL_VERBS[command.kind].format(shock='a shock')} (hidden)"
        case cmd.SettleFreeMove():
            return free_moves.redacted_command_text(scenario, command)
        case cmd.WriteInject():
            return "write an inject (hidden)"
        case cmd.PutForwardFreeMove():
            return "a team's proposed free-form move (hidden)"  # not even whose: see visibility.sees_proposal
        case cmd.Resolve() | cmd.EndExercise() | cmd.Undo() | cmd.Redo() | cmd.ProposeFreeMove():
            return command_text(scenario, command)
        case _:
            assert_never(command)


def redacted_event_text(scenario: Scenario, event: ev.Event) -> str:
    """An event as it is mentioned to those who may know that it happened but not what it was."""
    match event:
        case ev.OrdersSubmitted():
            return f"{_role(scenario, event.role)} entered orders (hidden)"
        case ev.OrdersWithdrawn():
            return f"{_role(scenario, event.role)}'s orders are withdrawn (hidden)"
        case ev.OrdersReturned():
            return f"{_role(scenario, event.role)}'s orders are sent back (hidden)"
        case ev.NoteAdded():
            return f"Note ({event.tag}) (hidden)"
        case ev.FreeMoveProposed():
            return "A team's proposed free-form move (hidden)"
        case ev.Undone() | ev.Redone():
            kind = "Undone" if isinstance(event, ev.Undone) else "Redone"
            try:
                command = cmd.command_from_json(json.loads(event.command))
            except (ValueError, RecursionError):
                return f"{kind}: a command (hidden)"
            return f"{kind}: {redacted_command_text(scenario, command)}"
        case (
            ev.TurnOpened()
            | ev.ShockFired()
            | ev.ShockEnded()
            | ev.ShockArmed()
            | ev.ShockScheduled()
            | ev.ShockSkipped()
            | ev.ShockHeld()
            | ev.ActionResolved()
            | ev.Changed()
            | ev.ResourceChanged()
            | ev.PointsChanged()
            | ev.Rolled()
            | ev.Narrated()
            | ev.FreeMoveRolled()
            | ev.InjectWritten()
            | ev.GameEnded()
        ):
            return event_text(scenario, event)
        case _:
            assert_never(event)
