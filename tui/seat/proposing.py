"""A team's free-form move from its seat (`m`): the action in the team's words and its reasons, sent
to the white cell, which argues it in the room, sets the chance and rolls (seat protocol version 2).

The move is not the team's until the white cell rolls for it: until then the seat shows it as
waiting, a new one replaces it, and an empty action withdraws it. What the room then hears of it
(its words, the counter-arguments, the roll and the effects) comes back in the team's log.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from tui.screens.dialogs import Dialog
from tui.seat.link import Proposal
from tui.text import plain
from tui.widgets.fields import Field

__all__ = ["ProposeDialog", "waiting_line"]


def waiting_line(proposal: Proposal | None) -> Content | None:
    """The line that says the team's proposal waits for the white cell (None when none waits)."""
    if proposal is None:
        return None
    return Content.assemble(("Free-form move proposed, waiting for the white cell: ", "bold"), plain(proposal.action, 200))


class ProposeDialog(Dialog):
    """The team's free-form move; dismisses with a `Proposal` (an empty one withdraws), or None (Escape)."""

    DEFAULT_CSS = """
    ProposeDialog Label { color: $text-muted; }
    ProposeDialog .hint { color: $text-muted; height: auto; }
    """

    def __init__(self, waiting: Proposal | None) -> None:
        super().__init__()
        self.waiting = waiting

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static(Content.styled("Propose a free-form move", "bold"), classes="title")
            yield Label("The action, in the team's words (not on its list)")
            yield Field(
                placeholder="e.g. invite the other side's minister to a joint press conference", id="action", max_length=300
            )
            yield Label("Why it would work")
            yield Field(placeholder="the team's reasons, argued in the room", id="reasons", max_length=2000)
            yield Static("", classes="error", id="error")
            yield Static(
                "Enter sends it to the white cell, who argues it in the room, sets the chance and rolls. "
                "A new proposal replaces the one waiting; an empty action withdraws it. Escape cancels.",
                classes="hint",
            )

    def on_mount(self) -> None:
        if self.waiting is not None:
            self.query_one("#action", Input).value = self.waiting.action
            self.query_one("#reasons", Input).value = self.waiting.reasons
        self.query_one("#action", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "action" and event.value.strip():
            self.query_one("#reasons", Input).focus()
            return
        action = self.query_one("#action", Input).value.strip()
        reasons = self.query_one("#reasons", Input).value.strip()
        if action and not reasons:
            self.query_one("#error", Static).update("Say why it would work: the reasons are argued in the room.")
            self.query_one("#reasons", Input).focus()
            return
        self.dismiss(Proposal(action, reasons))
