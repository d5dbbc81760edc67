"""`whitecell list`: the scenarios bundled with whitecell, as text for people or as JSON.

Cheap to import: the scenarios are loaded only when the command runs.
"""

from __future__ import annotations

import argparse

import scenarios
from engine.cli.command import Command
from engine.cli.support import EXIT_OK, emit, json_text


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the list as JSON")


def run(args: argparse.Namespace) -> int:
    """Print every bundled scenario, the default marked."""
    return emit(EXIT_OK, _listing(args.json))


def _listing(as_json: bool) -> str:
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
                "actors": [role.id for role in scenario.actors],
                "summary": scenario.summary,
                "default": name == default_name,
            }
            for name, scenario in items
        ]
        return json_text(rows)
    width = max(len(name) for name, _ in items)
    pad = " " * width
    lines = []
    for name, scenario in items:
        mark = " (default)" if name == default_name else ""
        lines.append(f"{name:<{width}}  {scenario.title}{mark}")
        teams = ", ".join(role.id for role in scenario.teams)
        actors = ", ".join(role.id for role in scenario.actors)
        played = f"; played by the white cell: {actors}" if actors else ""
        lines.append(f"{pad}  {scenario.turns.counted(scenario.turns.count)}; roles: {teams}{played}")
        if scenario.summary:
            lines.append(f"{pad}  {scenario.summary}")
    return "\n".join(lines) + "\n"


COMMAND = Command(
    "list",
    help="list the bundled scenarios",
    description="List the scenarios bundled with whitecell.",
    arguments=_arguments,
    run=run,
)
