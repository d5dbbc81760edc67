"""Warnings for what is legal but almost certainly unintended: blank texts, one label for two things, a chance of 0."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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
    """Warn about every text property left empty, wherever it is in the document.

    Walked with one iterator per open container, each making its children's pointers as it goes:
    queueing every child with its pointer held 9 MB for 30,000 conditions nested 90 deep.
    """
    pending: list[Iterator[tuple[str, Any, Any]]] = [_members("", check.document)]
    while pending:
        found = next(pending[-1], None)
        if found is None:
            pending.pop()
            continue
        pointer, name, value = found
        if isinstance(value, (list, Mapping)):
            pending.append(_members(pointer, value))
        else:
            check.warn(pointer, "empty-text", f"{name} is blank: players and facilitators would see nothing here")


def _members(pointer: str, node: Any) -> Iterator[tuple[str, Any, Any]]:
    """The children of a container worth a look (containers, and blank texts), with their pointers and names."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, (list, Mapping)):
                yield f"{pointer}/{index}", None, item
    elif isinstance(node, Mapping):
        for name, value in node.items():
            if isinstance(value, (list, Mapping)) or (name in TEXT_KEYS and isinstance(value, str) and not value.strip()):
                yield f"{pointer}/{escape_pointer_token(name)}", name, value


def same_labels(check: Check, listed: Iterable[tuple[str, Mapping[str, Any]]], what: str) -> None:
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
