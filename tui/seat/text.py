"""Text from the network made safe for a terminal, bounded, and in the shape a widget wants.

A seat renders strings a server sent; a hostile or broken server must not move the cursor,
retitle the window, clear the screen or reorder what is read (U+202E). `engine.text.terminal` is the
one place that makes such text printable; this adds what the seat's widgets need on top (one line
or several, a length). Textual's `Content` leaves markup alone, so nothing else is left to do.
Every string the seat's model reads passes through here once.
"""

from __future__ import annotations

from engine.text.terminal import printable, printable_lines

LONGEST = 20_000
"""The most characters one field keeps (a briefing is the longest text a team is sent)."""


def clean_block(text: str, longest: int = LONGEST) -> str:
    """Text that may span lines (a narrative, a briefing, a note): its line breaks kept."""
    cleaned = printable_lines(text[: longest + 1])
    return cleaned if len(cleaned) <= longest else cleaned[: longest - 1] + "…"


def clean_line(text: str, longest: int = 1_000) -> str:
    """Text for one line (a label, a title, a log line): every run of white space becomes one space."""
    return printable(" ".join(text[: 4 * longest].split()), longest)
