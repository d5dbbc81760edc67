"""The strict JSON parser: values, recorded positions, and every syntax error at its character."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.load.jsonpos import (
    MAX_DEPTH,
    MAX_NUMBER_LENGTH,
    JsonSyntaxError,
    escape_pointer_token,
    line_col,
    line_starts_of,
    parse,
    pointer_of,
)
from engine.load.jsonpos import locating as jsonpos
from tests.helpers import all_pointers

# --- helpers ----------------------------------------------------------------------------------


def syntax_error(text: str) -> tuple[int, int, str, str]:
    """Parse text that must be invalid; return the error's line, column, message and pointer."""
    with pytest.raises(JsonSyntaxError) as caught:
        parse(text)
    problem = caught.value.problem
    line, column = line_col(line_starts_of(text), problem.offset)
    assert str(caught.value) == problem.message
    return line, column, problem.message, problem.pointer


def same(left: Any, right: Any) -> bool:
    """Equal values of the same JSON types all the way down (1 and 1.0 and True differ)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


def resolve(document: Any, pointer: str) -> Any:
    """The value at a JSON pointer (RFC 6901)."""
    current = document
    if not pointer:
        return current
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        current = current[int(token)] if isinstance(current, list) else current[token]
    return current


# --- valid JSON parses like json.loads ----------------------------------------------------------

_INTEGERS = st.integers(min_value=-(10**38), max_value=10**38)
_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
_SCALARS = st.none() | st.booleans() | _INTEGERS | _FLOATS | st.text()
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=30,
)


@given(JSON_VALUES, st.booleans(), st.sampled_from([None, 2, "\t"]))
def test_valid_json_parses_exactly_like_json_loads(value: Any, ascii_only: bool, indent: int | str | None) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    parsed = parse(text)
    assert same(parsed.value, json.loads(text))
    assert parsed.problems == ()
    assert parsed.text == text


@given(JSON_VALUES, st.booleans())
def test_valid_json_parses_like_json_loads_next_to_a_surrogate_pair(value: Any, ascii_only: bool) -> None:
    # A \\u surrogate pair makes the text need a closer look than plain json.loads gives it, so
    # this checks the locating parser's values too, whichever way parse() reads the rest.
    text = "[" + json.dumps(value, ensure_ascii=ascii_only) + ', "\\ud83d\\ude00"]'
    parsed = parse(text)
    assert same(parsed.value, [json.loads(json.dumps(value)), "😀"])
    assert parsed.problems == ()


@given(JSON_VALUES, st.sampled_from([None, 2]))
def test_every_value_and_key_offset_points_at_its_text(value: Any, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    parsed = parse(text)
    decoder = json.JSONDecoder()
    pointers = all_pointers(value)
    assert set(parsed.value_offsets) == set(pointers)
    for pointer in pointers:
        found, _ = decoder.raw_decode(text, parsed.value_offsets[pointer])
        assert same(found, resolve(value, pointer))
    for pointer, offset in parsed.key_offsets.items():
        key, _ = decoder.raw_decode(text, offset)
        assert pointer.rsplit("/", 1)[1] == escape_pointer_token(key)
        assert isinstance(resolve(value, pointer.rsplit("/", 1)[0]), dict)


def test_integers_stay_integers_and_fractions_stay_floats() -> None:
    parsed = parse('{"a": 3, "b": 3.0, "c": -0, "d": 1E+2, "e": 2e-3, "f": 12345678901234567890}')
    assert same(parsed.value, {"a": 3, "b": 3.0, "c": 0, "d": 100.0, "e": 0.002, "f": 12345678901234567890})


def test_literals_and_escapes() -> None:
    parsed = parse('[true, false, null, "a\\"b\\\\c\\/d\\b\\f\\n\\r\\t", "\\u00e9\\ud83d\\ude00"]')
    assert parsed.value == [True, False, None, 'a"b\\c/d\b\f\n\r\t', "é😀"]


def test_surrounding_whitespace_is_allowed() -> None:
    assert parse(' \t\r\n {"a": [ ] } \n\n').value == {"a": []}


_JSONISH = st.text(alphabet=st.sampled_from([*"[]{},:\"\\ \n-+.0123456789eEtrufalsnNI'ud8", "\ud800", "é", "\x01"]))


@given(st.one_of(_JSONISH, JSON_VALUES.map(json.dumps)), st.data())
def test_parse_agrees_with_the_locating_parser(text: str, data: st.DataObject) -> None:
    """parse() may read well-formed text faster, but must accept, refuse and place exactly as the locating parser."""
    if text and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(text) - 1))
        text = text[:index] + data.draw(_JSONISH) + text[index + 1 :]
    try:
        expected = jsonpos._Parser(text).run()
    except JsonSyntaxError as error:
        with pytest.raises(JsonSyntaxError) as caught:
            parse(text)
        assert caught.value.problem == error.problem
        return
    parsed = parse(text)
    assert same(parsed.value, expected.value)
    assert parsed.problems == expected.problems
    assert parsed.value_offsets == expected.value_offsets
    assert parsed.key_offsets == expected.key_offsets


# --- positions ----------------------------------------------------------------------------------

NESTED = """{
  "roles": [
    {"id": "seoul", "budget": 2},
    {"id": "tokyo",
     "budget": 3}
  ],
  "a/b": {"c~d": null}
}"""


def test_value_and_key_offsets_of_nested_pointers() -> None:
    parsed = parse(NESTED)
    assert parsed.line_col(parsed.value_offsets[""]) == (1, 1)
    assert parsed.line_col(parsed.key_offsets["/roles"]) == (2, 3)
    assert parsed.line_col(parsed.value_offsets["/roles"]) == (2, 12)
    assert parsed.line_col(parsed.value_offsets["/roles/0"]) == (3, 5)
    assert parsed.line_col(parsed.key_offsets["/roles/0/id"]) == (3, 6)
    assert parsed.line_col(parsed.value_offsets["/roles/0/id"]) == (3, 12)
    assert parsed.line_col(parsed.key_offsets["/roles/1/budget"]) == (5, 6)
    assert parsed.line_col(parsed.value_offsets["/roles/1/budget"]) == (5, 16)
    assert NESTED[parsed.value_offsets["/roles/1/budget"]] == "3"
    assert "/roles/0" not in parsed.key_offsets


def test_pointers_escape_tilde_and_slash() -> None:
    parsed = parse(NESTED)
    assert parsed.value == {"roles": parsed.value["roles"], "a/b": {"c~d": None}}
    assert "/a~1b" in parsed.key_offsets
    assert "/a~1b/c~0d" in parsed.value_offsets
    assert NESTED[parsed.value_offsets["/a~1b/c~0d"] :].startswith("null")
    assert NESTED[parsed.key_offsets["/a~1b/c~0d"] :].startswith('"c~d"')
    assert escape_pointer_token("~/") == "~0~1"
    assert escape_pointer_token("a~1") == "a~01"
    assert pointer_of(["a/b", 0, "~"]) == "/a~1b/0/~0"
    assert pointer_of([]) == ""


def test_locate_falls_back_to_the_nearest_parent() -> None:
    parsed = parse(NESTED)
    assert parsed.locate("/roles/1/budget") == (5, 16)
    assert parsed.locate("/roles/1/budget", key=True) == (5, 6)
    assert parsed.locate("/roles/1/missing") == (4, 5)
    assert parsed.locate("/roles/1/missing", key=True) == (4, 5)
    assert parsed.locate("/nothing/here") == (1, 1)
    assert parsed.locate("") == (1, 1)


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("abc", 0, (1, 1)),
        ("abc", 2, (1, 3)),
        ("abc", 3, (1, 4)),
        ("ab\ncd", 2, (1, 3)),
        ("ab\ncd", 3, (2, 1)),
        ("ab\r\ncd", 4, (2, 1)),
        ("ab\rcd", 3, (2, 1)),
        ("a\n\nb", 3, (3, 1)),
        ("a\r\n\r\nbc", 6, (3, 2)),
    ],
)
def test_line_col(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert line_col(line_starts_of(text), offset) == expected


def test_line_col_of_a_parsed_document_counts_every_kind_of_line_break() -> None:
    text = "[1,\r\n 22,\r  333,\n   4444]"
    parsed = parse(text)
    assert [parsed.line_col(parsed.value_offsets[f"/{index}"]) for index in range(4)] == [(1, 2), (2, 2), (3, 3), (4, 4)]
    assert parsed.locate("/3") == (4, 4)


def test_line_starts() -> None:
    assert line_starts_of("") == (0,)
    assert line_starts_of("a\nb\r\nc\rd") == (0, 2, 5, 7)


# --- syntax errors, each at its character ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('{\n  "a": 1,\n}', 2, 9, "trailing comma before '}' is not allowed in JSON"),
        ("[1, 2,\n]", 1, 6, "trailing comma before ']' is not allowed in JSON"),
        ('{"a": 1\n "b": 2}', 2, 2, "expected ',' or '}' after an object member, found '\"'"),
        ("[1\n  2]", 2, 3, "expected ',' or ']' after an array element, found '2'"),
        ('{"a" 1}', 1, 6, "expected ':' after property name 'a', found '1'"),
        ('{"a": 1, 2: 3}', 1, 10, "expected a property name in double quotes, found '2'"),
        ('{"a": }', 1, 7, "unexpected '}': expected a value"),
        ("[1,,2]", 1, 4, "unexpected ',': expected a value"),
        ("[#]", 1, 2, "unexpected '#': expected a value"),
        ('{"a": hello}', 1, 7, "unexpected word 'hello': strings must be in double quotes"),
        ('{"a": "x",\n "b": "abc\n}', 2, 11, "string not closed before the end of the line (write \\n for a line break)"),
        ('{"a": "abc', 1, 7, 'string not closed: missing "'),
        ('["a\tb"]', 1, 4, "control character U+0009 in string; escape it"),
        ('["ab\x01"]', 1, 5, "control character U+0001 in string; escape it"),
        ('["a\\qb"]', 1, 4, "bad escape \\q in string"),
        ('["a\\u12G4"]', 1, 4, "bad \\u escape: expected four hex digits"),
        ("{'a': 1}", 1, 2, "expected a property name in double quotes, found ' (JSON strings use double quotes)"),
        ("['a']", 1, 2, "unexpected ' (JSON strings use double quotes): expected a value"),
        ('{"a": NaN}', 1, 7, "NaN is not a JSON number; write a number"),
        ('{"a": Infinity}', 1, 7, "Infinity is not a JSON number; write a number"),
        ('{"a": -Infinity}', 1, 7, "-Infinity is not a JSON number; write a number"),
        ('{"a": True}', 1, 7, "JSON's true is written in lowercase"),
        ('{"a": False}', 1, 7, "JSON's false is written in lowercase"),
        ('{"a": None}', 1, 7, "JSON writes null, not None"),
        ('{"a": 1e999}', 1, 7, "number 1e999 is too large to represent"),
        ('{"a": -1e999}', 1, 7, "number -1e999 is too large to represent"),
        ("[1.]", 1, 3, "malformed number '1.'"),
        ("[01]", 1, 3, "malformed number '01'"),
        ("[1e5x]", 1, 5, "malformed number '1e5x'"),
        ("[-]", 1, 2, "unexpected '-': expected a number"),
        ('{"a": 1} x', 1, 10, "unexpected 'x' after the end of the JSON value"),
        ('{"a": 1}\n{"b": 2}', 2, 1, "unexpected '{' after the end of the JSON value"),
    ],
)
def test_syntax_errors_point_at_the_character(text: str, line: int, column: int, message: str) -> None:
    assert syntax_error(text)[:3] == (line, column, message)


@pytest.mark.parametrize(
    ("text", "escape_at"),
    [
        ('["\\ud800"]', 2),
        ('["\\udc00 tail"]', 2),
        ('["\\uD800x"]', 2),
        ('["\\ud83d"]', 2),
        ('["\\ud83d\\u0041"]', 2),
        ('["\\ud83d\\ude00\\udc00"]', 14),
        ('["x\\ude00\\ud83d"]', 3),
        ('["ab\\\\\\ud800"]', 6),
        ('{"\\ud800": 1}', 2),
        ('{"narrative": "A long story \\ud800 here"}', 28),
    ],
)
def test_lone_surrogate_escape_is_refused_at_the_escape(text: str, escape_at: int) -> None:
    line, column, message, _ = syntax_error(text)
    assert message == "string holds an unpaired surrogate (a \\u escape or character from U+D800 to U+DFFF), which is not text"
    assert (line, column) == (1, escape_at + 1)
    assert text[escape_at : escape_at + 2] == "\\u"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('["\\ud83d\\ude00"]', ["😀"]),
        ('["\\\\ud800"]', ["\\ud800"]),
        ('["\\\\\\\\ud800"]', ["\\\\ud800"]),
    ],
)
def test_surrogate_pairs_and_escaped_backslashes_are_fine(text: str, value: list[str]) -> None:
    assert parse(text).value == value


def test_a_raw_lone_surrogate_character_is_refused_like_an_escaped_one() -> None:
    # Text from a file cannot hold one (UTF-8 decoding refuses it), but parse() takes any str:
    # accepting it gives a value that cannot be encoded again (json.dumps(...).encode() fails).
    _, column, message, _ = syntax_error('["ab\ud800"]')
    assert column in (2, 5)
    assert "surrogate" in message


def test_syntax_error_records_the_pointer_of_the_open_container() -> None:
    assert syntax_error('{"roles": [{"id": "a",}]}')[3] == "/roles/0"
    assert syntax_error('{"a": {"b": [1 2]}}')[3] == "/a/b"
    assert syntax_error("1 2")[3] == ""


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t "])
def test_empty_text(text: str) -> None:
    assert syntax_error(text)[:3] == (1, 1, "the file is empty: expected a JSON object")


@pytest.mark.parametrize(
    ("text", "line", "column", "opened"),
    [
        ('{\n  "a": [1, 2', 2, 13, "the array opened at line 2, column 8 is never closed with ']'"),
        ('{\n  "a": {', 2, 9, "the object opened at line 2, column 8 is never closed with '}'"),
        ('{"a": 1,', 1, 9, "the object opened at line 1, column 1 is never closed with '}'"),
        ('{"a"', 1, 5, "the object opened at line 1, column 1 is never closed with '}'"),
        ('{"a":', 1, 6, "the object opened at line 1, column 1 is never closed with '}'"),
        ("[", 1, 2, "the array opened at line 1, column 1 is never closed with ']'"),
    ],
)
def test_truncated_text_names_where_the_container_was_opened(text: str, line: int, column: int, opened: str) -> None:
    got_line, got_column, message, _ = syntax_error(text)
    assert (got_line, got_column) == (line, column)
    assert message.startswith("the file ends too early: expected ")
    assert opened in message
    assert message.endswith("(is the file truncated?)")


def test_truncated_text_says_what_was_expected() -> None:
    assert "expected a property name;" in syntax_error('{"a": 1,')[2]
    assert "expected ':';" in syntax_error('{"a"')[2]
    assert "expected a value;" in syntax_error('{"a":')[2]
    assert "expected more;" in syntax_error("[1")[2]


@pytest.mark.parametrize("opener", ["[", '{"a":', '{"a":[', "[\n"])
def test_thousands_of_nested_levels_give_a_clean_error(opener: str) -> None:
    text = opener * 5000
    line, column, message, pointer = syntax_error(text)
    assert message == f"nested deeper than {MAX_DEPTH} levels; a scenario never needs that"
    too_deep = [index for index, char in enumerate(text) if char in "[{"][MAX_DEPTH]
    assert (line, column) == line_col(line_starts_of(text), too_deep)
    assert pointer.count("/") == MAX_DEPTH - 1


def test_nesting_up_to_the_limit_is_fine() -> None:
    parsed = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    depth = 0
    value: Any = parsed.value
    while value:
        value = value[0]
        depth += 1
    assert depth == MAX_DEPTH - 1
    assert value == []


def test_deep_but_closed_nesting_beyond_the_limit_is_refused() -> None:
    text = "[" * 3000 + "]" * 3000
    assert "nested deeper than" in syntax_error(text)[2]


def test_very_long_numbers_are_refused_before_conversion() -> None:
    digits = "9" * 5000
    line, column, message, _ = syntax_error(f'{{"a": {digits}}}')
    assert (line, column) == (1, 7)
    assert message == f"number has 5000 characters; numbers here are at most {MAX_NUMBER_LENGTH} long"
    assert "number has 41 characters" in syntax_error("1" * 41)[2]
    assert parse("1" * MAX_NUMBER_LENGTH).value == int("1" * MAX_NUMBER_LENGTH)
    assert parse("1e300").value == 1e300


# --- duplicate keys --------------------------------------------------------------------------------


def test_duplicate_keys_are_problems_with_both_positions_and_the_last_value_wins() -> None:
    text = '{\n  "a": 1,\n  "b": {"x": 1, "x": 2},\n  "a": 3\n}'
    parsed = parse(text)
    assert parsed.value == {"a": 3, "b": {"x": 2}}
    problems = sorted(parsed.problems, key=lambda problem: problem.offset)
    assert [problem.pointer for problem in problems] == ["/b/x", "/a"]
    inner, outer = problems
    assert parsed.line_col(inner.offset) == (3, 17)
    assert inner.message == "duplicate key 'x': it is already set at line 3, column 9"
    assert parsed.line_col(outer.offset) == (4, 3)
    assert outer.message == "duplicate key 'a': it is already set at line 2, column 3"
    assert text[outer.offset :].startswith('"a": 3')
    assert parsed.line_col(parsed.key_offsets["/a"]) == (4, 3)
    assert parsed.line_col(parsed.value_offsets["/a"]) == (4, 8)


def test_a_key_repeated_three_times_gives_two_problems() -> None:
    parsed = parse('{"k": 1, "k": 2, "k": 3}')
    assert parsed.value == {"k": 3}
    assert [problem.offset for problem in parsed.problems] == [9, 17]
    assert "line 1, column 10" in parsed.problems[1].message


def test_same_key_in_different_objects_is_not_a_duplicate() -> None:
    assert parse('[{"a": 1}, {"a": 2}]').problems == ()
