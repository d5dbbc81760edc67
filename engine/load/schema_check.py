"""Check a parsed scenario against its JSON Schema and say what is wrong in plain words.

jsonschema's own messages are written for schema authors ("... is not valid under any of the
given schemas"). Scenario authors need to hear which property is unknown, which form of a
condition they meant, and what a valid value looks like, so errors are translated here.

Most documents checked are valid, and importing jsonschema costs more than checking a whole
scenario, so a small checker reading the same schema answers "valid or not" first; jsonschema
is imported only to explain a document that is not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from engine.load.diagnostics import CodeInfo, closest
from engine.load.jsonpos import escape_pointer_token, pointer_of
from engine.schema import scenario_schema

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

ID_RULE = "ids are lowercase letters and digits in words joined by single hyphens, starting with a letter"
COMPARATORS = ("atLeast", "atMost", "above", "below", "equals")

# (pointer, code, message, points at the key rather than the value, suggestion)
Finding = tuple[str, str, str, bool, str | None]

CODES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "missing-property",
        "error",
        "a required property is missing",
        "The object lacks a property the format requires; the message names it.",
    ),
    CodeInfo(
        "unknown-property",
        "error",
        "a property the format does not know",
        "Usually a typo: the message suggests the closest allowed name, or lists the names allowed at that place.",
    ),
    CodeInfo(
        "wrong-type",
        "error",
        "a value of the wrong JSON type",
        "E.g. a string where a number is expected, or a fraction where whitecell wants a whole number.",
    ),
    CodeInfo(
        "not-allowed",
        "error",
        "a value outside a fixed list of choices",
        "Fields such as a shock's category or a variable's polarity take one of a few words; the message lists them.",
    ),
    CodeInfo(
        "out-of-range",
        "error",
        "a number below its minimum or above its maximum",
        "Each number has limits (turn counts, budgets, probabilities from 0 to 1); the message gives the limit.",
    ),
    CodeInfo(
        "bad-id",
        "error",
        "a name that is not a valid id",
        "Ids are lowercase words of letters and digits joined by hyphens, starting with a letter.",
    ),
    CodeInfo(
        "bad-date-format",
        "error",
        "a date not written YYYY-MM-DD",
        "The calendar start date must be written as year, month and day, e.g. 2026-04-01.",
    ),
    CodeInfo(
        "too-few",
        "error",
        "a list or object with too few entries",
        "Some lists must not be empty (roles, variables, outcomes) and comparisons need at least one bound.",
    ),
    CodeInfo(
        "too-many",
        "error",
        "a list with more entries than allowed",
        "Lists have upper limits (e.g. at most 8 roles) that keep a scenario playable around a table.",
    ),
    CodeInfo(
        "too-long", "error", "a text or id longer than allowed", "Ids are at most 64 characters and short texts at most 2,000."
    ),
    CodeInfo(
        "unknown-form",
        "error",
        "a condition or effect that is none of the known forms",
        "A condition or effect is an object picked by one key (var, all... or add, set...); the message lists them.",
    ),
    CodeInfo(
        "several-forms",
        "error",
        "a condition or effect object that has two forms at once",
        "Each condition or effect object holds exactly one form; put several inside a list (all, or an effects list).",
    ),
    CodeInfo(
        "schema-mismatch",
        "error",
        "a schema rule with no more specific code",
        "A fallback for schema rules that whitecell does not yet explain in its own words; the message is the validator's.",
    ),
)


def _discriminated_one_of(validator: Any, branches: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """oneOf for the condition and effect unions: validate only the branch the key names.

    Plain oneOf tries every branch, and since branches nest (all, any, chance, pick...), its
    cost grows exponentially with depth. Each form is picked by its own key, so the one branch
    it names is enough, and errors come from it directly. Anything else gets one error that
    `_on_one_of` explains (no form, or several).
    """
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    union = _unions().get(id(schema))
    if union is None or not isinstance(instance, dict):
        yield from Draft202012Validator.VALIDATORS["oneOf"](validator, branches, instance, schema)
        return
    present = [key for key in instance if key in union[1]]
    if len(present) == 1:
        branch = union[1][present[0]]
        yield from validator.descend(instance, branches[branch], schema_path=branch)
        return
    yield ValidationError(f"not exactly one {union[0]} form")


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator, validators

    kind = validators.extend(Draft202012Validator, {"oneOf": _discriminated_one_of})
    return kind(_validation_schema())


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
    "integer": lambda value: (
        (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())
    ),
}


def _same(left: Any, right: Any) -> bool:
    """JSON equality as jsonschema sees it: true is not 1, but 1 is 1.0."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    return bool(left == right)


def _valid(node: dict[str, Any], value: Any, defs: dict[str, Any]) -> bool:
    for keyword, rule in node.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "$ref":
            if not _valid(defs[rule.rsplit("/", 1)[1]], value, defs):
                return False
        elif keyword == "type":
            kinds = [rule] if isinstance(rule, str) else rule
            if not any(_TYPES[kind](value) for kind in kinds):
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
            if keyword == "pattern" and re.search(rule, value) is None:
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


def schema_findings(document: Any) -> list[Finding]:
    """Every schema violation in a document, translated for authors."""
    if schema_valid(document):
        return []
    findings: list[Finding] = []
    for error in _validator().iter_errors(document):
        findings.extend(_translate(error))
    unique: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        unique.setdefault((finding[0], finding[2]), finding)
    return list(unique.values())


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number with a fraction" if not value.is_integer() else "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


_TYPE_NAMES = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _slug(text: str) -> str:
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in text).split()
    slug = "-".join(words)
    if slug and not slug[0].isalpha():
        slug = "x-" + slug
    return slug


def _translate(error: ValidationError) -> Iterator[Finding]:
    pointer = pointer_of(list(error.absolute_path))
    handler = _HANDLERS.get(str(error.validator))
    if handler is None:
        yield pointer, "schema-mismatch", error.message, False, None
        return
    yield from handler(error, pointer)


def _on_one_of(error: ValidationError, pointer: str) -> Iterator[Finding]:
    union = _unions().get(id(error.schema))
    instance = error.instance
    if union is None:
        yield pointer, "unknown-form", "does not match any allowed form", False, None
        return
    noun, keys = union
    forms = ", ".join(keys)
    if not isinstance(instance, dict):
        yield (
            pointer,
            "wrong-type",
            f"expected {noun} object (one of the forms {forms}), found {_json_type(instance)}",
            False,
            None,
        )
        return
    present = [key for key in instance if key in keys]
    if not present:
        unknown = list(instance)
        guess = closest(unknown[0], keys) if unknown else None
        hint = f" (did you mean {guess!r}?)" if guess else ""
        found = f"keys {', '.join(map(repr, unknown))}" if unknown else "an empty object"
        yield pointer, "unknown-form", f"not a known {noun}: found {found}; expected one of the forms {forms}{hint}", False, guess
        return
    if len(present) > 1:
        yield (
            pointer,
            "several-forms",
            f"{noun} has more than one form ({', '.join(map(repr, present))}); give each its own object, e.g. inside a list",
            False,
            None,
        )
        return
    # exactly one form: the discriminated oneOf reported the branch's own errors instead
    yield pointer, "unknown-form", f"invalid {noun}", False, None


def _on_required(error: ValidationError, pointer: str) -> Iterator[Finding]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    for name in error.validator_value:
        if name not in instance:
            yield pointer, "missing-property", f"missing required property {name!r}", False, None


def _on_additional(error: ValidationError, pointer: str) -> Iterator[Finding]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    known = list(error.schema.get("properties", {}))
    for name in instance:
        if name not in known:
            child = pointer + "/" + escape_pointer_token(name)
            guess = closest(name, known)
            if guess:
                yield child, "unknown-property", f"unknown property {name!r} (did you mean {guess!r}?)", True, guess
            else:
                yield child, "unknown-property", f"unknown property {name!r}; allowed here: {', '.join(known)}", True, None


def _on_type(error: ValidationError, pointer: str) -> Iterator[Finding]:
    wanted = error.validator_value
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    expected = " or ".join(_TYPE_NAMES.get(name, name) for name in names)
    found = _json_type(error.instance)
    extra = ""
    if "integer" in names and isinstance(error.instance, float):
        extra = "; values in whitecell are whole numbers"
    yield pointer, "wrong-type", f"expected {expected}, found {found}{extra}", False, None


def _on_enum(error: ValidationError, pointer: str) -> Iterator[Finding]:
    options = [str(option) for option in error.validator_value]
    value = error.instance
    guess = closest(value, options) if isinstance(value, str) else None
    hint = f" (did you mean {guess!r}?)" if guess else ""
    yield pointer, "not-allowed", f"{_short(value)} is not one of: {', '.join(options)}{hint}", False, guess


def _on_const(error: ValidationError, pointer: str) -> Iterator[Finding]:
    expected = _short(error.validator_value)
    yield pointer, "not-allowed", f"must be {expected}, found {_short(error.instance)}", False, None


def _on_minimum(error: ValidationError, pointer: str) -> Iterator[Finding]:
    yield pointer, "out-of-range", f"must be at least {error.validator_value}, found {_short(error.instance)}", False, None


def _on_maximum(error: ValidationError, pointer: str) -> Iterator[Finding]:
    yield pointer, "out-of-range", f"must be at most {error.validator_value}, found {_short(error.instance)}", False, None


def _on_pattern(error: ValidationError, pointer: str) -> Iterator[Finding]:
    value = error.instance
    if "propertyNames" in error.relative_schema_path:
        yield from _on_property_names(error, pointer)
        return
    if "[0-9]{4}-" in str(error.validator_value):
        yield pointer, "bad-date-format", f"expected a date written YYYY-MM-DD, found {_short(value)}", False, None
        return
    suggestion = _slug(str(value))
    hint = f" (e.g. {suggestion!r})" if suggestion else ""
    yield pointer, "bad-id", f"{_short(value)} is not a valid id: {ID_RULE}{hint}", False, suggestion or None


def _on_property_names(error: ValidationError, pointer: str) -> Iterator[Finding]:
    """A key that must be an id is not one; point at the key itself."""
    name = error.instance
    child = pointer + "/" + escape_pointer_token(str(name))
    suggestion = _slug(str(name))
    hint = f" (e.g. {suggestion!r})" if suggestion else ""
    yield child, "bad-id", f"{_short(name)} is not a valid id: {ID_RULE}{hint}", True, suggestion or None


def _on_min_items(error: ValidationError, pointer: str) -> Iterator[Finding]:
    count = error.validator_value
    if count == 1:
        yield pointer, "too-few", "must not be empty", False, None
    else:
        yield pointer, "too-few", f"needs at least {count} entries, found {len(error.instance)}", False, None


def _on_max_items(error: ValidationError, pointer: str) -> Iterator[Finding]:
    yield pointer, "too-many", f"has {len(error.instance)} entries; at most {error.validator_value} are allowed", False, None


def _on_min_properties(error: ValidationError, pointer: str) -> Iterator[Finding]:
    properties = error.schema.get("properties", {})
    if any(name in properties for name in COMPARATORS):
        yield pointer, "too-few", "needs at least one bound: atLeast, atMost, above, below or equals", False, None
    elif error.validator_value == 1:
        yield pointer, "too-few", f"must not be empty; allowed here: {', '.join(properties) or 'any id'}", False, None
    else:
        yield pointer, "too-few", f"needs at least {error.validator_value} properties", False, None


def _on_max_length(error: ValidationError, pointer: str) -> Iterator[Finding]:
    message = f"is {len(error.instance)} characters long; at most {error.validator_value} are allowed"
    if "propertyNames" in error.relative_schema_path:
        child = pointer + "/" + escape_pointer_token(str(error.instance))
        yield child, "too-long", f"key {_short(error.instance)} {message}", True, None
        return
    yield pointer, "too-long", message, False, None


_HANDLERS: dict[str, Callable[[ValidationError, str], Iterator[Finding]]] = {
    "oneOf": _on_one_of,
    "required": _on_required,
    "additionalProperties": _on_additional,
    "type": _on_type,
    "enum": _on_enum,
    "const": _on_const,
    "minimum": _on_minimum,
    "maximum": _on_maximum,
    "pattern": _on_pattern,
    "minItems": _on_min_items,
    "maxItems": _on_max_items,
    "minProperties": _on_min_properties,
    "maxLength": _on_max_length,
}
