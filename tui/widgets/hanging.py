"""Lines with a hanging indent: a line too long for the width continues under its own text, indented.

The adjudication summary lists each variable's causes under it, indented; Textual's own wrapping
took a long cause's second line back to the box's edge, where it read as a line of its own. One
widget a line (padding as the indent) fixed that but cost more than the rest of the screen (303
against 178 ms of CPU to open it, tests/benchmark_resolve_screen.py). Here one widget lays out a
whole section for its width: its height is the number of laid-out lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, chop_cells
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from engine.text.terminal import printable

__all__ = ["HANG", "HangingLines", "hang", "hang_all"]

HANG = 2
"""How much further a continued line is indented than its line's first."""


def _pieces(word: str, room: int) -> list[str]:
    """A word in pieces of at most ``room`` cells (itself when it fits; a piece holds at least one character)."""
    return [word] if cell_len(word) <= room else chop_cells(word, max(room, 1))


def hang(line: str, width: int | None) -> list[str]:
    """``line`` (its leading spaces are its indent) in lines of at most ``width`` cells, each line
    after the first indented by `HANG` more; a word breaks only when it is wider than a
    continued line's room. Words are split at spaces only, so a no-break space holds. An indent
    wider than the width is cut to leave one cell for text. None: the width is not known yet, one line.
    """
    if width is None or cell_len(line) <= width:
        return [line]
    text = line.lstrip(" ")
    first = " " * min(len(line) - len(text), max(width - 1, 0))
    more = " " * min(len(first) + HANG, max(width - 1, 0))
    lines: list[str] = []
    current, used, empty = first, len(first), True  # the line being filled, its cells, whether it has a word yet
    for word in filter(None, text.split(" ")):
        gap = 0 if empty else 1
        if used + gap + cell_len(word) <= width:
            current, used, empty = current + " " * gap + word, used + gap + cell_len(word), False
            continue
        for piece in _pieces(word, width - len(more)):
            if not empty:
                lines.append(current)
                current, used = more, len(more)
            current, used, empty = current + piece, used + cell_len(piece), False
    lines.append(current)
    return lines


def hang_all(lines: Sequence[str], width: int | None) -> list[str]:
    """Every line laid out by `hang`, in order."""
    return [part for line in lines for part in hang(line, width)]


class HangingLines(Widget):
    """Untrusted lines of text, each wrapped with a hanging indent for the widget's width."""

    DEFAULT_CSS = "HangingLines { height: auto; }"

    def __init__(self, lines: Sequence[str], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.lines = [printable(line) for line in lines]  # before laying out: a control character has no width
        self._laid_out: tuple[int | None, list[str]] = (None, self.lines)

    def laid_out(self, width: int | None) -> list[str]:
        """The lines for this width (asked for the height, then to render: laid out once a width)."""
        if self._laid_out[0] != width:
            self._laid_out = (width, hang_all(self.lines, width))
        return self._laid_out[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.laid_out(width or None))

    def render(self) -> RenderResult:
        return Content("\n".join(self.laid_out(self.content_size.width or None)))
