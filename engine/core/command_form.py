"""The JSON form every command shares, in a module of its own so that the commands can be split
by kind (`engine.core.adjustments`) and `engine.core.commands` still gathers them all."""

from __future__ import annotations

from typing import Any

import attrs

OMIT_DEFAULT = {"omit_default": True}
"""Field metadata: leave the field out of the JSON form while it has its default, so journals
written before the field existed keep their exact bytes."""


def command_json(self: Any) -> dict[str, Any]:
    """A command as a journal line records it: its kind and its fields, tuples as lists."""
    result: dict[str, Any] = {"command": self.kind}
    for field in attrs.fields(type(self)):
        value = getattr(self, field.name)
        if field.metadata.get("omit_default") and value == field.default:
            continue
        result[field.name] = list(value) if isinstance(value, tuple) else value
    return result
