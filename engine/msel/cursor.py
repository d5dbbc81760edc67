"""The cursor the notation's parsers read a cell with: its tokens, the position, and how deep it is nested.

Cells come from untrusted spreadsheets, so the cursor bounds what one cell may cost (nesting,
digits, the length of a chance) and every mistake is a `NotationError` at the character where
it was found, naming what was expected there.
"""

from __future__ import annotations

import contextlib
import decimal
from collections.abc import Iterator

from engine.msel.lexer import NotationError, Token, tokens

MAX_DIGITS = 15
"""Longer whole numbers are refused here; the scenario's own bounds (a billion) are checked by the loader."""
MAX_CHANCE_CHARS = 40
MAX_DEPTH = 40
"""How deeply conditions and effect lists may nest in one cell; far beyond any real trigger."""


class Cursor:
    """Tokens of one cell and the position being read."""

    def __init__(self, cell: str) -> None:
        self.items = tokens(cell)
        self.index = 0
        self.depth = 0

    @contextlib.contextmanager
    def nested(self) -> Iterator[None]:
        """One more level of nesting while inside; cells nested beyond `MAX_DEPTH` are refused."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise NotationError(f"nested more than {MAX_DEPTH} levels deep; split it into simpler parts", self.token.offset)
        try:
            yield
        finally:
            self.depth -= 1

    @property
    def token(self) -> Token:
        return self.items[self.index]

    def peek(self, ahead: int = 1) -> Token:
        return self.items[min(self.index + ahead, len(self.items) - 1)]

    def take(self) -> Token:
        token = self.token
        self.index = min(self.index + 1, len(self.items) - 1)
        return token

    def is_word(self, *words: str) -> bool:
        return self.token.kind == "word" and self.token.value in words

    def fail(self, expected: str) -> NotationError:
        token = self.token
        found = "the end of the cell" if token.kind == "end" else repr(token.value)
        return NotationError(f"expected {expected}, found {found}", token.offset)

    def expect(self, kind: str, expected: str) -> Token:
        if self.token.kind != kind:
            raise self.fail(expected)
        return self.take()

    def expect_word(self, word: str) -> None:
        if not self.is_word(word):
            raise self.fail(f"'{word}'")
        self.take()

    def name(self, what: str) -> str:
        """An id: lower-case words joined by hyphens."""
        token = self.expect("word", what)
        if token.value != token.value.lower():
            raise NotationError(f"ids are lower case: write {token.value.lower()!r}", token.offset)
        return token.value

    def integer(self, what: str) -> int:
        """A whole number with an optional sign."""
        sign = -1 if self.token.kind == "-" else 1
        if self.token.kind in "+-" and self.peek().kind == "number":
            self.take()
        token = self.expect("number", what)
        if not token.value.isdigit():
            raise NotationError(f"expected a whole number, found {token.value!r}", token.offset)
        if len(token.value) > MAX_DIGITS:
            raise NotationError(f"{token.value[:20]}... is too large a number", token.offset)
        return sign * int(token.value)

    def finish(self) -> None:
        if self.token.kind != "end":
            raise self.fail("the end of the cell (or ';' before another item)" if self.token.kind != ")" else "no ')' here")


def probability(cursor: Cursor) -> int | float:
    """A chance: ``0.3``, ``1``, ``1e-05`` or ``30%``; whole numbers stay whole so they print back the same."""
    token = cursor.expect("number", "a chance such as 0.3 or 30%")
    too_large = NotationError(f"a chance is from 0 to 1 (or 0% to 100%), found {token.value[:20]}", token.offset)
    if len(token.value) > MAX_CHANCE_CHARS:
        raise too_large
    try:
        if cursor.token.kind == "%":
            cursor.take()
            value: int | float = float(decimal.Decimal(token.value) / 100)
        elif token.value.isdigit():
            value = int(token.value)
        else:
            value = float(token.value)
    except ArithmeticError:
        raise too_large from None
    if not 0 <= value <= 1:
        raise NotationError(f"a chance is from 0 to 1 (or 0% to 100%), found {token.value}", token.offset)
    return value
