"""Every schema violation in a document that failed the quick check, found by jsonschema and put in words.

The condition and effect unions are checked by the key that names their form, not by trying
every branch; each error jsonschema reports is then handed to the wording.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from engine.load.schema_check.prepared import _unions, _validation_schema
from engine.load.schema_check.quick_check import _TYPES, schema_valid
from engine.load.schema_check.wording import Finding, _count, _translate

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


def _no_additional(validator: Any, allowed: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """additionalProperties false, as one error without jsonschema's message, which lists every unknown name.

    That message held 30,000 names at once for a file of as many unknown keys; the wording names each
    one itself, as far as they are listed.
    """
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    if allowed is not False or not isinstance(instance, dict) or "patternProperties" in schema:
        yield from Draft202012Validator.VALIDATORS["additionalProperties"](validator, allowed, instance, schema)
        return
    known = schema.get("properties", {})
    if any(name not in known for name in instance):
        yield ValidationError("additional properties are not allowed")


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator, validators

    # An integer is written as one: JSON Schema accepts 3.0 as an integer, but the engine uses turns and amounts as
    # whole numbers (3.0 once crashed msel export and broke its round trip), so 3.0 is a wrong type here.
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _checker, value: _TYPES["integer"](value))
    replaced = {"oneOf": _discriminated_one_of, "additionalProperties": _no_additional}
    kind = validators.extend(Draft202012Validator, replaced, type_checker=checker)
    return kind(_validation_schema())


def schema_findings(document: Any) -> list[Finding]:
    """Every schema violation in a document, translated for authors."""
    return schema_problems(document, sys.maxsize, sys.maxsize).listed


class SchemaProblems(NamedTuple):
    """The first schema violations in words, and how many more there are, counted but not put in words."""

    listed: list[Finding]
    more: int
    exact: bool
    """False when counting stopped past the bound (`MAX_COUNTED`): there are at least ``more``."""


MAX_COUNTED = 10_000
"""Counting stops past this many unlisted findings: reading each jsonschema error costs time in
proportion to its depth, and 30,000 errors 90 levels deep took 4.7 s just to read."""


def schema_problems(document: Any, limit: int, counted: int | None = None) -> SchemaProblems:
    """The first ``limit`` schema violations translated, in jsonschema's order, and a count of the rest.

    jsonschema's errors are read one at a time and only those listed are put in words, so a file
    repeating a mistake 30,000 times costs a count, not 30,000 messages (and their suggestions)
    held at once. Each error adds the findings its translation would give to the count, which
    stops (inexact) once past ``counted`` (`MAX_COUNTED` unless given).
    """
    bound = MAX_COUNTED if counted is None else counted
    if schema_valid(document):
        return SchemaProblems([], 0, exact=True)
    unique: dict[tuple[str, str], Finding] = {}
    more = 0
    previous: tuple[int, tuple[str | int, ...]] | None = None
    for error in _validator().iter_errors(document):
        if error.validator == "required":
            # jsonschema gives one error per missing property, one after another; the first one's
            # translation already names them all. (The path: one object may stand at several places.)
            group = (id(error.schema), tuple(error.path))
            if group == previous:
                continue
            previous = group
        else:
            previous = None
        taken = 0
        if len(unique) < limit:
            for finding in _translate(error):
                if len(unique) >= limit:
                    break
                unique.setdefault((finding[0], finding[2]), finding)
                taken += 1
        more += _count(error) - taken
        if more > bound:
            return SchemaProblems(list(unique.values()), more, exact=False)
    return SchemaProblems(list(unique.values()), more, exact=True)
