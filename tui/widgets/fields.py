"""Text fields whose cursor blinks only when the app wants it (never in tests and snapshots)."""

from __future__ import annotations

from textual.widgets import Input


class Field(Input):
    """An Input that follows the app's ``blink`` setting."""

    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "blink", True))
