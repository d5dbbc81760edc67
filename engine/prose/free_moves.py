"""Free-form moves in words: the log's line for a move and its roll, and its commands as the
timeline and the undo lines say them. Kept apart from `engine.prose.events`, which dispatches here."""

from __future__ import annotations

from engine.core import commands as cmd
from engine.core import events as ev
from engine.core.model import Scenario
from engine.prose.values import signed


def _role(scenario: Scenario, role_id: str) -> str:
    found = next((role for role in scenario.roles if role.id == role_id), None)
    return found.name if found else role_id


def _variable(scenario: Scenario, var_id: str) -> str:
    found = next((var for var in scenario.variables if var.id == var_id), None)
    return found.label if found else var_id


def chance_text(chance: int, rating: str = "") -> str:
    """The chance as the facilitator set it: "70% (the room's rating: likely)" or "55%"."""
    return f"{chance}% (the room's rating: {rating})" if rating else f"{chance}%"


def result_text(roll: int, chance: int, succeeded: bool) -> str:
    """The roll against the chance, and what came of it: "rolled 37 of 100, at most 70: it succeeds"."""
    verdict = "it succeeds" if succeeded else "it fails"
    return f"rolled {roll} of 100, needing {chance} or less: {verdict}"


def rolled_text(scenario: Scenario, event: ev.FreeMoveRolled) -> str:
    """The move as the log says it: who proposed what, the arguments both ways, the chance and the roll."""
    against = f"; against: {event.counter}" if event.counter else ""
    return (
        f"{_role(scenario, event.role)}'s free-form move: {event.action} (for: {event.reasons}{against}); "
        f"chance {chance_text(event.chance, event.rating)}, {result_text(event.roll, event.chance, event.succeeded)}"
    )


def proposed_text(scenario: Scenario, event: ev.FreeMoveProposed) -> str:
    """A team's proposal from its seat as the log says it, with its words and reasons (or its withdrawal)."""
    name = _role(scenario, event.role)
    if not event.action:
        return f"{name} withdraws its proposed free-form move"
    return f"{name} proposes a free-form move from its seat: {event.action} (for: {event.reasons})"


def proposal_text(scenario: Scenario, command: cmd.PutForwardFreeMove) -> str:
    """A proposal's command in words, for the timeline and the undo lines."""
    name = _role(scenario, command.role)
    if not command.action.strip():
        return f"{name} withdraws its proposed free-form move"
    return f"{name}'s proposed free-form move: {command.action.strip()}"


def effects_text(scenario: Scenario, effects: tuple[tuple[str, int], ...]) -> str:
    """A move's effects as the facilitator chose them: "Bilateral trust +3, Regional stability −2"."""
    return ", ".join(f"{_variable(scenario, var)} {signed(amount)}" for var, amount in effects) or "no change to the numbers"


def command_text(scenario: Scenario, command: cmd.ProposeFreeMove | cmd.SettleFreeMove) -> str:
    """A free-form move's command in words."""
    if isinstance(command, cmd.ProposeFreeMove):
        chance = chance_text(command.chance, command.rating)
        return f"{_role(scenario, command.role)}'s free-form move: {command.action} (chance {chance})"
    reason = f" ({command.reason})" if command.reason else ""
    return f"effects of {_role(scenario, command.role)}'s free-form move: {effects_text(scenario, command.effects)}{reason}"


def redacted_command_text(scenario: Scenario, command: cmd.SettleFreeMove) -> str:
    """The effects of a move as mentioned to an audience that may not see every variable they moved."""
    return f"effects of {_role(scenario, command.role)}'s free-form move (hidden)"
