"""The published JSON Schemas, shipped inside the package so that they are found after install."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCENARIO_SCHEMA_FILE = "scenario.schema.json"
JOURNAL_SCHEMA_FILE = "journal.schema.json"


def schema_text(name: str = SCENARIO_SCHEMA_FILE) -> str:
    """The text of a shipped schema file, exactly as published."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def scenario_schema() -> dict[str, Any]:
    """The scenario schema as a JSON object (parsed once per process)."""
    loaded: dict[str, Any] = json.loads(schema_text(SCENARIO_SCHEMA_FILE))
    return loaded
