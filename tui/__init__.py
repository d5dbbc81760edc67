"""whitecell's terminal UI: a Textual app that runs a live session for the white cell.

Screens hold layout and key bindings, widgets render; neither holds game rules. Every change
goes through the session (and so into the journal) as a command. The app is imported only when
it is used (`make_app`), so `whitecell --help` and the headless commands never load Textual.
"""

from __future__ import annotations

from typing import Any

from tui.launch import Launch

__all__ = ["Launch", "WhitecellApp", "make_app"]


def __getattr__(name: str) -> Any:
    if name in ("WhitecellApp", "make_app"):
        from tui import app

        return getattr(app, name)
    raise AttributeError(name)
