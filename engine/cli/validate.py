"""`whitecell validate FILE...`: every error and warning of scenario files, the way a compiler reports them.

Text for people (``FILE:LINE:COL: severity: /pointer: message [code]`` and a summary), JSON for editors
and CI. Warnings fail the run only with ``--strict``, so a CI job can choose how picky to be.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from engine.cli.command import Command
from engine.cli.support import EXIT_INVALID_INPUT, EXIT_OK, emit, json_text
from engine.core.model import Turns
from engine.core.nouns import counted
from engine.load.diagnostics import Tally, tally

if TYPE_CHECKING:
    from engine.load.loader import Checked


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario files (or bundled scenario names)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or a JSON list of diagnostics")
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")


def run(args: argparse.Namespace) -> int:
    """Check every file named and report; the status says whether they passed."""
    results = [(name, _check(name)) for name in args.files]
    diagnostics = [d for _, checked in results for d in checked.diagnostics]
    found = tally(diagnostics)
    failed = found.errors > 0 or (args.strict and found.warnings > 0)
    status = EXIT_INVALID_INPUT if failed else EXIT_OK
    if args.format == "json":
        return emit(status, json_text([d.to_json() for d in diagnostics]))
    return emit(status, _text(results, found))


def _check(name: str) -> Checked:
    """Check a path, or a bundled scenario named without its path."""
    from pathlib import Path

    import scenarios
    from engine.load.diagnostics import ScenarioError
    from engine.load.loader import Checked, check_scenario_bytes, check_scenario_file

    path = Path(name)
    if path.exists() or path.suffix == ".json" or "/" in name or "\\" in name:
        return check_scenario_file(path, build=False)
    for entry in scenarios.bundled_files():
        if entry.name == f"{name}.json":
            return check_scenario_bytes(entry.read_bytes(), f"<bundled>/{entry.name}", build=False)
    from engine.load.catalog import resolve_scenario

    try:
        resolve_scenario(name)  # not a file and not bundled: this raises the error that lists the bundled names
    except ScenarioError as error:
        return Checked(None, error.diagnostics)
    return check_scenario_file(path, build=False)  # the file appeared meanwhile


def _text(results: list[tuple[str, Checked]], found: Tally) -> str:
    lines: list[str] = []
    for name, checked in results:
        lines.extend(d.format() for d in checked.diagnostics)
        if checked.valid:
            lines.append(f"{name}: ok: {_summary(checked.document)}")
    if found.errors or found.warnings:
        files = sorted({d.file for _, checked in results for d in checked.diagnostics})
        total = f"{_many(found.errors, 'error')} and {_many(found.warnings, 'warning')}"
        lines.append(f"{total if found.exact else 'at least ' + total} in {', '.join(files)}")
    return "".join(line + "\n" for line in lines)


def _many(number: int, noun: str) -> str:
    """ "22,353 errors": a count past the cap runs into thousands."""
    return f"{number:,}{counted(number, noun)[len(str(number)) :]}"


def _summary(document: dict[str, Any]) -> str:
    """A valid scenario in one line, with the format version it was read as (a file without one is format 1)."""
    counts = ", ".join(counted(len(document[part]), part[:-1]) for part in ("roles", "variables", "actions", "shocks"))
    turns = Turns(count=document["turns"]["count"], label=document["turns"].get("label", "Turn"))
    return f"{document['title']} (format {document.get('format', 1)}; {turns.counted(turns.count)}; {counts})"


COMMAND = Command(
    "validate",
    help="check scenario files and report every error and warning",
    description=(
        "Check scenario files against the schema and their meaning; report every error and warning as "
        "FILE:LINE:COL: severity: /pointer: message [code], then a summary. Exit 0 when no file has errors "
        "(with --strict: no errors and no warnings), 1 otherwise."
    ),
    arguments=_arguments,
    run=run,
)
