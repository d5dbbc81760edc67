"""The projector's panels that draw to the size they are given: the turn's heading, the variables and
the decisions.

Each renders in the room it gets after layout, so a small or crowded screen makes it condense
rather than cut lines off the bottom or words off the right.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from engine.audience.room import PlayersView
from tui.widgets.display_parts import decisions, decisions_height, heading, variables


class TurnHeading(Widget):
    """The turn, its name or date, the phase and the scenario's title beside the big turn number, laid out
    for the width it gets (a static text wrapped by Textual lost its last lines under the date)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: PlayersView | None = None
        self.phase = ""

    def show(self, view: PlayersView, phase: str) -> None:
        """Display this view's turn, in ``phase`` (its title; empty outside the scenario's phases)."""
        self.view, self.phase = view, phase
        self.refresh()

    def render(self) -> Content:
        if self.view is None:
            return Content("")
        return heading(self.view, self.phase, self.size.width)


class PublicVariables(Widget):
    """Each public variable as a labelled bar with its band; one line each when ``compact`` or
    when two lines each would not fit the height the layout gives it, and the last line counting
    those left over when even one each does not."""

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
        height = self.size.height
        squeezed = height < 2 * len(self.view.variables)
        shown = variables(self.view, self.size.width, compact=self.compact or squeezed)
        if not squeezed or len(self.view.variables) <= height:
            return shown
        left = self.view.variables[max(height - 1, 0) :]
        more = Content.styled(f"+{len(left)} more: " + ", ".join(variable.label for variable in left), "italic $text-muted")
        return Content("\n").join([*shown.split("\n")[: max(height - 1, 0)], more.truncate(self.size.width, ellipsis=True)])


class DecisionsGrid(Widget):
    """Each team's decisions of the turn last resolved, teams side by side, as full as its height allows."""

    DEFAULT_CSS = """
    DecisionsGrid { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: PlayersView | None = None

    def show(self, view: PlayersView) -> None:
        """Display the decisions of this view."""
        self.view = view
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The lines of the form that fits under the max-height, so no blank line is left below a cut-down form."""
        if self.view is None:
            return 1
        limit = None
        if self.styles.max_height is not None:
            gutter = self.styles.gutter
            outer = Size(container.width + gutter.width, container.height + gutter.height)
            limit = max(int(self.styles.max_height.resolve(outer, viewport)) - gutter.height, 1)
        return decisions_height(self.view, width, limit)

    def render(self) -> Content:
        if self.view is None:
            return Content("")
        return decisions(self.view, self.size.width, self.size.height)
