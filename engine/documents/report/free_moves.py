"""The report's free-form moves: each move by turn with who proposed it, its words, the arguments
both ways, the chance, the roll, the result and the effects the facilitator chose.

The moves are argued in front of the room, so every edition lists them; what a reader may not see
is left out by `engine.audience.visibility`: changes to variables it does not see, and the
facilitator's reason for the effects (the white cell's own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from engine.audience.visibility import Audience, event_shown, sees_reasons, sees_variable_named
from engine.core import commands as cmd
from engine.core import events as ev
from engine.documents.kit.html import Html, html_table
from engine.documents.kit.markdown import escape, markdown_table
from engine.prose.free_moves import chance_text
from engine.prose.turns import turn_name
from engine.prose.values import change_text

if TYPE_CHECKING:
    from engine.journal.session import Session

__all__ = ["FreeMoveEntry", "free_move_entries", "free_moves_html", "free_moves_markdown"]

INTRO = (
    "Actions a team proposed that were not on its list, argued in the room; the facilitator set the "
    "chance, the dice decided, and on success the facilitator chose the effects."
)


@attrs.frozen
class FreeMoveEntry:
    """One free-form move as the report tells it."""

    turn: int
    turn_name: str
    team: str
    action: str
    reasons: str
    counter: str
    chance: str
    """The chance in words: "70% (the room's rating: likely)"."""
    roll: int
    succeeded: bool
    effects: str = ""
    """The changes it made, "Trust 50 → 55 (+5)", or why there are none."""
    reason: str = ""
    """The facilitator's reason for the effects, for a reader who may read it."""

    @property
    def result(self) -> str:
        return "succeeded" if self.succeeded else "failed"


def free_move_entries(session: Session, audience: Audience) -> tuple[FreeMoveEntry, ...]:
    """The moves of the commands in effect, in order, as ``audience`` may read them."""
    scenario = session.scenario
    names = {role.id: role.name for role in scenario.roles}
    labels = {var.id: var.label for var in scenario.variables}
    entries: list[FreeMoveEntry] = []
    for applied in session.history:
        turn = applied.before.turn
        if isinstance(applied.command, cmd.ProposeFreeMove):
            for event in applied.events:
                if isinstance(event, ev.FreeMoveRolled) and event_shown(scenario, audience, event, resolved=True) != "hidden":
                    effects = "" if event.succeeded else "none: the move failed"
                    entries.append(
                        FreeMoveEntry(
                            turn,
                            turn_name(scenario.turns, turn),
                            names.get(event.role, event.role),
                            event.action,
                            event.reasons,
                            event.counter,
                            chance_text(event.chance, event.rating),
                            event.roll,
                            event.succeeded,
                            effects,
                        )
                    )
        elif isinstance(applied.command, cmd.SettleFreeMove):
            team = names.get(applied.command.role, applied.command.role)
            changes = [
                f"{labels.get(event.var, event.var)} "
                + change_text(event.before, event.after, scenario.variable(event.var).states)
                for event in applied.events
                if isinstance(event, ev.Changed) and sees_variable_named(scenario, audience, event.var)
            ]
            reason = applied.command.reason if sees_reasons(audience) else ""
            for k in range(len(entries) - 1, -1, -1):
                entry = entries[k]
                if entry.turn == turn and entry.team == team and entry.succeeded and not entry.effects:
                    entries[k] = attrs.evolve(entry, effects="; ".join(changes) or "no change to the numbers", reason=reason)
                    break
    return tuple(entry if entry.effects else attrs.evolve(entry, effects="none chosen") for entry in entries)


def _effects(entry: FreeMoveEntry) -> str:
    return entry.effects + (f" (reason: {entry.reason})" if entry.reason else "")


def _roll(entry: FreeMoveEntry) -> str:
    return f"{entry.roll}: {entry.result}"


def free_moves_markdown(entries: tuple[FreeMoveEntry, ...]) -> list[str]:
    """The section in Markdown (nothing when no move was made)."""
    if not entries:
        return []
    out = ["## Free-form moves", "", escape(INTRO), ""]
    return out + markdown_table(
        ("When", "Team", "Proposed", "Arguments", "Counter-arguments", "Chance", "Roll", "Effects"),
        "llllllll",
        [
            (
                escape(entry.turn_name),
                escape(entry.team),
                escape(entry.action),
                escape(entry.reasons),
                escape(entry.counter) or "*none*",
                escape(entry.chance),
                escape(_roll(entry)),
                escape(_effects(entry)),
            )
            for entry in entries
        ],
    )


def free_moves_html(entries: tuple[FreeMoveEntry, ...]) -> Html:
    """The table of the section's body in HTML (empty when no move was made)."""
    if not entries:
        return Html()
    table = html_table(
        [
            ("When", ""),
            ("Team", ""),
            ("Proposed", ""),
            ("Arguments", ""),
            ("Counter-arguments", ""),
            ("Chance", ""),
            ("Roll", ""),
            ("Effects", ""),
        ],
        [
            (
                entry.turn_name,
                entry.team,
                entry.action,
                entry.reasons,
                entry.counter or "none",
                entry.chance,
                _roll(entry),
                _effects(entry),
            )
            for entry in entries
        ],
    )
    return Html("<p>{}</p>").format(INTRO) + table
