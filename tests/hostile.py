"""Hostile inputs shared by the tests/test_hostile_*.py files: escape sequences and markup in every text field.

`HOSTILE` holds what the campaign of issue 15 used: an OSC title change, a screen clear, a C1
CSI, a bidirectional override, Textual/Rich markup that does not balance (``[/]``) and a stray
bell. `unsafe_characters` is what must never reach a terminal.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from engine.schema import scenario_schema

HOSTILE = "\x1b]0;pwned\x07[/]\x1b[2J\u202e[bold]\x9b[@click=app.quit]x[/bold]\\"
"""Escapes, a C1 control, a bidi override and unbalanced markup: text no terminal may show raw."""

_UNSAFE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def unsafe_characters(text: str) -> set[str]:
    """The characters of ``text`` a terminal must not receive: controls (but tab and line breaks, CRLF too), format characters."""
    found = set()
    for index, char in enumerate(text):
        if char in "\n\t" or (char == "\r" and text[index + 1 : index + 2] == "\n"):
            continue
        if not char.isprintable() and unicodedata.category(char) in _UNSAFE:
            found.add(char)
    return found


@cache
def text_fields() -> frozenset[str]:
    """The names of the scenario schema's free-text properties: strings with no pattern, format or list of values."""
    schema = scenario_schema()
    texts = {name for name, node in schema["$defs"].items() if node.get("type") == "string" and "pattern" not in node}
    found: set[str] = set()

    def walk(node: Any, name: str | None) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, name)
            return
        if not isinstance(node, dict):
            return
        ref = str(node.get("$ref", "")).rpartition("/")[2]
        plain = node.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(node)
        if name is not None and name != "$schema" and (plain or ref in texts):
            found.add(name)
        for key, value in node.items():
            if key == "properties":
                for child, child_node in value.items():
                    walk(child_node, child)
            elif key in ("items", "anyOf", "oneOf", "allOf"):
                walk(value, name)
            elif isinstance(value, dict | list):
                walk(value, None)

    walk(schema, None)
    return frozenset(found)


def poisoned(value: Any, key: str | None = None, payload: str = HOSTILE) -> Any:
    """A scenario document with ``payload`` appended to every free-text string (lists of names too)."""
    if isinstance(value, dict):
        return {name: poisoned(item, name, payload) for name, item in value.items()}
    if isinstance(value, list):
        return [poisoned(item, key, payload) for item in value]
    if isinstance(value, str) and key in text_fields():
        return value + payload
    return value


def poisoned_keys(value: Any, key: str | None = None) -> set[str]:
    """The keys whose strings `poisoned` changes in ``value``: to show a test covers every text field."""
    if isinstance(value, dict):
        return set().union(*(poisoned_keys(item, name) for name, item in value.items()))
    if isinstance(value, list):
        return set().union(*(poisoned_keys(item, key) for item in value))
    return {key} if isinstance(value, str) and key in text_fields() else set()


def full_template() -> dict[str, Any]:
    """The `full` template of `whitecell new`, which uses every kind of field once."""
    from engine.templates import build

    document: dict[str, Any] = json.loads(json.dumps(build("full", "hostile")))
    document.pop("$schema", None)
    return document


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
