"""Messages the app sends its screens."""

from __future__ import annotations

from textual.message import Message


class SessionChanged(Message):
    """The session changed (a command was applied), or what the console shows of it did (choices
    hidden or shown again): every screen that draws the session redraws on it."""
