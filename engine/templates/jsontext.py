"""JSON text laid out the way people write scenarios: small objects on one line, big ones opened up.

``json.dumps(indent=2)`` puts every number of ``{"var": "trust", "atLeast": 40}`` on its own
line, which buries the shape of a condition; a file that teaches the format should read like the
bundled scenarios instead. The output is deterministic: same value, same text.
"""

from __future__ import annotations

import json
from typing import Any

WIDTH = 110
"""Lines up to this wide keep a container on one line."""
INDENT = "  "


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def _layout(value: Any, level: int, lead: int) -> str:
    """``value`` written at nesting ``level``, on a line that already holds ``lead`` characters."""
    if not isinstance(value, (dict, list)) or not value:
        return _compact(value)
    one_line = _compact(value)
    if level > 0 and lead + len(one_line) + 1 <= WIDTH:
        return one_line
    inner = INDENT * (level + 1)
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            head = f"{inner}{_compact(key)}: "
            items.append(head + _layout(item, level + 1, len(head)))
        return "{\n" + ",\n".join(items) + "\n" + INDENT * level + "}"
    rows = [inner + _layout(item, level + 1, len(inner)) for item in value]
    return "[\n" + ",\n".join(rows) + "\n" + INDENT * level + "]"


def json_document(value: Any) -> str:
    """A whole JSON document as text, with a final newline."""
    return _layout(value, 0, 0) + "\n"
