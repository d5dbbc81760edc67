"""The format version a file declares, and the forms only a later version has.

A file without ``format`` is format 1 and plays as it always has; the newer forms change what a
game does, so a file must say ``"format": 2`` to use them rather than have the engine guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.load.semantics.context import Check
from engine.load.semantics.reading import entries, sub_entries

FORMAT_2_KEYS: tuple[tuple[str, str], ...] = (("if", "a follow-up's if"),)
"""Keys of follow-ups that format 2 added, with their names in messages."""


def declared_format(document: Any) -> int:
    """The format a document says it is written in (1 when it says nothing or something malformed)."""
    value = document.get("format", 1) if isinstance(document, dict) else 1
    return value if isinstance(value, int) and not isinstance(value, bool) and value in (1, 2) else 1


def needs_format_2(check: Check, pointer: str, what: str) -> None:
    """Report a format 2 form (its key at the pointer) if the file does not declare format 2."""
    if declared_format(check.document) < 2:
        check.report(pointer, "needs-format-2", f'{what} needs format 2: add "format": 2 at the top of the file', key=True)


def format_forms(check: Check) -> None:
    """Report each format 2 form of the shocks' follow-ups in a file that does not declare format 2."""
    for pointer, what in _format_2_forms(check):
        needs_format_2(check, pointer, what)


def _format_2_forms(check: Check) -> Iterator[tuple[str, str]]:
    for pointer, shock in entries(check.document, "shocks"):
        for follow_pointer, follow in sub_entries(shock, pointer, "followUps"):
            for key, what in FORMAT_2_KEYS:
                if key in follow:
                    yield f"{follow_pointer}/{key}", what
