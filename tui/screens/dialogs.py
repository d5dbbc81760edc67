"""Modal dialogs: confirm, inject a shock, adjust a variable, send orders back, add a note, and the key help."""

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
from engine.core.commands import NOTE_TAGS, AdjustResource, AdjustVariable
from tui.commands import PLAY_COMMANDS, help_lines
from tui.screens.note_objectives import chosen_objective, objective_choices
from tui.text import plain, plain_lines
from tui.widgets.fields import Field
from tui.widgets.log import EventLog

if TYPE_CHECKING:
    from engine.journal.session import Session


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


def adjusted(text: str, now: int, low: int, high: int) -> tuple[int, str] | str:
    """What a typed amount makes of a value: ``+3`` and ``-4`` move it (held within its bounds, and
    said so), ``40`` or ``=-4`` set it; (the value, the preview) or what is wrong, so the facilitator
    sees the result before it is applied."""
    text = text.strip()
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
    """Override adjudication: a variable or a team's resource, a relative amount or a new value, and
    the reason.

    The preview under the value shows the result before it is applied; the dialog dismisses with
    the command (AdjustVariable or AdjustResource) holding the value decided."""

    def __init__(
        self,
        variables: Sequence[tuple[str, str, int, int, int]],
        resources: Sequence[tuple[str, str, str, int, int, int]] = (),
    ) -> None:
        """``variables``: (id, label, value, min, max) for every variable; ``resources``: (role id,
        resource id, label, stock, min, max) for every team's resource."""
        super().__init__()
        self.targets: list[tuple[str | tuple[str, str], str, int, int, int]] = [
            *variables,
            *(((role, resource), label, now, low, high) for role, resource, label, now, low, high in resources),
        ]

    @classmethod
    def of(cls, session: Session) -> AdjustScreen:
        """The dialog on a session's variables and its teams' resources, as they stand."""
        state, scenario = session.state, session.scenario
        variables = [(var.id, var.label, state.values[i], var.min, var.max) for i, var in enumerate(scenario.variables)]
        resources = [
            (role.id, res.id, f"{role.name}'s {res.label}", state.resources[r][k], res.min, res.max)
            for r, role in enumerate(scenario.roles)
            for k, res in enumerate(role.resources)
        ]
        return cls(variables, resources)

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("Adjust a variable or a team's resource (facilitator override)", classes="title")
            yield Select(
                [(plain(f"{label} (now {value}, {low}..{high})"), key) for key, label, value, low, high in self.targets],
                prompt="Variable",
                id="variable",
                allow_blank=False,
            )
            yield Field(placeholder="+3 or -4 to move it, 40 to set it", id="value", restrict=r"[=+\-]?[0-9]*")
            yield Static("", id="preview")
            yield Field(placeholder="Reason, for the record (required)", id="reason")
            yield Static("", classes="error", id="error")

    def _outcome(self) -> tuple[str | tuple[str, str], tuple[int, str] | str] | None:
        """The chosen target and what the typed text makes of it, or None before one is chosen."""
        key = self.query_one("#variable", Select).value
        chosen = next((item for item in self.targets if item[0] == key), None)
        if chosen is None:
            return None
        _, _, now, low, high = chosen
        return chosen[0], adjusted(self.query_one("#value", Input).value, now, low, high)

    def _preview(self) -> None:
        outcome = self._outcome()
        typed = self.query_one("#value", Input).value.strip()
        shown = "" if outcome is None or not typed or isinstance(outcome[1], str) else outcome[1][1]
        self.query_one("#preview", Static).update(Content(shown))

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
        if isinstance(key, tuple):
            self.dismiss(AdjustResource(key[0], key[1], result[0], reason, amount))
        else:
            self.dismiss(AdjustVariable(key, result[0], reason, amount))


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


class HelpScreen(Dialog):
    """The play screen's keys."""

    BINDINGS = [Binding("escape,question_mark,q", "cancel", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Label("Keys", classes="title")
            lines = [Content.assemble((f"{key:>16}  ", "bold $accent"), text) for key, text in help_lines(PLAY_COMMANDS)]
            yield Static(Content("\n").join(lines))
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
