"""What an import understood, row by row, before anything is written (``msel import --dry-run``).

A planner checks a mapping by reading it back: which header became which field, how each time
became a turn, who each recipient became, and what is kept in the notes or ignored. The dry run
runs the whole import (so it finds every problem the import would) and shows its reading, as
plain text or JSON. Text from the file is returned as is: the command prints it through the
terminal-safe output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from engine.core.model import Turns
from engine.load.diagnostics import Diagnostic
from engine.msel.columns import column
from engine.msel.decisions import OptionError, parse_options
from engine.msel.header import letter
from engine.msel.importer import Reading, time_text
from engine.msel.table import Row, Table
from engine.msel.timing import timing_text


def _columns(table: Table) -> list[dict[str, Any]]:
    """Each header with the field that took it, or whether it is kept in the notes or ignored."""
    fields = {index: key for key, index in table.positions.items()}
    found = []
    for index, header in enumerate(table.header, start=1):
        key = fields.get(index)
        kept = key == "method" if key is not None else index in table.kept
        fate = "notes" if kept else ("field" if key is not None else "ignored")
        found.append({"column": letter(index), "header": header.strip(), "field": key, "fate": fate})
    return found


def _row(table: Table, row: Row, shock: Mapping[str, Any], turns: Turns | None, problems: int) -> dict[str, Any]:
    trigger = shock.get("trigger", {})
    turn = timing_text(turns, trigger) if turns is not None else ""
    return {
        "row": row.number,
        "id": shock.get("id", ""),
        "title": shock.get("title", ""),
        "time": time_text(row),
        "turn": turn,
        "trigger": {key: trigger[key] for key in ("atTurn", "from", "to") if key in trigger},
        "recipients": row.cells.get("audience", "").strip(),
        "audience": shock.get("audience"),
        "category": shock.get("category", ""),
        "options": _options(row),
        "problems": problems,
    }


def _options(row: Row) -> list[dict[str, str | None]]:
    """The row's decision options as read (none when its cell cannot be read: the problem is reported)."""
    try:
        options = parse_options(row.cells.get("options", ""), row.cells.get("next", ""))
    except OptionError:
        return []
    return [{"label": option.label, "next": option.next} for option in options]


def dry_run(reading: Reading, diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """The reading of an import (finished or refused) as one JSON-ready object."""
    table = reading.table
    if table is None:
        return {"file": diagnostics[0].file if diagnostics else "", "headerRow": None, "columns": [], "rows": []}
    errors: dict[int, int] = {}
    for diagnostic in diagnostics:
        if diagnostic.severity == "error":
            errors[diagnostic.line] = errors.get(diagnostic.line, 0) + 1
    rows_by_number = {row.number: row for row in table.rows}
    rows = [
        _row(table, rows_by_number[number], shock, reading.turns, errors.get(number, 0))
        for number, shock in reading.rows
        if number in rows_by_number
    ]
    return {"file": table.label, "headerRow": table.header_row, "columns": _columns(table), "rows": rows}


def _fate(entry: Mapping[str, Any]) -> str:
    if entry["fate"] == "ignored":
        return "ignored"
    if entry["field"] is None:
        return "kept in the facilitator notes"
    name = column(entry["field"]).header
    return f"{name} (kept in the facilitator notes)" if entry["fate"] == "notes" else name


def _when(entry: Mapping[str, Any]) -> str:
    if entry["turn"]:
        turn, time = entry["turn"], entry["time"]
        if time and turn.endswith(f" ({time})"):
            turn = turn.removesuffix(f" ({time})")
        return f"{time!r} -> {turn}" if time and time != turn else turn
    if entry["time"]:
        return f"{entry['time']!r} is not read"
    return "no time"


def _who(entry: Mapping[str, Any]) -> str:
    audience = entry["audience"]
    roles = ", ".join(audience) if audience else "every team"
    if entry["recipients"] and entry["recipients"] != roles:
        return f"to {entry['recipients']!r}: {roles}"
    return f"to {roles}"


def dry_run_text(result: Mapping[str, Any]) -> str:
    """The reading as plain text: the columns, then one line per row."""
    if result["headerRow"] is None:
        return f"{result['file']}: no column names were read\n"
    lines = [f"{result['file']}: the column names are in row {result['headerRow']}"]
    width = max((len(entry["header"]) for entry in result["columns"]), default=0)
    for entry in result["columns"]:
        lines.append(f"  {entry['column']:>3} {entry['header']:<{width}}  -> {_fate(entry)}")
    if result["rows"]:
        lines.append("Rows:")
    for entry in result["rows"]:
        flag = f"  ({entry['problems']} problem{'s' if entry['problems'] != 1 else ''} below)" if entry["problems"] else ""
        choices = [option["label"] + (f" -> {option['next']}" if option["next"] else "") for option in entry["options"]]
        options = f"; options: {' | '.join(choices)}" if choices else ""
        lines.append(
            f"  row {entry['row']}: {entry['id'] or '(no id)'} {entry['title']!r}; {_when(entry)}; {_who(entry)}; "
            f"{entry['category'] or 'no category'}{options}{flag}"
        )
    return "\n".join(lines) + "\n"
