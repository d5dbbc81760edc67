"""Read an events-list CSV as spreadsheets save it, into rows of cells keyed by column.

Excel, LibreOffice and Google Sheets differ: a byte-order mark or not, ``,`` or ``;`` between
cells (or a ``sep=;`` first line), CRLF line ends, quoted cells over several lines, blank rows,
columns in any order. Rows are numbered as the spreadsheet shows them (the header is row 1 when
it is the first), so a problem's ROW:COL is the cell to click.
"""

from __future__ import annotations

import csv
import io

import attrs

from engine.load.diagnostics import Diagnostic, ScenarioError
from engine.load.loader import decode_text
from engine.msel.cells import unguard
from engine.msel.columns import column
from engine.msel.header import Record, find_header, match_header, problem
from engine.msel.options import ImportOptions

__all__ = ["Row", "Table", "build_table", "csv_records", "problem", "read_table"]

DELIMITERS = (",", ";", "\t")


@attrs.frozen
class Row:
    """One inject's row: its spreadsheet row number, its cells by field key (missing columns absent), and kept cells."""

    number: int
    cells: dict[str, str]
    kept: tuple[tuple[str, str], ...] = ()
    """(header, cell) of each non-empty cell in a column no field takes, for the facilitator notes."""


@attrs.frozen
class Table:
    """The rows of an events list, where each known column is, and the problems found reading it."""

    label: str
    positions: dict[str, int]
    headers: dict[str, str]
    rows: tuple[Row, ...]
    diagnostics: tuple[Diagnostic, ...]
    header_row: int = 1
    """The spreadsheet row of the column names."""
    header: tuple[str, ...] = ()
    """The column names as the file gives them, in order."""
    kept: tuple[int, ...] = ()
    """The columns no field takes whose cells go into the facilitator notes."""

    def column_of(self, key: str) -> int:
        """The 1-based spreadsheet column of a field key (1 when the column is missing)."""
        return self.positions.get(key, 1)

    def header_of(self, key: str) -> str:
        """The header the file gives a column, or the one export writes when the column is missing."""
        return self.headers.get(key) or column(key).header


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter and the text without an Excel ``sep=`` line; otherwise the most common one in the first line."""
    first, _, rest = text.partition("\n")
    if first.lower().startswith("sep=") and len(first.rstrip("\r")) == 5:
        return first[4], rest
    line = next((candidate for candidate in text.splitlines() if candidate.strip()), "")
    counts = {delimiter: line.count(delimiter) for delimiter in DELIMITERS}
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter]), text


def csv_records(data: bytes, label: str) -> list[Record]:
    """The rows of a CSV file with their numbers; raise ScenarioError (code msel-unreadable) when it is not CSV text."""
    try:
        text = decode_text(data, label)
    except ScenarioError as error:
        raise ScenarioError([attrs.evolve(d, code="msel-unreadable") for d in error.diagnostics]) from None
    delimiter, body = _delimiter(text)
    skipped = 1 if body is not text else 0
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    records: list[Record] = []
    try:
        for number, record in enumerate(reader, start=1 + skipped):
            records.append((number, record))
    except csv.Error as error:
        raise ScenarioError(
            [problem(label, reader.line_num + skipped, 1, "msel-unreadable", f"not a CSV table: {error}; save it as CSV again")]
        ) from None
    return records


def read_table(data: bytes, label: str, options: ImportOptions | None = None) -> Table:
    """Decode and split a CSV file into a table; raise ScenarioError (code msel-unreadable) when it is not CSV text."""
    return build_table(csv_records(data, label), label, options or ImportOptions())


def build_table(all_records: list[Record], label: str, options: ImportOptions) -> Table:
    """The table of a sheet's rows (from CSV, a workbook or a JSON list): find the header, match it, key the cells."""
    records = [(number, record) for number, record in all_records if any(cell.strip() for cell in record)]
    if not records:
        raise ScenarioError(
            [problem(label, 1, 1, "msel-unreadable", "the file has no header row; export an events list to see one")]
        )
    start = find_header(records, options)
    if start < 0:
        message = f"row {options.header_row} is blank or past the end; the header row is the row of column names"
        raise ScenarioError([problem(label, 1, 1, "msel-unreadable", message)])
    header_row, header = records[start]
    layout = match_header(label, header_row, header, records[start + 1 :], options)
    diagnostics = list(layout.diagnostics)
    rows = []
    for number, record in records[start + 1 :]:
        cells = {key: unguard(record[index - 1]) for key, index in layout.positions.items() if index - 1 < len(record)}
        kept = tuple(
            (name, unguard(record[index - 1]).strip())
            for index, name in layout.kept
            if index - 1 < len(record) and record[index - 1].strip()
        )
        rows.append(Row(number, cells, kept))
        for index in range(len(header), len(record)):
            if record[index].strip():
                diagnostics.append(
                    problem(
                        label, number, index + 1, "msel-unknown-column", "this cell has no header; it is ignored", warning=True
                    )
                )
                break
    headers = {key: header[index - 1].strip() for key, index in layout.positions.items() if index - 1 < len(header)}
    kept_columns = tuple(index for index, _ in layout.kept)
    return Table(
        label,
        layout.positions,
        headers,
        tuple(rows),
        tuple(diagnostics),
        header_row,
        tuple(unguard(h) for h in header),
        kept_columns,
    )
