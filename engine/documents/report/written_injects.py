"""The report's injects written at the table: each by turn with its title, category, whom it was
told to, its narrative and the changes it made.

Which injects a reader may see is decided by `engine.audience.visibility`: one told to some teams
is theirs and the white cell's (not the room's, nor the other teams'); changes to variables the
reader does not see are left out, and so is the facilitator's reason (the white cell's own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from engine.audience.visibility import Audience, event_shown, sees_reasons, sees_variable_named, without_secrets
from engine.core import commands as cmd
from engine.core import events as ev
from engine.documents.kit.html import Html, html_table
from engine.documents.kit.markdown import escape, markdown_table
from engine.prose.events import told_to
from engine.prose.turns import turn_name
from engine.prose.values import signed

if TYPE_CHECKING:
    from engine.journal.session import Session

__all__ = ["WrittenInjectEntry", "written_inject_entries", "written_injects_html", "written_injects_markdown"]

INTRO = "Injects the white cell wrote during the exercise, beyond the scenario's own, and what each changed."


@attrs.frozen
class WrittenInjectEntry:
    """One inject written at the table, as the report tells it."""

    turn: int
    turn_name: str
    title: str
    category: str
    told_to: str
    """"everyone", or the teams it was told to: "Tokyo only"."""
    narrative: str
    effects: str
    """Its changes, "Bilateral trust 55 → 50 (−5)", or "none"."""
    reason: str = ""
    """The facilitator's reason, for a reader who may read it."""


def written_inject_entries(session: Session, audience: Audience) -> tuple[WrittenInjectEntry, ...]:
    """The injects written among the commands in effect, in order, as ``audience`` may read them."""
    scenario = session.scenario
    labels = {var.id: var.label for var in scenario.variables}
    entries: list[WrittenInjectEntry] = []
    for applied in session.history:
        if not isinstance(applied.command, cmd.WriteInject):
            continue
        written = next((event for event in applied.events if isinstance(event, ev.InjectWritten)), None)
        if written is None or event_shown(scenario, audience, written, resolved=True) == "hidden":
            continue
        told = without_secrets(scenario, audience, written)
        assert isinstance(told, ev.InjectWritten)
        changes = [
            f"{labels.get(event.var, event.var)} {event.before} → {event.after} ({signed(event.after - event.before)})"
            for event in applied.events
            if isinstance(event, ev.Changed) and sees_variable_named(scenario, audience, event.var)
        ]
        turn = applied.before.turn
        entries.append(
            WrittenInjectEntry(
                turn,
                turn_name(scenario.turns, turn),
                told.title,
                told.category,
                told_to(scenario, told.audience).removeprefix(", to ") or "everyone",
                told.narrative,
                "; ".join(changes) or "none",
                applied.command.reason if sees_reasons(audience) else "",
            )
        )
    return tuple(entries)


def _effects(entry: WrittenInjectEntry) -> str:
    return entry.effects + (f" (reason: {entry.reason})" if entry.reason else "")


def written_injects_markdown(entries: tuple[WrittenInjectEntry, ...]) -> list[str]:
    """The section in Markdown (nothing when no inject was written)."""
    if not entries:
        return []
    out = ["## Injects written at the table", "", escape(INTRO), ""]
    return out + markdown_table(
        ("When", "Inject", "Category", "Told to", "Narrative", "Effects"),
        "llllll",
        [
            (
                escape(entry.turn_name),
                escape(entry.title),
                escape(entry.category),
                escape(entry.told_to),
                escape(entry.narrative) or "*none*",
                escape(_effects(entry)),
            )
            for entry in entries
        ],
    )


def written_injects_html(entries: tuple[WrittenInjectEntry, ...]) -> Html:
    """The section's body in HTML (empty when no inject was written)."""
    if not entries:
        return Html()
    table = html_table(
        [("When", ""), ("Inject", ""), ("Category", ""), ("Told to", ""), ("Narrative", ""), ("Effects", "")],
        [
            (entry.turn_name, entry.title, entry.category, entry.told_to, entry.narrative or "none", _effects(entry))
            for entry in entries
        ],
    )
    return Html("<p>{}</p>").format(INTRO) + table
