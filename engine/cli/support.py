"""What every `whitecell` command shares: exit statuses, the errors that map to them, argument types and output.

Each command lives in its own module of `engine.cli` and declares itself with an `engine.cli.command.Command`;
what several of them need is here, so that adding a command never means editing another's code.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from engine.bots.registry import BUILT_IN, bot_names
from engine.core.nouns import counted
from engine.text.terminal import json_safe, terminal_text

if TYPE_CHECKING:
    from engine.load.diagnostics import Diagnostic

EXIT_OK = 0
EXIT_INVALID_INPUT = 1
EXIT_USAGE = 2

Kind = TypeVar("Kind")


class UsageError(Exception):
    """The command line itself is wrong (exit status 2)."""


class InvalidInput(Exception):
    """Something named on the command line cannot be used, e.g. a journal would be overwritten (exit 1)."""


def emit(status: int, text: str) -> int:
    """Write a command's output, made safe for a terminal; a reader that stops early (e.g. ``| head``) changes nothing.

    Output quotes scenarios, journals and events lists, which may hold escape sequences: every
    command prints through here (or `notice`), so none reaches the terminal raw.
    """
    try:
        sys.stdout.write(terminal_text(text))
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return status


def notice(text: str) -> None:
    """A line for standard error (a notice or an error message), made safe for a terminal as `emit` makes output."""
    print(terminal_text(text), file=sys.stderr)


def diagnostics_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Diagnostics one per line, then a count of problems and the files they are in."""
    lines = [diagnostic.format() for diagnostic in diagnostics]
    files = sorted({d.file for d in diagnostics})
    count = len(diagnostics)
    lines.append(f"{counted(count, 'problem')} in {', '.join(files)}")
    return terminal_text("\n".join(lines) + "\n")


def json_text(data: object) -> str:
    """Indented JSON with a final newline, non-ASCII kept readable."""
    import json  # here, not at the top: `whitecell --help` and most commands never print JSON

    return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


# -- argparse value types --------------------------------------------------------------------------


def whole_number(expected: str, low: int, high: int | None, out_of_range: str) -> Callable[[str], int]:
    """An argparse type for a whole number from ``low`` to ``high`` (no upper limit when None).

    ``expected`` names what was wanted ("a turn number"), ``out_of_range`` says the limits; both end
    up in the usage error, followed by what was given, so each option explains itself the same way.
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{out_of_range}, got {value}")
        return value

    return parse


seed_argument = whole_number("a whole number as the seed", 0, 2**64 - 1, f"the seed must be from 0 to {2**64 - 1}")
"""An argparse type for a seed: a whole number from 0 to 2**64 - 1."""


BOTS_IN_HELP = f"{', '.join(BUILT_IN)}, or one a package adds"
"""The bots named in ``--help`` (the built-in ones: listing others would read every package's metadata at start-up)."""


def bot_argument(noun: str, *, every_role: bool) -> Callable[[str], tuple[str | None, str]]:
    """An argparse type for ``ROLE=NAME``, a bot for one role; with ``every_role``, ``NAME`` alone names it for every role.

    ``noun`` is what the option calls a bot ("policy" for ``--policy``, "bot" for ``--bot``).
    """

    def parse(text: str) -> tuple[str | None, str]:
        role, equals, name = text.rpartition("=")
        if not name or (equals and not role) or (not equals and not every_role):
            raise argparse.ArgumentTypeError(f"expected ROLE=POLICY, e.g. tokyo=greedy, got {text!r}")
        known = bot_names()
        if name not in known:
            raise argparse.ArgumentTypeError(f"unknown {noun} {name!r} (known: {', '.join(known)})")
        return (role or None), name

    return parse


def add_policy_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """``--policy ROLE=NAME`` (repeatable; NAME alone: every role), for simulate and lint; ``what``: where the bots play."""
    parser.add_argument(
        "--policy",
        type=bot_argument("policy", every_role=True),
        action="append",
        default=[],
        metavar="ROLE=NAME",
        help=f"the bot for a role{what}, or NAME alone for every role (default: random); bots: {BOTS_IN_HELP}",
    )


def policy_names(role_ids: Sequence[str], specs: Sequence[tuple[str | None, str]]) -> dict[str, str]:
    """The bot of every role by name: random unless ``--policy`` names another, for that role or for all."""
    chosen = dict.fromkeys(role_ids, "random")
    for role, name in specs:
        if role is None:
            chosen = dict.fromkeys(role_ids, name)
        elif role not in chosen:
            raise UsageError(f"--policy names role {role!r}, but this scenario's roles are {', '.join(role_ids)}")
        else:
            chosen[role] = name
    return chosen


def games_argument(low: int, high: int, low_means: str = "") -> Callable[[str], int]:
    """An argparse type for a number of games; ``low_means`` explains the lowest value when it is special."""
    return whole_number("a whole number of games", low, high, f"the number of games must be from {low}{low_means} to {high:,}")


# -- output files ----------------------------------------------------------------------------------


def add_output_arguments(parser: argparse.ArgumentParser, metavar: str, help: str) -> None:
    """``-o/--output`` and ``--force``, for a command that writes a file (or standard output without -o)."""
    parser.add_argument("-o", "--output", metavar=metavar, help=help)
    parser.add_argument("--force", action="store_true", help=f"replace {metavar} if it exists")


def check_output(
    output: Path,
    force: bool,
    kind_of: Callable[[Path], Kind],
    *,
    example: str,
    exists_note: str = "",
) -> Kind:
    """Refuse, before any work is done, an output file that cannot or must not be written; return its kind.

    ``kind_of`` tells the format from the file name and raises ValueError, with a message, for a
    name it does not accept. ``example`` is a file name to suggest when a directory is given.
    """
    if output.is_dir():
        raise UsageError(f"{output} is a directory; give the name of the file to write, e.g. {output / example}")
    try:
        kind = kind_of(output)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if output.exists() and not force:
        raise InvalidInput(f"{output} exists{exists_note}; add --force to replace it, or choose another name")
    if not output.parent.is_dir():
        raise InvalidInput(f"cannot write {output}: the folder {output.parent} does not exist")
    return kind


def write_output(output: Path, text: str | bytes, *, force: bool) -> None:
    """Write the whole file or nothing: a temporary file beside it, then moved into place.

    Without ``force`` it is linked into place, so a file that appeared since `check_output` is
    never replaced; with it, a link at ``output`` is replaced, never written through
    (`engine.journal.sidefiles`). The file gets the permissions of the one it replaces, or of an
    ordinary new file.
    """
    from engine.journal.sidefiles import write_atomically

    try:
        write_atomically(output, text if isinstance(text, bytes) else text.encode("utf-8"), _mode_for(output), replace=force)
    except FileExistsError:
        raise InvalidInput(f"{output} exists; add --force to replace it, or choose another name") from None
    except OSError as error:
        raise InvalidInput(f"cannot write {output}: {error.strerror or error}") from None


@contextlib.contextmanager
def output_stream(output: Path, *, force: bool) -> Iterator[TextIO]:
    """`write_output` for a file written as the work goes on: a UTF-8 text stream (no newline translation).

    The text goes to a temporary file beside ``output``, made before any work is done (so a folder
    that cannot be written to is reported at once), and takes ``output``'s place, as `write_output`
    says, only when the block ends without an exception: an error or a second Ctrl-C in the block
    leaves no file and no half-written one. Writing it fails only with `InvalidInput`: every other
    OSError in the block is the file's too (callers wrap the errors of files of their own).
    """
    from engine.journal.sidefiles import written_atomically

    try:
        with written_atomically(output, _mode_for(output), replace=force) as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
            try:
                yield text
            finally:
                text.detach()  # the bytes go on to the stream, which alone closes the file
    except FileExistsError:
        raise InvalidInput(f"{output} exists; add --force to replace it, or choose another name") from None
    except OSError as error:
        raise InvalidInput(f"cannot write {output}: {error.strerror or error}") from None


def _mode_for(output: Path) -> int:
    """The permissions of the file being replaced, or those an ordinary new file gets (not mkstemp's owner-only ones)."""
    try:
        return output.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
