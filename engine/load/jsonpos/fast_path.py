"""The fast path: well-formed text is read by the standard library's C parser, made as strict as the locating parser.

Most scenario files are valid, and the C parser reads them many times faster. Anything it would
let through or that needs a closer look (duplicate keys, NaN, huge numbers, deep nesting, lone
surrogates) is refused here and handed to the locating parser, which judges and places it.
Duplicate keys are found by counting: the C parser keeps the last of them, so the objects it
builds hold fewer members than the text has keys. (Handing it an object_pairs_hook instead made
it hold every object's members twice, as pairs and as a dict: 2 MB more for 30,000 keys.)
"""

from __future__ import annotations

import json
import re
from typing import Any

from engine.load.jsonpos.positions import STRING, ParsedJson
from engine.load.jsonpos.problems import MAX_DEPTH, MAX_NUMBER_LENGTH, MAX_STRING_LENGTH, MAX_VALUES


def parse(text: str) -> ParsedJson:
    """Parse JSON text strictly; raise JsonSyntaxError at the first syntax error.

    Duplicate keys are not syntax errors: they are recorded in ``problems`` (the last value
    wins) so that every other mistake in the file can still be reported. Well-formed text is
    read by the standard library's C parser; anything it refuses or that needs a closer look
    (duplicates, NaN, deep nesting, huge numbers, surrogate escapes) goes through the locating
    parser, which finds and places the problem.
    """
    value = _fast_parse(text)
    if value is _REFUSED:
        from engine.load.jsonpos.locating import parse_locating  # only loaded for text the fast path refuses

        return parse_locating(text, locate=False)  # offsets are found later, for what is reported
    return ParsedJson(value, text)


class _Refused(Exception):
    """The fast parser met something the locating parser must judge."""


_REFUSED: Any = object()
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")


_STRING_OR_KEY = re.compile(STRING.pattern + r"(?:[ \t\n\r]*+(:))?")
"""A string token, and the colon after it when it is a key: in valid JSON, quotes only ever open and close strings."""


def _keys_in(text: str) -> int:
    """How many object keys the (valid JSON) text holds, duplicates included."""
    return _STRING_OR_KEY.findall(text).count(":")  # one short string per string token: at most MAX_VALUES of them


def _refuse_constant(name: str) -> Any:
    raise _Refused


def _bounded_int(token: str) -> int:
    if len(token) > MAX_NUMBER_LENGTH:
        raise _Refused
    return int(token)


def _finite_float(token: str) -> float:
    number = float(token)
    if len(token) > MAX_NUMBER_LENGTH or number in (float("inf"), float("-inf")):
        raise _Refused
    return number


def _beyond_limits(value: Any, keys: int) -> bool:
    """Whether a parsed value nests deeper than MAX_DEPTH, holds more than MAX_VALUES values or a string
    (or key) longer than MAX_STRING_LENGTH, or fewer members than the text's ``keys`` (a key given twice);
    checked after parsing, level by level: cheaper than scanning text."""
    level: list[Any] = [value]
    count = 0
    members = 0
    for depth in range(MAX_DEPTH + 1):
        count += len(level)
        if count > MAX_VALUES:
            return True
        following: list[Any] = []
        for item in level:
            if depth == MAX_DEPTH and isinstance(item, (dict, list)):
                return True  # a container inside MAX_DEPTH others
            if isinstance(item, dict):
                if any(len(key) > MAX_STRING_LENGTH for key in item):
                    return True
                members += len(item)
                following.extend(item.values())
            elif isinstance(item, list):
                following.extend(item)
            elif isinstance(item, str) and len(item) > MAX_STRING_LENGTH:
                return True
        if not following:
            return members != keys
        level = following
    return True


def _may_hold_too_many_values(text: str) -> bool:
    """Whether the text may hold more than MAX_VALUES values: every value but the root is the first of its
    container (after "[" or "{") or follows a comma (counted in strings too, so this can only over-count).
    Checked before parsing, since building millions of values to count them would itself take gigabytes."""
    return text.count(",") + text.count("[") + text.count("{") + 1 > MAX_VALUES


def _fast_parse(text: str) -> Any:
    if _SURROGATE.search(text) or _may_hold_too_many_values(text):
        return _REFUSED
    try:
        value = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
        )
    except (ValueError, RecursionError, _Refused):
        return _REFUSED
    return _REFUSED if _beyond_limits(value, _keys_in(text)) else value
