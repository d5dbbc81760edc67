"""`whitecell schema`: the scenario JSON Schema, the journal's, or the scenario format reference.

Cheap to import: the schema files are read only when the command runs.
"""

from __future__ import annotations

import argparse

from engine.cli.command import Command
from engine.cli.support import EXIT_OK, emit


def _arguments(parser: argparse.ArgumentParser) -> None:
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--journal", action="store_true", help="print the JSON Schema of a journal's lines instead")
    form.add_argument(
        "--reference",
        action="store_true",
        help="print the scenario format reference (Markdown, as in docs/scenario-format.md) instead",
    )


def run(args: argparse.Namespace) -> int:
    """Print the schema or the reference asked for."""
    if args.reference:
        from engine.documents.format_reference import format_reference

        return emit(EXIT_OK, format_reference())
    from engine.schema import JOURNAL_SCHEMA_FILE, SCENARIO_SCHEMA_FILE, schema_text

    return emit(EXIT_OK, schema_text(JOURNAL_SCHEMA_FILE if args.journal else SCENARIO_SCHEMA_FILE))


COMMAND = Command(
    "schema",
    help="print the scenario JSON Schema (or the journal's)",
    description=(
        "Print the scenario JSON Schema (draft 2020-12) for editors and tools; with --journal, the schema of a journal's lines."
    ),
    arguments=_arguments,
    run=run,
)
