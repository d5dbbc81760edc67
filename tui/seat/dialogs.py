"""The seat console's dialogs: confirm a submission, read the team's briefing, read the whole log.

The briefing is Markdown from the network: it is read with the document kit's small, safe reader
(paragraphs, headings, lists, bold and italic; anything else stays literal text) and drawn as
styled text, so a link or a table in it is only words and nothing in it can act on the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from engine.documents.kit.text import BulletList, Heading, Paragraph, Span, blocks
from tui.screens.dialogs import Dialog
from tui.seat.model import Picture, words
from tui.seat.widgets import SeatLog, objectives_lines
from tui.widgets.hanging import HangingText


class SubmitDialog(Dialog):
    """Asks before the draft becomes the team's orders; dismisses with True to submit."""

    BINDINGS = [
        Binding("y", "answer(True)", "Submit"),
        Binding("n,escape", "answer(False)", "Keep drafting"),
    ]

    def __init__(self, picture: Picture, actions: Sequence[str]) -> None:
        super().__init__()
        self.picture = picture
        self.actions = tuple(actions)

    def compose(self) -> ComposeResult:
        picture = self.picture
        with Vertical(id="box"):
            yield Static(
                Content.styled(f"Submit {picture.role_name}'s orders for {picture.turn_heading}?", "bold"), classes="title"
            )
            yield Static(self._orders())
            yield Static(
                Content.styled(
                    "Once submitted they are the team's orders until the white cell resolves the turn or sends them back.",
                    "$text-muted",
                )
            )
            with Horizontal(classes="buttons"):
                yield Button("Keep drafting (n)", id="no")
                yield Button("Submit (y)", id="yes", variant="success")

    def _orders(self) -> Content:
        if not self.actions:
            return Content.styled("No action this turn.", "bold $warning")
        lines = []
        for action in self.actions:
            option = self.picture.action(action)
            label, cost = (option.label, option.cost) if option else (action, 0)
            lines.append(Content.assemble("• ", (label, "bold"), (f" · {cost} pt", "$text-muted")))
        total = self.picture.cost(self.actions)
        budget = f" of {self.picture.budget}" if self.picture.budget is not None else ""
        lines.append(Content.styled(f"{total}{budget} points", "$text-muted"))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


def _spans(spans: Sequence[Span], base: str = "") -> Content:
    return Content.assemble(*((span.text, f"{base} {span.style}".strip()) for span in spans))


def briefing_text(markdown: str) -> Content:
    """A briefing's Markdown as styled text, through the document kit's safe reader."""
    parts: list[Content] = []
    for block in blocks(markdown):
        if isinstance(block, Heading):
            parts.append(_spans(block.spans, "bold $accent" if block.level <= 2 else "bold"))
        elif isinstance(block, Paragraph):
            parts.append(_spans(block.spans))
        elif isinstance(block, BulletList):
            parts.append(Content("\n").join(Content.assemble("  • ", _spans(item)) for item in block.items))
    return Content("\n\n").join(parts)


class BriefingScreen(ModalScreen[None]):
    """The team's private briefing, its objectives and the other teams' public ones; b or Escape returns."""

    BINDINGS = [Binding("escape,b,q", "close", "Close")]
    DEFAULT_CSS = """
    BriefingScreen { align: center middle; }
    BriefingScreen > #briefing {
        width: 100%; max-width: 100; height: 100%; border: thick $accent; background: $surface; padding: 0 2;
    }
    BriefingScreen .heading { text-style: bold; color: $accent; margin-top: 1; }
    """

    def __init__(self, picture: Picture) -> None:
        super().__init__()
        self.picture = picture

    def compose(self) -> ComposeResult:
        picture = self.picture
        with VerticalScroll(id="briefing") as box:
            box.border_title = f"{picture.role_name}: briefing"
            box.border_subtitle = "b or Escape to close"
            if picture.briefing.strip():
                yield Static(briefing_text(picture.briefing))
            else:
                yield Static(Content.styled("The white cell has sent this team no private briefing.", "$text-muted"))
            yield Static(Content(f"{picture.role_name}'s objectives"), classes="heading")
            yield HangingText(objectives_lines(picture.own_objectives(), picture.score))
            others = [role for role in dict.fromkeys(objective.role for objective in picture.objectives) if role != picture.role]
            for role in others:
                yield Static(Content(f"{words(role)}'s public objectives"), classes="heading")
                yield HangingText(objectives_lines([item for item in picture.objectives if item.role == role], None))

    def on_mount(self) -> None:
        self.query_one("#briefing", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class LogScreen(ModalScreen[None]):
    """The whole log, full screen; l or Escape returns."""

    BINDINGS = [Binding("escape,l,q", "close", "Close")]
    DEFAULT_CSS = """
    LogScreen { align: center middle; }
    LogScreen > SeatLog { width: 100%; height: 100%; }
    """

    def __init__(self, lines: Sequence[str], latest: Sequence[str]) -> None:
        super().__init__()
        self.lines = tuple(lines)
        self.latest = tuple(latest)

    def compose(self) -> ComposeResult:
        yield SeatLog(id="full-log")

    def on_mount(self) -> None:
        log = self.query_one(SeatLog)
        log.show(self.lines, self.latest)
        log.focus()

    def action_close(self) -> None:
        self.dismiss(None)
