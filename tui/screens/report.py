"""The after-action report inside the app, and writing it next to the journal as Markdown or HTML.

The report is the one `whitecell report` writes (`engine.report`), shown through Textual's
Markdown widget. A file that exists already is replaced only after the facilitator says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from engine.report import ReportFormat, build_report, render, render_markdown
from engine.report.model import Report
from engine.session import Session
from tui.screens.dialogs import ConfirmScreen


def report_path(journal: Path, kind: ReportFormat) -> Path:
    """Where the report of a journal goes: next to it, ``NAME-report.md`` or ``NAME-report.html``."""
    return journal.with_name(journal.stem + "-report" + (".html" if kind == "html" else ".md"))


class ReportScreen(Screen[None]):
    """The report of a session, scrollable; m and w write it, q or Escape go back."""

    BINDINGS = [
        Binding("m", "write('markdown')", "Write .md"),
        Binding("w", "write('html')", "Write .html"),
        Binding("q", "back", "Back"),
        Binding("escape", "back", "Back", show=False),
    ]

    DEFAULT_CSS = """
    ReportScreen #report { height: 1fr; padding: 0 2; }
    """

    def __init__(self, session: Session, *, journal: Path | None, notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.report: Report = build_report(session, notices=notices)
        self.journal = journal

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report") as box:
            box.border_title = "After-action report"
            yield Markdown(render_markdown(self.report), id="markdown")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#report", VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_write(self, kind: ReportFormat) -> None:
        if self.journal is None:
            self.notify("This session has no journal to write the report next to.", severity="warning")
            return
        target = report_path(self.journal, kind)
        if target.exists():
            self.app.push_screen(
                ConfirmScreen(f"{target.name} exists. Replace it?", str(target)),
                lambda yes: self._write(target, kind) if yes else None,
            )
            return
        self._write(target, kind)

    def _write(self, target: Path, kind: ReportFormat) -> None:
        try:
            target.write_text(render(self.report, kind), encoding="utf-8")
        except OSError as error:
            self.notify(f"Cannot write {target}: {error.strerror or error}", title="Report", severity="error", timeout=15)
            return
        self.notify(f"Written to {target}", title="After-action report", timeout=10)
