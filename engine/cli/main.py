"""The `whitecell` command line: the parser built from the registry, and the one place errors become exit statuses.

Exit status everywhere: 0 success, 1 invalid input (a scenario or journal that cannot be
used), 2 bad usage (unknown flag, bad value). No traceback reaches the user for bad input.
The commands themselves live in their own modules, listed in `engine.cli.registry`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Container, Sequence
from typing import NoReturn

from engine.cli.command import Command, Handler
from engine.cli.registry import COMMANDS, command_list
from engine.cli.support import EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, InvalidInput, UsageError, diagnostics_text, emit, notice
from engine.version import __version__

__all__ = ["build_parser", "main", "run"]

# The commands import what they need when they run, so that --help and --version are instant.


class _Parser(argparse.ArgumentParser):
    """argparse, but errors end with a pointer to --help instead of a bare usage line."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nRun '{self.prog} --help' for more.\n")


def build_parser(
    commands: Sequence[Command] = COMMANDS, *, arguments_of: Container[str] | None = None
) -> argparse.ArgumentParser:
    """The argument parser of ``commands``, listed in their order (by default the engine's own).

    ``arguments_of`` names the commands whose arguments are added (None: every command's). The top
    level lists the others all the same; leaving out what will not be parsed saves start-up time.
    """
    parser = _Parser(
        prog="whitecell",
        description=(
            "A tabletop crisis-exercise engine for the white cell. Scenarios are JSON files checked "
            "against a published schema; each names its teams (the bundled ones play Seoul and Tokyo), the shocks "
            "they face and the choices they have."
        ),
        epilog=(
            "Run 'whitecell COMMAND --help' for the options of a command. Exit status: 0 success, 1 invalid input, 2 bad usage."
        ),
    )
    parser.add_argument("--version", action="version", version=f"whitecell {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in commands:
        command.add_to(subparsers, with_arguments=arguments_of is None or command.name in arguments_of)
    return parser


def _named(argv: Sequence[str]) -> set[str]:
    """The command ``argv`` names: its first word that is not an option (no top-level option takes a value)."""
    return {next((word for word in argv if not word.startswith("-")), "")}


def main(argv: Sequence[str] | None = None, *, front_end: Sequence[Command] = (), start: Handler | None = None) -> int:
    """Run the command line; return the exit status.

    A front end passes its commands in ``front_end`` (see `engine.cli.registry.command_list`) and,
    in ``start``, what runs when no command is given (by default: print the help). Errors are
    reported the same way for every command.
    """
    commands = command_list(front_end)
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(commands, arguments_of=_named(words))
    args = parser.parse_args(words)
    from engine.load.diagnostics import InputError  # after parsing: --help and --version need none of the engine

    handlers = {command.name: command.run for command in commands}
    try:
        if args.command is None:
            return start(args) if start is not None else emit(EXIT_OK, parser.format_help())
        return handlers[args.command](args)
    except InputError as error:
        sys.stderr.write(diagnostics_text(error.diagnostics))
        return EXIT_INVALID_INPUT
    except InvalidInput as error:
        notice(f"whitecell: error: {error}")
        return EXIT_INVALID_INPUT
    except UsageError as error:
        notice(f"whitecell: error: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("whitecell: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """Console-script entry point of the engine alone (``python -m engine``): run and exit with the status."""
    sys.exit(main())


if __name__ == "__main__":
    run()
