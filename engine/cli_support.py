"""What every `whitecell` subcommand shares: exit statuses, the errors that map to them, and output.

Subcommands live in their own modules (``engine/cli_*.py``) and plug into the parser through
the `Subcommand` protocol, so that adding one never means editing another's code.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, Protocol

from engine.diagnostics import Diagnostic

EXIT_OK = 0
EXIT_INVALID_INPUT = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command line itself is wrong (exit status 2)."""


class InvalidInput(Exception):
    """Something named on the command line cannot be used, e.g. a journal would be overwritten (exit 1)."""


class Subcommand(Protocol):
    """A module that adds one subcommand: its name, its arguments, and how it runs.

    The module must be cheap to import (argparse only); ``run`` imports what it needs, so that
    ``whitecell --help`` stays instant. ``run`` may raise `UsageError`, `InvalidInput` or
    `engine.diagnostics.InputError`; the command line reports them and sets the exit status.
    """

    NAME: str

    def add_parser(self, commands: Any) -> None:
        """Add the subcommand's parser to ``commands`` (argparse's subparsers action)."""

    def run(self, args: argparse.Namespace) -> int:
        """Run the subcommand and return its exit status."""


def emit(status: int, text: str) -> int:
    """Write a command's output; a reader that stops early (e.g. ``| head``) changes nothing."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return status


def diagnostics_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Diagnostics one per line, then a count of problems and the files they are in."""
    lines = [diagnostic.format() for diagnostic in diagnostics]
    files = sorted({d.file for d in diagnostics})
    count = len(diagnostics)
    lines.append(f"{count} problem{'s' if count != 1 else ''} in {', '.join(files)}")
    return "\n".join(lines) + "\n"


def json_text(data: object) -> str:
    """Indented JSON with a final newline, non-ASCII kept readable."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
