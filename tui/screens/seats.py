"""The seats dialog: where the teams join, each team's code and status, and how safe the link is.

The codes are the white cell's: the console refuses to show them while the room is watching
(choices hidden), since a team that reads another's code could sit in its seat.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from engine.text.terminal import printable
from tui.screens.dialogs import Dialog
from tui.seating import SeatsSummary, status_words


def seats_text(summary: SeatsSummary) -> Content:
    """The dialog's body: the address, then each team with its code, status and seats, then the link's safety."""
    lines: list[Content] = [
        Content.assemble(("Teams join at ", "$text-muted"), (f"{summary.host}:{summary.port}", "bold")),
        Content(""),
    ]
    width = max(len(team.name) for team in summary.teams)
    for team in summary.teams:
        seats = f" ({', '.join(printable(name, 40) for name in team.seats)})" if team.seats else ""
        lines.append(
            Content.assemble(
                (f"{team.name:<{width}}  ", "bold"),
                (team.code, "bold $accent"),
                "  ",
                (status_words(team.status) + seats, "$text-muted"),
            )
        )
    lines.append(Content(""))
    if summary.fingerprint:
        lines.append(Content.assemble(("TLS certificate ", "$text-muted"), (summary.fingerprint, "bold")))
    if summary.warning:
        lines.append(Content.styled(f"⚠ {summary.warning}; start with --tls where the network is not trusted", "$warning"))
    example = summary.teams[0]
    lines += [
        Content(""),
        Content.styled(f"On {example.name}'s machine:", "$text-muted"),
        Content.styled(summary.join_command(example.code), "bold"),
    ]
    return Content("\n").join(lines)


class SeatsScreen(Dialog):
    """Shows the seats summary; s, Escape or Enter close it."""

    BINDINGS = [Binding("escape,s,enter", "cancel", "Close")]

    def __init__(self, summary: SeatsSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Label("Team seats", classes="title")
            yield Static(seats_text(self.summary), id="seats")
            yield Static("Read each team its own code. s shows this again.", classes="hint")
