"""Did you mean, for names an events list defines by the thousand, in time that grows with the list.

Comparing every unknown name with every inject id made an import quadratic (21 s at 8,000 rows).
A small pool keeps the project's usual suggestion (`engine.core.spelling.closest` over all of it);
a large one is indexed by each name with one character deleted, so a lookup only compares the
names one edit or two away (a letter missed, added, changed or swapped), a bounded handful.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from engine.core.spelling import closest

SMALL = 64
"""Pools up to this size are searched whole, as everywhere else in the project."""

MAX_COMPARED = 32
"""At most this many indexed names are compared for one lookup (a bucket can be large only on purpose)."""


def _deletions(name: str) -> Iterator[str]:
    yield name
    for index in range(len(name)):
        yield name[:index] + name[index + 1 :]


class Nearest:
    """The known names of one kind, ready to suggest the nearest to a mistyped one."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        self.known = frozenset(self.names)
        self.index: dict[str, list[str]] | None = None
        if len(self.names) > SMALL:
            self.index = {}
            for name in self.names:
                for key in _deletions(name):
                    self.index.setdefault(key, []).append(name)

    def __contains__(self, name: object) -> bool:
        return name in self.known

    def __len__(self) -> int:
        return len(self.names)

    def suggest(self, name: str) -> str | None:
        """The known name most like ``name``, if one is close enough; None otherwise."""
        if self.index is None:
            return closest(name, self.names)
        found: list[str] = []
        for key in _deletions(name):
            for candidate in self.index.get(key, ()):
                if candidate not in found:
                    found.append(candidate)
                if len(found) >= MAX_COMPARED:
                    return closest(name, sorted(found))
        return closest(name, sorted(found))
