"""The published schema as the checkers read it: leaf definitions inlined, and which key picks each form of a union.

Both the quick check and jsonschema read this copy; the published file is never changed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from engine.schema import scenario_schema


def _refers(node: Any) -> bool:
    """Whether a schema node holds a $ref anywhere (its examples aside)."""
    if isinstance(node, dict):
        return "$ref" in node or any(_refers(value) for key, value in node.items() if key != "examples")
    if isinstance(node, list):
        return any(_refers(item) for item in node)
    return False


_DOCUMENTATION = frozenset({"examples", "description"})
_NAMED = frozenset({"properties", "$defs"})


@cache
def _validation_schema() -> dict[str, Any]:
    """The published schema with references to leaf definitions (ids, texts, amounts) inlined.

    Same meaning, but the validator no longer looks up a reference for every id and number,
    which was most of the time spent validating. The published file keeps its $refs. Examples
    and descriptions are left out: they document, and checking would only have to skip them.
    Every node is a new object, so the published schema is never changed.
    """
    schema = scenario_schema()
    defs = schema["$defs"]
    leaves = {f"#/$defs/{name}": body for name, body in defs.items() if not _refers(body)}

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            target = leaves.get(node.get("$ref", ""))
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}} if target is not None else node
            return {
                key: by_name(value) if key in _NAMED else inline(value)
                for key, value in merged.items()
                if key not in _DOCUMENTATION
            }
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    def by_name(named: dict[str, Any]) -> dict[str, Any]:
        """A map of names to schemas, whose names (e.g. a property called "description") are kept."""
        return {name: inline(value) for name, value in named.items()}

    return inline(schema)  # type: ignore[no-any-return]


@cache
def _unions() -> dict[int, tuple[str, dict[str, int]]]:
    """For each oneOf union in the schema: its noun and which key picks which branch."""
    schema = _validation_schema()
    defs = schema["$defs"]
    unions: dict[int, tuple[str, dict[str, int]]] = {}
    for definition in defs.values():
        branches = definition.get("oneOf")
        if not branches:
            continue
        keys: dict[str, int] = {}
        for index, branch in enumerate(branches):
            target = defs[branch["$ref"].rsplit("/", 1)[1]]
            keys[target["required"][0]] = index
        unions[id(definition)] = (definition["title"].lower(), keys)
    return unions
