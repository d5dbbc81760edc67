"""Text from a scenario or from the network, made safe to print on a terminal.

A scenario file, a journal or a seat's message may hold any character: an escape sequence could
move the cursor, recolour the screen or retitle the window, and a bidirectional override could
make a line read differently from what it holds. Everything such text passes through here before
it reaches a terminal: control and format characters (and unassigned or private ones) become
U+FFFD, and a line can be cut to a length.
"""

from __future__ import annotations

import unicodedata

__all__ = ["REPLACEMENT", "printable", "printable_lines"]

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
_UNSAFE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _safe(char: str) -> str:
    if char == "\t":
        return " "
    return REPLACEMENT if unicodedata.category(char) in _UNSAFE else char


def printable(text: str, limit: int | None = None) -> str:
    """One line of text safe for a terminal: no control, format or line-breaking character; at most ``limit`` characters."""
    cleaned = "".join(char if char.isprintable() and char != "\u2028" else _safe(char) for char in text)
    if limit is not None and len(cleaned) > limit:
        return cleaned[: max(0, limit - 1)] + "…"
    return cleaned


def printable_lines(text: str) -> str:
    """Several lines of text safe for a terminal: each line as `printable` makes it, the line breaks kept."""
    return "\n".join(printable(line) for line in text.splitlines())
