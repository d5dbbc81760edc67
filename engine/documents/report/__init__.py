"""After-action reports: what a session's journal tells, as Markdown or as one HTML file.

`build_report(session)` computes a `Report` (a pure, typed model of the story of the commands
in effect); `render_markdown` and `render_html` write it. The same journal always gives the
same bytes: the only time in a report is the one the journal recorded when it was created.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Literal

from engine.documents.report.build import build_report
from engine.documents.report.html import render_html
from engine.documents.report.markdown import render_markdown
from engine.documents.report.model import Report

ReportFormat = Literal["markdown", "html"]

FORMATS: dict[str, ReportFormat] = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


class UnknownReportFormat(ValueError):
    """The file name does not say which format to write (a usage error for the CLI)."""


def report_format_for(path: str | PurePath) -> ReportFormat:
    """The format a report file's extension asks for: .md/.markdown or .html/.htm (any case)."""
    suffix = PurePath(path).suffix.lower()
    found = FORMATS.get(suffix)
    if found is None:
        raise UnknownReportFormat(
            f"cannot tell the report format from {str(path)!r}: name the file .md (Markdown) or .html (HTML)"
        )
    return found


def render(report: Report, format: ReportFormat) -> str:
    """The report in the given format."""
    return render_html(report) if format == "html" else render_markdown(report)


__all__ = [
    "FORMATS",
    "Report",
    "ReportFormat",
    "UnknownReportFormat",
    "build_report",
    "render",
    "render_html",
    "render_markdown",
    "report_format_for",
]
