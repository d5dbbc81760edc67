"""`whitecell lint FILE [--games N]`: what in a valid scenario is dead, unreachable or lopsided.

Cheap to import (argparse only); the checks load when the command runs.
"""

from __future__ import annotations

import argparse

from engine.cli.command import Command
from engine.cli.support import (
    EXIT_INVALID_INPUT,
    EXIT_OK,
    add_policy_argument,
    emit,
    games_argument,
    json_text,
    policy_names,
    seed_argument,
)

DEFAULT_GAMES = 200
MAX_GAMES = 100_000


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help="a scenario file or bundled name (default: the default scenario)")
    parser.add_argument(
        "--games",
        type=games_argument(0, MAX_GAMES, " (static checks only)"),
        default=DEFAULT_GAMES,
        metavar="N",
        help=f"bot games for the dynamic pass (default: {DEFAULT_GAMES}; 0: static checks only)",
    )
    parser.add_argument("--seed", type=seed_argument, default=1, metavar="S", help="the games' seed (default: 1)")
    add_policy_argument(parser, " in the dynamic pass")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or a JSON list of diagnostics")


def run(args: argparse.Namespace) -> int:
    """Lint the scenario; exit 1 when there is a finding to act on (an info alone is worth knowing, not a failure)."""
    from engine.lint.check import lint, lint_text
    from engine.lint.source import open_source

    source = open_source(args.file)
    bots = policy_names([role.id for role in source.scenario.roles], args.policy)
    result = lint(source, args.games, args.seed, bots)
    status = EXIT_INVALID_INPUT if any(d.severity != "info" for d in result.diagnostics) else EXIT_OK
    if args.format == "json":
        return emit(status, json_text([d.to_json() for d in result.diagnostics]))
    return emit(status, lint_text(result))


COMMAND = Command(
    "lint",
    help="find dead content in a scenario: shocks that never fire, actions never available, ...",
    description=(
        "Analyse a scenario that validates. Static checks prove what the rules make impossible: shocks whose trigger "
        "can never hold, actions never available, variables nothing changes, resources never spent, objectives, "
        "endings and outcomes that cannot come about, objectives met for free, follow-ups that loop, empty text. Then N "
        "games with random bots show what play never reaches, and actions that dominate. Each finding is "
        "FILE:LINE:COL: warning: /pointer: message [code] (or info: for what is worth knowing but needs no fix). "
        "Exit status: 0 no findings or infos only, 1 warnings or an invalid scenario, 2 bad usage."
    ),
    arguments=_arguments,
    run=run,
)
