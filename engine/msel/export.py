"""Write a scenario's shocks as an events list (CSV), one inject per row, every column in `COLUMNS`.

Every field of a shock lands in a column, in plain text or the notation, so that importing the
file into the same scenario gives back the same shocks (docs/events-list.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from engine.core.model import Scenario
from engine.msel import printer
from engine.msel.cells import guard
from engine.msel.columns import COLUMNS
from engine.msel.decisions import options_cell
from engine.msel.timing import timing_text


def _yes_no(value: object) -> str:
    return "" if value is None else ("yes" if value else "no")


def _audience(shock: Mapping[str, Any]) -> str:
    return ", ".join(shock["audience"]) if "audience" in shock else "all teams"


def shock_row(scenario: Scenario, serial: int, shock: Mapping[str, Any]) -> dict[str, str]:
    """The cells of one shock's row, by column key, as values (`export_csv` guards them as spreadsheet text)."""
    trigger: Mapping[str, Any] = shock.get("trigger", {})
    cells = {
        "serial": str(serial),
        "turn": timing_text(scenario.turns, trigger),
        "id": shock["id"],
        "title": shock["title"],
        "narrative": shock["narrative"],
        "category": shock["category"],
        "source": shock.get("source", ""),
        "audience": _audience(shock),
        "expectedResponse": shock.get("expectedResponse", ""),
        "expectedActions": printer.id_list(shock["expectedActions"]) if "expectedActions" in shock else "",
        "tests": printer.id_list(shock["tests"]) if "tests" in shock else "",
        "facilitatorNotes": shock.get("facilitatorNotes", ""),
        "when": printer.condition(trigger["when"]) if "when" in trigger else "",
        "chance": printer.number(trigger["chance"]) if "chance" in trigger else "",
        "guaranteed": _yes_no(trigger.get("guaranteed")),
        "duration": str(shock.get("duration", "")),
        "maxFires": str(shock.get("maxFires", "")),
        "enabled": _yes_no(shock.get("enabled")),
        "followUps": printer.follow_ups(shock["followUps"]) if "followUps" in shock else "",
        "options": options_cell(scenario.document, shock),
    }
    for key in ("effects", "ongoing", "onExpire"):
        cells[key] = printer.effects(shock[key]) if key in shock else ""
    return cells


def export_rows(scenario: Scenario) -> Iterator[list[str]]:
    """The rows of the events list, each cell guarded as spreadsheet text (`engine.msel.cells.guard`)."""
    for serial, shock in enumerate(scenario.document.get("shocks", []), start=1):
        cells = shock_row(scenario, serial, shock)
        yield [guard(cells[column.key]) for column in COLUMNS]


def export_csv(scenario: Scenario) -> str:
    """The scenario's events list as CSV text (comma-separated, CRLF line ends, as spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    writer.writerows(export_rows(scenario))
    return buffer.getvalue()


def export_xlsx(scenario: Scenario, label: str = "the workbook") -> bytes:
    """The scenario's events list as an XLSX workbook with the CSV's columns (needs the ``xlsx`` extra);
    ``label`` names the file to be written in a problem's message."""
    from engine.msel.workbook import workbook_bytes

    return workbook_bytes([column.header for column in COLUMNS], export_rows(scenario), label=label)
