"""Checking a journal's header against the published journal schema (engine/schema/journal.schema.json).

Replay rebuilds the game from the header, but fields it does not replay (`engine`, `created`,
`settings`, `forkedFrom`) reach the report and the screens as they are, so a header edited by
hand must still be one whitecell could have written: the schema says exactly what that is.
The embedded scenario is left to the loader (`load_scenario_document`), which checks it against
the scenario schema and its meaning with a pointer per problem, so it is not checked twice.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match

from engine.schema import JOURNAL_SCHEMA_FILE, schema_text
from engine.text.terminal import printable

_MESSAGE_CHARS = 160
"""A schema message quotes the value at fault; a hostile one is cut to this length."""
_ERRORS_WEIGHED = 100
"""At most this many schema errors are weighed for the one reported (a hostile header may hold millions)."""
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def _is_date_time(value: object) -> bool:
    """RFC 3339 date-time, as `created` is written (jsonschema checks it only with an optional package)."""
    if not isinstance(value, str):
        return True
    if _DATE_TIME.fullmatch(value) is None:
        return False
    try:
        datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


_KEYS_NAMED = 3
"""An error for keys the schema does not allow names this many (each cut to `_KEY_CHARS`) and counts the rest."""
_KEY_CHARS = 24


def _unknown_keys(validator: Any, allowed: Any, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """additionalProperties false, naming the first few unknown keys and counting the rest.

    jsonschema's own message names every one: a header with thousands of added keys made a message as long.
    """
    if allowed is not False or not isinstance(instance, dict):
        yield from Draft202012Validator.VALIDATORS["additionalProperties"](validator, allowed, instance, schema)
        return
    known = schema.get("properties", {})
    extra = [name for name in instance if name not in known]
    if not extra:
        return
    named = ", ".join(repr(printable(name, _KEY_CHARS)) for name in extra[:_KEYS_NAMED])
    more = f" and {len(extra) - _KEYS_NAMED:,} more" if len(extra) > _KEYS_NAMED else ""
    noun = "key" if len(extra) == 1 else "keys"
    yield ValidationError(f"{noun} whitecell never writes here: {named}{more}")


@cache
def _validator() -> Draft202012Validator:
    """A validator of the header definition, with the scenario left to the loader."""
    root: dict[str, Any] = copy.deepcopy(json.loads(schema_text(JOURNAL_SCHEMA_FILE)))
    root["$defs"]["header"]["properties"]["scenario"] = {"type": "object"}
    del root["oneOf"]
    root["$ref"] = "#/$defs/header"
    checker = FormatChecker(formats=())
    checker.checks("date-time")(_is_date_time)
    kind = validators.extend(Draft202012Validator, {"additionalProperties": _unknown_keys})
    return kind(root, format_checker=checker)


def _pointer(error: ValidationError) -> str:
    return "".join(f"/{part}" for part in error.absolute_path) or "/"


def _shortened(text: str) -> str:
    return text if len(text) <= _MESSAGE_CHARS else text[: _MESSAGE_CHARS - 1] + "…"


def header_schema_problem(header: dict[str, Any]) -> str | None:
    """What in the header breaks the journal schema (the first problem, with its pointer), or None."""
    error = best_match(itertools.islice(_validator().iter_errors(header), _ERRORS_WEIGHED))
    if error is None:
        return None
    return f"the header breaks the journal schema at {_pointer(error)}: {_shortened(error.message)}"
