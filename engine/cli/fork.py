"""``whitecell fork JOURNAL --line N``: start a "what if" journal from a step of a recorded game.

The same fork as the replay screen's ``f`` key, for scripts and for those who know the line
already (``whitecell replay`` numbers them). Cheap to import: the engine loads when it runs.
"""

from __future__ import annotations

import argparse

from engine.cli.command import Command
from engine.cli.support import EXIT_OK, InvalidInput, emit, whole_number
from engine.core.nouns import counted


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("journal", metavar="JOURNAL", help="the journal to fork")
    parser.add_argument(
        "--line",
        type=whole_number("a journal line number", 1, None, "journal lines are numbered from 1 (the header)"),
        required=True,
        metavar="N",
        help="the last line to copy (1 forks from the opening)",
    )
    parser.add_argument(
        "-o", "--output", metavar="NEW", help="the new journal (default: JOURNAL's name with -fork-LN, next to it)"
    )


def run(args: argparse.Namespace) -> int:
    """Fork, and say where the new journal is and how to go on."""
    from engine.journal.fork import fork_journal, fork_path
    from engine.journal.session import SessionError

    target = args.output or str(fork_path(args.journal, args.line))
    try:
        continued = fork_journal(args.journal, args.line, target)
    except SessionError as error:
        raise InvalidInput(str(error)) from None
    continued.session.close()
    copied = len(continued.session.records)
    return emit(
        EXIT_OK,
        f"{target}: forked from {args.journal} line {args.line} ({counted(copied, 'command')} copied)\n"
        f"Play on with:  whitecell play --resume {target}\n",
    )


COMMAND = Command(
    "fork",
    help="copy a journal up to a line into a new journal, to play a what-if from there",
    description=(
        "Write a new journal holding lines 1 to N of JOURNAL (undo and redo included, so both match line for line), "
        "with a header that records where it came from. The lines are replayed and checked first; JOURNAL is "
        "never changed and no file is overwritten. Continue the fork with: whitecell play --resume NEW."
    ),
    arguments=_arguments,
    run=run,
)
