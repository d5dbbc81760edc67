"""The after-action report inside the app, and writing it next to the journal as Markdown or HTML.

The report is the one `whitecell report` writes (`engine.documents.report`), shown through Textual's
Markdown widget. A file that exists already is replaced only after the facilitator says so, here
and on the end screen alike (both write through `write_report`), and the new file takes its place
whole: a link planted at that name is replaced, never written through.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from engine.audience.visibility import WHITE_CELL, Audience
from engine.documents.report import ReportFormat, build_report, render, render_markdown
from engine.documents.report.model import Report
from engine.journal.session import Session
from engine.journal.sidefiles import write_atomically
from tui.screens.dialogs import ConfirmScreen


def report_path(journal: Path, kind: ReportFormat) -> Path:
    """Where the report of a journal goes: next to it, ``NAME-report.md`` or ``NAME-report.html``."""
    return journal.with_name(journal.stem + "-report" + (".html" if kind == "html" else ".md"))


def write_report(app: App[Any], report: Report, journal: Path, kind: ReportFormat) -> None:
    """Write a report next to its journal, asking before replacing a file: the one way every screen writes it."""
    target = report_path(journal, kind)
    if target.exists():
        app.push_screen(
            ConfirmScreen(f"{target.name} exists. Replace it?", str(target)),
            lambda yes: _write(app, report, target, kind) if yes else None,
        )
        return
    _write(app, report, target, kind)


def _write(app: App[Any], report: Report, target: Path, kind: ReportFormat) -> None:
    try:
        write_atomically(target, render(report, kind).encode("utf-8"))  # whole or nothing, never through a link
    except OSError as error:
        app.notify(f"Cannot write {target}: {error.strerror or error}", title="Report", severity="error", timeout=15)
        return
    app.notify(f"Written to {target}", title="After-action report", timeout=10)


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

    def __init__(
        self, session: Session, *, journal: Path | None, notices: Sequence[str] = (), audience: Audience = WHITE_CELL
    ) -> None:
        super().__init__()
        self.report: Report = build_report(session, notices=notices, audience=audience)
        self.journal = journal
        self.audience = audience

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report") as box:
            box.border_title = "After-action report" + ("" if self.audience.is_white_cell else " (the room's edition)")
            yield Markdown(render_markdown(self.report), id="markdown")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#report", VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_write(self, kind: ReportFormat) -> None:
        if not self.audience.is_white_cell:
            self.notify(
                "This is the room's edition, shown while the room is watching; the file written next to the journal "
                "is the white cell's. Write the room's edition with: whitecell report JOURNAL --audience room",
                severity="warning",
                timeout=10,
            )
            return
        if self.journal is None:
            self.notify("This session has no journal to write the report next to.", severity="warning")
            return
        write_report(self.app, self.report, self.journal, kind)
