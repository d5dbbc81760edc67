"""The locating parser: strict JSON read character by character, recording where every value and key sits.

It is the judge of what is JSON: the fast path hands it anything doubtful, and it finds and
places the problem (a `JsonProblem`: raised in a syntax error, or kept for a duplicate key).
It is iterative, with a stack of open containers instead of recursion and a depth limit, so
thousands of nested brackets are an error rather than a crash.
"""

from __future__ import annotations

import json
import re
from typing import Any

import attrs

from engine.load.jsonpos.pointers import escape_pointer_token
from engine.load.jsonpos.positions import STRING, Offsets, ParsedJson, line_col, line_starts_of
from engine.load.jsonpos.problems import (
    MAX_DEPTH,
    MAX_KEPT_PROBLEMS,
    MAX_NUMBER_LENGTH,
    MAX_STRING_LENGTH,
    MAX_VALUES,
    JsonSyntaxError,
)

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_NOT_JSON_WORDS = {
    "NaN": "NaN is not a JSON number; write a number",
    "Infinity": "Infinity is not a JSON number; write a number",
    "-Infinity": "-Infinity is not a JSON number; write a number",
    "True": "JSON's true is written in lowercase",
    "False": "JSON's false is written in lowercase",
    "None": "JSON writes null, not None",
}
_LONE_SURROGATE = "string holds an unpaired surrogate (a \\u escape or character from U+D800 to U+DFFF), which is not text"
_SURROGATE_PIECES = re.compile(r"\\u([dD][89a-fA-F][0-9a-fA-F]{2})|[\ud800-\udfff]")


def _lone_surrogate_at(token: str) -> int:
    """Where in a string token the first unpaired surrogate (escaped or raw) starts."""
    pieces = list(_SURROGATE_PIECES.finditer(token))
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        code = int(piece.group(1), 16) if piece.group(1) else ord(piece.group(0))
        follower = pieces[index + 1] if index + 1 < len(pieces) else None
        paired = (
            0xD800 <= code <= 0xDBFF
            and follower is not None
            and follower.group(1)
            and follower.start() == piece.end()
            and 0xDC00 <= int(follower.group(1), 16) <= 0xDFFF
        )
        if paired:
            index += 2
            continue
        return piece.start()
    return 0


@attrs.frozen
class JsonProblem:
    """One problem found while parsing, at a character offset."""

    offset: int
    message: str
    pointer: str = ""
    code: str = "syntax"
    """"syntax", or "over-limit" for a string or a count past the limits of `problems`."""


def parse_locating(text: str, *, locate: bool = True) -> ParsedJson:
    """Parse JSON text strictly, recording every offset; raise JsonSyntaxError at the first syntax error.

    With ``locate`` False no offset is kept (they are found later, for the few pointers reported):
    every pointer of a file with 30,000 values nested 90 deep took 13 MB.
    """
    return _Parser(text, frozenset() if not locate else None).run(keep_offsets=locate)


def locate_pointers(text: str, wanted: frozenset[str]) -> Offsets:
    """The offsets of only the ``wanted`` pointers, in text already parsed without error: no value is built."""
    parser = _Parser(text, wanted, build=False)
    parser.run(keep_offsets=True)
    return parser.value_offsets, parser.key_offsets, parser.value_ends


class _Container:
    """A container being filled while parsing: an object or an array."""

    __slots__ = ("value", "pointer", "offset", "pending_key", "key_offsets", "count")

    def __init__(self, value: dict[str, Any] | list[Any], pointer: str, offset: int) -> None:
        self.value = value
        self.pointer = pointer
        self.offset = offset
        self.pending_key: str | None = None
        self.key_offsets: dict[str, int] = {}
        self.count = 0


class _Parser:
    """Iterative recursive-descent parser; a stack of open containers replaces recursion."""

    def __init__(self, text: str, wanted: frozenset[str] | None = None, *, build: bool = True) -> None:
        self.text = text
        self.wanted = wanted
        """The pointers whose offsets are kept; None keeps them all."""
        self.build = build
        """Whether values are built (and duplicate keys found); locating text already parsed needs neither."""
        self.pos = 0
        self.value_offsets: dict[str, int] = {}
        self.key_offsets: dict[str, int] = {}
        self.value_ends: dict[str, int] = {}
        self.problems: list[JsonProblem] = []
        self.unkept = 0
        """Problems found past `MAX_KEPT_PROBLEMS`, counted only."""
        self._line_starts: tuple[int, ...] | None = None
        self.stack: list[_Container] = []
        self.values = 0

    def fail(self, offset: int, message: str, code: str = "syntax") -> JsonSyntaxError:
        pointer = self.stack[-1].pointer if self.stack else ""
        return JsonSyntaxError(JsonProblem(offset, message, pointer, code))

    def skip_ws(self) -> None:
        match = _WHITESPACE.match(self.text, self.pos)
        assert match is not None
        self.pos = match.end()

    def describe_here(self) -> str:
        if self.pos >= len(self.text):
            return "the end of the file"
        char = self.text[self.pos]
        if char == "'":
            return "' (JSON strings use double quotes)"
        return repr(char)

    def keeps(self, pointer: str) -> bool:
        return self.wanted is None or pointer in self.wanted

    def run(self, *, keep_offsets: bool = True) -> ParsedJson:
        self.skip_ws()
        if self.pos >= len(self.text):
            raise self.fail(0, "the file is empty: expected a JSON object")
        root = self.parse_value("")
        if not isinstance(root, _Container) and self.keeps(""):
            self.value_ends[""] = self.pos
        while self.stack:
            self.step_container()
            if not self.stack:
                break
        self.skip_ws()
        if self.pos < len(self.text):
            raise self.fail(self.pos, f"unexpected {self.describe_here()} after the end of the JSON value")
        return ParsedJson(
            root if not isinstance(root, _Container) else root.value,
            self.text,
            (self.value_offsets, self.key_offsets, self.value_ends) if keep_offsets else None,
            tuple(self.problems),
            unkept=self.unkept,
        )

    def parse_value(self, pointer: str) -> Any:
        """Parse a scalar, or open a container and push it; return the value or the container."""
        self.skip_ws()
        start = self.pos
        if self.keeps(pointer):
            self.value_offsets[pointer] = start
        if start >= len(self.text):
            raise self.fail(start, self.unclosed_message("a value"))
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.fail(start, f"the file holds more than {MAX_VALUES:,} values; no scenario needs that many", "over-limit")
        char = self.text[start]
        if char in "{[":
            if len(self.stack) >= MAX_DEPTH:
                raise self.fail(start, f"nested deeper than {MAX_DEPTH} levels; a scenario never needs that")
            container = _Container({} if char == "{" else [], pointer, start)
            self.pos += 1
            self.stack.append(container)
            return container
        if char == '"':
            return self.parse_string()
        if char == "-" or char.isdigit():
            signed_word = re.match(r"-?[A-Za-z]+", self.text[start : start + 12])
            if signed_word and signed_word.group(0) in _NOT_JSON_WORDS:
                raise self.fail(start, _NOT_JSON_WORDS[signed_word.group(0)])
            return self.parse_number()
        word_match = re.match(r"[A-Za-z_]+", self.text[start : start + 40])
        if word_match:
            word = word_match.group(0)
            if word in _LITERALS:
                self.pos += len(word)
                return _LITERALS[word]
            if word in _NOT_JSON_WORDS:
                raise self.fail(start, _NOT_JSON_WORDS[word])
            raise self.fail(start, f"unexpected word {word!r}: strings must be in double quotes")
        raise self.fail(start, f"unexpected {self.describe_here()}: expected a value")

    def parse_string(self) -> str:
        start = self.pos
        match = STRING.match(self.text, start)
        if match is None:
            raise self.fail(*self.string_problem(start))
        if match.end() - start > MAX_STRING_LENGTH + 2:
            raise self.fail(
                start,
                f"a string of {match.end() - start - 2:,} characters; strings here are at most {MAX_STRING_LENGTH:,} long",
                "over-limit",
            )
        self.pos = match.end()
        value: str = json.loads(match.group(0))
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            raise self.fail(start + _lone_surrogate_at(match.group(0)), _LONE_SURROGATE)
        return value

    def string_problem(self, start: int) -> tuple[int, str]:
        """Find what is wrong in a string that does not match: where it breaks and why."""
        index = start + 1
        text = self.text
        while index < len(text):
            char = text[index]
            if char == '"':
                break
            if char == "\\":
                escape = text[index + 1 : index + 2]
                if escape == "u":
                    digits = text[index + 2 : index + 6]
                    if not re.fullmatch(r"[0-9a-fA-F]{4}", digits):
                        return index, "bad \\u escape: expected four hex digits"
                    index += 6
                    continue
                if escape and escape in '"\\/bfnrt':
                    index += 2
                    continue
                if not escape:
                    break
                return index, f"bad escape \\{escape} in string"
            if char in "\n\r":
                return index, "string not closed before the end of the line (write \\n for a line break)"
            if ord(char) < 0x20:
                return index, f"control character U+{ord(char):04X} in string; escape it"
            index += 1
        return start, 'string not closed: missing "'

    def parse_number(self) -> int | float:
        start = self.pos
        match = _NUMBER.match(self.text, start)
        if match is None or match.end() == start:
            raise self.fail(start, f"unexpected {self.describe_here()}: expected a number")
        token = match.group(0)
        follower = self.text[match.end() : match.end() + 1]
        if follower and (follower.isalnum() or follower in "._"):
            raise self.fail(match.end(), f"malformed number {token + follower!r}")
        if len(token) > MAX_NUMBER_LENGTH:
            raise self.fail(start, f"number has {len(token)} characters; numbers here are at most {MAX_NUMBER_LENGTH} long")
        self.pos = match.end()
        if re.fullmatch(r"-?[0-9]+", token):
            return int(token)
        number = float(token)
        if number in (float("inf"), float("-inf")):
            raise self.fail(start, f"number {token} is too large to represent")
        return number

    def unclosed_message(self, wanted: str) -> str:
        if self.stack:
            opener = self.stack[-1]
            kind = "object" if isinstance(opener.value, dict) else "array"
            line, col = line_col(line_starts_of(self.text), opener.offset)
            closer = "}" if kind == "object" else "]"
            return (
                f"the file ends too early: expected {wanted}; the {kind} opened at line {line}, "
                f"column {col} is never closed with {closer!r} (is the file truncated?)"
            )
        return f"the file ends too early: expected {wanted}"

    def step_container(self) -> None:
        """Advance the innermost open container by one member or element."""
        top = self.stack[-1]
        self.skip_ws()
        if self.pos >= len(self.text):
            raise self.fail(self.pos, self.unclosed_message("more"))
        char = self.text[self.pos]
        if isinstance(top.value, dict):
            self.step_object(top, char)
        else:
            self.step_array(top, char)

    def close(self, top: _Container) -> None:
        self.pos += 1
        if self.keeps(top.pointer):
            self.value_ends[top.pointer] = self.pos
        self.stack.pop()
        self.attach(top.value)

    def attach(self, value: Any) -> None:
        """Put a finished value into the container now on top of the stack."""
        if not self.stack:
            return
        parent = self.stack[-1]
        parent.count += 1
        if not self.build:
            return  # only locating: the values were built when the text was first parsed
        if isinstance(parent.value, dict):
            key = parent.pending_key
            assert key is not None
            parent.value[key] = value
            parent.pending_key = None
        else:
            parent.value.append(value)

    def step_object(self, top: _Container, char: str) -> None:
        assert isinstance(top.value, dict)
        if char == "}":
            self.close(top)
            return
        if top.count:
            if char != ",":
                raise self.fail(self.pos, f"expected ',' or '}}' after an object member, found {self.describe_here()}")
            comma = self.pos
            self.pos += 1
            self.skip_ws()
            if self.pos < len(self.text) and self.text[self.pos] == "}":
                raise self.fail(comma, "trailing comma before '}' is not allowed in JSON")
        if self.pos >= len(self.text):
            raise self.fail(self.pos, self.unclosed_message("a property name"))
        if self.text[self.pos] != '"':
            raise self.fail(self.pos, f"expected a property name in double quotes, found {self.describe_here()}")
        key_offset = self.pos
        key = self.parse_string()
        child = top.pointer + "/" + escape_pointer_token(key)
        if self.build and key in top.value:
            self.duplicate(key, key_offset, top.key_offsets[key], child)
        if self.build:
            top.key_offsets[key] = key_offset
        if self.keeps(child):
            self.key_offsets[child] = key_offset
        self.skip_ws()
        if self.pos >= len(self.text) or self.text[self.pos] != ":":
            if self.pos >= len(self.text):
                raise self.fail(self.pos, self.unclosed_message("':'"))
            raise self.fail(self.pos, f"expected ':' after property name {key!r}, found {self.describe_here()}")
        self.pos += 1
        top.pending_key = key
        value = self.parse_value(child)
        if not isinstance(value, _Container):
            if self.keeps(child):
                self.value_ends[child] = self.pos
            self.attach(value)

    def duplicate(self, key: str, offset: int, first: int, pointer: str) -> None:
        """Keep a duplicate key as a problem (or only count it, past those a check can list)."""
        if len(self.problems) >= MAX_KEPT_PROBLEMS:
            self.unkept += 1
            return
        if self._line_starts is None:
            self._line_starts = line_starts_of(self.text)  # once: each duplicate searching the text took minutes for 30,000
        first_line, first_col = line_col(self._line_starts, first)
        message = f"duplicate key {key!r}: it is already set at line {first_line}, column {first_col}"
        self.problems.append(JsonProblem(offset, message, pointer))

    def step_array(self, top: _Container, char: str) -> None:
        assert isinstance(top.value, list)
        if char == "]":
            self.close(top)
            return
        if top.count:
            if char != ",":
                raise self.fail(self.pos, f"expected ',' or ']' after an array element, found {self.describe_here()}")
            comma = self.pos
            self.pos += 1
            self.skip_ws()
            if self.pos < len(self.text) and self.text[self.pos] == "]":
                raise self.fail(comma, "trailing comma before ']' is not allowed in JSON")
        pointer = f"{top.pointer}/{top.count}"
        value = self.parse_value(pointer)
        if not isinstance(value, _Container):
            if self.keeps(pointer):
                self.value_ends[pointer] = self.pos
            self.attach(value)
