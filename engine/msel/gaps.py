"""What an import would otherwise drop without a word: injects that never fire, and words in a Turn cell it does not read.

A shock fires by itself through its trigger, or when a follow-up, a ``schedule`` or an ``enable``
effect brings it. An events list with no turn column imports injects with none of these: the
scenario validates and plays, and nothing ever happens unless the facilitator injects each one.
Import warns, naming the rows, rather than let the room find out in the exercise. Likewise a
Turn cell such as ``3 (only if the talks fail)``: the turn is read and the words in brackets are
not, which is right for the calendar names export writes there and a surprise for anything else.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from engine.core.model import Turns
from engine.load.diagnostics import Diagnostic
from engine.msel.header import problem
from engine.msel.table import Table
from engine.msel.timing import timing_text

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


def unread_words(table: Table, triggers: Mapping[int, Mapping[str, int]], turns: Turns) -> list[Diagnostic]:
    """A warning naming the rows whose Turn cell has words in brackets other than the turn's own name."""
    found: list[tuple[int, str, str]] = []
    for row in table.rows:
        cell = row.cells.get("turn", "")
        if "(" not in cell or row.number not in triggers:
            continue
        expected = timing_text(turns, triggers[row.number])
        if " ".join(cell.split()).lower() != " ".join(expected.split()).lower():
            found.append((row.number, " ".join(cell[cell.index("(") :].split()), expected))
    if not found:
        return []
    number, words, expected = found[0]
    where = f"row {number}" if len(found) == 1 else f"{_rows([n for n, _, _ in found])}; in row {number}"
    message = (
        f"words in brackets in the Turn column are not read ({where}: {words!r}; the turn is {expected}): "
        "a condition goes in the Trigger column, a remark in the notes"
    )
    return [problem(table.label, number, table.column_of("turn"), "msel-words-not-read", message, warning=True)]
