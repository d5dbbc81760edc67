"""Inject ids for lists that have none, and the order of the list's own numbers.

Real events lists number their injects (``12``, ``1.1``, ``INJ-003``) and seldom give ids; an id
is made from the title (lower-case words joined by hyphens), the same title giving the same id
each time, made unique in list order with ``-2``, ``-3``. The list's number orders the injects by
the numbers in it and is kept in the notes when it is not the inject's place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_ID = 48
"""Ids made from titles stop at a word boundary before this length (the scenario allows 64)."""


def slug(text: str) -> str:
    """Text as an id's words: accents dropped, other characters between words as hyphens; may be empty."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(words) > MAX_ID:
        words = words[:MAX_ID].rsplit("-", 1)[0] if "-" in words[:MAX_ID] else words[:MAX_ID]
    return words


class IdMaker:
    """Makes ids from titles, unique among those already taken."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def make(self, title: str, number: int) -> str:
        """An id for an inject titled ``title`` (``inject-N`` from its row number when the title has no letters)."""
        stem = slug(title)
        if not stem or not stem[0].isalpha():
            stem = f"inject-{stem}" if stem else f"inject-{number}"
        candidate, count = stem, 1
        while candidate in self.taken:
            count += 1
            candidate = f"{stem}-{count}"
        self.taken.add(candidate)
        return candidate


def order_key(number: str) -> tuple[int, ...] | None:
    """How a list's own number sorts: the whole numbers in it (``1.10`` after ``1.9``); None when it has none."""
    parts = re.findall(r"[0-9]{1,9}", number)
    return tuple(int(part) for part in parts) if parts else None
