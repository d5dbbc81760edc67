"""Find scenarios: a path on disk, or the name of a bundled scenario."""

from __future__ import annotations

from pathlib import Path

import attrs

import scenarios
from engine.core.model import Scenario
from engine.load.diagnostics import Diagnostic, ScenarioError
from engine.load.loader import load_scenario, load_scenario_bytes


@attrs.frozen
class BundledScenario:
    """A scenario shipped with whitecell, by name."""

    name: str
    label: str

    def load(self) -> Scenario:
        entry = next(item for item in scenarios.bundled_files() if item.name == f"{self.name}.json")
        return load_scenario_bytes(entry.read_bytes(), self.label)


def bundled() -> list[BundledScenario]:
    """Every bundled scenario, the default first."""
    return [BundledScenario(entry.name.removesuffix(".json"), f"<bundled>/{entry.name}") for entry in scenarios.bundled_files()]


def default_name() -> str:
    """The name of the default scenario."""
    return scenarios.DEFAULT


def resolve_scenario(reference: str | None) -> Scenario:
    """Load a scenario named by a path or a bundled name (the default when None).

    A path that exists wins over a bundled name; otherwise an unknown name is an error that
    lists the bundled scenarios.
    """
    name = reference if reference is not None else scenarios.DEFAULT
    path = Path(name)
    if reference is not None and (path.exists() or path.suffix == ".json" or "/" in name or "\\" in name):
        return load_scenario(path)
    for item in bundled():
        if item.name == name:
            return item.load()
    names = ", ".join(item.name for item in bundled())
    raise ScenarioError(
        [Diagnostic(name, 1, 1, "", "no-such-file", f"no such file, and no bundled scenario of that name (bundled: {names})")]
    )
