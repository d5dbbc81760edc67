"""`whitecell replay JOURNAL`: a journal's game turn by turn, as text or JSON, or its verification.

This is the headless form; the terminal UI declares the same command with a handler that opens
the replay screen in a terminal and falls back to `run` otherwise. Cheap to import: the journal
is read only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from engine.cli.command import Command
from engine.cli.support import EXIT_INVALID_INPUT, EXIT_OK, UsageError, diagnostics_text, emit, json_text, whole_number
from engine.text.terminal import terminal_text

if TYPE_CHECKING:
    from engine.journal.replay import CutOff


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("journal", metavar="JOURNAL", help="a journal file (.jsonl) written by a whitecell session")
    parser.add_argument("--verify", action="store_true", help="re-run every command and compare digests; print nothing else")
    parser.add_argument(
        "--turn", type=whole_number("a turn number", 1, None, "turns are numbered from 1"), metavar="N", help="print only turn N"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object (with --verify: the verification result)")


def run(args: argparse.Namespace) -> int:
    """`whitecell replay` as text, JSON or a verification (the terminal UI falls back to it when headless)."""
    status, text, notes = _replay(args)
    emit(status, text)
    sys.stderr.write(terminal_text(notes))
    return status


def _replay(args: argparse.Namespace) -> tuple[int, str, str]:
    """Replay or verify a journal: (status, output, notes for stderr)."""
    from engine.journal.reader import open_journal
    from engine.journal.replay import replay_journal, replay_json, replay_text, turns_covered, verify_journal
    from engine.load.diagnostics import Diagnostic

    path = args.journal
    if args.verify:
        if args.turn is not None:
            raise UsageError("--turn chooses a turn to print; --verify checks the whole journal, so use one or the other")
        result = verify_journal(path)
        notes = []
        if result.cut_off is not None:
            notes.append(_cut_off_notice(path, result.cut_off))
        if result.problem is not None:
            problem = result.problem
            notes.append(diagnostics_text([Diagnostic(path, problem.line, 1, "", problem.code, problem.message)]))
        text = json_text(result.to_json()) if args.json else result.text() if result.verified else ""
        return (EXIT_OK if result.verified else EXIT_INVALID_INPUT), text, "".join(notes)

    replayed = replay_journal(open_journal(path))
    notes = []
    dropped = replayed.cut_off
    if dropped is not None:
        notes.append(_cut_off_notice(path, dropped))
    diagnostic = replayed.problem_diagnostic()
    if args.turn is not None:
        covered = turns_covered(replayed)
        if args.turn not in covered:
            turns = replayed.session.scenario.turns
            last = max(covered)
            message = (
                f"--turn {args.turn}: the journal records {turns.word} 1 only"
                if last == 1
                else (f"--turn {args.turn}: the journal records {turns.plural} 1 to {last}")
            )
            if diagnostic is None:
                raise UsageError(message)
            notes.append(f"whitecell: error: {message} (it does not replay further)\n")
    if diagnostic is not None:
        notes.append(diagnostics_text([diagnostic]))
    text = json_text(replay_json(replayed, args.turn)) if args.json else replay_text(replayed, args.turn)
    return (EXIT_OK if diagnostic is None else EXIT_INVALID_INPUT), text, "".join(notes)


def _cut_off_notice(path: str, cut: CutOff) -> str:
    """A last line cut off by a crash: a warning (it is left out, and nothing else is wrong), in the diagnostics' form."""
    from engine.load.diagnostics import Diagnostic

    return Diagnostic(path, cut.line, 1, "", "cut-off", cut.message(), severity="warning").format() + "\n"


COMMAND = Command(
    "replay",
    help="step through a journal's game in the terminal, print it turn by turn, or verify that it replays",
    description=(
        "Print the game a journal records, turn by turn: shocks, each team's orders, every change with its cause, "
        "notes, and what was undone, then the outcome. With --verify, re-run every command and check each line's "
        "digest instead: exit 0 when all match, 1 naming the first line that diverges or is damaged. "
        "In a terminal, without --verify, --json or --turn, the replay screen opens instead: step through every "
        "command (left/right), jump to a turn (t), fork a what-if from any step (f), verify (v), read the report (o). "
        "When output goes to a file or a pipe, the text form is printed."
    ),
    arguments=_arguments,
    run=run,
)
