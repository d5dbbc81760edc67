"""Events lists as XLSX workbooks, through openpyxl (the optional ``whitecell[xlsx]`` extra).

Import picks the sheet (``--sheet``, else the first whose rows name the list's columns) and
reads cells as text the way a planner sees them: whole numbers without ``.0``, dates and times
as ISO text, which the time reader understands. Export writes the same columns as the CSV, every
cell through the same formula guard (`engine.msel.cells.guard`), so text never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from engine.load.diagnostics import ScenarioError
from engine.msel.columns import LOOKUP, normalise
from engine.msel.header import HEADER_SEARCH, Record, letter, problem
from engine.msel.options import ImportOptions

INSTALL = "pip install 'whitecell[xlsx]'"
MAX_ROWS = 100_000
MAX_COLUMNS = 200
"""A sheet past these is not an events list (and may be a file made to exhaust memory)."""
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
WIDE = 60
WIDE_COLUMNS = ("Description", "Expected Player Action", "Facilitator Notes", "Effects", "Trigger")
"""Columns of prose or notation, given room in an exported workbook."""


def _unreadable(label: str, message: str) -> ScenarioError:
    return ScenarioError([problem(label, 1, 1, "msel-unreadable", message)])


def _openpyxl(label: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise _unreadable(
            label, f"reading and writing .xlsx workbooks needs openpyxl: {INSTALL} (or save the sheet as CSV)"
        ) from None
    return openpyxl


def cell_text(value: object) -> str:
    """A workbook cell as text: whole numbers without a decimal point, dates and times as ISO text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def _names_columns(rows: Sequence[Record], options: ImportOptions) -> bool:
    """Whether a sheet's first rows hold a header: a row naming two of the list's columns (or the mapping's)."""
    wanted = {normalise(spec) for spec in options.columns.values()}
    for _, cells in rows[:HEADER_SEARCH]:
        if sum(1 for cell in cells if (name := normalise(cell)) and (name in LOOKUP or name in wanted)) >= 2:
            return True
    return False


def _records(sheet: Any, label: str) -> list[Record]:
    records: list[Record] = []
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # a workbook's own idea of its size may be wrong; read to the last row
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise _unreadable(label, f"the sheet {sheet.title!r} has over {MAX_ROWS:,} rows; an events list is smaller")
        cells = [cell_text(value) for value in values[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        records.append((number, cells))
    return records


def workbook_records(data: bytes, label: str, options: ImportOptions) -> list[Record]:
    """The rows of the workbook's events-list sheet, numbered as the spreadsheet shows them; raise ScenarioError."""
    openpyxl = _openpyxl(label)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _sheet_records(book, label, options)
        finally:
            book.close()
    except ScenarioError:
        raise
    except Exception as error:  # openpyxl parses untrusted XML in a zip and raises many kinds: each is "unreadable"
        message = f"not an XLSX workbook that can be read ({type(error).__name__}: {error})"
        raise _unreadable(label, f"{message}; save it from the spreadsheet as .xlsx or as CSV") from None


def _sheet_records(book: Any, label: str, options: ImportOptions) -> list[Record]:
    """The records of the sheet ``options`` names, else of the first that holds a header, else of the first."""
    names = list(book.sheetnames)
    if options.sheet is not None:
        chosen = [name for name in names if name.strip().lower() == options.sheet.strip().lower()]
        if not chosen:
            sheets = ", ".join(map(repr, names))
            raise _unreadable(label, f"the workbook has no sheet {options.sheet!r}; its sheets: {sheets}")
        return _records(book[chosen[0]], label)
    first: list[Record] | None = None
    for name in names:
        records = _records(book[name], label)
        if _names_columns(records, options):
            return records
        first = records if first is None else first
    return first or []


def workbook_bytes(
    header: Sequence[str], rows: Iterable[Sequence[str]], sheet: str = "MSEL", *, label: str = "the workbook"
) -> bytes:
    """An XLSX workbook of one sheet: the header, then the rows (cells already guarded), every cell as text.

    ``label`` names the file to be written in the message when openpyxl is missing."""
    openpyxl = _openpyxl(label)
    book = openpyxl.Workbook()
    worksheet = book.active
    worksheet.title = sheet
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
    for cells in worksheet.iter_rows():
        for cell in cells:
            cell.data_type = "s"
    worksheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        worksheet.column_dimensions[letter(index)].width = WIDE if name in WIDE_COLUMNS else max(12, len(name) + 2)
    fixed = dt.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = fixed
    buffer = io.BytesIO()
    book.save(buffer)
    return _same_every_time(buffer.getvalue())


def _same_every_time(data: bytes) -> bytes:
    """The workbook with its parts' dates fixed, so the same scenario gives the same bytes (zip stamps the time)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", part)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            target.writestr(fixed, part)
    return out.getvalue()
