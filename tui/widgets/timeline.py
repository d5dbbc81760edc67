"""The timeline of a recorded game: every journal line under the turn it was given in, the current one highlighted.

Commands that were later taken back stay in the timeline (a hotwash wants to see them) and
are marked with what undid them; undo and redo say what they took back or applied again. With
the choices hidden (h) the rows of the teams' orders and of the white cell's notes say only whose they are.
"""

from __future__ import annotations

import json

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from engine.core import commands as cmd
from engine.core import events as ev
from engine.core.model import Scenario
from engine.journal.timeline import Step, Steps
from engine.prose.events import command_text, event_text
from engine.prose.turns import turn_heading


def room_command_text(scenario: Scenario, command: cmd.SessionCommand, *, masked: bool) -> str:
    """A command in words; masked (the room is watching), a team's orders, the white cell's notes and the
    setting of a variable only the facilitator sees (◆) say only whose or which they are."""
    if masked and isinstance(command, cmd.SubmitOrders):
        return f"{next((role.name for role in scenario.roles if role.id == command.role), command.role)}'s orders (hidden)"
    if masked and isinstance(command, cmd.AddNote):
        return f"note ({command.tag}) (hidden)"
    variable = (
        next((var for var in scenario.variables if var.id == command.var), None)
        if isinstance(command, cmd.AdjustVariable)
        else None
    )
    if masked and variable is not None and variable.visibility != "public":
        return f"set {variable.label} ◆ (hidden)"
    return command_text(scenario, command)


def room_event_text(scenario: Scenario, event: ev.Event, *, masked: bool) -> str | None:
    """The words of an event that tells of a command (a note, an undo, a redo) when masking hides that command, else None."""
    if not masked:
        return None
    if isinstance(event, ev.NoteAdded):
        return f"Note ({event.tag}) (hidden)"
    if isinstance(event, (ev.Undone, ev.Redone)):
        try:
            command = cmd.command_from_json(json.loads(event.command))
        except (ValueError, RecursionError):
            return None
        if room_command_text(scenario, command, masked=True) != command_text(scenario, command):
            kind = "Undone" if isinstance(event, ev.Undone) else "Redone"
            return f"{kind}: {room_command_text(scenario, command, masked=True)}"
    return None


def step_prompt(steps: Steps, step: Step, *, masked: bool = False) -> Content:
    """One step as a row: its journal line, what was done, and what became of it later."""
    number = (f"{step.line:>4} ", "$text-muted")
    record = step.record
    if record is None:
        return Content.assemble(number, ("◆ ", "$accent"), ("the game opens", "bold"))
    scenario = steps.scenario
    command = record.command
    if isinstance(command, (cmd.Undo, cmd.Redo)):
        told = command_text(scenario, command)
        if record.events:
            told = room_event_text(scenario, record.events[0], masked=masked) or event_text(scenario, record.events[0])
        return Content.assemble(number, ("↶ " if isinstance(command, cmd.Undo) else "↷ ", "$warning"), (told, "italic"))
    icon = {
        cmd.Resolve: ("⚖ ", "bold $accent"),
        cmd.InjectShock: ("⚡ ", "bold $warning"),
        cmd.AdjustVariable: ("✎ ", "$warning"),
        cmd.AddNote: ("✐ ", "$secondary"),
        cmd.EndExercise: ("■ ", "$error"),
    }.get(type(command), ("• ", "$text-muted"))
    fate = steps.fate_text(step.line)
    in_effect = steps.in_effect_at_end(step.line)
    text_style = "" if in_effect or isinstance(command, cmd.AddNote) else "strike $text-muted"
    parts: list[tuple[str, str] | str] = [number, icon, (room_command_text(scenario, command, masked=masked), text_style)]
    if fate:
        parts.append((f"  ({fate})", "italic $warning"))
    return Content.assemble(*parts)


class Timeline(OptionList):
    """The rows of every step; the screen moves the highlight, a click asks to go to a step."""

    can_focus = False
    """The replay screen takes every key (left, right, home, end...); the timeline only shows and takes clicks."""

    DEFAULT_CSS = """
    Timeline { border: round $primary; padding: 0; scrollbar-size-vertical: 1; }
    Timeline > .option-list--option-disabled { color: $accent; text-style: bold; }
    """

    class StepChosen(Message):
        """The user clicked a step."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, steps: Steps, *, id: str | None = None) -> None:
        self.steps = steps
        self.masked = False
        self.row_of_step: list[int] = []
        self.step_of_row: dict[int, int] = {}
        options: list[Option] = []
        turns = steps.scenario.turns
        shown_turn: int | None = None
        for step in steps.steps:
            turn = step.issued_in
            if turn != shown_turn:
                shown_turn = turn
                options.append(Option(Content(f"── {turn_heading(turns, turn)} ──"), disabled=True))
            self.step_of_row[len(options)] = step.number
            self.row_of_step.append(len(options))
            options.append(Option(step_prompt(steps, step), id=f"step-{step.number}"))
        super().__init__(*options, id=id)
        self.border_title = "Timeline"

    def show_step(self, number: int) -> None:
        """Highlight a step's row and bring it into view."""
        self.highlighted = self.row_of_step[number]

    def mask(self, masked: bool) -> None:
        """Hide (or show again) the teams' orders and the white cell's notes in the rows that tell them."""
        if masked == self.masked:
            return
        self.masked = masked
        for step in self.steps.steps:
            command = step.record.command if step.record is not None else None
            if isinstance(command, (cmd.SubmitOrders, cmd.AddNote, cmd.AdjustVariable, cmd.Undo, cmd.Redo)):
                self.replace_option_prompt_at_index(self.row_of_step[step.number], step_prompt(self.steps, step, masked=masked))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        number = self.step_of_row.get(event.option_index)
        if number is not None:
            self.post_message(self.StepChosen(number))
