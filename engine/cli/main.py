"""The `whitecell` command line.

Exit status everywhere: 0 success, 1 invalid input (a scenario or journal that cannot be
used), 2 bad usage (unknown flag, bad value). No traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import scenarios
from engine.cli import docs as cli_docs
from engine.cli import fork as cli_fork
from engine.cli import lint as cli_lint
from engine.cli import msel as cli_msel
from engine.cli import new as cli_new
from engine.cli import validate as cli_validate
from engine.cli.support import (
    BOTS_IN_HELP,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    InvalidInput,
    Subcommand,
    UsageError,
    add_output_arguments,
    bot_argument,
    check_output,
    diagnostics_text,
    emit,
    games_argument,
    json_text,
    seed_argument,
    whole_number,
    write_output,
)
from engine.version import __version__

if TYPE_CHECKING:
    from engine.bots.policies import Policy
    from engine.bots.simulate import Journaling
    from engine.core.model import Scenario
    from engine.journal.replay import CutOff

__all__ = ["MAX_GAMES", "SUBCOMMANDS", "Extension", "Handler", "build_parser", "main", "run", "run_replay"]

# The commands import what they need when they run, so that --help and --version are instant.

MAX_GAMES = 1_000_000

SUBCOMMANDS: tuple[Subcommand, ...] = (cli_new, cli_docs, cli_validate, cli_lint, cli_msel, cli_fork)
"""Subcommands that live in their own modules, in the order --help lists them after the built-in ones."""


class _Parser(argparse.ArgumentParser):
    """argparse, but errors end with a pointer to --help instead of a bare usage line."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nRun '{self.prog} --help' for more.\n")


Extension = Callable[[Any], None]
"""Adds subcommands to the parser (a front end adds `play`); called with the subparsers action."""
Handler = Callable[[argparse.Namespace], int]
"""Runs a subcommand added by an extension and returns its exit status."""


def build_parser(extend: Extension | None = None) -> argparse.ArgumentParser:
    """The argument parser of every subcommand, and of those a front end adds."""
    parser = _Parser(
        prog="whitecell",
        description=(
            "A tabletop crisis-exercise engine for the white cell. Scenarios are JSON files checked "
            "against a published schema; teams play Seoul and Tokyo through shocks and choices."
        ),
        epilog=(
            "Run 'whitecell COMMAND --help' for the options of a command. Exit status: 0 success, 1 invalid input, 2 bad usage."
        ),
    )
    parser.add_argument("--version", action="version", version=f"whitecell {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    listing = commands.add_parser(
        "list", help="list the bundled scenarios", description="List the scenarios bundled with whitecell."
    )
    listing.add_argument("--json", action="store_true", help="print the list as JSON")

    sim = commands.add_parser(
        "simulate",
        help="play many bot games and report the scenario's balance",
        description=(
            "Play N games with bots and print the outcome distribution, final-variable statistics, "
            "how often each shock fired and each action was taken. Same arguments, same output."
        ),
    )
    sim.add_argument("file", nargs="?", metavar="FILE", help=f"a scenario file or bundled name (default: {scenarios.DEFAULT})")
    sim.add_argument(
        "--games", type=games_argument(1, MAX_GAMES), default=1000, metavar="N", help="how many games to play (default: 1000)"
    )
    sim.add_argument("--seed", type=seed_argument, default=1, metavar="S", help="the batch's seed (default: 1)")
    sim.add_argument(
        "--policy",
        type=bot_argument("policy", every_role=True),
        action="append",
        default=[],
        metavar="ROLE=NAME",
        help=f"the bot for a role, or NAME alone for every role (default: random); bots: {BOTS_IN_HELP}",
    )
    sim.add_argument("--json", action="store_true", help="print the statistics as one JSON object")
    sim.add_argument(
        "--journal-dir",
        metavar="DIR",
        help="also write one journal per game to DIR (game-0001.jsonl, ...), to replay or report bot games like human ones",
    )

    replay = commands.add_parser(
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
    )
    replay.add_argument("journal", metavar="JOURNAL", help="a journal file (.jsonl) written by a whitecell session")
    replay.add_argument("--verify", action="store_true", help="re-run every command and compare digests; print nothing else")
    replay.add_argument(
        "--turn", type=whole_number("a turn number", 1, None, "turns are numbered from 1"), metavar="N", help="print only turn N"
    )
    replay.add_argument("--json", action="store_true", help="print one JSON object (with --verify: the verification result)")

    schema = commands.add_parser(
        "schema",
        help="print the scenario JSON Schema (or the journal's)",
        description=(
            "Print the scenario JSON Schema (draft 2020-12) for editors and tools; with --journal, the schema of "
            "a journal's lines."
        ),
    )
    schema_form = schema.add_mutually_exclusive_group()
    schema_form.add_argument("--journal", action="store_true", help="print the JSON Schema of a journal's lines instead")
    schema_form.add_argument(
        "--reference",
        action="store_true",
        help="print the scenario format reference (Markdown, as in docs/scenario-format.md) instead",
    )

    report = commands.add_parser(
        "report",
        help="write the after-action report of a journal (Markdown or HTML)",
        description=(
            "Write the after-action report of the game a journal records: overview, objectives met and missed, "
            "key moments, variables over time, strengths and areas for improvement from the notes, a timeline "
            "turn by turn, an improvement plan and the session record. Without -o, Markdown on standard output."
        ),
    )
    report.add_argument("journal", metavar="JOURNAL", help="a journal file (.jsonl) written by a whitecell session")
    add_output_arguments(report, "FILE", "write to FILE; .md for Markdown, .html for one self-contained page")
    for subcommand in SUBCOMMANDS:
        subcommand.add_parser(commands)
    if extend is not None:
        extend(commands)
    return parser


def main(
    argv: Sequence[str] | None = None, *, extend: Extension | None = None, handlers: Mapping[str | None, Handler] | None = None
) -> int:
    """Run the command line; return the exit status.

    A front end passes ``extend`` to add its subcommands and ``handlers`` to run them (the key
    None runs when no subcommand is given); errors are reported the same way for all commands.
    """
    parser = build_parser(extend)
    args = parser.parse_args(argv)
    from engine.load.diagnostics import InputError  # after parsing: --help and --version need none of the engine

    try:
        if handlers and args.command in handlers:
            return handlers[args.command](args)
        if args.command is None:
            return emit(EXIT_OK, parser.format_help())
        for subcommand in SUBCOMMANDS:
            if args.command == subcommand.NAME:
                return subcommand.run(args)
        if args.command == "list":
            return emit(*_list(args.json))
        if args.command == "simulate":
            return emit(*_simulate(args))
        if args.command == "replay":
            return run_replay(args)
        if args.command == "report":
            return _report(args)
        from engine.schema import JOURNAL_SCHEMA_FILE, SCENARIO_SCHEMA_FILE, schema_text

        if args.reference:
            from engine.documents.format_reference import format_reference

            return emit(EXIT_OK, format_reference())
        return emit(EXIT_OK, schema_text(JOURNAL_SCHEMA_FILE if args.journal else SCENARIO_SCHEMA_FILE))
    except InputError as error:
        sys.stderr.write(diagnostics_text(error.diagnostics))
        return EXIT_INVALID_INPUT
    except InvalidInput as error:
        print(f"whitecell: error: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    except UsageError as error:
        print(f"whitecell: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("whitecell: interrupted", file=sys.stderr)
        return 130


def _list(as_json: bool) -> tuple[int, str]:
    from engine.load.catalog import bundled

    default_name = scenarios.DEFAULT
    items = [(item.name, item.load()) for item in bundled()]
    if as_json:
        rows = [
            {
                "name": name,
                "title": scenario.title,
                "turns": scenario.turns.count,
                "turnLabel": scenario.turns.label,
                "roles": [role.id for role in scenario.roles],
                "summary": scenario.summary,
                "default": name == default_name,
            }
            for name, scenario in items
        ]
        return EXIT_OK, json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    width = max(len(name) for name, _ in items)
    pad = " " * width
    lines = []
    for name, scenario in items:
        mark = " (default)" if name == default_name else ""
        lines.append(f"{name:<{width}}  {scenario.title}{mark}")
        roles = ", ".join(role.id for role in scenario.roles)
        lines.append(f"{pad}  {scenario.turns.count} {scenario.turns.label.lower()}s; roles: {roles}")
        if scenario.summary:
            lines.append(f"{pad}  {scenario.summary}")
    return EXIT_OK, "\n".join(lines) + "\n"


def _policies_for(role_ids: Sequence[str], specs: Sequence[tuple[str | None, str]]) -> dict[str, Policy]:
    from engine.bots.registry import make_bot

    chosen = dict.fromkeys(role_ids, "random")
    for role, name in specs:
        if role is None:
            chosen = dict.fromkeys(role_ids, name)
        elif role not in chosen:
            raise UsageError(f"--policy names role {role!r}, but this scenario's roles are {', '.join(role_ids)}")
        else:
            chosen[role] = name
    return {role: make_bot(name) for role, name in chosen.items()}


def _simulate(args: argparse.Namespace) -> tuple[int, str]:
    from engine.bots.simulate import format_report, report_json, simulate
    from engine.core.rules import compile_scenario
    from engine.journal.session import SessionError
    from engine.load.catalog import resolve_scenario

    scenario = resolve_scenario(args.file)
    game = compile_scenario(scenario)
    policies = _policies_for(game.role_ids, args.policy)
    journal = _journaling(Path(args.journal_dir), scenario, args.games, policies) if args.journal_dir is not None else None
    progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = simulate(game, args.games, args.seed, policies, progress, journal=journal)
    except SessionError as error:
        raise InvalidInput(str(error)) from None
    finally:
        if progress is not None:
            progress.clear()
    return EXIT_OK, report_json(report) if args.json else format_report(game, report)


def _journaling(directory: Path, scenario: Scenario, games: int, policies: dict[str, Policy]) -> Journaling:
    """Open one journal per game in ``directory``, after making sure none would be overwritten."""
    from engine.journal.format import Settings
    from engine.journal.session import Session

    try:
        directory.mkdir(parents=True, exist_ok=True)
        present = {entry.name for entry in os.scandir(directory)}
    except FileExistsError:
        raise InvalidInput(f"--journal-dir {directory} is a file, not a directory") from None
    except OSError as error:
        raise InvalidInput(f"--journal-dir {directory} cannot be used: {error.strerror or error}") from None
    width = max(4, len(str(games)))
    names = [f"game-{index + 1:0{width}d}.jsonl" for index in range(games)]
    clashes = [name for name in names if name in present]
    if clashes:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise InvalidInput(
            f"{directory / clashes[0]} already exists{more}; journals are never overwritten: "
            "choose another directory or move the old journals away"
        )
    settings = Settings(bots=tuple(sorted((role, policy.name) for role, policy in policies.items())))

    def open_game(index: int, seed: int) -> Session:
        return Session.new(scenario, seed, directory / names[index], settings=settings, durable=False)

    return open_game


def run_replay(args: argparse.Namespace) -> int:
    """`whitecell replay` as text, JSON or a verification (the terminal UI falls back to it when headless)."""
    status, text, notes = _replay(args)
    emit(status, text)
    sys.stderr.write(notes)
    return status


def _replay(args: argparse.Namespace) -> tuple[int, str, str]:
    """Replay or verify a journal: (status, output, notes for stderr)."""
    from engine.journal.replay import replay_journal, replay_json, replay_text, turns_covered, verify_journal
    from engine.journal.session import open_journal
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
            label = replayed.session.scenario.turns.label.lower()
            message = f"--turn {args.turn}: the journal records {label}s 1 to {max(covered)}"
            if diagnostic is None:
                raise UsageError(message)
            notes.append(f"whitecell: error: {message} (it does not replay further)\n")
    if diagnostic is not None:
        notes.append(diagnostics_text([diagnostic]))
    text = json_text(replay_json(replayed, args.turn)) if args.json else replay_text(replayed, args.turn)
    return (EXIT_OK if diagnostic is None else EXIT_INVALID_INPUT), text, "".join(notes)


def _report(args: argparse.Namespace) -> int:
    """Write the after-action report; a journal that stops replaying gets a report up to that
    line, with a notice in it, and exit status 1."""
    from engine.documents.report import ReportFormat, build_report, render, report_format_for
    from engine.journal.replay import replay_journal
    from engine.journal.session import open_journal

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
    text = render(build_report(replayed.session, notices=notices), kind)
    status = EXIT_INVALID_INPUT if diagnostic else EXIT_OK
    if diagnostic is not None:
        sys.stderr.write(diagnostics_text([diagnostic]))
    if output is None:
        return emit(status, text)
    write_output(output, text, force=args.force)
    print(f"Wrote the after-action report to {output}", file=sys.stderr)
    return status


def _cut_off_notice(path: str, cut: CutOff) -> str:
    """A last line cut off by a crash: a warning (it is left out, and nothing else is wrong), in the diagnostics' form."""
    from engine.load.diagnostics import Diagnostic

    return Diagnostic(path, cut.line, 1, "", "cut-off", cut.message(), severity="warning").format() + "\n"


class _ProgressBar:
    """A one-line progress bar on a terminal, redrawn at most a hundred times."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        step = done * 100 // total
        if step == self.shown:
            return
        self.shown = step
        filled = step * 30 // 100
        self.stream.write(f"\r  simulating [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} games")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r" + " " * 70 + "\r")
        self.stream.flush()


def run() -> None:
    """Console-script entry point: run and exit with the status."""
    sys.exit(main())


if __name__ == "__main__":
    run()
