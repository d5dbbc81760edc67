"""Which column of an events list holds which field: the mapping first, then the names planners use.

A mapping (``--column title=Subject`` or a mapping file) names a header or a column letter; the
other headers are matched to the fields' common names. Nothing is routed to a field of another
meaning: ``Type`` is the category only when every cell is a category, and otherwise the delivery
method. A required field that no column holds is reported with the nearest headers present.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import attrs

from engine.load.diagnostics import Diagnostic
from engine.msel.cells import unguard
from engine.msel.columns import AMBIGUOUS_CATEGORY, COLUMNS, IMPORT_ONLY, LOOKUP, column, normalise
from engine.msel.options import ImportOptions
from engine.schema import scenario_schema

Record = tuple[int, list[str]]
"""A spreadsheet row: its number and its cells."""

HEADER_SEARCH = 20
"""How many rows from the top may hold the header (a workbook often starts with a title row)."""


def categories() -> tuple[str, ...]:
    """The shock categories the schema allows."""
    return tuple(scenario_schema()["$defs"]["shock"]["properties"]["category"]["enum"])


def problem(label: str, row: int, column: int, code: str, message: str, *, warning: bool = False) -> Diagnostic:
    """A diagnostic at a spreadsheet cell."""
    return Diagnostic(label, row, column, "", code, message, severity="warning" if warning else "error")


def letter_index(spec: str) -> int | None:
    """The 1-based column of a column letter (``A``, ``C``, ``AB``), or None when ``spec`` is not one."""
    if not re.fullmatch(r"[A-Za-z]{1,3}", spec.strip()):
        return None
    index = 0
    for char in spec.strip().upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index


def letter(index: int) -> str:
    """The column letter of a 1-based column."""
    text = ""
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def find_header(records: Sequence[Record], options: ImportOptions) -> int:
    """The position in ``records`` of the header row: the one given, else the first that names two known columns."""
    if options.header_row is not None:
        return next((i for i, (number, _) in enumerate(records) if number == options.header_row), -1)
    wanted = {normalise(spec) for spec in options.columns.values()}
    for position, (_, cells) in enumerate(records[:HEADER_SEARCH]):
        names = [normalise(cell) for cell in cells]
        if sum(1 for name in names if name and (name in LOOKUP or name in wanted)) >= 2:
            return position
    return 0


@attrs.frozen
class Layout:
    """Where each field is (1-based columns), the columns kept for the notes, and the problems met."""

    positions: dict[str, int]
    kept: tuple[tuple[int, str], ...]
    diagnostics: tuple[Diagnostic, ...]


def _is_categories(index: int, records: Sequence[Record], options: ImportOptions) -> bool:
    known = set(categories()) | set(options.categories)
    cells = [cells[index - 1].strip().lower() for _, cells in records if index - 1 < len(cells) and cells[index - 1].strip()]
    return all(cell in known for cell in cells)


def match_header(label: str, row: int, header: list[str], records: Sequence[Record], options: ImportOptions) -> Layout:
    """The layout of a header row, mapping first (by header name, then column letter), then common names."""
    positions: dict[str, int] = {}
    explicit: set[int] = set()
    diagnostics: list[Diagnostic] = []
    names = [normalise(unguard(name)) for name in header]
    for key, spec in options.columns.items():
        index = next((i for i, name in enumerate(names, start=1) if name and name == normalise(spec)), None)
        index = index or letter_index(spec)
        if index is None:
            near = difflib.get_close_matches(normalise(spec), [n for n in names if n], n=3, cutoff=0.5)
            shown = [header[names.index(n)].strip() for n in near]
            hint = f"; nearest: {', '.join(repr(h) for h in shown)}" if shown else ""
            diagnostics.append(problem(label, row, 1, "msel-bad-mapping", f"the mapping's {key} = {spec!r} is no header{hint}"))
            continue
        positions[key] = index
        explicit.add(index)
    kept: list[tuple[int, str]] = []
    for index, name in enumerate(header, start=1):
        if index in explicit:
            continue
        key = names[index - 1]
        if not key:
            if any(index - 1 < len(cells) and cells[index - 1].strip() for _, cells in records):
                diagnostics.append(
                    problem(label, row, index, "msel-unknown-column", "this column has no header; it is ignored", warning=True)
                )
            continue
        found = LOOKUP.get(key)
        ambiguous = found is not None and found.key == "category" and key in map(normalise, AMBIGUOUS_CATEGORY)
        if ambiguous and not _is_categories(index, records, options):
            found = column("method")
        if found is not None and found.key in positions and positions[found.key] in explicit:
            found = None
        if found is None:
            diagnostics.append(_unknown(label, row, index, name, keep=options.keeps_columns))
            if options.keeps_columns:
                kept.append((index, name.strip()))
        elif found.key in positions:
            first = positions[found.key]
            message = f"column {name.strip()!r} is the same as column {first} ({found.header!r}); keep one"
            diagnostics.append(problem(label, row, index, "msel-duplicate-column", message))
        else:
            positions[found.key] = index
    diagnostics.extend(_missing(label, row, header, positions, options))
    return Layout(positions, tuple(kept), tuple(diagnostics))


def _unknown(label: str, row: int, index: int, name: str, *, keep: bool) -> Diagnostic:
    known = {normalise(item.header): item.header for item in (*COLUMNS, *IMPORT_ONLY)}
    guesses = difflib.get_close_matches(normalise(name), list(known), n=1, cutoff=0.75)
    hint = f"; did you mean {known[guesses[0]]!r}?" if guesses else ""
    fate = "is kept in the facilitator notes" if keep else "is ignored (map it with --column, or --keep-columns keeps it)"
    return problem(label, row, index, "msel-unknown-column", f"unknown column {name.strip()!r} {fate}{hint}", warning=True)


def _missing(label: str, row: int, header: list[str], positions: dict[str, int], options: ImportOptions) -> list[Diagnostic]:
    """A diagnostic for each required field no column holds, naming the nearest free headers."""
    needed = ["title", "narrative"] + ([] if options.category else ["category"])
    found = []
    free = [name.strip() for index, name in enumerate(header, start=1) if name.strip() and index not in positions.values()]
    for key in needed:
        if key in positions:
            continue
        item = column(key)
        scores = {
            name: max(
                difflib.SequenceMatcher(None, normalise(name), normalise(alias)).ratio() for alias in (item.header, *item.aliases)
            )
            for name in free
        }
        near = sorted((name for name in free if scores[name] >= 0.6), key=lambda name: -scores[name])[:3]
        where = (
            f"nearest: {', '.join(map(repr, near))}" if near else f"headers not taken: {', '.join(map(repr, free[:6])) or 'none'}"
        )
        how = f"--column {key}=HEADER" + (" or --category CATEGORY" if key == "category" else "")
        message = f"the header has no {item.header!r} column ({where}); add it, or map one with {how}"
        found.append(problem(label, row, 1, "msel-missing-column", message))
    return found
