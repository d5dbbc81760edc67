"""The shocks in progress as cards: category, title, narrative, turns left, and the white cell's notes."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from engine.audience.console import ShockView

CATEGORY_STYLE = {
    "missile": "$error",
    "nuclear": "$error",
    "strait": "$warning",
    "maritime": "$warning",
    "territorial": "$warning",
    "history": "$secondary",
    "economic": "$accent",
    "domestic": "$primary",
}


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n")[0].replace("\n", " ")


class ShockCard(Static):
    """One shock in progress."""

    DEFAULT_CSS = """
    ShockCard { border-left: outer $primary; padding: 0 1; margin-bottom: 1; height: auto; }
    ShockCard.new { border-left: outer $warning; }
    """

    def __init__(self, view: ShockView, *, facilitator: bool) -> None:
        super().__init__(self._content(view, facilitator))
        if view.fired_this_turn:
            self.add_class("new")

    @staticmethod
    def _content(view: ShockView, facilitator: bool) -> Content:
        parts: list[tuple[str, str] | str] = [
            (view.category.upper(), f"bold {CATEGORY_STYLE.get(view.category, '$foreground')}"),
            (" · new" if view.fired_this_turn else "", "bold $warning"),
            (f" · {view.left}\n", "$text-muted"),
            (view.title, "bold"),
        ]
        if view.source:
            parts += [("  — " + view.source, "italic $text-muted")]
        parts += ["\n", _first_paragraph(view.narrative)]
        # What the exercise hopes the teams do, and the white cell's notes, are for the
        # facilitator's eyes: they are left out while the room is watching (choices hidden).
        if facilitator and view.expected_response:
            parts += ["\n", ("Expected: ", "bold $text-muted"), (view.expected_response, "$text-muted")]
        if facilitator and view.expected_actions:
            parts += ["\n", ("Looks for: ", "bold $text-muted"), (", ".join(view.expected_actions), "$text-muted")]
        if facilitator and view.facilitator_notes:
            parts += ["\n", ("White cell: ", "bold $warning"), (_first_paragraph(view.facilitator_notes), "$text-muted")]
        return Content.assemble(*parts)


class ShocksPanel(VerticalScroll):
    """The cards of every shock in progress, newest first."""

    DEFAULT_CSS = """
    ShocksPanel { height: 1fr; }
    """

    def show(self, views: Sequence[ShockView], *, facilitator: bool) -> None:
        """Replace the cards with these shocks (nothing to do when they are the same)."""
        key = (tuple(views), facilitator)
        if key == getattr(self, "_shown", None):
            return
        self._shown = key
        self.remove_children()
        if not views:
            self.mount(Static(Content.styled("No shock in progress.", "$text-muted")))
            return
        self.mount_all([ShockCard(view, facilitator=facilitator) for view in views])


class ShockList(Static):
    """The shocks in progress as one line each, for narrow terminals."""

    def show(self, views: Sequence[ShockView]) -> None:
        """Display these shocks."""
        if not views:
            self.update(Content.styled("No shock in progress.", "$text-muted"))
            return
        lines = [
            Content.assemble(
                ("● " if view.fired_this_turn else "· ", "bold $warning"),
                (f"{view.category}: ", f"bold {CATEGORY_STYLE.get(view.category, '$foreground')}"),
                view.title,
                (f" ({view.remaining})" if view.remaining > 1 else "", "$text-muted"),
            )
            for view in views
        ]
        self.update(Content("\n").join(lines))
