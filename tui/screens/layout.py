"""What the play and replay screens share: packing themselves into one column on a narrow terminal."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from tui.widgets.variables import VariablesPanel

NARROW = 110
"""Below this width a screen's panels stack in one scrolling column and the variables take one line each."""


def fit_width(screen: Screen[Any], width: int) -> None:
    """Mark the screen narrow (for its CSS) below `NARROW` columns, and switch its variables to compact bars."""
    narrow = width < NARROW
    screen.set_class(narrow, "narrow")
    panel = screen.query_one(VariablesPanel)
    if panel.compact != narrow:
        panel.compact = narrow
        panel.refresh(layout=True)
