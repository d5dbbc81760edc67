"""Notifications as plain text, in one place for the console.

They quote role names, turn labels, notes and journal messages, all from files; Textual reads a
notification's message as markup by default, so a name such as ``[/]`` would crash the console.
"""

from __future__ import annotations

from textual.app import App
from textual.notifications import SeverityLevel


class PlainNotifications(App[None]):
    """An app whose every notification, from any screen or widget, is shown as written."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show ``message`` plainly: ``markup`` is accepted, for Textual's callers, and ignored."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
