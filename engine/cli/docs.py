"""``whitecell docs FILE``: the facilitator's briefing book of a scenario, in Markdown or HTML.

Cheap to import: the book is built only when the command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from engine.cli.command import Command
from engine.cli.support import EXIT_OK, UsageError, add_output_arguments, check_output, emit, notice, write_output


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a scenario file or the name of a bundled scenario")
    add_output_arguments(parser, "OUT", "write to OUT; .md for Markdown, .html for one self-contained page")
    parser.add_argument(
        "--audience",
        metavar="WHO",
        default="white-cell",
        help=(
            "whose edition: white-cell (the whole book; the default), a role id (that team's briefing pack: what it "
            "may know before play, to hand to the team) or room (the public pack)"
        ),
    )


def run(args: argparse.Namespace) -> int:
    """Write the book; a scenario that does not load is reported like `validate` does (exit 1)."""
    from engine.audience.visibility import UnknownAudience, audience_named
    from engine.documents.briefing import BookFormat, book_format_for, briefing_book
    from engine.documents.briefing.edition import edition_name
    from engine.load.catalog import resolve_scenario

    output = Path(args.output) if args.output else None
    kind: BookFormat = "markdown"
    if output is not None:
        kind = check_output(output, args.force, book_format_for, example="briefing.html")
    scenario = resolve_scenario(args.file)
    try:
        audience = audience_named(scenario, args.audience)
    except UnknownAudience as error:
        raise UsageError(str(error)) from None
    text = briefing_book(scenario, kind, audience)
    if output is None:
        return emit(EXIT_OK, text)
    write_output(output, text, force=args.force)
    whose = edition_name(scenario, audience)
    what = f"the briefing pack for {whose}" if whose else "the briefing book"
    notice(f"Wrote {what} of {scenario.title} to {output}")
    return EXIT_OK


COMMAND = Command(
    "docs",
    help="write a scenario's briefing book for facilitators, or a team's briefing pack (Markdown or HTML)",
    description=(
        "Write the facilitator's briefing book of a scenario: the briefing, roles and objectives, variables and "
        "their bands, every action with its costs, limits and effects in words, the events list as a table, the "
        "standing rules and the outcomes. Without -o, Markdown on standard output. It shows what players do not "
        "see: keep it with the white cell. --audience ROLE writes that team's briefing pack instead: the public briefing, its "
        "own role whole, the variables it sees, its actions with costs and limits (not their effects) and the exercise "
        "objectives that concern it."
    ),
    arguments=_arguments,
    run=run,
)
