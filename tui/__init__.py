"""whitecell's terminal UI: a Textual app that runs a live session for the white cell.

Screens hold layout and key bindings, widgets render; neither holds game rules. Every change
goes through the session (and so into the journal) as a command.
"""

from tui.app import WhitecellApp, make_app
from tui.launch import Launch

__all__ = ["Launch", "WhitecellApp", "make_app"]
