"""Read an events-list CSV as spreadsheets save it, into rows of cells keyed by column.

Excel, LibreOffice and Google Sheets differ: a byte-order mark or not, ``,`` or ``;`` between
cells (or a ``sep=;`` first line), CRLF line ends, quoted cells over several lines, blank rows,
columns in any order. Rows are numbered as the spreadsheet shows them (the header is row 1 when
it is the first), so a problem's ROW:COL is the cell to click.
"""

from __future__ import annotations

import csv
import difflib
import io

import attrs

from engine.load.diagnostics import Diagnostic, ScenarioError
from engine.load.loader import decode_text
from engine.msel.cells import unguard
from engine.msel.columns import COLUMNS, LOOKUP, Column, normalise

DELIMITERS = (",", ";", "\t")


@attrs.frozen
class Row:
    """One inject's row: its spreadsheet row number and its cells by column key (missing columns absent)."""

    number: int
    cells: dict[str, str]


@attrs.frozen
class Table:
    """The rows of an events list, where each known column is, and the problems found reading it."""

    label: str
    positions: dict[str, int]
    headers: dict[str, str]
    rows: tuple[Row, ...]
    diagnostics: tuple[Diagnostic, ...]

    def column_of(self, key: str) -> int:
        """The 1-based spreadsheet column of a column key (1 when the column is missing)."""
        return self.positions.get(key, 1)

    def header_of(self, key: str) -> str:
        """The header the file gives a column, or the one export writes when the column is missing."""
        return self.headers.get(key) or next(column.header for column in COLUMNS if column.key == key)


def problem(label: str, row: int, column: int, code: str, message: str, *, warning: bool = False) -> Diagnostic:
    """A diagnostic at a spreadsheet cell."""
    return Diagnostic(label, row, column, "", code, message, severity="warning" if warning else "error")


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter and the text without an Excel ``sep=`` line; otherwise the most common one in the first line."""
    first, _, rest = text.partition("\n")
    if first.lower().startswith("sep=") and len(first.rstrip("\r")) == 5:
        return first[4], rest
    line = next((candidate for candidate in text.splitlines() if candidate.strip()), "")
    counts = {delimiter: line.count(delimiter) for delimiter in DELIMITERS}
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter]), text


def read_table(data: bytes, label: str) -> Table:
    """Decode and split a CSV file; raise ScenarioError (code msel-unreadable) when it is not CSV text."""
    try:
        text = decode_text(data, label)
    except ScenarioError as error:
        raise ScenarioError([attrs.evolve(d, code="msel-unreadable") for d in error.diagnostics]) from None
    delimiter, body = _delimiter(text)
    skipped = 1 if body is not text else 0
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        for number, record in enumerate(reader, start=1 + skipped):
            records.append((number, record))
    except csv.Error as error:
        raise ScenarioError(
            [problem(label, reader.line_num + skipped, 1, "msel-unreadable", f"not a CSV table: {error}; save it as CSV again")]
        ) from None
    records = [(number, record) for number, record in records if any(cell.strip() for cell in record)]
    if not records:
        raise ScenarioError(
            [problem(label, 1, 1, "msel-unreadable", "the file has no header row; export an events list to see one")]
        )
    header_row, header = records[0]
    positions, diagnostics = _match_header(label, header_row, header, records[1:])
    rows = []
    for number, record in records[1:]:
        cells = {key: unguard(record[index - 1]) for key, index in positions.items() if index - 1 < len(record)}
        rows.append(Row(number, cells))
        for index in range(len(header), len(record)):
            if record[index].strip():
                diagnostics.append(
                    problem(
                        label, number, index + 1, "msel-unknown-column", "this cell has no header; it is ignored", warning=True
                    )
                )
                break
    headers = {key: header[index - 1].strip() for key, index in positions.items()}
    return Table(label, positions, headers, tuple(rows), tuple(diagnostics))


def _match_header(
    label: str, row: int, header: list[str], records: list[tuple[int, list[str]]]
) -> tuple[dict[str, int], list[Diagnostic]]:
    positions: dict[str, int] = {}
    diagnostics: list[Diagnostic] = []
    known = {normalise(column.header): column.header for column in COLUMNS}
    for index, name in enumerate(header, start=1):
        key = normalise(name)
        if not key:
            if any(index - 1 < len(record) and record[index - 1].strip() for _, record in records):
                diagnostics.append(
                    problem(label, row, index, "msel-unknown-column", "this column has no header; it is ignored", warning=True)
                )
            continue
        column: Column | None = LOOKUP.get(key)
        if column is None:
            guesses = difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)
            hint = f"; did you mean {known[guesses[0]]!r}?" if guesses else ""
            diagnostics.append(
                problem(
                    label, row, index, "msel-unknown-column", f"unknown column {name.strip()!r} is ignored{hint}", warning=True
                )
            )
        elif column.key in positions:
            diagnostics.append(
                problem(
                    label,
                    row,
                    index,
                    "msel-duplicate-column",
                    f"column {name.strip()!r} is the same as column {positions[column.key]} ({column.header!r}); keep one",
                )
            )
        else:
            positions[column.key] = index
    for column in COLUMNS:
        if column.required and column.key not in positions:
            diagnostics.append(
                problem(
                    label, row, 1, "msel-missing-column", f"the header has no {column.header!r} column; add it and fill it in"
                )
            )
    return positions, diagnostics
