"""The seat console's own pieces: the connection line, the objectives, the orders panel and the log.

What the facilitator's console already draws is reused as it is (the header, the variable bars,
the shock cards, an action's line); these render only what a seat has and the console does not.
They style what they are given, already cleaned for the terminal by `tui.seat.model`.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.seat.draft import Orders, points
from tui.seat.link import Connection
from tui.seat.model import Picture, SeatObjective, words
from tui.widgets.fitting import Unit, content, flow, hanging
from tui.widgets.fitting import words as word_units
from tui.widgets.hanging import HangingText
from tui.widgets.orders import ActionList, option_prompt, option_width


def connection_line(connection: Connection, where: str, orders: Orders) -> Content:
    """Whether the seat is connected, and where the team's orders stand: always on screen, since the
    team must know whether what it does arrives."""
    if connection.state == "connecting":
        link = Content.styled(f"◌ connecting{' to ' + where if where else ''}…", "italic $text-muted")
    elif connection.state == "connected":
        link = Content.assemble(("● connected", "bold $success"), (f" to {where}" if where else "", "$text-muted"))
    elif connection.state == "retrying":
        kept = "" if orders.phase == "submitted" else "  your draft is kept here and sent again when the link is back"
        link = Content.assemble((" disconnected, retrying… ", "bold reverse $warning"), (kept, "$text-muted"))
    else:
        link = Content.assemble((" disconnected ", "bold reverse $error"), (f"  {connection.detail}", "$error"))
    if orders.phase == "submitted":
        return Content.assemble(link, "   ", (" submitted — waiting for the white cell ", "bold reverse $success"))
    return link


def phase_words(orders: Orders) -> str:
    """The team's orders in a word or two, for the header."""
    return {"drafting": "drafting", "submitting": "submitting…", "submitted": "submitted", "ended": "ended"}[orders.phase]


def banner(picture: Picture | None, orders: Orders, closing: str | None) -> Content | None:
    """What the team must not miss: the game's end, the white cell's note, or the server closing."""
    if picture is not None and picture.ended:
        outcome = f": {words(picture.outcome)}" if picture.outcome else ""
        return Content.styled(f"The game has ended{outcome}.", "bold")
    if orders.note is not None:
        return Content.assemble(("The white cell sent your orders back:\n", "bold"), (orders.note, "bold"))
    if closing is not None:
        return Content.assemble(("The server is closing: ", "bold"), closing)
    return None


def objectives_lines(objectives: Sequence[SeatObjective], score: int | None) -> list[Content]:
    """Each objective with whether it counts as met now, and the score when the server sends it:
    a line each, for `HangingText` (a long objective continues under its words, not under its mark)."""
    lines = [
        Content.assemble(
            ("✓ " if objective.met else "✗ ", "bold $success" if objective.met else "bold $error"),
            objective.text,
            (" (private)" if objective.private else "", "italic $text-muted"),
        )
        for objective in objectives
    ]
    if not lines:
        lines = [Content.styled("(no objectives shown to this team)", "$text-muted")]
    if score is not None:
        lines.append(Content.assemble(("Score ", "$text-muted"), (str(score), "bold")))
    return lines


class OrdersPanel(Vertical):
    """The team's draft: budget and resources, every action with its cost or why not, and how to submit."""

    class Toggled(Message):
        """The team toggled an action of its draft."""

        def __init__(self, action: str) -> None:
            super().__init__()
            self.action = action

    DEFAULT_CSS = """
    OrdersPanel { border: round $secondary; height: 1fr; padding: 0 1; }
    OrdersPanel:focus-within { border: heavy $accent; }
    OrdersPanel > #summary { height: auto; }
    OrdersPanel > ActionList { height: 1fr; border: none; padding: 0; background: transparent; }
    OrdersPanel > ActionList:focus { border: none; background: transparent; }
    OrdersPanel > #hint { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: object = None
        self._last: tuple[Picture, Orders] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        yield ActionList(id="actions")
        yield Static(id="hint")

    def on_resize(self, event: events.Resize) -> None:
        # The lines are laid out for a width: lay them out again once the children have their new size.
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        if self._last is not None:
            self.show(*self._last)

    def show(self, picture: Picture, orders: Orders) -> None:
        """Display the picture's actions with the draft's ticked (dimmed once submitted)."""
        self._last = (picture, orders)
        self.border_title = f"{picture.role_name}'s orders"
        locked = orders.phase != "drafting"
        self.query_one("#summary", Static).update(self._summary(picture, orders, self.content_region.width or None))
        self.query_one("#hint", Static).update(self._hint(orders))
        chosen = set(orders.actions)
        width = option_width(self.query_one(ActionList))
        prompts = [option_prompt(option, chosen=option.action in chosen, masked=False, width=width) for option in picture.actions]
        key = (tuple(prompt.plain for prompt in prompts), tuple(option.available for option in picture.actions), locked)
        if key == self._shown:
            return
        self._shown = key
        actions = self.query_one(ActionList)
        highlighted = actions.highlighted
        actions.set_options(
            Option(prompt, id=option.action, disabled=locked or not option.available)
            for prompt, option in zip(prompts, picture.actions, strict=True)
        )
        if highlighted is None or highlighted >= len(picture.actions) or not picture.actions[highlighted].available:
            highlighted = next((index for index, option in enumerate(picture.actions) if option.available), None)
        actions.highlighted = None if locked else highlighted

    @staticmethod
    def _summary(picture: Picture, orders: Orders, width: int | None = None) -> Content:
        """The budget and stocks (given the panel's ``width``, a line breaks between them, never inside one), then the draft."""
        spent = picture.cost(orders.actions)
        left = orders.left(picture)
        budget: Unit
        if picture.budget is not None and left is not None:
            dots = "●" * min(spent, picture.budget) + "○" * max(left, 0)
            budget = (
                ("Budget ", "$text-muted"),
                (dots, "bold $error" if left < 0 else "bold"),
                (f" {left} of {picture.budget} left", "$error" if left < 0 else "$text-muted"),
            )
        else:
            budget = (("Cost ", "$text-muted"), (points(spent), "bold"))
        stocks = [((f"{words(resource)} ", "$text-muted"), (str(stock), "bold")) for resource, stock in picture.resources]
        lines = flow([budget, *stocks], width)
        labels = {option.action: option.label for option in picture.actions}
        chosen = ", ".join(labels.get(action, action) for action in orders.actions)
        if orders.actions:
            said = "draft:" if orders.phase == "drafting" else "orders:"
            lines += hanging([((said, "$text-muted"),), *word_units(chosen, "bold $success")], width)
        else:
            said = "no action chosen" if orders.phase == "drafting" else "orders: no action this turn"
            lines.append([(said, "italic $text-muted")])
        return content(lines)

    @staticmethod
    def _hint(orders: Orders) -> Content:
        if orders.phase == "drafting":
            return Content.assemble(("space", "bold $accent"), " toggle  ", ("s", "bold $accent"), " submit to the white cell")
        if orders.phase == "submitting":
            return Content.styled("submitting…", "italic $text-muted")
        if orders.phase == "submitted":
            return Content.styled("submitted — waiting for the white cell", "bold reverse $success")
        return Content.styled("the game has ended", "italic $text-muted")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Toggled(event.option.id))


class SeatLog(VerticalScroll):
    """What the team may know of what happened, newest at the bottom; the last resolution's lines
    stand out. A long line wraps under its own text (`HangingText`)."""

    DEFAULT_CSS = """
    SeatLog { height: 1fr; border: round $primary; padding: 0 1; }
    SeatLog > HangingText { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "What happened"
        self._shown: object = None

    def compose(self) -> ComposeResult:
        yield HangingText(id="log-text")

    def show(self, lines: Sequence[str], latest: Sequence[str] = ()) -> None:
        """All the lines, those of the latest resolution (``latest``, the end of ``lines``) in bold."""
        key = (tuple(lines), tuple(latest))
        if key == self._shown:
            return
        self._shown = key
        fresh = len(lines) - len(latest) if latest and tuple(lines[-len(latest) :]) == tuple(latest) else len(lines)
        styled = [
            Content.styled(f"▌ {line}", "bold") if index >= fresh else Content(f"  {line}") for index, line in enumerate(lines)
        ]
        text = styled or [Content.styled("Nothing has happened yet.", "$text-muted")]
        self.query_one("#log-text", HangingText).update(text)
        self.call_after_refresh(self.scroll_end, animate=False)
