"""Load a scenario for lint, keeping the parsed text so findings can point into the file.

Accepts what every command accepts: a path, or the name of a bundled scenario. A scenario
that does not load raises `ScenarioError`, reported exactly as `validate` reports it; one that
loads keeps validate's warnings, so lint reports them first and never checks the same thing again.
"""

from __future__ import annotations

from pathlib import Path

import attrs

import scenarios
from engine.core.model import Scenario
from engine.load.catalog import bundled
from engine.load.diagnostics import Diagnostic, ScenarioError
from engine.load.jsonpos import ParsedJson
from engine.load.loader import check_scenario_bytes, decode_text, parse_document, read_input_file


@attrs.frozen
class Source:
    """A loaded scenario with its parsed text, the name findings are reported under and validate's warnings."""

    scenario: Scenario
    parsed: ParsedJson
    label: str
    warnings: tuple[Diagnostic, ...] = ()


def _from_bytes(data: bytes, label: str) -> Source:
    checked = check_scenario_bytes(data, label)
    if checked.scenario is None:
        raise ScenarioError(checked.errors)
    parsed = parse_document(decode_text(data, label), label)  # again (a few ms): lint's findings need the positions
    return Source(checked.scenario, parsed, label, checked.warnings)


def open_source(reference: str | None) -> Source:
    """Load a scenario named by a path or a bundled name (the default when None)."""
    name = reference if reference is not None else scenarios.DEFAULT
    path = Path(name)
    if reference is not None and (path.exists() or path.suffix == ".json" or "/" in name or "\\" in name):
        return _from_bytes(read_input_file(path, "scenario"), name)
    for item in bundled():
        if item.name == name:
            entry = next(file for file in scenarios.bundled_files() if file.name == f"{name}.json")
            return _from_bytes(entry.read_bytes(), item.label)
    names = ", ".join(item.name for item in bundled())
    raise ScenarioError(
        [Diagnostic(name, 1, 1, "", "no-such-file", f"no such file, and no bundled scenario of that name (bundled: {names})")]
    )
