"""Modal dialogs: confirm, inject a shock, send orders back, add a note, and the key help (adjusting: tui.screens.adjust)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Select, Static
from textual.widgets.option_list import Option

from engine.audience.console import LogLine
from engine.core.commands import NOTE_TAGS
from tui.commands import PLAY_COMMANDS, help_lines
from tui.screens.note_objectives import chosen_objective, objective_choices
from tui.text import plain, plain_lines
from tui.widgets.fields import Field
from tui.widgets.log import EventLog

if TYPE_CHECKING:
    pass


class Dialog(ModalScreen[object]):
    """Common frame: a centred box that Escape closes without a result."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > #box {
        width: 80%; max-width: 100; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    Dialog .title { text-style: bold; margin-bottom: 1; }
    Dialog .error { color: $error; height: auto; }
    Dialog Input, Dialog Select { margin-bottom: 1; }
    Dialog .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    Dialog .buttons Button { margin-left: 2; }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(Dialog):
    """Asks a yes/no question; dismisses with True or False."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label(plain(self.question), classes="title")
            if self.detail:
                yield Static(plain_lines(self.detail))
            with Horizontal(classes="buttons"):
                yield Button("No (n)", id="no")
                yield Button("Yes (y)", id="yes", variant="warning")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ReasonScreen(Dialog):
    """Asks for a reason (for the record) before something irreversible-looking; dismisses with it."""

    def __init__(self, title: str, placeholder: str) -> None:
        super().__init__()
        self.heading = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label(plain(self.heading), classes="title")
            yield Field(placeholder=self.placeholder, id="reason")
            yield Static("Enter to confirm, Escape to cancel. Undo (u) can take it back.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.notify("Give a reason: it goes into the record.", severity="warning")
            return
        self.dismiss(event.value.strip())


class InjectScreen(Dialog):
    """Pick a shock from the scenario and say why; dismisses with (shock id, reason)."""

    def __init__(self, shocks: Sequence[tuple[str, str, str, bool]]) -> None:
        """``shocks``: (id, title, category, in progress) for every shock of the scenario."""
        super().__init__()
        self.shocks = shocks

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("Inject a shock", classes="title")
            options = [
                Option(
                    Content.assemble(
                        (f"{category:<12}", "$text-muted"), title, (" (in progress)" if active else "", "$text-muted")
                    ),
                    id=shock_id,
                    disabled=active,
                )
                for shock_id, title, category, active in self.shocks
            ]
            yield OptionList(*options, id="shocks")
            yield Field(placeholder="Why the white cell injects it (optional)", id="reason")
            yield Static("Enter on a shock picks it; Enter in the reason injects it.", classes="hint")

    def on_resize(self, event: Resize) -> None:
        # A long list of shocks must leave room for the reason and the hint below it, even at
        # 80x24: the box takes at most 90% of the height, and all but the list needs 11 lines.
        self.query_one("#shocks", OptionList).styles.max_height = max(4, int(event.size.height * 0.9) - 11)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        option = self.query_one("#shocks", OptionList).highlighted_option
        if option is None or option.id is None:
            self.notify("Pick a shock first.", severity="warning")
            return
        self.dismiss((option.id, event.value.strip()))


class ReturnScreen(Dialog):
    """Send a team's submitted orders back with a note for the team; dismisses with (role id, note)."""

    def __init__(self, teams: Sequence[tuple[str, str, str]]) -> None:
        """``teams``: (role id, name, its orders in words) for every team with orders in."""
        super().__init__()
        self.teams = teams

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("Send orders back to a team", classes="title")
            options = [
                Option(Content.assemble((name, "bold"), "\n", ("    " + orders, "$text-muted")), id=role)
                for role, name, orders in self.teams
            ]
            yield OptionList(*options, id="teams")
            yield Field(placeholder="A note for the team, e.g. please reconsider: the budget is short", id="note")
            yield Static("The team sees the note and enters its orders again. Undo (u) takes it back.", classes="hint")

    def on_mount(self) -> None:
        teams = self.query_one("#teams", OptionList)
        teams.highlighted = 0
        if len(self.teams) == 1:
            self.query_one("#note", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        option = self.query_one("#teams", OptionList).highlighted_option
        if option is None or option.id is None:
            self.notify("Pick a team first.", severity="warning")
            return
        if not event.value.strip():
            self.notify("Write a note: the team reads it.", severity="warning")
            return
        self.dismiss((option.id, event.value.strip()))


class NoteScreen(Dialog):
    """A tagged note for the after-action report; dismisses with (tag, text, turn, objective, rating),
    turn None for the current one, objective and rating None when none is chosen.

    ``turns`` are the turns the note may be about, (heading, number), the current one last: the
    report tells the note with the turn chosen. With one turn there is nothing to choose.
    ``objectives`` are the scenario's exercise objectives, (title, id): when there are any, the note
    may be tied to one, and rate it (HSEEP's P, S, M, U; the note is then the rating's reason)."""

    LABELS = {"observation": "Observation", "strength": "Strength", "improvement": "Area for improvement", "lesson": "Lesson"}

    def __init__(self, turns: Sequence[tuple[str, int]] = (), objectives: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__()
        self.turns = list(turns)
        self.objectives = list(objectives)

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("Add a note", classes="title")
            with RadioSet(id="tag"):
                for index, tag in enumerate(NOTE_TAGS):
                    yield RadioButton(self.LABELS[tag], value=index == 0, id=f"tag-{tag}")
            if len(self.turns) > 1:
                options = [(plain(f"About {heading}"), number) for heading, number in self.turns]
                yield Select(options, value=self.turns[-1][1], allow_blank=False, id="turn")
            if self.objectives:
                yield from objective_choices(self.objectives)
            yield Field(placeholder="The note (Enter to save)", id="text")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.notify("A note needs some text.", severity="warning")
            return
        pressed = self.query_one("#tag", RadioSet).pressed_button
        tag = (pressed.id or "tag-observation").removeprefix("tag-") if pressed else "observation"
        turn: int | None = None
        if len(self.turns) > 1:
            chosen = self.query_one("#turn", Select).value
            turn = chosen if isinstance(chosen, int) and chosen != self.turns[-1][1] else None
        objective, rating = chosen_objective(self) if self.objectives else (None, None)
        if rating is not None and objective is None:
            self.notify("A rating rates an exercise objective: choose the objective too.", severity="warning")
            return
        self.dismiss((tag, text, turn, objective, rating))


KEY_COLUMN = 18
"""The help's column of keys, right-aligned with two cells before the descriptions."""


class HelpScreen(Dialog):
    """The play screen's keys: a row each, the key in a column of its own and what it does beside it,
    so a description that wraps goes on under itself, not under the keys."""

    BINDINGS = [Binding("escape,question_mark,q", "cancel", "Close")]
    DEFAULT_CSS = f"""
    HelpScreen .row {{ height: auto; }}
    HelpScreen .key {{ width: {KEY_COLUMN}; padding-right: 2; text-align: right; text-style: bold; color: $accent; }}
    HelpScreen .what {{ width: 1fr; }}
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Label("Keys", classes="title")
            for key, text in help_lines(PLAY_COMMANDS):
                with Horizontal(classes="row"):
                    yield Static(Content(key), classes="key")
                    yield Static(Content(text), classes="what")
            yield Static(Content.styled("\nEvery command is written to the journal as it happens.", "$text-muted"))


class LogScreen(ModalScreen[None]):
    """The whole event log, full screen; Escape or l returns."""

    BINDINGS = [Binding("escape,l,q", "close", "Close")]
    DEFAULT_CSS = """
    LogScreen { align: center middle; }
    LogScreen > EventLog { width: 100%; height: 100%; }
    """

    def __init__(self, lines: Sequence[LogLine]) -> None:
        super().__init__()
        self.lines = list(lines)

    def compose(self) -> ComposeResult:
        yield EventLog(id="full-log")

    def on_mount(self) -> None:
        log = self.query_one(EventLog)
        log.show(self.lines)
        log.focus()

    def action_close(self) -> None:
        self.dismiss(None)
