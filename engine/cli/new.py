"""``whitecell new FILE``: start a scenario from a template that teaches the format by example.

Cheap to import: the templates are loaded only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.cli.command import Command
from engine.cli.support import EXIT_OK, check_output, write_output
from engine.core.nouns import counted

TEMPLATE_NAMES = ("minimal", "full")


def _role_list(text: str) -> Any:
    from engine.templates.roles import RoleListError, parse_roles

    try:
        return parse_roles(text)
    except RoleListError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _scenario_name(target: Path) -> None:
    """Accept only a .json name: editors and `validate` recognise a scenario by it."""
    if target.suffix != ".json":
        raise ValueError(f"{target}: a scenario file name ends in .json, e.g. {target.stem or 'my-scenario'}.json")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the scenario file to write (.json); its name gives the scenario's id")
    parser.add_argument(
        "--template", choices=TEMPLATE_NAMES, default="minimal", help="minimal (default) or full, a tour of every construct"
    )
    parser.add_argument(
        "--roles",
        type=_role_list,
        default=None,
        metavar="ID[=NAME],...",
        help=(
            "the teams, e.g. seoul,tokyo,washington (default: seoul,tokyo); a name is made from the id "
            "unless written after it: it-department=IT Department,pr=PR"
        ),
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    """Write the scenario, refusing to replace a file unless told to."""
    import shlex

    from engine.templates import scaffold
    from engine.templates.roles import DEFAULT_ROLES, roles_from_ids
    from engine.templates.schema_ref import schema_reference

    target = Path(args.file)
    check_output(target, args.force, _scenario_name, example="my-scenario.json")
    roles = args.roles if args.roles is not None else roles_from_ids(DEFAULT_ROLES)
    write_output(target, scaffold(args.template, target, roles, schema_reference(target)), force=args.force)
    count = len(roles)
    print(
        f"Wrote a {args.template} scenario for {counted(count, 'role')} "
        f"({', '.join(role.id for role in roles)}) to {target}.\n"
        f"Next: whitecell validate {shlex.quote(str(target))}, then whitecell play {shlex.quote(str(target))}",
        file=sys.stderr,
    )
    return EXIT_OK


COMMAND = Command(
    "new",
    help="write a new scenario from a template",
    description=(
        "Write a new scenario file that validates and plays as written. Its descriptions and notes say what each "
        "part of the format does. 'minimal' is the smallest scenario to grow from; 'full' uses every kind of "
        'condition, effect, trigger and field. The file starts with "$schema" so that editors complete fields.'
    ),
    arguments=_arguments,
    run=run,
)
