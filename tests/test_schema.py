"""The published schema itself: complete hover help, strict objects, and the bundled files valid."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import scenarios
from engine.schema import scenario_schema, schema_text

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "engine" / "schema" / "scenario.schema.json"


def object_schemas(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from object_schemas(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from object_schemas(item, f"{path}/{index}")


def test_the_schema_is_a_valid_draft_2020_12_schema_with_an_id() -> None:
    schema = scenario_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]


def test_every_property_has_a_title_and_a_description_for_hover_help() -> None:
    missing = [
        f"{path}/properties/{name}"
        for path, node in object_schemas(scenario_schema())
        for name, prop in node["properties"].items()
        if not (prop.get("title") and prop.get("description"))
    ]
    assert not missing, missing


def test_every_object_refuses_unknown_properties_so_typos_are_errors() -> None:
    loose = [path or "/" for path, node in object_schemas(scenario_schema()) if node.get("additionalProperties") is not False]
    assert not loose, loose


def test_conditions_and_effects_are_definitions() -> None:
    definitions = scenario_schema()["$defs"]
    assert "oneOf" in definitions["condition"]
    assert "oneOf" in definitions["effect"]


def test_the_top_level_keeps_the_lists_tools_rely_on() -> None:
    properties = scenario_schema()["properties"]
    for name in ("roles", "variables", "actions", "shocks", "rules", "outcomes"):
        assert properties[name]["type"] == "array"
        assert properties[name]["items"]["$ref"].startswith("#/$defs/")


def test_who_sees_what_is_optional_so_older_scenarios_stay_valid() -> None:
    """A role's private briefing and an objective's visibility are optional; visibility is public or private."""
    definitions = scenario_schema()["$defs"]
    assert "briefing" in definitions["role"]["properties"] and "briefing" not in definitions["role"]["required"]
    visibility = definitions["objective"]["properties"]["visibility"]
    assert visibility["enum"] == ["public", "private"] and "visibility" not in definitions["objective"]["required"]


def test_the_shipped_text_is_the_file_in_the_source_tree() -> None:
    assert json.loads(schema_text()) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", scenarios.bundled_files(), ids=lambda entry: entry.name)
def test_bundled_scenarios_are_valid_against_the_published_schema_alone(entry: Any) -> None:
    """Editors use the schema file without whitecell; it must accept the bundled scenarios."""
    document = json.loads(entry.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(scenario_schema()).iter_errors(document))
    assert not errors, [error.message for error in errors[:3]]
