"""Did you mean: the known name nearest to a mistyped one.

The core suggests names when it refuses a command and the loader when it rejects a reference;
both ask here so that a typo gets the same suggestion wherever it is made.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest"]


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like a mistyped name, if one is close enough to suggest."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None
