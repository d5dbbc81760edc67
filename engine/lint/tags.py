"""A check on the written document: `chose` tests of tags no action has (or not the action named).

It reads the JSON itself rather than the model, so every finding points at the exact value.
(Text left empty is validate's `empty-text` warning, which lint reports with its own findings.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.lint.findings import Finding
from engine.load.jsonpos import escape_pointer_token


def _walk(value: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    yield pointer, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{pointer}/{escape_pointer_token(key)}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{pointer}/{index}")


def unknown_tags(document: Any) -> Iterator[Finding]:
    """`chose` tests naming a tag that no action (or not the action they name) carries."""
    actions = document.get("actions", []) if isinstance(document, dict) else []
    tags_of = {action.get("id"): set(action.get("tags", ())) for action in actions if isinstance(action, dict)}
    every_tag = set().union(*tags_of.values()) if tags_of else set()
    for pointer, value in _walk(document, ""):
        if not isinstance(value, dict) or not isinstance(value.get("chose"), dict):
            continue
        chose = value["chose"]
        tag = chose.get("tag")
        if not isinstance(tag, str):
            continue
        action = chose.get("action")
        if action is not None and tag not in tags_of.get(action, set()):
            message = f"this test never holds: the action {action!r} does not have the tag {tag!r}"
        elif tag not in every_tag:
            message = f"this test never holds: no action has the tag {tag!r}"
        else:
            continue
        yield Finding(f"{pointer}/chose/tag", "lint-unknown-tag", message)
