"""The projector's variables: big bars, sized to the panel's width when it is drawn."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from engine.audience.room import PlayersView
from tui.widgets.display_parts import variables


class PublicVariables(Widget):
    """Each public variable as a labelled bar with its band; one line each when ``compact``."""

    DEFAULT_CSS = """
    PublicVariables { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: PlayersView | None = None
        self.compact = False

    def show(self, view: PlayersView, *, compact: bool) -> None:
        """Display the variables of this view."""
        self.view = view
        self.compact = compact
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        count = len(self.view.variables) if self.view else 0
        return max(1, count * (1 if self.compact else 2))

    def render(self) -> Content:
        if self.view is None:
            return Content("")
        return variables(self.view, self.size.width, compact=self.compact)
