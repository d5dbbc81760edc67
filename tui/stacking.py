"""Screens under an opaque screen are not drawn: Textual is told that none of them shows.

Textual treats the screen directly under the top one as visible whatever the top one's
background (``App._background_screens`` always holds it), so it lays that screen out and
repaints the top screen over every change it makes. Under the adjudication summary, whose
background is opaque, the play screen's redraw after a resolution cost that summary several
repaints: r to the summary on screen went from about 160-225 to 77-82 ms of CPU (median,
tests/benchmark_resolve_screen.py's game, a loaded machine). A screen that shows through
(a dialog's translucent background) keeps what is under it visible, as Textual does.
"""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen


def opaque(screen: Screen[object]) -> bool:
    """Whether nothing under this screen shows through it (a dialog's translucent background does)."""
    return screen.styles.background.a == 1


class OpaqueStack(App[None]):
    """An app that lays out and paints only what shows: nothing under an opaque top screen."""

    @property
    def _background_screens(self) -> list[Screen[object]]:
        """The screens seen through the top one (Textual's own list), none when its background is opaque."""
        stack = self._screen_stack
        if stack and opaque(stack[-1]):
            return []
        screens: list[Screen[object]] = super()._background_screens
        return screens
