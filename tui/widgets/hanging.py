"""Lines with a hanging indent: a line too long for the width continues under its own text, indented.

The adjudication summary lists each variable's causes under it, indented; Textual's own wrapping
took a long cause's second line back to the box's edge, where it read as a line of its own. One
widget a line (padding as the indent) fixed that but cost more than the rest of the screen (303
against 178 ms of CPU to open it, tests/benchmark_resolve_screen.py). Here one widget lays out a
whole section for its width: its height is the number of laid-out lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len, chop_cells
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from engine.text.terminal import printable

__all__ = ["HANG", "HangingLines", "HangingText", "hang", "hang_content", "layout"]

HANG = 2
"""How much further a continued line is indented than its line's first."""


def _pieces(word: str, room: int) -> list[str]:
    """A word in pieces of at most ``room`` cells (itself when it fits; a piece holds at least one character)."""
    return [word] if cell_len(word) <= room else chop_cells(word, max(room, 1))


_WORD = re.compile(r"[^ ]+")

Placed = tuple[int, int, int]
"""One laid-out line: (spaces before it, start, end) of its text in the line it comes from."""


def layout(line: str, width: int | None, further: int = HANG) -> list[Placed]:
    """Where `hang` breaks ``line``: each laid-out line as its indent and the span of ``line`` it
    shows, so styled text (`hang_content`) breaks at the same places as plain text. A continued
    line is indented ``further`` than the first. Spaces between words on one laid-out line are
    kept as written; a break drops the spaces it falls on."""
    if width is None or cell_len(line) <= width:
        return [(0, 0, len(line))]
    indent = len(line) - len(line.lstrip(" "))
    first = min(indent, max(width - 1, 0))
    more = min(first + further, max(width - 1, 0))
    placed: list[Placed] = []
    pad, used = first, first  # the laid-out line being filled: its indent, the cells it holds
    start = end = -1  # the span of its text (start -1: it has no word yet)
    for match in _WORD.finditer(line, indent):
        word, at = match.group(), match.start()
        gap = 0 if start < 0 else at - end
        if used + gap + cell_len(word) <= width:
            start, end, used = (at if start < 0 else start), match.end(), used + gap + cell_len(word)
            continue
        for piece in _pieces(word, width - more):
            if start >= 0:
                placed.append((pad, start, end))
                pad, used = more, more
            start, end, used = at, at + len(piece), used + cell_len(piece)
            at = end
    placed.append((pad, start, end) if start >= 0 else (pad, indent, indent))
    return placed


def hang(line: str, width: int | None) -> list[str]:
    """``line`` (its leading spaces are its indent) in lines of at most ``width`` cells, each line
    after the first indented by `HANG` more; a word breaks only when it is wider than a
    continued line's room. Words are split at spaces only, so a no-break space holds. An indent
    wider than the width is cut to leave one cell for text. None: the width is not known yet, one line.
    """
    return [" " * pad + line[start:end] if (pad, start) != (0, 0) else line[:end] for pad, start, end in layout(line, width)]


def hang_content(content: Content, width: int | None) -> list[Content]:
    """Styled text laid out as `hang` lays out its plain text, each piece keeping its styles.

    A line break in the text starts a line under the first's continued lines, and the lines after
    it wrap at that indent too: a note of several paragraphs reads as one entry.
    """
    parts = content.split("\n", allow_blank=True) if "\n" in content.plain else [content]
    head = parts[0].plain
    under = " " * (len(head) - len(head.lstrip(" ")) + HANG)
    lines: list[Content] = []
    for number, part in enumerate(parts):
        line = Content(under) + part if number else part
        lines.extend(
            line[start:end] if (pad, start) == (0, 0) else Content(" " * pad) + line[start:end]
            for pad, start, end in layout(line.plain, width, 0 if number else HANG)
        )
    return lines


class HangingText(Widget):
    """Styled lines, each wrapped with a hanging indent for the widget's width (`hang_content`).

    The lines must already be safe for a terminal (`engine.text.terminal`): this lays them out,
    it does not clean them. A line laid out for the current width is kept until `update` drops
    it, so a log that grows by a few lines a turn lays out only those.
    """

    DEFAULT_CSS = "HangingText { height: auto; }"

    def __init__(self, lines: Sequence[Content] = (), *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[Content] = list(lines)
        self._width: int | None = None
        self._done: dict[int, tuple[Content, list[Content]]] = {}
        """Each line's layout at ``_width``, by the line's identity (Content's equality ignores styles)."""

    def update(self, lines: Sequence[Content]) -> None:
        """Show these lines instead."""
        self.lines = list(lines)
        done = self._done
        self._done = {id(line): done[id(line)] for line in self.lines if id(line) in done and done[id(line)][0] is line}
        self.refresh(layout=True)

    @property
    def plain(self) -> str:
        """The lines as plain text, unwrapped: what the widget says, whatever its width."""
        return "\n".join(line.plain for line in self.lines)

    def laid_out(self, width: int | None) -> list[Content]:
        """The lines for this width (asked for the height, then to render)."""
        if width != self._width:
            self._width, self._done = width, {}
        done = self._done
        for line in self.lines:
            if id(line) not in done:
                done[id(line)] = (line, hang_content(line, width))
        return [part for line in self.lines for part in done[id(line)][1]]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.laid_out(width or None))

    def render(self) -> RenderResult:
        return Content("\n").join(self.laid_out(self.content_size.width or None))


class HangingLines(HangingText):
    """Untrusted lines of plain text, each wrapped with a hanging indent for the widget's width."""

    DEFAULT_CSS = "HangingLines { height: auto; }"

    def __init__(self, lines: Sequence[str], *, classes: str | None = None) -> None:
        # made printable before laying out: a control character has no width
        super().__init__([Content(printable(line)) for line in lines], classes=classes)
