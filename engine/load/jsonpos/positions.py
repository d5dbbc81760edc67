"""Where things are in a parsed JSON text: each value's and key's offset by JSON pointer, as line:column.

Offsets are only needed to report problems, so a document read by the fast path gets them
from the locating parser on first use, never before; and a check, which reports a few hundred
problems at most, asks only for theirs (`ParsedJson.prepare`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.load.jsonpos.locating import JsonProblem

STRING = re.compile(r'"(?:[^"\\\x00-\x1f]++|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*+"')
"""A whole JSON string token, quotes included. Possessive (the branches never overlap, so nothing is
lost): no backtracking stack, which for a long string took a hundred bytes of memory per character."""

Offsets = tuple[dict[str, int], dict[str, int], dict[str, int]]
"""Where each value starts, where each object key starts, and where each value ends; all by JSON pointer."""


class ParsedJson:
    """A parsed document with the offset of every value and object key, keyed by JSON pointer.

    Offsets are only needed to report problems, so when the fast parser read the text they
    are computed on first use by the locating parser.
    """

    def __init__(
        self, value: Any, text: str, offsets: Offsets | None = None, problems: tuple[JsonProblem, ...] = (), *, unkept: int = 0
    ) -> None:
        self.value = value
        self.text = text
        self.problems = problems
        self.unkept_problems = unkept
        """Problems (duplicate keys) found past those kept in ``problems``: counted, never put in words."""
        self._offsets = offsets
        self._some: Offsets = ({}, {}, {})
        self._prepared: set[str] = set()
        self._line_starts: tuple[int, ...] | None = None

    def prepare(self, pointers: Iterable[str]) -> None:
        """Find where these pointers (and their ancestors, which stand in for one not written) are, in one pass.

        Keeping every value's offset by pointer took more than ten times the file's size for a file of
        30,000 values, of which a check reports 200 at most: `span` then needs only these.
        """
        if self._offsets is not None:
            return
        wanted: set[str] = set()
        for pointer in pointers:
            probe = pointer
            while probe not in wanted and probe not in self._prepared:
                wanted.add(probe)
                if not probe:
                    break
                probe = probe.rsplit("/", 1)[0]
        if not wanted:
            return
        from engine.load.jsonpos.locating import locate_pointers

        for mine, found in zip(self._some, locate_pointers(self.text, frozenset(wanted)), strict=True):
            mine.update(found)
        self._prepared |= wanted

    def _offsets_for(self, pointer: str) -> Offsets:
        """The prepared offsets when they cover the pointer (its ancestors come with it), else every offset."""
        if self._offsets is None and pointer in self._prepared:
            return self._some
        return self._located()

    @property
    def value_offsets(self) -> dict[str, int]:
        """Offset of every value, by JSON pointer."""
        return self._located()[0]

    @property
    def key_offsets(self) -> dict[str, int]:
        """Offset of every object key, by the JSON pointer of its value."""
        return self._located()[1]

    @property
    def value_ends(self) -> dict[str, int]:
        """Offset just past the end of every value, by JSON pointer."""
        return self._located()[2]

    def _located(self) -> Offsets:
        if self._offsets is None:
            # imported only when needed: most documents are valid and never need their offsets
            from engine.load.jsonpos.locating import parse_locating

            self._offsets = parse_locating(self.text)._located()
        return self._offsets

    @property
    def line_starts(self) -> tuple[int, ...]:
        if self._line_starts is None:
            self._line_starts = line_starts_of(self.text)
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an offset."""
        return line_col(self.line_starts, offset)

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at a pointer (or its key), else of its nearest parent."""
        return self.line_col(self.offset_of(pointer, key=key))

    def offset_of(self, pointer: str, *, key: bool = False) -> int:
        """Offset of the value (or key) at a pointer, falling back to the closest ancestor."""
        return self.span(pointer, key=key)[0]

    def span(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Start and end offsets of the value (or key) at a pointer, else of its closest ancestor.

        Editors underline the whole offending value, so the end matters as much as the start.
        """
        values, keys, ends = self._offsets_for(pointer)
        if key and pointer in keys:
            start = keys[pointer]
            return start, self.string_end(start)
        probe = pointer
        while True:
            if probe in values:
                return values[probe], ends.get(probe, values[probe])
            if not probe:
                return 0, 0
            probe = probe.rsplit("/", 1)[0]

    def string_end(self, offset: int) -> int:
        """Offset just past the string token (e.g. a key) that starts at an offset."""
        token = STRING.match(self.text, offset)
        return token.end() if token else min(offset + 1, len(self.text))

    def locate_span(self, pointer: str, *, key: bool = False) -> tuple[int, int, int, int]:
        """Line and column where the value (or key) at a pointer starts, then where it ends."""
        start, end = self.span(pointer, key=key)
        return (*self.line_col(start), *self.line_col(end))


def line_starts_of(text: str) -> tuple[int, ...]:
    """Offsets at which each line of the text begins."""
    starts = [0]
    starts.extend(match.end() for match in re.finditer(r"\r\n|\r|\n", text))
    return tuple(starts)


def line_col(starts: tuple[int, ...], offset: int) -> tuple[int, int]:
    """1-based line and column of an offset given the line starts."""
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1
