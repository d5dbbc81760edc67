"""The dialog for an inject written at the table (`w`): title, narrative, whom it is told to,
category, effect rows (variable and amount, each previewed before → after) and the reason.

Whom it is told to is any set of teams, ticked in a list (Space); none ticked tells everyone, the
room too, and the line under the list says which it is.

Enter on the reason sends it. The engine's own check (given as ``check``) runs first, so a refusal
is shown in the dialog, which stays open to mend it, rather than after it has closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static

from engine.core.commands import WriteInject
from engine.prose.values import signed
from tui.screens.dialogs import Dialog
from tui.screens.free_move import Target
from tui.text import plain, plain_lines
from tui.widgets.fields import Field

__all__ = ["WriteInjectScreen", "read_inject_amount", "told_words"]


def told_words(names: Sequence[str], teams: int) -> str:
    """Whom an inject is told to, in words (one line at 80 columns): everyone, or the teams ticked only."""
    if not names:
        return "Everyone, the room too (Space ticks teams)."
    if len(names) == teams:
        return "Every team: everyone, the room too."  # as visibility.sees_addressed reads it
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} only."


def read_inject_amount(text: str) -> int | str:
    """A typed amount (+3, -4, 5) or what to type instead; 0 takes the variable's row away."""
    typed = text.strip()
    body = typed[1:] if typed[:1] in "+-" else typed
    if not body.isdigit() or len(body) > 12:
        return "Type an amount such as +5 or -3 (0 takes the row away)."
    return -int(body) if typed.startswith("-") else int(body)


def _row(label: str, field: Widget) -> Horizontal:
    """One line: what the field is, then the field (compact, so the dialog fits 80x24)."""
    return Horizontal(Label(label), field, classes="row")


class WriteInjectScreen(Dialog):
    """Write an inject; dismisses with a WriteInject the engine accepts, or None (Escape)."""

    DEFAULT_CSS = """
    WriteInjectScreen > #box { max-height: 100%; }
    WriteInjectScreen .row { height: 1; }
    WriteInjectScreen .row Label { width: 11; color: $text-muted; }
    WriteInjectScreen .row Input, WriteInjectScreen .row Select { width: 1fr; margin-bottom: 0; }
    WriteInjectScreen #to-row { height: auto; }
    WriteInjectScreen #to-row Label { width: 11; color: $text-muted; }
    WriteInjectScreen #audience { width: 1fr; height: auto; max-height: 4; }
    WriteInjectScreen #told { color: $text-muted; margin-left: 11; height: auto; }
    WriteInjectScreen .hint { color: $text-muted; height: auto; }
    WriteInjectScreen #rows { height: auto; margin: 1 0; }
    """

    def __init__(
        self,
        teams: Sequence[tuple[str, str]],
        categories: Sequence[str],
        targets: Sequence[Target],
        check: Callable[[WriteInject], Sequence[str]],
    ) -> None:
        """``teams``: (role id, name); ``targets``: the variables its effects may move, as they stand;
        ``check``: the engine's reasons for refusing a command (none: it applies)."""
        super().__init__()
        self.teams = list(teams)
        self.categories = list(categories)
        self.targets = {target.id: target for target in targets}
        self.check = check
        self.rows: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("Write an inject", classes="title")
            yield _row("Title", Field(placeholder="the headline, as the teams read it", id="title", max_length=120, compact=True))
            yield _row("Narrative", Field(placeholder="what they are told (may be empty)", id="narrative", compact=True))
            teams = SelectionList[str](*((plain(name), role) for role, name in self.teams), id="audience", compact=True)
            yield Horizontal(Label("To"), teams, id="to-row")
            yield Static(plain(told_words([], len(self.teams))), id="told")
            kinds = [(category, category) for category in self.categories]
            yield _row("Category", Select(kinds, id="category", value="other", allow_blank=False, compact=True))
            options = [(plain(f"{t.label} (now {t.now}, {t.low}..{t.high})"), t.id) for t in self.targets.values()]
            yield _row("Variable", Select(options, id="variable", allow_blank=False, compact=True))
            yield _row("Amount", Field(placeholder="+5 or -3; Enter adds the row (0 removes it)", id="amount", compact=True))
            yield Static(Content("No effect: the inject only tells."), id="rows")
            yield _row("Reason", Field(placeholder="for the record (required); Enter sends", id="reason", compact=True))
            yield Static("", classes="error", id="error")
            yield Static("Enter moves on; Enter on the reason sends. Escape cancels; u undoes it after.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def preview(self) -> str:
        """The rows as they would apply: "Bilateral trust 55 → 50 (−5)", one a line, a bound said."""
        lines = []
        for var, amount in self.rows.items():
            target = self.targets[var]
            after = target.after(amount)
            held = "" if after == target.now + amount else f", held at its {'minimum' if after == target.low else 'maximum'}"
            lines.append(f"{target.label} {target.now} → {after} ({signed(amount)}{held})")
        return "\n".join(lines) or "No effect: the inject only tells."

    def command(self) -> WriteInject:
        """The inject as the fields stand."""
        ticked = set(self.query_one("#audience", SelectionList).selected)
        audience = tuple(role for role, _ in self.teams if role in ticked)
        category = self.query_one("#category", Select).value
        return WriteInject(
            self.query_one("#title", Input).value,
            self.query_one("#narrative", Input).value,
            category if isinstance(category, str) else "",
            audience,
            tuple(self.rows.items()),
            self.query_one("#reason", Input).value,
        )

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Say whom the inject is told to as teams are ticked."""
        ticked = set(event.selection_list.selected)
        names = [name for role, name in self.teams if role in ticked]
        self.query_one("#told", Static).update(plain(told_words(names, len(self.teams))))

    def _add_row(self, typed: str) -> None:
        error = self.query_one("#error", Static)
        var = self.query_one("#variable", Select).value
        read = read_inject_amount(typed)
        if isinstance(read, str) or not isinstance(var, str):
            error.update(read if isinstance(read, str) else "Choose a variable.")
            return
        if read:
            self.rows[var] = read
        else:
            self.rows.pop(var, None)
        error.update("")
        self.query_one("#amount", Input).value = ""
        self.query_one("#rows", Static).update(plain_lines(self.preview()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        field = event.input.id
        if field == "amount" and event.value.strip():
            self._add_row(event.value)
            return
        following = {"title": "#narrative", "narrative": "#amount", "amount": "#reason"}
        if field in following:
            self.query_one(following[field], Input).focus()
            return
        command = self.command()
        problems = self.check(command)
        if problems:
            self.query_one("#error", Static).update(plain_lines("Not yet: " + "; ".join(problems) + "."))
            return
        self.dismiss(command)
