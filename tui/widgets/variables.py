"""Variables as labelled bars: value, band in its colour, change since last turn, a sparkline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from textual.content import Content
from textual.widget import Widget

from engine.audience.console import sparkline
from engine.core.model import Tone
from tui.widgets.styles import TONE_BAR, TONE_STYLE, change_mark, change_style, fit


class Bar(Protocol):
    """What a bar is drawn from: the console's `VariableView`, or what a team's seat saw of a variable."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def value(self) -> int: ...
    @property
    def min(self) -> int: ...
    @property
    def max(self) -> int: ...
    @property
    def unit(self) -> str: ...
    @property
    def reading(self) -> str: ...
    @property
    def band(self) -> str | None: ...
    @property
    def tone(self) -> Tone: ...
    @property
    def change(self) -> int: ...
    @property
    def polarity(self) -> str: ...
    @property
    def states(self) -> tuple[str, ...]: ...
    @property
    def fraction(self) -> float: ...
    @property
    def history(self) -> tuple[int, ...]: ...
    @property
    def facilitator_only(self) -> bool: ...


_CHANGE = 5
"""The cells a change usually takes on the first line, its space included ("   •0", "  ▲+3", " ▼−12")."""
_LEAST_TREND, _MOST_TREND = 3, 8
"""The sparkline always has room for its last 3 turns, and shows up to 8 where the label leaves room."""


class VariablesPanel(Widget):
    """Two lines per variable; facilitator-only ones are marked with ◆."""

    DEFAULT_CSS = """
    VariablesPanel { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: tuple[Bar, ...] = ()
        self.compact = False
        """One line per variable (narrow terminals) instead of two."""

    def show(self, views: Sequence[Bar]) -> None:
        """Display these variables."""
        self.views = tuple(views)
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(1, (1 if self.compact else 2) * len(self.views))

    def render(self) -> Content:
        width = max(self.size.width, 24)
        if self.compact:
            lines = [self._line(view, width) for view in self.views]
        else:
            lines = [line for view in self.views for line in self._lines(view, width)]
        return Content("\n").join(lines) if lines else Content("(no variables)")

    def _line(self, view: Bar, width: int) -> Content:
        """Label, a short bar in the band's colour, value and change, on one line."""
        change = change_mark(view.change, view.states)
        right = f" {view.reading:>4} {change:>4}"
        bar_width = 5
        room = width - len(right) - bar_width - 1
        label = fit(view.label + (" ◆" if view.facilitator_only else ""), room)
        filled = round(view.fraction * bar_width)
        return Content.assemble(
            (f"{label:<{room}} ", "bold"),
            ("█" * filled, TONE_BAR[view.tone]),
            ("░" * (bar_width - filled), "$text-muted"),
            (f" {view.reading:>4}", TONE_STYLE[view.tone]),
            (f" {change:>4}", change_style(view.change, view.polarity)),
        )

    def _lines(self, view: Bar, width: int) -> list[Content]:
        """The label, change and trend, then the bar. The label's room does not depend on the history
        (a label cut in month 1 is cut the same in month 12): the trend takes what the label leaves."""
        change = f" {change_mark(view.change, view.states):>4}"
        label = fit(view.label + (" ◆" if view.facilitator_only else ""), width - _CHANGE - _LEAST_TREND - 1)
        turns = max(0, min(_MOST_TREND, width - len(label) - len(change) - 1))
        trend = sparkline(view.history[-turns:], view.min, view.max) if turns else ""
        first = Content.assemble(
            (label, "bold"),
            " " * max(0, width - len(label) - len(change) - 1 - len(trend)),
            (change, change_style(view.change, view.polarity)),
            (f" {trend}", "$accent"),
        )
        value = f" {view.reading}"
        band = f" {view.band}" if view.band and view.band != view.reading else ""  # a named state is its own band
        bar_width = max(width - len(value) - len(band), 6)
        filled = round(view.fraction * bar_width)
        second = Content.assemble(
            ("█" * filled, TONE_BAR[view.tone]),
            ("░" * (bar_width - filled), "$text-muted"),
            (value, "bold"),
            (band, TONE_STYLE[view.tone]),
        )
        return [first, second]
