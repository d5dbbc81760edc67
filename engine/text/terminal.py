"""Text from a scenario, a journal, an events list or the network, neutralised before a terminal shows it.

Such text may hold any character: an escape sequence (CSI, OSC, a C1 control) could move the
cursor, clear the screen or retitle the window, and a bidirectional override could make a line
read differently from what it holds. Every character that is a control, format, private-use,
unassigned or line-separator character becomes U+FFFD here; the rest is kept as written. The
command line passes all it prints through `terminal_text` (and `json_safe` for JSON, which keeps
the data exact by writing such characters as ``\\u`` escapes); the terminal UI through
`printable` and `printable_lines` (and `tui.text` for Textual's markup).
"""

from __future__ import annotations

import json
import unicodedata

__all__ = ["REPLACEMENT", "json_safe", "printable", "printable_block", "printable_lines", "terminal_text"]

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _unsafe(char: str) -> bool:
    """Whether a character that `str.isprintable` refuses is one to replace (spaces such as U+00A0 are kept)."""
    return unicodedata.category(char) in _UNSAFE


def _clean(text: str, keep: str) -> str:
    if text.isprintable():  # the common case, at C speed
        return text
    return "".join(
        char if char.isprintable() or char in keep or not _unsafe(char) else (" " if char == "\t" else REPLACEMENT)
        for char in text
    )


def printable(text: str, limit: int | None = None) -> str:
    """One line safe for a terminal: no control, format or line-breaking character (a tab is a space), at most ``limit`` long."""
    cleaned = _clean(text, "")
    if limit is not None and len(cleaned) > limit:
        return cleaned[: max(0, limit - 1)] + "…"
    return cleaned


def printable_lines(text: str) -> str:
    """Several lines safe for a terminal: each line as `printable` makes it, the line breaks kept."""
    return "\n".join(printable(line) for line in text.splitlines())


def printable_block(text: str) -> str:
    """Text that may span lines, safe for a terminal: line breaks kept (``\\r\\n`` becomes one), tabs become spaces."""
    return _clean(text.replace("\r\n", "\n"), "\n")


def terminal_text(text: str) -> str:
    """A command's whole output safe for a terminal: every unsafe character replaced but tabs and line breaks.

    ``\\r\\n`` is a line break (CSV has them); a lone ``\\r`` could overwrite a line, so it is replaced.
    """
    return "\r\n".join(_clean(part, "\n\t") for part in text.split("\r\n"))


def _escaped(char: str) -> str:
    escaped: str = json.dumps(char, ensure_ascii=True)[1:-1]
    return escaped


def json_safe(text: str) -> str:
    """JSON text safe for a terminal and still the same data: an unsafe character inside a string becomes its ``\\u`` escape.

    JSON's own structure is printable ASCII and line breaks, so every unsafe character of ``text``
    is inside a string, where an escape means the same character to any JSON reader.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == "\n" or not _unsafe(char) else _escaped(char) for char in text)
