"""whitecell's terminal UI: a Textual app that runs a live session for the white cell.

Screens hold layout and key bindings, widgets render; neither holds game rules. Every change
goes through the session (and so into the journal) as a command. The app and `Launch` are imported
only when used, so `whitecell --help` and the headless commands load neither Textual nor the
engine's model at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.app import WhitecellApp, make_app
    from tui.launch import Launch

__all__ = ["Launch", "WhitecellApp", "make_app"]


def __getattr__(name: str) -> Any:
    """Import the app, or the engine behind `Launch`, only when asked: `tui.main` must start fast."""
    if name in ("WhitecellApp", "make_app"):
        from tui import app

        return getattr(app, name)
    if name == "Launch":
        from tui import launch

        return launch.Launch
    raise AttributeError(name)
