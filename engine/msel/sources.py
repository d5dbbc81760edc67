"""An events list from whatever file the planner has: CSV, an XLSX workbook, or a JSON list of injects.

Each becomes the same rows of cells (`engine.msel.header.Record`), so the header is found,
matched and mapped in one place whatever the file. A workbook format the import cannot read
says what to do instead (save it as CSV or XLSX), rather than "not UTF-8 text".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from engine.load.diagnostics import ScenarioError
from engine.msel.header import Record, problem
from engine.msel.options import ImportOptions
from engine.msel.table import Table, build_table, csv_records

OTHER_WORKBOOKS = (".xls", ".ods", ".numbers", ".xlsb", ".fods", ".wk1", ".123")
"""Spreadsheet files this import does not read."""
WORKBOOK_NAMES = (".xlsx", ".xlsm")
LIST_KEYS = ("injects", "events", "msel", "items", "rows", "cards", "entries", "data", "timeline")
"""Keys a JSON file is likely to keep its list of injects under, tried first."""
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def unreadable(label: str, message: str) -> ScenarioError:
    """A problem with the file as a whole (code msel-unreadable)."""
    return ScenarioError([problem(label, 1, 1, "msel-unreadable", message)])


def read_events(data: bytes, label: str, options: ImportOptions | None = None) -> Table:
    """The events list in ``data``, read by what its name (and its first bytes) say it is; raise ScenarioError."""
    options = options or ImportOptions()
    suffix = PurePath(label).suffix.lower()
    if suffix in OTHER_WORKBOOKS or data.startswith(OLE_MAGIC):
        kind = suffix or "this workbook"
        raise unreadable(label, f"{kind} workbooks cannot be read; save it as CSV or XLSX (Excel workbook) and import that")
    if suffix in WORKBOOK_NAMES or data.startswith(ZIP_MAGIC):
        from engine.msel.workbook import workbook_records

        return build_table(workbook_records(data, label, options), label, options)
    if suffix == ".json":
        return build_table(json_records(data, label, options), label, options)
    return build_table(csv_records(data, label), label, options)


def _cell(value: object) -> str:
    """A JSON value as a cell: text as is, yes/no, numbers as written, a list of plain values joined by '; '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list) and all(not isinstance(item, dict | list) for item in value):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, list) and value and all(isinstance(item, dict) and _first(item, LABEL_KEYS) for item in value):
        return "; ".join(_option(item) for item in value)
    return json.dumps(value, ensure_ascii=False)


LABEL_KEYS = ("label", "text", "option", "title", "name", "choice")
NEXT_KEYS = ("next", "goto", "go_to", "goTo", "leadsTo", "leads_to", "nextInject", "next_inject", "target")
"""The keys of a JSON decision option: its words, and the inject it leads to."""


def _first(item: dict[str, Any], keys: Sequence[str]) -> str:
    return next((_cell(item[key]) for key in keys if key in item and _cell(item[key]).strip()), "")


def _option(item: dict[str, Any]) -> str:
    """A JSON option object (``{"text": "Pay", "next": 2}``) as the options notation (``Pay -> 2``)."""
    label, target = _first(item, LABEL_KEYS), _first(item, NEXT_KEYS)
    return f"{label} -> {target}" if target else label


def _lists(value: object, depth: int = 0) -> list[tuple[str, list[Any]]]:
    """The lists of objects in a JSON document, by key path, nearest the top first."""
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return [("", value)]
    if not isinstance(value, dict) or depth > 2:
        return []
    found: list[tuple[str, list[Any]]] = []
    for key, item in value.items():
        found.extend((f"{key}.{path}".rstrip("."), items) for path, items in _lists(item, depth + 1))
    return found


def _choose(lists: Sequence[tuple[str, list[Any]]], label: str, wanted: str | None) -> list[Any]:
    if not lists:
        raise unreadable(label, "the JSON holds no list of injects (an array of objects, or an object with one under a key)")
    if wanted is not None:
        chosen = [items for path, items in lists if path.lower() == wanted.lower() or path.lower().endswith(f".{wanted.lower()}")]
        if not chosen:
            names = ", ".join(repr(path) for path, _ in lists)
            raise unreadable(label, f"the JSON has no list of injects under {wanted!r}; it has: {names}")
        return chosen[0]
    for key in LIST_KEYS:
        for path, items in lists:
            if path.rsplit(".", 1)[-1].lower() == key:
                return items
    return max(lists, key=lambda entry: len(entry[1]))[1]


def json_records(data: bytes, label: str, options: ImportOptions) -> list[Record]:
    """An array of inject objects (or one under a key, ``--sheet KEY`` choosing) as rows: the keys are row 1."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise unreadable(label, f"not a JSON list of injects: {error}") from None
    except RecursionError:
        raise unreadable(label, "not a JSON list of injects: it is nested too deeply") from None
    items = _choose(_lists(document), label, options.sheet)
    keys: dict[str, None] = {}
    for item in items:
        keys.update(dict.fromkeys(str(key) for key in item))
    header = list(keys)
    records: list[Record] = [(1, header)]
    for number, item in enumerate(items, start=2):
        records.append((number, [_cell(item.get(key)) for key in header]))
    return records
