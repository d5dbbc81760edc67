"""What one `whitecell` command declares: its name, its help, how it adds its arguments, and its handler.

Every command module of `engine.cli` ends with one `Command`; the registry (`engine.cli.registry`)
lists them and the parser is built from that list. A front end declares its own commands the
same way and hands them to `engine.cli.main.main`. Cheap to import: argparse and typing only.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NamedTuple

Handler = Callable[[argparse.Namespace], int]
"""Runs a command and returns its exit status; may raise the errors `engine.cli.main.main` reports."""

Arguments = Callable[[argparse.ArgumentParser], None]
"""Adds a command's arguments (and subcommands, if it has any) to its parser."""


class Command(NamedTuple):
    """One command of the command line.

    ``help`` is the line ``whitecell --help`` shows beside the name, ``description`` the paragraph
    of ``whitecell NAME --help``. ``run`` imports what it needs when it runs, so that building the
    parser stays instant; it may raise `engine.cli.support.UsageError` (exit 2),
    `engine.cli.support.InvalidInput` or `engine.load.diagnostics.InputError` (exit 1).
    """

    name: str
    help: str
    description: str
    arguments: Arguments
    run: Handler

    def add_to(self, commands: Any, *, with_arguments: bool = True) -> None:
        """Add this command's parser to ``commands`` (argparse's subparsers action).

        Without its arguments, the command is still listed, with its help, by ``whitecell --help``;
        it cannot parse its own arguments then.
        """
        parser = commands.add_parser(self.name, help=self.help, description=self.description)
        if with_arguments:
            self.arguments(parser)

    def handled_by(self, run: Handler) -> Command:
        """The same command (name, help, arguments) run by another handler, e.g. a front end's."""
        return self._replace(run=run)
