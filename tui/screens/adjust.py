"""The adjust dialog (`a`): the facilitator overrides adjudication with a reason, on a variable, a
team's resource or a team's action points for the current turn, by a relative amount or to a
value, and sees the result before it is applied."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from engine.audience.visibility import ROOM, WHITE_CELL, sees_own, sees_variable
from engine.core.commands import MAX_POINTS, AdjustPoints, AdjustResource, AdjustVariable
from engine.core.state import budgets
from engine.prose.turns import turn_name
from engine.prose.values import change_text, value_text
from tui.screens.dialogs import Dialog
from tui.text import plain
from tui.widgets.fields import Field

if TYPE_CHECKING:
    from engine.journal.session import Session


@attrs.frozen
class PointsOf:
    """The dialog's key for a team's action points this turn (a variable's key is its id, a
    resource's the pair (role id, resource id))."""

    role: str


Key = str | tuple[str, str] | PointsOf
Target = tuple[Key, str, int, int, int]
"""(key, label, value now, min, max): one thing the dialog can adjust."""

Adjustment = AdjustVariable | AdjustResource | AdjustPoints
ADJUSTMENTS = (AdjustVariable, AdjustResource, AdjustPoints)
"""What the dialog dismisses with, for isinstance."""


def adjusted(text: str, now: int, low: int, high: int, states: Sequence[str] = ()) -> tuple[int, str] | str:
    """What a typed amount makes of a value: ``+3`` and ``-4`` move it (held within its bounds, and
    said so), ``40`` or ``=-4`` set it; (the value, the preview) or what is wrong, so the facilitator
    sees the result before it is applied. A variable of named ``states`` is moved between positions,
    and the preview names them ("exercise → quarantine")."""
    text = text.strip()
    if states:
        found = adjusted(text, now, low, high)
        return found if isinstance(found, str) else (found[0], change_text(now, found[0], states))
    relative = text[:1] in ("+", "-")
    try:
        typed = int(text.removeprefix("="))
    except ValueError:
        return "Type +3 or -4 to move the value, 40 (or =-4) to set it."
    if not relative:
        if not low <= typed <= high:
            return f"The value must be from {low} to {high}."
        return typed, f"{now} → {typed}"
    wanted = now + typed
    value = min(max(wanted, low), high)
    if value == wanted:
        return value, f"{now} {typed:+d} → {value}"
    bound = "minimum" if value == low else "maximum"
    return value, f"{now} {typed:+d} → {value} (held at its {bound}, {value}; {wanted} is out of bounds)"


class AdjustScreen(Dialog):
    """Override adjudication: a variable, a team's resource or its action points this turn, a
    relative amount or a new value, and the reason; dismisses with the command holding the value
    decided (AdjustVariable, AdjustResource or AdjustPoints)."""

    def __init__(
        self,
        variables: Sequence[tuple[str, str, int, int, int]],
        resources: Sequence[tuple[str, str, str, int, int, int]] = (),
        points: Sequence[tuple[str, str, int]] = (),
        turn: str = "turn",
        states: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """``variables``: (id, label, value, min, max) for every variable; ``resources``: (role id,
        resource id, label, stock, min, max) for every team's resource; ``points``: (role id, name,
        points this turn) for every team; ``turn``: the current turn's name ("March 2026"); ``states``:
        the named states of the variables that have them, by id (their values are positions)."""
        super().__init__()
        self.turn = turn
        self.states: Mapping[str, Sequence[str]] = states or {}
        self.targets: list[Target] = [
            *variables,
            *(((role, resource), label, now, low, high) for role, resource, label, now, low, high in resources),
            *((PointsOf(role), f"{name}'s action points for {turn} only", now, 0, MAX_POINTS) for role, name, now in points),
        ]

    @classmethod
    def of(cls, session: Session, *, masked: bool = False) -> AdjustScreen:
        """The dialog on a session's variables, its teams' resources and points, as they stand.

        ``masked`` (choices hidden, `h`): the room is looking at the console, so the dialog offers
        only what the room may see: its variables, and no team's resources or points."""
        state, scenario, game = session.state, session.scenario, session.game
        reader = ROOM if masked else WHITE_CELL
        variables = [
            (var.id, var.label, state.values[i], var.min, var.max)
            for i, var in enumerate(scenario.variables)
            if sees_variable(reader, var)
        ]
        resources = [
            (role.id, res.id, f"{role.name}'s {res.label}", state.resources[r][k], res.min, res.max)
            for r, role in enumerate(scenario.roles)
            if sees_own(reader, role.id)
            for k, res in enumerate(role.resources)
        ]
        points = [
            (role.id, role.name, budgets(game, state)[r]) for r, role in enumerate(scenario.roles) if sees_own(reader, role.id)
        ]
        states = {var.id: var.states for var in scenario.variables if var.states}
        return cls(variables, resources, points, turn_name(scenario.turns, state.turn), states)

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("Adjust a variable, a team's resource or its action points (facilitator override)", classes="title")
            yield Select(
                [
                    (plain(f"{label} ({self._range(key, value, low, high)})"), key)
                    for key, label, value, low, high in self.targets
                ],
                prompt="Variable",
                id="variable",
                allow_blank=not self.targets,
            )
            if not self.targets:
                yield Static("Nothing the room may see can be adjusted while choices are hidden (h shows them).")
            yield Field(placeholder="+3 or -4 to move it, 40 to set it", id="value", restrict=r"[=+\-]?[0-9]*")
            yield Static("", id="preview")
            yield Field(placeholder="Reason, for the record (required)", id="reason")
            yield Static("", classes="error", id="error")

    def _range(self, key: Key, value: int, low: int, high: int) -> str:
        """The value now and what it may be: "now 55, 0..100", or a named state's position among them all
        ("now 1 exercise: 0 routine, 1 exercise, 2 quarantine, 3 blockade"), since a position is what is typed."""
        states = self.states.get(key) if isinstance(key, str) else None
        if not states:
            return f"now {value}, {low}..{high}"
        return f"now {value} {value_text(value, states)}: " + ", ".join(f"{k} {state}" for k, state in enumerate(states))

    def _chosen(self) -> Target | None:
        key = self.query_one("#variable", Select).value
        return next((item for item in self.targets if item[0] == key), None)

    def _outcome(self) -> tuple[Key, tuple[int, str] | str] | None:
        """The chosen target and what the typed text makes of it, or None before one is chosen."""
        chosen = self._chosen()
        if chosen is None:
            return None
        key, _, now, low, high = chosen
        states = self.states.get(key, ()) if isinstance(key, str) else ()
        return key, adjusted(self.query_one("#value", Input).value, now, low, high, states)

    def _preview(self) -> None:
        outcome = self._outcome()
        typed = self.query_one("#value", Input).value.strip()
        shown = "" if outcome is None or not typed or isinstance(outcome[1], str) else outcome[1][1]
        if outcome is not None and isinstance(outcome[0], PointsOf):
            # said before anything is typed: the change lasts this turn only
            shown = (f"{shown}; " if shown else "") + f"for {self.turn} only: the next turn opens with the scenario's budget"
        self.query_one("#preview", Static).update(plain(shown))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "value":
            self._preview()

    def on_select_changed(self) -> None:
        self._preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "value":
            self.query_one("#reason", Input).focus()
            return
        outcome = self._outcome()
        reason = self.query_one("#reason", Input).value.strip()
        error = self.query_one("#error", Static)
        if outcome is None:
            error.update("Choose a variable.")
            return
        key, result = outcome
        if isinstance(result, str):
            error.update(result)
            return
        if not reason:
            error.update("Say why: the reason goes into the record.")
            return
        typed = self.query_one("#value", Input).value.strip()
        amount = int(typed) if typed[:1] in ("+", "-") else None  # recorded as typed, beside the value decided
        self.dismiss(command_for(key, result[0], reason, amount))


def command_for(key: Key, value: int, reason: str, amount: int | None) -> Adjustment:
    """The engine command the dialog's choice makes."""
    if isinstance(key, PointsOf):
        return AdjustPoints(key.role, value, reason, amount)
    if isinstance(key, tuple):
        return AdjustResource(key[0], key[1], value, reason, amount)
    return AdjustVariable(key, value, reason, amount)
