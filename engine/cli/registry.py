"""The one list of `whitecell` commands, in the order ``whitecell --help`` shows them.

The parser is built from this list and nothing else: adding a command is writing its module and
naming its `Command` here. A front end (the terminal UI) passes its own declarations to
`command_list`: new ones follow the engine's, and one named like an engine command gives that
command another handler in its place. The engine never imports a front end.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.cli import docs, fork, join, lint, listing, msel, new, replay, report, schema, serve, simulate, sweep, validate
from engine.cli.command import Command

COMMANDS: tuple[Command, ...] = (
    listing.COMMAND,
    simulate.COMMAND,
    replay.COMMAND,
    schema.COMMAND,
    report.COMMAND,
    new.COMMAND,
    docs.COMMAND,
    validate.COMMAND,
    lint.COMMAND,
    msel.COMMAND,
    fork.COMMAND,
    join.COMMAND,
    serve.COMMAND,
    sweep.COMMAND,
)
"""The engine's commands, in the order of ``whitecell --help``."""


def command_list(front_end: Sequence[Command] = ()) -> tuple[Command, ...]:
    """The engine's commands, then the front end's, as the command line lists them.

    A front-end command with the name of an engine command takes its place; it must be that command
    with another handler (`Command.handled_by`), so that its help and arguments stay the engine's.
    Raises ValueError for a name declared twice or a replacement that changes more than the handler.
    """
    names = [command.name for command in front_end]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"commands declared more than once: {', '.join(repeated)}")
    given = {command.name: command for command in front_end}
    for command in COMMANDS:
        replacement = given.get(command.name)
        if replacement is not None and replacement.handled_by(command.run) != command:
            raise ValueError(f"{command.name!r} is an engine command: a front end may give it another handler, nothing else")
    engine_names = {command.name for command in COMMANDS}
    return (
        *(given.get(command.name, command) for command in COMMANDS),
        *(command for command in front_end if command.name not in engine_names),
    )
