"""A strict JSON parser that remembers where every value and key sits in the text.

The standard ``json`` module cannot say where a value came from, accepts ``NaN``, silently
keeps the last of duplicate keys and recurses (so thousands of nested brackets crash it).
Authors need errors at ``line:column``, so scenario files are parsed here instead. The package
exposes what the loader and the linter use; each part lives in its own module: the fast path
(`fast_path`), the locating parser (`locating`, loaded only for text the fast path refuses or
when offsets are first needed), positions (`positions`), JSON pointers (`pointers`), and the
limits, syntax error and codes of parsing (`problems`).
"""

from __future__ import annotations

from engine.load.jsonpos.fast_path import parse
from engine.load.jsonpos.pointers import escape_pointer_token, pointer_of
from engine.load.jsonpos.positions import ParsedJson, line_col, line_starts_of
from engine.load.jsonpos.problems import CODES, MAX_DEPTH, MAX_NUMBER_LENGTH, MAX_STRING_LENGTH, MAX_VALUES, JsonSyntaxError

__all__ = [
    "CODES",
    "MAX_DEPTH",
    "MAX_NUMBER_LENGTH",
    "MAX_STRING_LENGTH",
    "MAX_VALUES",
    "JsonSyntaxError",
    "ParsedJson",
    "escape_pointer_token",
    "line_col",
    "line_starts_of",
    "parse",
    "pointer_of",
]
