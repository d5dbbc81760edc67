"""One ``--vary PATH=VALUES`` of a sweep: which number of the scenario to change, and to what.

A path names a field of the scenario's JSON with dots, list items by their id
(``variables.trust.initial``, ``shocks.icbm-launch.trigger.chance``,
``roles.seoul.resources.capital.initial``) or, for items without one, their place from 0
(``actions.talk.effects.0.add.trust``). Only a number already in the file can vary: the path
must lead to one, so a typo is an error that names the step that went wrong, never a new field.
Values are ``START:STOP:STEP`` (both ends included when the steps reach them) or a list
``0,0.5,1``, written as whole numbers where they are whole; whether a field takes fractions is
the loader's to say, when every varied scenario is checked before any is played.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

Number = int | float

MAX_VALUES = 1000
"""Values one ``--vary`` may give (a typo in a range should not ask for a million settings)."""


class VaryError(ValueError):
    """A ``--vary`` that names no number of the scenario, or values that cannot be set there."""


@attrs.frozen
class Vary:
    """A field of the scenario (by its path) and the values it takes, in order."""

    path: str
    steps: tuple[str | int, ...]
    values: tuple[Number, ...]


def parse_vary(spec: str, document: Mapping[str, Any]) -> Vary:
    """``PATH=VALUES`` checked against the scenario's document: the field must be a number there."""
    path, equals, values_text = spec.partition("=")
    path, values_text = path.strip(), values_text.strip()
    if not equals or not path or not values_text:
        raise VaryError(f"expected PATH=VALUES, e.g. variables.trust.initial=30:70:10, got {spec!r}")
    return Vary(path, _steps(document, path), _values(values_text, path))


def set_value(document: Any, vary: Vary, value: Number) -> Any:
    """A copy of the scenario's document with the field set to ``value`` (the original is left alone)."""
    copy = json.loads(json.dumps(document))
    parent = _at(copy, vary.steps[:-1])
    parent[vary.steps[-1]] = value
    return copy


def _steps(document: Mapping[str, Any], path: str) -> tuple[str | int, ...]:
    """The path's keys and list places in the document, or an error naming the step that fails."""
    steps: list[str | int] = []
    current: Any = document
    done = ""
    for part in path.split("."):
        where = done or "the scenario"
        if isinstance(current, Mapping):
            if part not in current:
                known = ", ".join(sorted(str(key) for key in current))
                raise VaryError(f"{path}: {where} has no {part!r} (it has: {known})")
            steps.append(part)
            current = current[part]
        elif isinstance(current, list):
            place = _place(current, part)
            if place is None:
                ids = [str(item["id"]) for item in current if isinstance(item, Mapping) and "id" in item]
                known = f"ids: {', '.join(ids)}" if ids else f"places 0 to {len(current) - 1}"
                raise VaryError(f"{path}: {where} has no item {part!r} ({known})")
            steps.append(place)
            current = current[place]
        else:
            raise VaryError(f"{path}: {where} is a single value, not something with {part!r} inside")
        done = f"{done}.{part}" if done else part
    if isinstance(current, bool) or not isinstance(current, int | float):
        kind = "a list" if isinstance(current, list) else "an object" if isinstance(current, Mapping) else "text"
        kind = "true or false" if isinstance(current, bool) else kind
        raise VaryError(f"{path} is {kind} in the scenario; only numbers can vary")
    return tuple(steps)


def _place(items: Sequence[Any], part: str) -> int | None:
    for n, item in enumerate(items):
        if isinstance(item, Mapping) and item.get("id") == part:
            return n
    if part.isdigit() and int(part) < len(items):
        return int(part)
    return None


def _at(document: Any, steps: Sequence[str | int]) -> Any:
    current = document
    for step in steps:
        current = current[step]
    return current


def _values(text: str, path: str) -> tuple[Number, ...]:
    """``START:STOP:STEP`` or ``A,B,C`` as numbers (exact decimal steps: 0:1:0.1 ends at 1, not 0.9999)."""
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise VaryError(f"{path}: a range is START:STOP:STEP, e.g. 30:70:10, got {text!r}")
        start, stop, step = (_decimal(part, path) for part in parts)
        if step <= 0:
            raise VaryError(f"{path}: the step of {text!r} must be above 0")
        if stop < start:
            raise VaryError(f"{path}: {text!r} stops below where it starts")
        count = int((stop - start) / step) + 1
        if count > MAX_VALUES:
            raise VaryError(f"{path}: {text!r} gives {count:,} values; at most {MAX_VALUES:,}")
        found = [start + n * step for n in range(count)]
    else:
        found = [_decimal(part, path) for part in text.split(",")]
        if len(found) > MAX_VALUES:
            raise VaryError(f"{path}: {len(found):,} values; at most {MAX_VALUES:,}")
    return tuple(_number(value) for value in found)


def _decimal(text: str, path: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise VaryError(f"{path}: {text.strip()!r} is not a number") from None
    if not value.is_finite():
        raise VaryError(f"{path}: {text.strip()!r} is not a finite number")
    return value


def _number(value: Decimal) -> Number:
    if value == value.to_integral_value():
        return int(value)
    found = float(value)
    if not math.isfinite(found):
        raise VaryError(f"{value} is too large")
    return found
