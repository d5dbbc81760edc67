"""Every schema violation in a document that failed the quick check, found by jsonschema and put in words.

The condition and effect unions are checked by the key that names their form, not by trying
every branch; each error jsonschema reports is then handed to the wording.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from engine.load.schema_check.prepared import _unions, _validation_schema
from engine.load.schema_check.quick_check import _TYPES, schema_valid
from engine.load.schema_check.wording import Finding, _translate

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


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

    # An integer is written as one: JSON Schema accepts 3.0 as an integer, but the engine uses turns and amounts as
    # whole numbers (3.0 once crashed msel export and broke its round trip), so 3.0 is a wrong type here.
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _checker, value: _TYPES["integer"](value))
    kind = validators.extend(Draft202012Validator, {"oneOf": _discriminated_one_of}, type_checker=checker)
    return kind(_validation_schema())


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
