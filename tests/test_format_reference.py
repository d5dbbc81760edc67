"""The format reference: generated from the schema and the code catalogue, committed, and never out of date.

Every field of the schema has an example, every example is valid where it stands, and every
diagnostic code is explained in the committed docs/scenario-format.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from engine.cli.main import main
from engine.documents.codes import all_codes
from engine.documents.format_reference import REGENERATE, format_reference
from engine.schema import scenario_schema

DOCS = Path(__file__).parent.parent / "docs"
REFERENCE = DOCS / "scenario-format.md"


def fields() -> list[tuple[str, dict[str, Any]]]:
    """Every property schema (and map-value schema) with a readable path, the definitions included."""
    schema = scenario_schema()
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(path: str, node: dict[str, Any]) -> None:
        for name, child in node.get("properties", {}).items():
            found.append((f"{path}.{name}", child))
            walk(f"{path}.{name}", child)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            found.append((f"{path}.*", extra))
            walk(f"{path}.*", extra)

    walk("scenario", schema)
    for name, definition in schema["$defs"].items():
        found.append((f"$defs.{name}", definition))
        walk(name, definition)
    return found


def examples_of(node: dict[str, Any]) -> list[Any]:
    """A field's own examples, or those of the definition it refers to."""
    own: list[Any] = node.get("examples", [])
    if own or "$ref" not in node:
        return own
    target: list[Any] = scenario_schema()["$defs"][node["$ref"].rsplit("/", 1)[1]].get("examples", [])
    return target


FIELDS = fields()


def test_the_committed_reference_is_up_to_date() -> None:
    committed = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    assert committed == format_reference(), f"docs/scenario-format.md is out of date; regenerate it with: {REGENERATE}"


def test_the_command_prints_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--reference"]) == 0
    assert capsys.readouterr().out == format_reference()


def test_reference_and_journal_schema_are_different_requests(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["schema", "--reference", "--journal"])
    assert done.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_there_are_many_fields_to_check() -> None:
    assert len(FIELDS) > 150


@pytest.mark.parametrize(("path", "node"), FIELDS, ids=[path for path, _ in FIELDS])
def test_every_field_has_a_valid_example(path: str, node: dict[str, Any]) -> None:
    examples = examples_of(node)
    assert examples, f"{path} has no example (add 'examples' to it or to the definition it refers to)"
    validator = Draft202012Validator({**node, "$defs": scenario_schema()["$defs"]})
    for example in examples:
        errors = [error.message for error in validator.iter_errors(example)]
        assert errors == [], f"{path}: example {example!r} is invalid: {errors}"


def test_every_definition_and_code_is_in_the_reference() -> None:
    text = format_reference()
    for name, definition in scenario_schema()["$defs"].items():
        assert f"## {definition['title']}\n" in text, name
    for code, info in all_codes().items():
        assert f"| `{code}` | {info.severity} |" in text, code


def test_the_guide_and_the_reference_link_to_each_other() -> None:
    assert "(scenario-format.md)" in (DOCS / "scenario-guide.md").read_text(encoding="utf-8")
    assert "(scenario-guide.md)" in format_reference()


def test_the_reference_is_deterministic() -> None:
    assert format_reference() == format_reference()
