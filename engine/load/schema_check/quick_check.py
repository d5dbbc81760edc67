"""Whether a document satisfies the schema, answered without jsonschema.

Most documents checked are valid, and importing jsonschema costs more than checking a whole
scenario, so this small checker answers "valid or not" first; jsonschema is imported only to
explain a document that is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from engine.load.schema_check.prepared import _unions, _validation_schema


def schema_valid(document: Any) -> bool:
    """Whether a document satisfies the schema, answered without jsonschema.

    It reads the same schema and keeps the meaning jsonschema gives its keywords (and the
    discriminated unions); a keyword it does not know makes it give up and return False, so
    the worst a gap can cost is time, never a wrong answer.
    """
    schema = _validation_schema()
    try:
        return _valid(schema, document, schema["$defs"])
    except (_Unknown, RecursionError):
        return False


class _Unknown(Exception):
    """The schema uses a keyword the quick checker does not implement."""


_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$schema", "$id", "$defs", "$comment"})
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    # Stricter than JSON Schema, which counts 3.0 as an integer: the engine needs a whole number written as
    # one (a turn, an amount), so 3.0 is refused where the schema says integer (see `explain._validator`).
    "integer": lambda value: (isinstance(value, int) and not isinstance(value, bool)) or _beyond_any_limit(value),
}


def _beyond_any_limit(value: Any) -> bool:
    """A float such as 1e300: integral, but far beyond every integer's maximum (at most 10**9), which reports it better."""
    return isinstance(value, float) and value.is_integer() and abs(value) > 1e15


def _same(left: Any, right: Any) -> bool:
    """JSON equality as jsonschema sees it: true is not 1, but 1 is 1.0."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    return bool(left == right)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A schema pattern compiled once, rather than looked up in re's cache at every string checked."""
    return re.compile(pattern)


def _valid(node: dict[str, Any], value: Any, defs: dict[str, Any]) -> bool:
    for keyword, rule in node.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "$ref":
            if not _valid(defs[rule.rsplit("/", 1)[1]], value, defs):
                return False
        elif keyword == "type":
            if not (_TYPES[rule](value) if isinstance(rule, str) else any(_TYPES[kind](value) for kind in rule)):
                return False
        elif keyword == "oneOf":
            if not _one_of(node, rule, value, defs):
                return False
        elif keyword == "enum":
            if not any(_same(value, option) for option in rule):
                return False
        elif keyword == "const":
            if not _same(value, rule):
                return False
        elif isinstance(value, dict):
            if not _valid_object(keyword, rule, node, value, defs):
                return False
        elif isinstance(value, list):
            if not _valid_array(keyword, rule, value, defs):
                return False
        elif isinstance(value, str):
            if keyword == "pattern" and _compiled(rule).search(value) is None:
                return False
            if keyword == "maxLength" and len(value) > rule:
                return False
        elif _TYPES["number"](value):
            if keyword == "minimum" and value < rule:
                return False
            if keyword == "maximum" and value > rule:
                return False
        if keyword not in _KNOWN:
            raise _Unknown(keyword)
    return True


_KNOWN = frozenset(
    {
        "$ref", "type", "oneOf", "enum", "const", "properties", "required", "additionalProperties", "propertyNames",
        "minProperties", "items", "minItems", "maxItems", "pattern", "maxLength", "minimum", "maximum",
    }
)  # fmt: skip


def _valid_object(keyword: str, rule: Any, node: dict[str, Any], value: dict[str, Any], defs: dict[str, Any]) -> bool:
    if keyword == "properties":
        return all(_valid(rule[name], item, defs) for name, item in value.items() if name in rule)
    if keyword == "required":
        return all(name in value for name in rule)
    if keyword == "additionalProperties":
        known = node.get("properties", {})
        extra = [item for name, item in value.items() if name not in known]
        if rule is False:
            return not extra
        return rule is True or all(_valid(rule, item, defs) for item in extra)
    if keyword == "propertyNames":
        return all(_valid(rule, name, defs) for name in value)
    if keyword == "minProperties":
        return bool(len(value) >= rule)
    return True


def _valid_array(keyword: str, rule: Any, value: list[Any], defs: dict[str, Any]) -> bool:
    if keyword == "items":
        return all(_valid(rule, item, defs) for item in value)
    if keyword == "minItems":
        return bool(len(value) >= rule)
    if keyword == "maxItems":
        return bool(len(value) <= rule)
    return True


def _one_of(node: dict[str, Any], branches: list[Any], value: Any, defs: dict[str, Any]) -> bool:
    """The discriminated unions pick their branch by key; any other oneOf means exactly one branch holds."""
    union = _unions().get(id(node))
    if union is not None and isinstance(value, dict):
        present = [key for key in value if key in union[1]]
        return len(present) == 1 and _valid(branches[union[1][present[0]]], value, defs)
    return sum(_valid(branch, value, defs) for branch in branches) == 1
