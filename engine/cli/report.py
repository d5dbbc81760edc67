"""`whitecell report JOURNAL`: the after-action report of a recorded game, in Markdown or HTML.

Cheap to import: the journal is replayed and the report built only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.command import Command
from engine.cli.support import (
    EXIT_INVALID_INPUT,
    EXIT_OK,
    UsageError,
    add_output_arguments,
    check_output,
    diagnostics_text,
    emit,
    notice,
    write_output,
)

if TYPE_CHECKING:
    from engine.documents.report import ReportFormat


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("journal", metavar="JOURNAL", help="a journal file (.jsonl) written by a whitecell session")
    add_output_arguments(parser, "FILE", "write to FILE; .md for Markdown, .html for one self-contained page")
    parser.add_argument(
        "--audience",
        metavar="WHO",
        default="white-cell",
        help=(
            "whose edition: white-cell (everything; the default), room (the public record) or a role id "
            "(what that team saw during the game, and the public record, to hand to the team)"
        ),
    )


def run(args: argparse.Namespace) -> int:
    """Write the after-action report; a journal that stops replaying gets a report up to that
    line, with a notice in it, and exit status 1. An audience that is neither white-cell, room
    nor one of the journal's roles is a usage error (exit status 2) naming the roles."""
    from engine.audience.visibility import UnknownAudience, audience_named
    from engine.documents.report import build_report, render, report_format_for
    from engine.journal.reader import open_journal
    from engine.journal.replay import replay_journal

    output = Path(args.output) if args.output else None
    kind: ReportFormat = "markdown"
    if output is not None:
        kind = check_output(
            output,
            args.force,
            report_format_for,
            example="report.html",
            exists_note=" (it may hold a filled-in improvement plan)",
        )
    replayed = replay_journal(open_journal(args.journal))
    try:
        audience = audience_named(replayed.session.scenario, args.audience)
    except UnknownAudience as error:
        raise UsageError(str(error)) from None
    diagnostic = replayed.problem_diagnostic()
    notices = []
    if diagnostic is not None:
        notices.append(
            f"The journal stops replaying at line {diagnostic.line}: {diagnostic.message}. This report covers what came before."
        )
    if replayed.cut_off is not None:
        line = replayed.cut_off.line
        notices.append(
            f"Line {line} of the journal was cut off (the session stopped while writing it); it is not part of this report."
        )
    text = render(build_report(replayed.session, notices=notices, audience=audience), kind)
    status = EXIT_INVALID_INPUT if diagnostic else EXIT_OK
    if diagnostic is not None:
        sys.stderr.write(diagnostics_text([diagnostic]))
    if output is None:
        return emit(status, text)
    write_output(output, text, force=args.force)
    notice(f"Wrote the after-action report to {output}")
    return status


COMMAND = Command(
    "report",
    help="write the after-action report of a journal (Markdown or HTML)",
    description=(
        "Write the after-action report of the game a journal records: overview, objectives met and missed, "
        "key moments, variables over time, strengths and areas for improvement from the notes, a timeline "
        "turn by turn, an improvement plan and the session record. Without -o, Markdown on standard output. "
        "--audience room gives the room's edition (the public record) and --audience ROLE a team's (what it "
        "saw, and the public record), each without the white cell's notes, guidance, reasons and record."
    ),
    arguments=_arguments,
    run=run,
)
