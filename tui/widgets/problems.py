"""A panel under the play screen for what live reload has to say: a broken scenario, or commands skipped.

It takes only the room its lines need (up to a third of the screen, then it scrolls), so the
game above stays visible and usable while the author fixes the file.
"""

from __future__ import annotations

import attrs
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.text import plain, plain_lines


@attrs.frozen
class Notice:
    """What the panel shows: a title (the status), and one line per problem or skipped command."""

    title: str
    lines: tuple[str, ...]
    broken: bool
    """True while the scenario file does not load (shown as an error); False for a reload's report."""


class ProblemsPanel(VerticalScroll):
    """Hidden until there is a notice; the app's live reload decides what it says."""

    DEFAULT_CSS = """
    ProblemsPanel { height: auto; max-height: 33%; border: round $warning; padding: 0 1; display: none; }
    ProblemsPanel.shown { display: block; }
    ProblemsPanel.broken { border: round $error; }
    ProblemsPanel > Static { width: 1fr; }
    """

    notice: Notice | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="problems-text")

    def on_mount(self) -> None:
        live = getattr(self.app, "live_reload", None)
        self.show(live.notice if live is not None else None)

    def show(self, notice: Notice | None) -> None:
        """Show a notice, or hide the panel with None."""
        self.notice = notice
        self.set_class(notice is not None, "shown")
        self.set_class(notice is not None and notice.broken, "broken")
        if notice is None:
            return
        self.border_title = plain(notice.title)
        # Lines come from the scenario file (messages quote its values): shown as plain text, never markup.
        self.query_one("#problems-text", Static).update(plain_lines("\n".join(notice.lines)))
        self.scroll_home(animate=False)
