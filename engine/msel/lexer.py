"""Tokens of the events-list notation, and the quoting of text inside it.

Cells are typed by people in spreadsheets, so the lexer is small and strict: every character
is either part of a token or whitespace, and an unexpected one is reported with its position.
"""

from __future__ import annotations

import re

import attrs

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
OPERATORS = (">=", "<=", "==", "!=", ">", "<", "=", "+", "-", "(", ")", ",", ";", ":", ".", "|", "#", "*", "%")
ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}


class NotationError(Exception):
    """A cell that does not follow the notation; ``offset`` is the 0-based character where it goes wrong."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@attrs.frozen
class Token:
    """One token: its kind (``word``, ``number``, ``text``, ``end`` or the operator itself), value and offset."""

    kind: str
    value: str
    offset: int


def tokens(cell: str) -> list[Token]:
    """Split a cell into tokens, ending with an ``end`` token."""
    result: list[Token] = []
    index = 0
    while index < len(cell):
        char = cell[index]
        if char.isspace():
            index += 1
            continue
        if char == '"':
            text, index_after = _read_text(cell, index)
            result.append(Token("text", text, index))
            index = index_after
            continue
        for pattern, kind in ((WORD, "word"), (NUMBER, "number")):
            match = pattern.match(cell, index)
            if match:
                result.append(Token(kind, match.group(), index))
                index = match.end()
                break
        else:
            operator = next((op for op in OPERATORS if cell.startswith(op, index)), None)
            if operator is None:
                raise NotationError(f"unexpected character {char!r}", index)
            result.append(Token(operator, operator, index))
            index += len(operator)
    result.append(Token("end", "", len(cell)))
    return result


def _read_text(cell: str, start: int) -> tuple[str, int]:
    """Read a double-quoted text starting at ``start``; return it and the index after the closing quote."""
    parts: list[str] = []
    index = start + 1
    while index < len(cell):
        char = cell[index]
        if char == '"':
            return "".join(parts), index + 1
        if char != "\\":
            parts.append(char)
            index += 1
            continue
        code = cell[index + 1 : index + 2]
        if code in ESCAPES:
            parts.append(ESCAPES[code])
            index += 2
        elif code == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", cell[index + 2 : index + 6]):
            parts.append(chr(int(cell[index + 2 : index + 6], 16)))
            index += 6
        else:
            raise NotationError('unknown escape in quoted text (use \\" for a quote and \\\\ for a backslash)', index)
    raise NotationError("quoted text is not closed: add the closing double quote", start)


def quote(text: str) -> str:
    """Text in double quotes, with quotes, backslashes and control characters escaped so it reads back exactly."""
    parts = ['"']
    for char in text:
        if char in '"\\':
            parts.append("\\" + char)
        elif char == "\n":
            parts.append("\\n")
        elif char == "\r":
            parts.append("\\r")
        elif char == "\t":
            parts.append("\\t")
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or 0xD800 <= ord(char) < 0xE000:
            parts.append(f"\\u{ord(char):04x}")
        else:
            parts.append(char)
    parts.append('"')
    return "".join(parts)
