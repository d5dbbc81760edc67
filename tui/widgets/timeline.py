"""The timeline of a recorded game: every journal line under the turn it was given in, the current one highlighted.

Commands that were later taken back stay in the timeline (a hotwash wants to see them) and
are marked with what undid them; undo and redo say what they took back or applied again. With
the choices hidden (h) the rows of the teams' orders and of the white cell's notes say only whose they are.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from engine.audience.console import command_words, log_line
from engine.audience.visibility import ROOM, WHITE_CELL
from engine.core import commands as cmd
from engine.journal.timeline import Step, Steps
from engine.prose.events import command_text, earlier_turn, note_about
from engine.prose.notes import note_label
from engine.prose.turns import turn_heading
from engine.text.terminal import printable


def step_prompt(steps: Steps, step: Step, *, masked: bool = False) -> Content:
    """One step as a row: its journal line, what was done, and what became of it later."""
    number = (f"{step.line:>4} ", "$text-muted")
    record = step.record
    if record is None:
        return Content.assemble(number, ("◆ ", "$accent"), ("the game opens", "bold"))
    scenario = steps.scenario
    audience = ROOM if masked else WHITE_CELL
    command = record.command
    if isinstance(command, (cmd.Undo, cmd.Redo)):
        told = command_text(scenario, command)
        line = log_line(scenario, audience, record.events[0], resolved=False) if record.events else None
        if line is not None:
            told = line.text
        return Content.assemble(
            number, ("↶ " if isinstance(command, cmd.Undo) else "↷ ", "$warning"), (printable(told), "italic")
        )
    icon = {
        cmd.Resolve: ("⚖ ", "bold $accent"),
        cmd.InjectShock: ("⚡ ", "bold $warning"),
        cmd.HoldShock: ("‖ ", "$warning"),
        cmd.ReleaseShock: ("▷ ", "$warning"),
        cmd.BringForward: ("» ", "$warning"),
        cmd.WriteInject: ("⚡ ", "bold $warning"),
        cmd.AdjustVariable: ("✎ ", "$warning"),
        cmd.AddNote: ("✐ ", "$secondary"),
        cmd.EndExercise: ("■ ", "$error"),
    }.get(type(command), ("• ", "$text-muted"))
    fate = steps.fate_text(step.line)
    in_effect = steps.in_effect_at_end(step.line)
    text_style = "" if in_effect or isinstance(command, cmd.AddNote) else "strike $text-muted"
    told = command_words(scenario, audience, command)
    about = earlier_turn(command, step.issued_in)
    if about is not None and not masked and isinstance(command, cmd.AddNote):
        label = note_label(scenario, command.tag, command.objective, command.rating)
        told = f"note ({label}) {note_about(scenario, about, step.issued_in)}: {command.text}"
    parts: list[tuple[str, str] | str] = [number, icon, (printable(told), text_style)]
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
            if isinstance(command, (cmd.SubmitOrders, cmd.AddNote, cmd.AdjustVariable, cmd.WriteInject, cmd.Undo, cmd.Redo)):
                self.replace_option_prompt_at_index(self.row_of_step[step.number], step_prompt(self.steps, step, masked=masked))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        number = self.step_of_row.get(event.option_index)
        if number is not None:
            self.post_message(self.StepChosen(number))
