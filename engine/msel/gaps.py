"""Injects that would never fire by themselves, named by their rows, so a list without times is not a silent gap.

A shock fires by itself through its trigger, or when a follow-up, a ``schedule`` or an ``enable``
effect brings it. An events list with no turn column imports injects with none of these: the
scenario validates and plays, and nothing ever happens unless the facilitator injects each one.
Import warns, naming the rows, rather than let the room find out in the exercise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from engine.load.diagnostics import Diagnostic
from engine.msel.header import problem
from engine.msel.table import Table

SHOWN_ROWS = 10
"""How many row numbers a warning names before it says how many more."""


def _brought(value: object) -> Iterator[str]:
    """Every shock id that a follow-up, a ``schedule`` or an ``enable`` anywhere in ``value`` brings."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "followUps" and isinstance(item, list):
                yield from (str(entry.get("shock")) for entry in item if isinstance(entry, dict))
            elif key == "schedule" and isinstance(item, dict):
                yield str(item.get("shock"))
            elif key == "enable" and isinstance(item, str):
                yield item
            yield from _brought(item)
    elif isinstance(value, list):
        for item in value:
            yield from _brought(item)


def _never_fires(shock: Mapping[str, Any], brought: set[str]) -> bool:
    if shock["id"] in brought:
        return False
    return "trigger" not in shock or shock.get("enabled") is False


def _rows(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(number) for number in numbers[:SHOWN_ROWS])
    more = f" and {len(numbers) - SHOWN_ROWS} more" if len(numbers) > SHOWN_ROWS else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{more}"


def silent_injects(table: Table, document: Mapping[str, Any], added: Sequence[tuple[int, Mapping[str, Any]]]) -> list[Diagnostic]:
    """A warning naming the rows (``added``: row number and shock) whose injects never fire by themselves."""
    brought = set(_brought(document))
    silent = sorted(number for number, shock in added if _never_fires(shock, brought))
    if not silent:
        return []
    timed = any(key in table.positions for key in ("turn", "date", "time", "when"))
    one = len(silent) == 1
    if len(silent) == len(added):
        count = "its one inject" if one else f"all {len(added)} injects"
    else:
        count = f"{len(silent)} of {len(added)} injects"
    why = "the list has no turn column, so" if not timed else "with no turn, trigger or follow-up,"
    fix = "map the column that holds the time with --column turn=HEADER" if not timed else "give each a turn"
    verb = "never fires by itself" if one else "never fire by themselves"
    message = (
        f"{why} {count} ({_rows(silent)}) {verb}: only the facilitator can inject {'it' if one else 'them'}; "
        f"{fix}, or ignore this if the white cell injects {'it' if one else 'them'} by hand"
    )
    return [problem(table.label, silent[0], table.column_of("turn"), "msel-never-fires", message, warning=True)]
