"""The free-form move dialogs: a team's argument (team, action in words, reasons, counter-arguments,
chance or the room's rating), then, when the dice say it succeeds, the effects the facilitator
chooses (variable and amount, each row previewed before it is applied).

Two dialogs for the engine's two commands: `ArgumentScreen` dismisses with a `ProposeFreeMove`,
which rolls as it is applied; `EffectsScreen` dismisses with a `SettleFreeMove`. Escape on the
second leaves the move awaiting its effects: `m` comes back to them.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from engine.core.commands import ProposeFreeMove, SettleFreeMove
from engine.core.free_moves import RATINGS, chance_of_rating
from engine.prose.values import signed
from engine.seats.messages import Proposal
from engine.text.terminal import printable
from tui.screens.dialogs import Dialog
from tui.text import plain, plain_lines
from tui.widgets.fields import Field

__all__ = ["ArgumentScreen", "EffectsScreen", "Target", "read_amount", "read_chance"]

_CSS = """
{name} > #box {{ max-height: 95%; }}
{name} .row {{ height: 1; margin-bottom: 1; }}
{name} .row Label {{ width: 18; color: $text-muted; }}
{name} .row Input, {name} .row Select {{ width: 1fr; margin-bottom: 0; }}
{name} .hint {{ color: $text-muted; height: auto; }}
{name} #heading {{ margin-bottom: 1; }}
{name} #preview, {name} #rows {{ height: auto; margin-bottom: 1; }}
"""


def _row(label: str, field: Widget) -> Horizontal:
    """One line: what the field is, then the field (compact, so the dialog fits 80x24)."""
    return Horizontal(Label(label), field, classes="row")


RATING_WORDS = ", ".join(name for name, _ in RATINGS)


def read_chance(text: str) -> tuple[int, str] | str:
    """What the facilitator typed as the chance: (percent, rating or "") or, when it reads as
    neither a percentage nor one of the room's ratings, what to type instead."""
    typed = " ".join(text.lower().replace("%", " ").split())
    if typed.isdigit() and int(typed) <= 100:
        return int(typed), ""
    rated = chance_of_rating(typed)
    if rated is not None:
        return rated, typed
    return f"Type a percentage from 0 to 100, or the room's rating: {RATING_WORDS}."


class ArgumentScreen(Dialog):
    """A team's free-form move as argued in the room; dismisses with a ProposeFreeMove (the roll
    follows as the console applies it)."""

    DEFAULT_CSS = _CSS.format(name="ArgumentScreen")

    def __init__(self, teams: Sequence[tuple[str, str]], largest: int, proposed: tuple[str, Proposal] | None = None) -> None:
        """``teams``: (role id, name) of every team; ``largest``: the scenario's largest effect; ``proposed``:
        a team's move proposed from its seat, filled in for the room's arguments and the chance."""
        super().__init__()
        self.teams = list(teams)
        self.largest = largest
        self.proposed = proposed

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("Free-form move", classes="title")
            teams = [(plain(name), role) for role, name in self.teams]
            yield _row("Team", Select(teams, id="team", allow_blank=False, compact=True))
            yield _row(
                "Action", Field(placeholder="not on its list, in the team's words", id="action", max_length=300, compact=True)
            )
            yield _row("Reasons", Field(placeholder="why it would work", id="reasons", max_length=2000, compact=True))
            counter = Field(placeholder="from the other teams (may be empty)", id="counter", max_length=2000, compact=True)
            yield _row("Counter-arguments", counter)
            # Short enough to be read whole in the field at 80 columns (about 40 characters wide there).
            chance = Field(placeholder="0-100 %, or a rating such as likely", id="chance", max_length=20, compact=True)
            yield _row("Chance", chance)
            yield Static("", id="preview")
            yield Static("", classes="error", id="error")
            ratings = ", ".join(f"{name} {chance}" for name, chance in RATINGS)
            yield Static(
                f"Enter on the chance rolls the dice. Ratings (%): {ratings}. "
                f"On success: effects of at most {self.largest} either way.",
                classes="hint",
            )

    def on_mount(self) -> None:
        if self.proposed is None:
            self.query_one("#action", Input).focus()
            return
        role, proposal = self.proposed
        self.query_one("#team", Select).value = role
        self.query_one("#action", Input).value = printable(proposal.action, 300)
        self.query_one("#reasons", Input).value = printable(proposal.reasons, 2000)
        self.query_one("#counter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "chance":
            read = read_chance(event.value)
            shown = "" if not event.value.strip() or isinstance(read, str) else self._chance_words(read)
            self.query_one("#preview", Static).update(Content(shown))

    @staticmethod
    def _chance_words(read: tuple[int, str]) -> str:
        chance, rating = read
        return f"{rating}: a chance of {chance}%" if rating else f"a chance of {chance}%"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        order = ["action", "reasons", "counter", "chance"]
        if event.input.id in order[:-1]:
            self.query_one(f"#{order[order.index(event.input.id) + 1]}", Input).focus()
            return
        error = self.query_one("#error", Static)
        team = self.query_one("#team", Select).value
        action = self.query_one("#action", Input).value.strip()
        reasons = self.query_one("#reasons", Input).value.strip()
        if not isinstance(team, str):
            error.update("Choose the team making the move.")
            return
        if not action or not reasons:
            error.update("Write the action in words and the team's reasons for it.")
            self.query_one("#action" if not action else "#reasons", Input).focus()
            return
        read = read_chance(self.query_one("#chance", Input).value)
        if isinstance(read, str):
            error.update(read)
            return
        counter = self.query_one("#counter", Input).value.strip()
        self.dismiss(ProposeFreeMove(team, action, reasons, read[0], counter, read[1]))


@attrs.frozen
class Target:
    """A variable a move's effect may move: its id, label, value now and bounds."""

    id: str
    label: str
    now: int
    low: int
    high: int

    def after(self, amount: int) -> int:
        """The value after the amount, held within the bounds as the engine holds it."""
        return min(max(self.now + amount, self.low), self.high)


def read_amount(text: str, largest: int) -> int | str:
    """A typed effect (+3, -2, 4) or, when it is not one the scenario allows, what to type instead."""
    typed = text.strip()
    body = typed[1:] if typed[:1] in "+-" else typed
    if body.isdigit() and 0 < int(body) <= largest:
        return -int(body) if typed.startswith("-") else int(body)
    return f"An effect is a whole amount from -{largest} to +{largest}, not 0 (e.g. +3 or -2)."


class EffectsScreen(Dialog):
    """The effects of a free-form move that succeeded: rows of variable and amount, each previewed
    (before → after); dismisses with a SettleFreeMove, or None to choose them later."""

    DEFAULT_CSS = _CSS.format(name="EffectsScreen")

    def __init__(self, role: str, heading: str, targets: Sequence[Target], largest: int) -> None:
        """``heading``: the move and its roll in words; ``largest``: the scenario's largest effect."""
        super().__init__()
        self.role = role
        self.heading = heading
        self.targets = {target.id: target for target in targets}
        self.largest = largest
        self.rows: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label("The move succeeds: choose its effects", classes="title")
            yield Static(plain(self.heading), classes="hint", id="heading")
            options = [(plain(f"{t.label} (now {t.now}, {t.low}..{t.high})"), t.id) for t in self.targets.values()]
            yield _row("Variable", Select(options, id="variable", allow_blank=False, compact=True))
            amount = Field(placeholder=f"-{self.largest} to +{self.largest}; Enter adds the row", id="amount", compact=True)
            yield _row("Amount", amount)
            yield Static("", classes="error", id="error")
            yield Static(Content("No effect yet."), id="rows")
            reason = Field(placeholder="for the white cell only (may be empty); Enter applies", id="reason", compact=True)
            yield _row("Reason", reason)
            yield Static(
                "Enter on the reason applies the rows (none: the move moves no number). Escape: later, with m.", classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#amount", Input).focus()

    def preview(self) -> str:
        """The rows as they would apply: "Trust 55 → 58 (+3)", one a line."""
        lines = []
        for var, amount in self.rows.items():
            target = self.targets[var]
            lines.append(f"{target.label} {target.now} → {target.after(amount)} ({signed(amount)})")
        return "\n".join(lines) or "No effect yet."

    def on_input_submitted(self, event: Input.Submitted) -> None:
        error = self.query_one("#error", Static)
        if event.input.id == "amount":
            var = self.query_one("#variable", Select).value
            if not event.value.strip():
                self.query_one("#reason", Input).focus()
                return
            read = read_amount(event.value, self.largest)
            if isinstance(read, str) or not isinstance(var, str):
                error.update(read if isinstance(read, str) else "Choose a variable.")
                return
            self.rows[var] = read
            error.update("")
            event.input.value = ""
            self.query_one("#rows", Static).update(plain_lines(self.preview()))
            return
        self.dismiss(SettleFreeMove(self.role, tuple(self.rows.items()), event.value.strip()))
