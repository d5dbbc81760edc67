"""The `whitecell` command line.

Exit status everywhere: 0 success, 1 invalid input (a scenario or journal that cannot be
used), 2 bad usage (unknown flag, bad value). No traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from engine import __version__
from engine.catalog import bundled, default_name, resolve_scenario
from engine.diagnostics import Diagnostic, InputError, ScenarioError
from engine.loader import load_scenario
from engine.policies import POLICIES, Policy, make_policy
from engine.rules import compile_scenario
from engine.schema import schema_text
from engine.simulate import format_report, report_json, simulate

EXIT_OK = 0
EXIT_INVALID_INPUT = 1
EXIT_USAGE = 2
MAX_GAMES = 1_000_000


class UsageError(Exception):
    """The command line itself is wrong (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse, but errors end with a pointer to --help instead of a bare usage line."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nRun '{self.prog} --help' for more.\n")


def _positive_games(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of games, got {text!r}") from None
    if not 1 <= value <= MAX_GAMES:
        raise argparse.ArgumentTypeError(f"the number of games must be from 1 to {MAX_GAMES:,}, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number as the seed, got {text!r}") from None
    if not 0 <= value < 2**64:
        raise argparse.ArgumentTypeError("the seed must be from 0 to 18446744073709551615")
    return value


def _policy_spec(text: str) -> tuple[str | None, str]:
    role, _, name = text.rpartition("=")
    if name not in POLICIES:
        known = ", ".join(POLICIES)
        raise argparse.ArgumentTypeError(f"unknown policy {name!r} (known: {known})")
    if "=" in text and not role:
        raise argparse.ArgumentTypeError(f"expected ROLE=POLICY, got {text!r}")
    return (role or None), name


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
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

    validate = commands.add_parser(
        "validate",
        help="check scenario files and report every problem",
        description=(
            "Check scenario files against the schema and their meaning; report every problem as FILE:LINE:COL: /pointer: message."
        ),
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="scenario files (or bundled scenario names)")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or a JSON list of diagnostics"
    )

    sim = commands.add_parser(
        "simulate",
        help="play many bot games and report the scenario's balance",
        description=(
            "Play N games with bots and print the outcome distribution, final-variable statistics, "
            "how often each shock fired and each action was taken. Same arguments, same output."
        ),
    )
    sim.add_argument("file", nargs="?", metavar="FILE", help=f"a scenario file or bundled name (default: {default_name()})")
    sim.add_argument("--games", type=_positive_games, default=1000, metavar="N", help="how many games to play (default: 1000)")
    sim.add_argument("--seed", type=_seed, default=1, metavar="S", help="the batch's seed (default: 1)")
    sim.add_argument(
        "--policy",
        type=_policy_spec,
        action="append",
        default=[],
        metavar="ROLE=NAME",
        help=f"the bot for a role, or NAME alone for every role (default: random); bots: {', '.join(POLICIES)}",
    )
    sim.add_argument("--json", action="store_true", help="print the statistics as one JSON object")

    commands.add_parser(
        "schema",
        help="print the scenario JSON Schema",
        description="Print the scenario JSON Schema (draft 2020-12) for editors and tools.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        if args.command == "list":
            return _list(args.json)
        if args.command == "validate":
            return _validate(args.files, args.format)
        if args.command == "simulate":
            return _simulate(args)
        sys.stdout.write(schema_text())
        return EXIT_OK
    except InputError as error:
        _print_diagnostics(error.diagnostics, sys.stderr)
        return EXIT_INVALID_INPUT
    except UsageError as error:
        print(f"whitecell: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("whitecell: interrupted", file=sys.stderr)
        return 130


def _print_diagnostics(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=stream)
    files = sorted({d.file for d in diagnostics})
    count = len(diagnostics)
    print(f"{count} problem{'s' if count != 1 else ''} in {', '.join(files)}", file=stream)


def _list(as_json: bool) -> int:
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
                "default": name == default_name(),
            }
            for name, scenario in items
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(name) for name, _ in items)
    pad = " " * width
    for name, scenario in items:
        mark = " (default)" if name == default_name() else ""
        print(f"{name:<{width}}  {scenario.title}{mark}")
        roles = ", ".join(role.id for role in scenario.roles)
        print(f"{pad}  {scenario.turns.count} {scenario.turns.label.lower()}s; roles: {roles}")
        if scenario.summary:
            print(f"{pad}  {scenario.summary}")
    return EXIT_OK


def _validate(files: Sequence[str], output: str) -> int:
    problems: list[Diagnostic] = []
    checked: list[dict[str, object]] = []
    for name in files:
        try:
            scenario = load_scenario(name) if name.endswith(".json") else resolve_scenario(name)
        except ScenarioError as error:
            problems.extend(error.diagnostics)
            checked.append({"file": name, "valid": False})
            continue
        checked.append({"file": name, "valid": True, "id": scenario.id})
        if output == "text":
            print(
                f"{name}: ok: {scenario.title} ({scenario.turns.count} turns; {len(scenario.roles)} roles, "
                f"{len(scenario.variables)} variables, {len(scenario.actions)} actions, {len(scenario.shocks)} shocks)"
            )
    if output == "json":
        print(json.dumps([d.to_json() for d in problems], indent=2, ensure_ascii=False))
    elif problems:
        _print_diagnostics(problems, sys.stdout)
    return EXIT_INVALID_INPUT if problems else EXIT_OK


def _policies_for(role_ids: Sequence[str], specs: Sequence[tuple[str | None, str]]) -> dict[str, Policy]:
    chosen = dict.fromkeys(role_ids, "random")
    for role, name in specs:
        if role is None:
            chosen = dict.fromkeys(role_ids, name)
        elif role not in chosen:
            raise UsageError(f"--policy names role {role!r}, but this scenario's roles are {', '.join(role_ids)}")
        else:
            chosen[role] = name
    return {role: make_policy(name) for role, name in chosen.items()}


def _simulate(args: argparse.Namespace) -> int:
    scenario = resolve_scenario(args.file)
    game = compile_scenario(scenario)
    policies = _policies_for(game.role_ids, args.policy)
    progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        report = simulate(game, args.games, args.seed, policies, progress)
    finally:
        if progress is not None:
            progress.clear()
    sys.stdout.write(report_json(report) if args.json else format_report(game, report))
    return EXIT_OK


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
    """Console-script entry point: run and exit with the status, quietly on a closed pipe."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = EXIT_OK
    sys.exit(status)


if __name__ == "__main__":
    run()
