"""``whitecell docs FILE``: the facilitator's briefing book of a scenario, in Markdown or HTML.

Cheap to import: the book is built only when the command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from engine.cli.command import Command
from engine.cli.support import EXIT_OK, add_output_arguments, check_output, emit, notice, write_output


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a scenario file or the name of a bundled scenario")
    add_output_arguments(parser, "OUT", "write to OUT; .md for Markdown, .html for one self-contained page")


def run(args: argparse.Namespace) -> int:
    """Write the book; a scenario that does not load is reported like `validate` does (exit 1)."""
    from engine.documents.briefing import BookFormat, book_format_for, briefing_book
    from engine.load.catalog import resolve_scenario

    output = Path(args.output) if args.output else None
    kind: BookFormat = "markdown"
    if output is not None:
        kind = check_output(output, args.force, book_format_for, example="briefing.html")
    scenario = resolve_scenario(args.file)
    text = briefing_book(scenario, kind)
    if output is None:
        return emit(EXIT_OK, text)
    write_output(output, text, force=args.force)
    notice(f"Wrote the briefing book of {scenario.title} to {output}")
    return EXIT_OK


COMMAND = Command(
    "docs",
    help="write a scenario's briefing book for facilitators (Markdown or HTML)",
    description=(
        "Write the facilitator's briefing book of a scenario: the briefing, roles and objectives, variables and "
        "their bands, every action with its costs, limits and effects in words, the events list as a table, the "
        "standing rules and the outcomes. Without -o, Markdown on standard output. It shows what players do not "
        "see: keep it with the white cell."
    ),
    arguments=_arguments,
    run=run,
)
