"""jsonschema's errors in an author's words: which property is unknown, which form was meant, what a valid value looks like.

jsonschema's own messages are written for schema authors ("... is not valid under any of the
given schemas"); each error is translated here by the keyword it broke, with a code and, where
one is close, a suggestion.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from engine.load.diagnostics import closest
from engine.load.jsonpos import escape_pointer_token, pointer_of
from engine.load.schema_check.prepared import _unions

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

ID_RULE = "ids are lowercase letters and digits in words joined by single hyphens, starting with a letter"
COMPARATORS = ("atLeast", "atMost", "above", "below", "equals")

Finding = tuple[str, str, str, bool, str | None]
"""A problem in words: pointer, code, message, whether it points at the key rather than the value, suggestion."""


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


def _count(error: ValidationError) -> int:
    """How many findings `_translate` gives for an error, without putting any in words (for those not listed)."""
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "required":
        return sum(1 for name in error.validator_value if name not in instance)
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        return sum(1 for name in instance if name not in known)
    return 1


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
        if error.instance.is_integer() and abs(error.instance) < 1e15:
            whole = int(error.instance)
            message = f"expected a whole number, found {error.instance!r}; write it without a decimal point: {whole}"
            yield pointer, "wrong-type", message, False, None
            return
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
