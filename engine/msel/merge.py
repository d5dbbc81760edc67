"""Rows that differ only in their recipient, as lists with one row per recipient write them, made one inject.

Some events lists repeat an inject once for each team it goes to. Read as they are, the rows
would be several injects with the same title (or the same id); they are one inject with an
audience, so import merges them into the first and says which rows it merged.
"""

from __future__ import annotations

from collections.abc import Hashable

import attrs

from engine.load.diagnostics import Diagnostic
from engine.msel.header import problem
from engine.msel.table import Row, Table

IGNORED = ("audience", "serial")
"""Cells that may differ between rows of one inject: its recipient, and the list's number for each row."""


def _key(row: Row) -> Hashable:
    return (tuple(sorted((k, v.strip()) for k, v in row.cells.items() if k not in IGNORED)), row.kept)


def merge_recipient_rows(table: Table) -> Table:
    """The table with each group of rows that differ only in their recipient as one row addressed to them all."""
    if "audience" not in table.positions:
        return table
    groups: dict[Hashable, list[Row]] = {}
    rows: list[Row] = []
    for row in table.rows:
        recipient = row.cells.get("audience", "").strip()
        group = groups.setdefault(_key(row), [])
        if recipient and group and all(other.cells.get("audience", "").strip() != recipient for other in group):
            group.append(row)
            continue
        if recipient and not group:
            group.append(row)
        rows.append(row)
    merged = [group for group in groups.values() if len(group) > 1]
    if not merged:
        return table
    diagnostics: list[Diagnostic] = list(table.diagnostics)
    for group in merged:
        first = group[0]
        names = [row.cells["audience"].strip() for row in group]
        first.cells["audience"] = ", ".join(names)
        numbers = ", ".join(str(row.number) for row in group[:-1]) + f" and {group[-1].number}"
        message = f"rows {numbers} differ only in their recipient: one inject addressed to {', '.join(names)}"
        diagnostics.append(
            problem(table.label, first.number, table.column_of("audience"), "msel-merged-rows", message, warning=True)
        )
    return attrs.evolve(table, rows=tuple(rows), diagnostics=tuple(diagnostics))
