"""`whitecell msel export|import`: a scenario's shocks as an events list (CSV) for planners, and back.

Cheap to import: the work is in `engine.msel`, imported when the command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from engine.cli.command import Command
from engine.cli.support import (
    EXIT_INVALID_INPUT,
    EXIT_OK,
    UsageError,
    add_output_arguments,
    check_output,
    emit,
    write_output,
)
from engine.core.nouns import counted
from engine.load.files import read_at_most

if TYPE_CHECKING:
    from engine.load.diagnostics import Diagnostic, InputError
    from engine.msel.options import ImportOptions

MAX_CSV_BYTES = 16 * 1024 * 1024


def _arguments(parser: argparse.ArgumentParser) -> None:
    """``export`` and ``import``, each with its own arguments."""
    actions = parser.add_subparsers(dest="msel_command", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    export = actions.add_parser(
        "export",
        help="write the scenario's shocks as CSV (or an XLSX workbook)",
        description=(
            "Write the scenario's shocks as an events list, one inject per row: CSV, or an XLSX workbook when the output "
            "name ends in .xlsx (pip install 'whitecell[xlsx]'). Without -o, the CSV goes to stdout."
        ),
    )
    export.add_argument("file", metavar="FILE", help="a scenario file or bundled name")
    add_output_arguments(export, "FILE", "write to this file (.csv or .xlsx) instead of standard output")
    importing = actions.add_parser(
        "import",
        help="put an events list's injects into a scenario",
        description=(
            "Read an events list (CSV from Excel, LibreOffice or Google Sheets, an XLSX workbook, or a JSON list of "
            "injects) and write a scenario whose shocks are its "
            "injects, in the order of the Serial column: they replace the base scenario's shocks, or fill a minimal "
            "Seoul-Tokyo template without --base. Every bad cell is reported as FILE:ROW:COL; nothing is written unless "
            "the scenario validates (--dry-run shows how each row was read). Without -o, the scenario goes to standard "
            "output. The columns, mapping file and notation: docs/events-list.md."
        ),
    )
    importing.add_argument("csv", metavar="LIST", help="the events list: .csv, .xlsx or .json")
    importing.add_argument("--base", metavar="FILE", help="the scenario (file or bundled name) whose shocks the injects replace")
    importing.add_argument("--map", metavar="FILE", help="a mapping file (TOML or JSON): columns, default category, recipients")
    importing.add_argument(
        "--column",
        metavar="FIELD=HEADER",
        action="append",
        default=[],
        help="the header (or column letter) that holds a field, e.g. title=Subject or narrative=C; repeatable",
    )
    importing.add_argument("--category", metavar="CATEGORY", help="the category of injects whose row gives none")
    importing.add_argument(
        "--keep-columns",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="keep columns no field takes in the facilitator notes (the default when a mapping is given)",
    )
    importing.add_argument(
        "--append", action="store_true", default=None, help="keep the base scenario's shocks and add the list's injects"
    )
    importing.add_argument(
        "--recipient",
        metavar="NAME=ROLE",
        action="append",
        default=[],
        help="the role (id or name, or 'all') a recipient of the list is, e.g. 'IT Department=it'; repeatable",
    )
    importing.add_argument(
        "--new-roles",
        action="store_true",
        default=None,
        help="make a role, named as the list writes it, of each recipient that is none of the scenario's",
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help="show how each column, time and recipient was understood, row by row, and write nothing",
    )
    importing.add_argument("--json", action="store_true", help="with --dry-run: print the reading as one JSON object")
    importing.add_argument("--sheet", metavar="NAME", help="the workbook's sheet (or the JSON file's key) that holds the list")
    importing.add_argument("--header-row", metavar="N", type=int, help="the row of column names (found by itself otherwise)")
    add_output_arguments(importing, "NEW", "write the scenario to this file instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Run ``msel export`` or ``msel import``."""
    output = Path(args.output) if args.output else None
    if output is not None and not getattr(args, "dry_run", False):
        example = "events.csv" if args.msel_command == "export" else "new-scenario.json"
        check_output(output, args.force, _export_name if args.msel_command == "export" else _any_name, example=example)
    if args.msel_command == "export":
        return _export(args.file, output, args.force)
    return _import(args, output)


def _any_name(output: Path) -> None:
    """Any file name will do: the scenario is written whatever its name."""


OTHER_WORKBOOKS = (".xls", ".ods", ".numbers", ".xlsb", ".xlsm")


def _export_name(output: Path) -> None:
    """An events list is written as CSV, or as a workbook when the name ends in .xlsx; other workbooks are refused."""
    if output.suffix.lower() in OTHER_WORKBOOKS:
        raise ValueError(f"{output}: msel export writes CSV or XLSX; name the file .csv or .xlsx")


def _export(reference: str, output: Path | None, force: bool) -> int:
    from engine.load.catalog import resolve_scenario
    from engine.msel.export import export_csv

    scenario = resolve_scenario(reference)
    if output is None:
        return emit(EXIT_OK, export_csv(scenario))
    if output.suffix.lower() == ".xlsx":
        from engine.load.diagnostics import InputError
        from engine.msel.export import export_xlsx

        try:
            data: str | bytes = export_xlsx(scenario, str(output))
        except InputError as error:
            _stderr(report(error.diagnostics))
            return EXIT_INVALID_INPUT
    else:
        data = export_csv(scenario)
    write_output(output, data, force=force)
    count = len(scenario.shocks)
    print(f"Wrote {counted(count, 'inject')} to {output}", file=sys.stderr)
    return EXIT_OK


def _options(args: argparse.Namespace) -> ImportOptions:
    """The import's options: the mapping file's, then the command line's over them."""
    from engine.msel.options import ImportOptions, column_flag, mapping_options, recipient_flag

    options = ImportOptions()
    if args.map:
        options = mapping_options(_read_file(args.map, "a mapping file (.toml or .json)").decode("utf-8", "replace"), args.map)
    columns = dict(options.columns)
    for flag in args.column:
        key, header = column_flag(flag)
        columns[key] = header
    recipients = dict(options.recipients)
    for flag in args.recipient:
        name, role = recipient_flag(flag)
        recipients[name] = role
    return attrs.evolve(
        options,
        columns=columns,
        recipients=recipients,
        new_roles=args.new_roles or options.new_roles,
        category=args.category or options.category,
        keep_columns=options.keep_columns if args.keep_columns is None else args.keep_columns,
        header_row=args.header_row or options.header_row,
        sheet=args.sheet or options.sheet,
        append=args.append or options.append,
    )


def _import(args: argparse.Namespace, output: Path | None) -> int:
    from engine.load.catalog import resolve_scenario
    from engine.load.diagnostics import InputError
    from engine.msel.importer import import_events
    from engine.msel.sources import read_events
    from engine.msel.template import template

    path: str = args.csv
    base = dict(resolve_scenario(args.base).document) if args.base else template()
    if args.dry_run:
        return _dry_run(args, base)
    if args.json:
        raise UsageError("--json prints a dry run's reading: add --dry-run (the scenario itself is JSON already)")
    try:
        options = _options(args)
        table = read_events(_read_file(path, "an events list (.csv, .xlsx or .json)"), path, options)
        imported = import_events(table, base, str(output) if output else "<imported>", options)
    except InputError as error:
        _stderr(report(error.diagnostics))
        return EXIT_INVALID_INPUT
    if imported.warnings:
        _stderr(report(imported.warnings))
    if output is None:
        return emit(EXIT_OK, imported.text)
    write_output(output, imported.text, force=args.force)
    count = len(imported.scenario.shocks)
    _stderr(f"Wrote {output} with {counted(count, 'shock')} from {path}\n")
    return EXIT_OK


def _dry_run(args: argparse.Namespace, base: dict[str, Any]) -> int:
    """Import without writing, and print what was understood of every column and row, then the problems."""
    from engine.load.diagnostics import InputError
    from engine.msel.dryrun import dry_run, dry_run_text
    from engine.msel.importer import Reading, import_events
    from engine.msel.sources import read_events

    reading = Reading()
    status = EXIT_OK
    try:
        options = _options(args)
        table = read_events(_read_file(args.csv, "an events list (.csv, .xlsx or .json)"), args.csv, options)
        diagnostics: Sequence[Diagnostic] = import_events(table, base, "<dry run>", options, reading).warnings
    except InputError as error:
        diagnostics, status = error.diagnostics, EXIT_INVALID_INPUT
    result = dry_run(reading, diagnostics)
    if args.json:
        result["problems"] = [attrs.asdict(d) for d in diagnostics]
        result["written"] = False
        return emit(status, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    problems = report(diagnostics).replace("; nothing was written", "") if diagnostics else ""
    return emit(status, dry_run_text(result) + problems + "Dry run: nothing was written.\n")


def _stderr(text: str) -> None:
    """The one place this command writes to standard error: text from the file, made safe for a terminal."""
    from engine.seats.text import printable_lines

    sys.stderr.write(printable_lines(text) + "\n")


def report(diagnostics: Sequence[Diagnostic]) -> str:
    """Problems as ``CSV:ROW:COL: severity: message [code]`` (a cell has no JSON pointer), then how many errors and warnings."""
    lines = [f"{d.file}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.code}]" for d in diagnostics]
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    counts = [counted(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n]
    lines.append(", ".join(counts) + ("; nothing was written" if errors else ""))
    return "\n".join(lines) + "\n"


def _fail(path: str, message: str) -> InputError:
    from engine.load.diagnostics import Diagnostic, InputError

    return InputError([Diagnostic(path, 1, 1, "", "msel-unreadable", message)])


def _read_file(path: str, what: str) -> bytes:
    """The bytes of an input file, every way it can be unreadable turned into a diagnostic."""
    target = Path(path)
    try:
        if target.is_dir():
            raise _fail(path, f"this is a directory, not {what}")
        if not target.exists():
            raise _fail(path, f"no such file; check the path ({what})")
        with target.open("rb") as handle:
            data = read_at_most(handle, MAX_CSV_BYTES)
    except OSError as error:
        raise _fail(path, f"cannot read the file: {error.strerror or error}") from None
    if len(data) > MAX_CSV_BYTES:
        raise _fail(path, f"the file is over {MAX_CSV_BYTES:,} bytes; {what} is smaller")
    return data


COMMAND = Command(
    "msel",
    help="export a scenario's shocks as an events list (CSV), or import one",
    description=(
        "Bridge to the exercise's master scenario events list (MSEL) kept in a spreadsheet. "
        "See docs/events-list.md for the columns and the notation of triggers and effects."
    ),
    arguments=_arguments,
    run=run,
)
