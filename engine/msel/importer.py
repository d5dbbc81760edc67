"""Turn an events list's rows into shocks and put them into a scenario that validates.

The imported injects replace the base scenario's shocks: the events list is the whole list of
shocks, in the order of its Serial column. Every bad cell is reported at its row and column
(all of them at once), and the result goes through the scenario loader before anything is
written, so an import never produces a file `whitecell validate` would reject.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from engine.core.model import Scenario, Turns
from engine.load.diagnostics import Diagnostic, InputError, ScenarioError, closest
from engine.load.loader import load_scenario_text
from engine.msel import parser
from engine.msel.decisions import add_decisions
from engine.msel.effect_parser import parse_effects
from engine.msel.gaps import silent_injects, unread_words
from engine.msel.header import categories
from engine.msel.ids import IdMaker, order_key
from engine.msel.lexer import NotationError
from engine.msel.merge import merge_recipient_rows
from engine.msel.names import Names, Reference, condition_references, effect_references, unknown
from engine.msel.options import ImportOptions
from engine.msel.recipients import RecipientError, Recipients, read_recipients
from engine.msel.table import Row, Table, problem
from engine.msel.turnplan import TurnPlan, plan_turns
from engine.prose.turns import turn_name
from engine.schema import scenario_schema

ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")
TEXT_KEYS = ("source", "expectedResponse", "facilitatorNotes")
EFFECT_KEYS = ("effects", "ongoing", "onExpire")
T = TypeVar("T")


class CellError(Exception):
    """A cell that cannot be read; ``code`` is one of `engine.msel.codes.CODES`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@attrs.define
class Reading:
    """What an import made of each row, filled in as it goes, for a dry run to show even when the import fails."""

    table: Table | None = None
    rows: list[tuple[int, dict[str, Any]]] = attrs.field(factory=list)
    turns: Turns | None = None


@attrs.frozen
class Imported:
    """A checked scenario made from an events list, its JSON text to write, and the warnings met."""

    scenario: Scenario
    text: str
    warnings: tuple[Diagnostic, ...]


def _max_shocks() -> int:
    """How many shocks the schema lets a scenario hold."""
    cap: int = scenario_schema()["properties"]["shocks"]["maxItems"]
    return cap


TIME_KEYS = ("turn", "date", "time")


def time_text(row: Row) -> str:
    """The row's time as one text: its Turn cell, or its Date and Time cells read together."""
    return " ".join(row.cells.get(key, "").strip() for key in TIME_KEYS if row.cells.get(key, "").strip())


def _notation(function: Callable[[str], T], cell: str) -> T:
    try:
        return function(cell)
    except NotationError as error:
        near = cell[error.offset : error.offset + 20].strip()
        where = f" at character {error.offset + 1}" + (f" (near {near!r})" if near else " (the end)")
        raise CellError("msel-bad-notation", f"{error.message}{where}") from None


def _turns_named(turns: Turns, names: Sequence[str]) -> dict[str, Any]:
    """The scenario's turns with the list's times as the first turns' names; the base's later turns keep theirs."""
    count = max(len(names), turns.count)
    rest = [turn_name(turns, number) for number in range(len(names) + 1, count + 1)]
    return {"count": count, "label": turns.label, "names": [*names, *rest]}


def _turns(document: Mapping[str, Any]) -> Turns:
    turns = document.get("turns", {})
    return Turns(
        count=turns.get("count", 1),
        label=turns.get("label", "Turn"),
        start=turns.get("start"),
        step=turns.get("step"),
        names=tuple(turns.get("names", ())),
    )


class _RowReader:
    """Reads one row's cells into a shock, collecting a diagnostic for each bad cell."""

    def __init__(
        self,
        table: Table,
        row: Row,
        names: Names,
        plan: TurnPlan,
        *,
        diagnostics: list[Diagnostic],
        options: ImportOptions,
        recipients: Recipients,
    ) -> None:
        self.table, self.row, self.names, self.diagnostics = table, row, names, diagnostics
        self.options, self.plan, self.recipients = options, plan, recipients

    def cell(self, key: str) -> str:
        return self.row.cells.get(key, "")

    def report(self, key: str, code: str, message: str) -> None:
        column = f'column "{self.table.header_of(key)}": '
        self.diagnostics.append(problem(self.table.label, self.row.number, self.table.column_of(key), code, column + message))

    def read(self, key: str, reader: Callable[[str], T]) -> T | None:
        """The cell read by ``reader``, or None when it is blank or bad (bad cells are reported)."""
        text = self.cell(key)
        if not text.strip():
            return None
        try:
            return reader(text)
        except CellError as error:
            self.report(key, error.code, error.message)
            return None

    def check(self, key: str, references: Sequence[Reference]) -> None:
        for reference in references:
            message = unknown(self.names, reference)
            if message is not None:
                self.report(key, "msel-unknown-name", message)

    def shock(self) -> dict[str, Any]:
        shock: dict[str, Any] = {}
        required = ("title", "narrative") if self.options.category else ("title", "category", "narrative")
        for key in required:
            if key in self.table.positions and not self.cell(key).strip():
                self.report(key, "msel-empty-cell", "this cell is empty; every inject needs one")
        shock["id"] = self.cell("id").strip()
        shock["title"] = self.cell("title")
        shock["category"] = self.read("category", self._category) or self.options.category or ""
        shock["narrative"] = self.cell("narrative")
        if self.cell("source"):
            shock["source"] = self.cell("source")
        audience = self.read("audience", self._audience)
        if audience:
            shock["audience"] = audience
        trigger = self._trigger()
        if trigger:
            shock["trigger"] = trigger
        for key, reader in (("enabled", _yes_no), ("maxFires", _count), ("duration", _count)):
            value = self.read(key, reader)
            if value is not None:
                shock[key] = value
        for key in EFFECT_KEYS:
            effects = self.read(key, lambda cell: _notation(parse_effects, cell))
            if effects is not None:
                self.check(key, list(effect_references(effects)))
                shock[key] = effects
        follow_ups = self.read("followUps", lambda cell: _notation(parser.parse_follow_ups, cell))
        if follow_ups is not None:
            self.check("followUps", [("shock", item["shock"], "") for item in follow_ups])
            self.check("followUps", [ref for item in follow_ups if "if" in item for ref in condition_references(item["if"])])
            shock["followUps"] = follow_ups
        expected = self.read("expectedActions", lambda cell: _notation(parser.parse_id_list, cell))
        if expected is not None:
            self.check("expectedActions", [("action", name, "") for name in expected])
            shock["expectedActions"] = expected
        tested = self.read("tests", lambda cell: _notation(parser.parse_id_list, cell))
        if tested is not None:
            self.check("tests", [("exercise objective", name, "") for name in tested])
            shock["tests"] = tested
        if self.cell("expectedResponse"):
            shock["expectedResponse"] = self.cell("expectedResponse")
        notes = self.notes()
        if notes:
            shock["facilitatorNotes"] = notes
        return shock

    def notes(self) -> str:
        """The notes cell, then the cells of columns no field takes (and the delivery method), one per line."""
        lines = [self.cell("facilitatorNotes")] if self.cell("facilitatorNotes") else []
        if self.cell("method").strip():
            lines.append(f"{self.table.header_of('method')}: {self.cell('method').strip()}")
        lines.extend(f"{header}: {cell}" for header, cell in self.row.kept)
        return "\n".join(lines)

    def _category(self, cell: str) -> str:
        value = cell.strip().lower()
        return _category(self.options.categories.get(value, value))

    def _trigger(self) -> dict[str, Any]:
        trigger: dict[str, Any] = {}
        timing = self._when()
        trigger.update(timing or {})
        when = self.read("when", lambda cell: _notation(parser.parse_condition, cell))
        if when is not None:
            self.check("when", list(condition_references(when)))
            trigger["when"] = when
        chance = self.read("chance", lambda cell: _notation(parser.parse_chance, cell))
        if chance is not None:
            trigger["chance"] = chance
        guaranteed = self.read("guaranteed", _yes_no)
        if guaranteed is not None:
            trigger["guaranteed"] = guaranteed
        return trigger

    def _when(self) -> dict[str, int] | None:
        """The turn or window the whole list's reading gave this row (`engine.msel.turnplan`)."""
        if self.row.number in self.plan.errors:
            key = next(key for key in TIME_KEYS if self.cell(key).strip())
            self.report(key, "msel-bad-value", self.plan.errors[self.row.number])
            return None
        return self.plan.triggers.get(self.row.number)

    def _audience(self, cell: str) -> list[str] | None:
        try:
            return self.recipients.audience(cell)
        except RecipientError as error:
            raise CellError("msel-unknown-name", str(error)) from None


def _category(cell: str) -> str:
    value = cell.strip().lower()
    known = categories()
    parts = [part.strip() for part in re.split(r"[,;/\n]", value) if part.strip()]
    if len(parts) > 1 and all(part in known for part in parts):
        listed = " or ".join(repr(part) for part in parts)
        raise CellError("msel-bad-category", f"an inject has one category and this cell lists {len(parts)}: choose {listed}")
    if value not in known:
        guess = closest(value, known)
        hint = f"did you mean {guess!r}? " if guess else ""
        raise CellError("msel-bad-category", f"unknown category {cell.strip()!r}; {hint}(categories: {', '.join(known)})")
    return value


def _yes_no(cell: str) -> bool:
    value = cell.strip().lower()
    if value in YES or value in NO:
        return value in YES
    raise CellError("msel-bad-value", f"expected yes or no, found {cell.strip()!r}")


def _count(cell: str) -> int:
    value = cell.strip()
    if not re.fullmatch(r"[0-9]{1,9}", value) or not 1 <= int(value) <= 500:
        raise CellError("msel-bad-value", f"expected a whole number from 1 to 500, found {value!r}")
    return int(value)


FIELD_COLUMNS = {"atTurn": "turn", "from": "turn", "to": "turn", "when": "when", "chance": "chance", "guaranteed": "guaranteed"}


def _row_ids(table: Table, diagnostics: list[Diagnostic], taken: Iterable[str]) -> list[str]:
    """The id of each row (made from its title when it has none), reporting ids that are malformed or given twice."""
    seen: dict[str, int] = {}
    ids = []
    given = [row.cells.get("id", "").strip() for row in table.rows]
    maker = IdMaker([*taken, *given])
    for row, typed in zip(table.rows, given, strict=True):
        value = typed or maker.make(row.cells.get("title", "") or row.cells.get("narrative", ""), row.number)
        row.cells["id"] = value
        ids.append(value)
        where = (table.label, row.number, table.column_of("id"))
        header = f'column "{table.header_of("id")}": '
        if not value:
            continue
        if not ID.match(value) or len(value) > 64:
            hint = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
            suggestion = f"; e.g. {hint!r}" if hint and ID.match(hint) else ""
            diagnostics.append(
                problem(
                    *where, "msel-bad-id", header + f"{value!r} is not an id: use lower-case words joined by hyphens{suggestion}"
                )
            )
        elif value in seen:
            diagnostics.append(problem(*where, "msel-duplicate-id", header + f"{value!r} is already the id of row {seen[value]}"))
        else:
            seen[value] = row.number
    return ids


def import_events(
    table: Table,
    base: Mapping[str, Any],
    output_label: str,
    options: ImportOptions | None = None,
    reading: Reading | None = None,
) -> Imported:
    """The base scenario with its shocks replaced by the table's injects; raise InputError with every problem.

    ``reading``, when given, is filled in with what each row became (see `Reading`).
    """
    options = options or ImportOptions()
    reading = reading or Reading()
    table = merge_recipient_rows(table)
    reading.table = table
    diagnostics = list(table.diagnostics)
    if options.category is not None and options.category not in categories():
        known = ", ".join(categories())
        diagnostics.append(
            problem(table.label, 1, 1, "msel-bad-mapping", f"the default category {options.category!r} is not one of: {known}")
        )
    document = copy.deepcopy(dict(base))
    base_shocks = [shock for shock in document.get("shocks", []) if isinstance(shock, dict)] if options.append else []
    base_ids = {str(shock.get("id")): index for index, shock in enumerate(base_shocks)}
    ids = _row_ids(table, diagnostics, base_ids)
    for row, value in zip(table.rows, ids, strict=True):
        if value in base_ids:
            message = (
                f'column "{table.header_of("id")}": {value!r} is already a shock of the base scenario; --append adds new ones'
            )
            diagnostics.append(problem(table.label, row.number, table.column_of("id"), "msel-duplicate-id", message))
    recipients = read_recipients(table, document, options, diagnostics)
    names = Names.of(document, [*base_ids, *(value for value in ids if value)])
    plan = plan_turns([(row.number, time_text(row)) for row in table.rows if time_text(row)], _turns(document))
    if plan.names is not None:
        document["turns"] = _turns_named(_turns(document), plan.names)
        message = (
            f"the list gives times: the scenario's first {len(plan.names)} turns are its distinct times, "
            "in time order, named as the list writes them"
        )
        diagnostics.append(problem(table.label, 1, table.column_of("turn"), "msel-times-as-turns", message, warning=True))
    else:
        diagnostics.extend(unread_words(table, plan.triggers, _turns(document)))
    reading.turns = _turns(document)
    entries: list[tuple[tuple[int, tuple[int, ...], int], Row, dict[str, Any]]] = []
    for position, row in enumerate(table.rows):
        reader = _RowReader(table, row, names, plan, diagnostics=diagnostics, options=options, recipients=recipients)
        number = order_key(row.cells.get("serial", ""))
        order = (0, number, position) if number is not None else (1, (), position)
        entries.append((order, row, reader.shock()))
        reading.rows.append((row.number, entries[-1][2]))
    entries.sort(key=lambda entry: entry[0])
    for place, (_, row, shock) in enumerate(entries, start=1):
        typed = row.cells.get("serial", "").strip()
        if typed and typed != str(place) and (options.keeps_columns or not typed.isdigit()):
            kept = f"Number in the list: {typed}"
            shock["facilitatorNotes"] = f"{shock['facilitatorNotes']}\n{kept}" if "facilitatorNotes" in shock else kept
    add_decisions(table, [(row, shock) for _, row, shock in entries], document, diagnostics, base_ids)
    cap = _max_shocks() - len(base_shocks)
    if len(entries) > cap:
        row = entries[cap][1]
        room = f"at most {cap} more beside the base's {len(base_shocks)}" if base_shocks else f"at most {cap}"
        message = f"the list has {len(entries)} injects but a scenario holds {room}: split the list into several exercises"
        diagnostics.append(problem(table.label, row.number, 1, "msel-invalid-scenario", message))
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise InputError(diagnostics)
    document["shocks"] = [*base_shocks, *(shock for _, _, shock in entries)]
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        scenario = load_scenario_text(text, output_label)
    except ScenarioError as error:
        rows = [row for _, row, _ in entries]
        located = (_locate(table, rows, d, len(base_shocks)) for d in error.diagnostics)
        raise InputError([*diagnostics, *located]) from None
    diagnostics.extend(silent_injects(table, document, [(row.number, shock) for _, row, shock in entries]))
    return Imported(scenario, text, tuple(diagnostics))


def _locate(table: Table, rows: Sequence[Row], diagnostic: Diagnostic, offset: int) -> Diagnostic:
    """A loader diagnostic about the made scenario, moved to the row and column it came from when it is a shock's."""
    parts = diagnostic.pointer.split("/")
    message = f"the scenario would not validate: {diagnostic.message}"
    if len(parts) >= 3 and parts[1] == "shocks" and parts[2].isdigit() and 0 <= int(parts[2]) - offset < len(rows):
        row = rows[int(parts[2]) - offset]
        field = parts[3] if len(parts) > 3 else "id"
        if field == "trigger":
            key = FIELD_COLUMNS.get(parts[4], "turn") if len(parts) > 4 else "turn"
        else:
            key = field if field in table.positions or field in _KEYS else "id"
        header = f'column "{table.header_of(key)}": '
        return problem(table.label, row.number, table.column_of(key), "msel-invalid-scenario", header + message)
    where = diagnostic.pointer or "/"
    hint = ""
    if diagnostic.code == "unknown-shock":
        hint = (
            "; the events list replaces all the base scenario's shocks, so keep a row for every shock it refers to"
            " (or add --append to keep the base's shocks and add the list's)"
        )
    return problem(table.label, 1, 1, "msel-invalid-scenario", f"{message} (at {where} of the base scenario){hint}")


_KEYS = frozenset(
    {
        *("id", "title", "category", "narrative", "source", "audience", "enabled", "maxFires", "duration"),
        *EFFECT_KEYS,
        *("followUps", "expectedActions", "tests", "expectedResponse", "facilitatorNotes"),
    }
)
