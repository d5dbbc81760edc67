"""Free-form moves: limits written for moves the scenario switches off are a sign of a slip.

The schema holds each limit to its range; what it cannot see is a file that sets limits and
`"allowed": false` together, where the author meant one or the other.
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.load.semantics.context import Check

LIMITS = ("perTeamPerTurn", "largestEffect")


def free_moves(check: Check) -> None:
    """Warn about each limit of free-form moves in a scenario that does not allow them."""
    section = check.document.get("freeMoves")
    if not isinstance(section, Mapping) or section.get("allowed") is not False:
        return
    for key in LIMITS:
        if key in section:
            check.warn(
                f"/freeMoves/{key}",
                "free-moves-limits-unused",
                f"{key} never applies: free-form moves are switched off (allowed is false)",
            )
