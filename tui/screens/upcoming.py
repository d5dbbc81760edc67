"""Coming up (`c`): the scenario's upcoming injects, full screen, grouped by turn, with hold and bring forward.

The screen renders rows it is given and asks for a reason before each control; what the rows say
and which commands apply are decided outside it (`tui.upcoming_view`, on `engine.core.upcoming`).
It is the white cell's alone: the console opens it only when it may show what is still to come.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from engine.text.terminal import printable
from tui.screens.dialogs import ReasonScreen
from tui.text import plain


@attrs.frozen
class Row:
    """One line of the list: a turn's heading (``shock`` None) or an entry with its controls."""

    text: str
    detail: str = ""
    shock: str | None = None
    title: str = ""
    held: bool = False
    can_bring_forward: bool = False


Control = Callable[[str, str, str], bool]
"""Apply a control ("hold", "release" or "bring-forward") to a shock with a reason; True when applied."""


class UpcomingScreen(ModalScreen[None]):
    """The upcoming injects; h holds or releases the highlighted shock, f brings it forward."""

    BINDINGS = [
        Binding("escape,c,q", "close", "Close"),
        Binding("h", "hold", "Hold/release"),
        Binding("f", "bring_forward", "Bring forward"),
    ]
    DEFAULT_CSS = """
    UpcomingScreen { background: $surface; padding: 0 1; }
    UpcomingScreen #upcoming-title { text-style: bold; }
    UpcomingScreen #upcoming-rule { color: $text-muted; }
    UpcomingScreen #upcoming-list { height: 1fr; }
    UpcomingScreen #upcoming-detail { height: auto; max-height: 4; }
    UpcomingScreen #upcoming-keys { color: $text-muted; }
    """

    def __init__(self, heading: str, rule: str, rows_of: Callable[[], Sequence[Row]], control: Control) -> None:
        super().__init__()
        self.heading = heading
        self.rule = rule
        self.rows_of = rows_of
        self.control = control
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Label(plain(self.heading), id="upcoming-title")
        yield Static(plain(self.rule), id="upcoming-rule")
        yield OptionList(id="upcoming-list")
        yield Static("", id="upcoming-detail")
        yield Static("h hold or release · f bring forward to the next opening · Esc close", id="upcoming-keys")

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one(OptionList).focus()

    def refresh_rows(self, keep: str | None = None) -> None:
        """Read the rows again (after a control), keeping the highlight on the same shock where it can."""
        self.rows = list(self.rows_of())
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.rows:
            options.add_option(Option(Content("Nothing more is to come: the game has ended."), disabled=True))
            return
        options.add_options(
            Option(plain(row.text, style="bold $accent" if row.shock is None else ""), disabled=row.shock is None)
            for row in self.rows
        )
        at = next((n for n, row in enumerate(self.rows) if keep is not None and row.shock == keep), None)
        if at is None:
            at = next((n for n, row in enumerate(self.rows) if row.shock is not None), None)
        options.highlighted = at

    def highlighted(self) -> Row | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        return row if row.shock is not None else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        row = self.highlighted()
        self.query_one("#upcoming-detail", Static).update(plain(row.detail) if row is not None else Content(""))

    def action_hold(self) -> None:
        row = self.highlighted()
        if row is None:
            return
        kind = "release" if row.held else "hold"
        question = f"Release {row.title}?" if row.held else f"Hold {row.title} (nothing in the scenario fires it until released)?"
        self._ask(row, kind, question)

    def action_bring_forward(self) -> None:
        row = self.highlighted()
        if row is None:
            return
        if not row.can_bring_forward:
            self.notify(printable(f"{row.title} cannot be brought forward now."), severity="warning", timeout=5, markup=False)
            return
        self._ask(row, "bring-forward", f"Bring {row.title} forward to the next opening?")

    def _ask(self, row: Row, kind: str, question: str) -> None:
        shock = row.shock
        assert shock is not None

        def answered(reason: object) -> None:
            if isinstance(reason, str) and self.control(kind, shock, reason):
                self.refresh_rows(keep=shock)

        self.app.push_screen(ReasonScreen(question, "Why (for the record)"), answered)

    def action_close(self) -> None:
        self.dismiss(None)
