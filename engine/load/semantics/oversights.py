"""Warnings for what is legal but almost certainly unintended: blank texts, one label for two things, a chance of 0."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.load.jsonpos import escape_pointer_token
from engine.load.semantics.context import Check
from engine.load.semantics.reading import is_number

TEXT_KEYS = frozenset(
    {
        "title",
        "label",
        "name",
        "summary",
        "briefing",
        "narrative",
        "description",
        "say",
        "unit",
        "requiresText",
        "expectedResponse",
    }
    | {"facilitatorNotes", "source", "author", "capability"}
)
"""Properties holding words that players or facilitators read; left blank, they show as nothing."""


def blank_texts(check: Check) -> None:
    """Warn about every text property left empty, wherever it is in the document."""
    pending: list[tuple[str, Any]] = [("", check.document)]
    while pending:
        pointer, node = pending.pop()
        if isinstance(node, list):
            pending.extend((f"{pointer}/{index}", item) for index, item in enumerate(node))
        elif isinstance(node, Mapping):
            for name, value in node.items():
                child = f"{pointer}/{escape_pointer_token(name)}"
                if name in TEXT_KEYS and isinstance(value, str) and not value.strip():
                    check.warn(child, "empty-text", f"{name} is blank: players and facilitators would see nothing here")
                elif isinstance(value, (list, Mapping)):
                    pending.append((child, value))


def same_labels(check: Check, listed: list[tuple[str, Mapping[str, Any]]], what: str) -> None:
    """Warn when two entries of a list have labels that read the same (case and spacing aside)."""
    seen: dict[str, str] = {}
    for pointer, entry in listed:
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            continue
        folded = " ".join(label.casefold().split())
        if folded in seen:
            check.warn(f"{pointer}/label", "duplicate-label", f"{what} label {label!r} is also used at {seen[folded]}")
        else:
            seen[folded] = pointer


def chance(check: Check, pointer: str, value: Any) -> None:
    """Warn about a chance of 0: whatever it guards never happens."""
    if is_number(value) and value == 0:
        check.warn(pointer, "chance-zero", "a chance of 0 never happens")
