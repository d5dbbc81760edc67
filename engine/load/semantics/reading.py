"""Reading a raw scenario document that may be malformed, without ever failing on it.

The checks of meaning run even when the schema found problems, so an author sees every mistake
at once; each helper here skips or answers None for what is malformed, which the schema has
already reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class Entries:
    """The objects of a list with their pointers, skipping malformed entries; each pointer is made as it is read.

    Read again as often as a check needs: holding the pointers of a list of 30,000 entries at once took
    3.5 MB, more than the file they came from.
    """

    def __init__(self, items: Any, pointer: str) -> None:
        self._items: list[Any] = items if isinstance(items, list) else []
        self._pointer = pointer

    def __iter__(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        for index, item in enumerate(self._items):
            if isinstance(item, dict):
                yield f"{self._pointer}/{index}", item

    def __len__(self) -> int:
        return sum(isinstance(item, dict) for item in self._items)


def entries(document: Mapping[str, Any], name: str) -> Entries:
    """The objects of a top-level list with their pointers, skipping malformed entries."""
    return Entries(document.get(name), f"/{name}")


def sub_entries(parent: Mapping[str, Any], pointer: str, name: str) -> Entries:
    """The objects of a list inside an entry (a role's resources, a variable's bands...), with their pointers."""
    return Entries(parent.get(name), f"{pointer}/{name}")


def ident(value: Any) -> str | None:
    """A name to look up, or None when the value is not a string."""
    return value if isinstance(value, str) else None


_SANE = 10**12  # beyond every bound in the schema, which reports such numbers itself


def whole(value: Any) -> int | None:
    """A whole number the checks can reason about, or None (malformed, or absurdly large)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < _SANE:
        return int(value)
    if isinstance(value, int) and abs(value) < _SANE:
        return value
    return None


def is_number(value: Any) -> bool:
    """Whether a value is a JSON number (true and false are not, though Python counts them as ints)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
