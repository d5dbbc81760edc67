"""The scenarios bundled with whitecell, found through the package so they work after install."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

DEFAULT = "seoul-tokyo-2026"
"""The bundled scenario that runs when none is named."""


def bundled_files() -> list[Traversable]:
    """The bundled scenario files, the default first, then by name."""
    files = [entry for entry in resources.files(__package__).iterdir() if entry.name.endswith(".json")]
    return sorted(files, key=lambda entry: (entry.name != f"{DEFAULT}.json", entry.name))
