"""The loader: unreadable files, schema messages, checks of meaning, positions, the typed model."""

from __future__ import annotations

import codecs
import copy
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engine.load.loader
from engine.core import model as m
from engine.load.diagnostics import Diagnostic, ScenarioError
from engine.load.loader import load_scenario, load_scenario_bytes, load_scenario_text
from engine.load.schema_check import CODES as SCHEMA_CODE_INFO
from engine.load.semantics import CODES as SEMANTIC_CODE_INFO
from tests.helpers import all_pointers, doc, load, text_of

# --- helpers ----------------------------------------------------------------------------------

SCHEMA = frozenset(info.code for info in SCHEMA_CODE_INFO)


def kind(code: str) -> str:
    """A diagnostic's code, with every schema code read as "schema" (tests/test_codes.py checks each one)."""
    return "schema" if code in SCHEMA else code


def lines_of(text: str) -> list[str]:
    """The lines of a text as the loader counts them (\\n, \\r\\n and \\r end a line)."""
    return re.split(r"\r\n|\r|\n", text)


def offset_of(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column."""
    lines = lines_of(text)
    starts = [0]
    for match in re.finditer(r"\r\n|\r|\n", text):
        starts.append(match.end())
    assert 1 <= line <= len(lines), f"line {line} is outside the text ({len(lines)} lines)"
    assert 1 <= column <= len(lines[line - 1]) + 1, f"column {column} is outside line {line}"
    return starts[line - 1] + column - 1


def at(text: str, diagnostic: Diagnostic) -> str:
    """The text from a diagnostic's position to the end of its line."""
    offset = offset_of(text, diagnostic.line, diagnostic.column)
    return lines_of(text[offset:])[0]


def errors_of_text(text: str, label: str = "test.json") -> tuple[Diagnostic, ...]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, label)
    assert caught.value.diagnostics, "a ScenarioError always carries at least one diagnostic"
    return caught.value.diagnostics


def errors_of(document: dict[str, Any]) -> tuple[str, tuple[Diagnostic, ...]]:
    """The text of a document and the diagnostics it must raise."""
    text = text_of(document)
    return text, errors_of_text(text)


def the_one(document: dict[str, Any], code: str) -> tuple[Diagnostic, str]:
    """The only diagnostic of a document, which must have the code; with the text at its position."""
    text, diagnostics = errors_of(document)
    assert [kind(d.code) for d in diagnostics] == [code], [d.format() for d in diagnostics]
    return diagnostics[0], at(text, diagnostics[0])


def errors_of_bytes(data: bytes, label: str = "test.json") -> tuple[Diagnostic, ...]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(data, label)
    return caught.value.diagnostics


def resolve(document: Any, pointer: str) -> Any:
    current = document
    if not pointer:
        return current
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        current = current[int(token)] if isinstance(current, list) else current[token]
    return current


def exactly_at(text: str, document: Any, diagnostic: Diagnostic) -> bool:
    """Whether a diagnostic sits on the start of the value at its pointer, or of that value's key."""
    offset = offset_of(text, diagnostic.line, diagnostic.column)
    found, _ = json.JSONDecoder().raw_decode(text, offset)
    if diagnostic.pointer and text[offset] == '"' and text[offset:].split(":", 1)[0].strip().endswith('"'):
        key = unescape(diagnostic.pointer.rsplit("/", 1)[1])
        if found == key and text[offset + len(json.dumps(key)) :].lstrip().startswith(":"):
            return True
    return bool(found == resolve(document, diagnostic.pointer))


def ancestors(pointer: str) -> list[str]:
    """A pointer and each of its parents, the root last."""
    found = [pointer]
    while pointer:
        pointer = pointer.rsplit("/", 1)[0]
        found.append(pointer)
    return found


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def points_at_its_token(text: str, document: Any, diagnostic: Diagnostic) -> bool:
    """Whether a diagnostic sits on the start of its value, its key, or (failing that) a parent's value."""
    offset = offset_of(text, diagnostic.line, diagnostic.column)
    try:
        found, _ = json.JSONDecoder().raw_decode(text, offset)
    except json.JSONDecodeError:
        return False
    if diagnostic.pointer and found == unescape(diagnostic.pointer.rsplit("/", 1)[1]):
        return True
    for pointer in ancestors(diagnostic.pointer):
        try:
            if found == resolve(document, pointer):
                return True
        except (KeyError, IndexError, ValueError, TypeError):
            continue
    return False


ROLES_WITH_PARTS: list[dict[str, Any]] = [
    {
        "id": "seoul",
        "name": "Seoul",
        "budget": 2,
        "resources": [{"id": "capital", "label": "Capital", "initial": 3, "max": 10}],
    },
    {"id": "tokyo", "name": "Tokyo", "budget": 2},
]


def action(**parts: Any) -> dict[str, Any]:
    return {"id": "talk", "label": "Talk", "roles": ["seoul", "tokyo"], "effects": [], **parts}


def shock(**parts: Any) -> dict[str, Any]:
    return {"id": "storm", "title": "Storm", "category": "disaster", "narrative": "A storm.", **parts}


def rule(**parts: Any) -> list[dict[str, Any]]:
    return [{"id": "r", "effects": [], **parts}]


def trust(**parts: Any) -> list[dict[str, Any]]:
    return [{"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50, **parts}]


EFFECT_FORMS = "add, set, setState, stepState, drift, gain, chance, pick, if, schedule, enable, disable, endShock, say"
WHOLE = "; values in whitecell are whole numbers"
BANDS = [{"id": "low", "label": "Low", "from": 0}, {"id": "high", "label": "High", "from": 50}]


# --- files that cannot be read ----------------------------------------------------------------


def single(diagnostics: tuple[Diagnostic, ...]) -> Diagnostic:
    assert len(diagnostics) == 1, [d.format() for d in diagnostics]
    return diagnostics[0]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    diagnostic = single(caught.value.diagnostics)
    assert (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.pointer) == (str(path), 1, 1, "")
    assert diagnostic.code == "no-such-file"
    assert diagnostic.message == "no such file; check the path (a scenario is a .json file)"
    assert str(caught.value) == f"{path}:1:1: error: no such file; check the path (a scenario is a .json file) [no-such-file]"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.json"
    folder.mkdir()
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    diagnostic = single(caught.value.diagnostics)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (1, 1, "not-a-file")
    assert diagnostic.message == "this is a directory, not a scenario file"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.json"
    path.write_text(text_of(doc()), encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert single(caught.value.diagnostics).code == "unreadable"


@pytest.mark.parametrize("content", [b"", b"   \n\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    diagnostic = single(caught.value.diagnostics)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (1, 1, "syntax")
    assert diagnostic.message == "the file is empty: expected a JSON object"


def test_not_utf8_says_where_the_bad_byte_is() -> None:
    data = b'{\n  "format": 1,\n  "title": "Caf\xe9 talks"\n}'
    diagnostic = single(errors_of_bytes(data))
    assert (diagnostic.line, diagnostic.column, diagnostic.pointer) == (3, 16, "")
    assert diagnostic.code == "not-utf8"
    assert diagnostic.message == "the file is not UTF-8 text: byte 0xe9 cannot be decoded; save it as UTF-8"


def test_not_utf8_column_counts_characters_not_bytes() -> None:
    data = '{"title": "한국 '.encode() + b"\xff" + b'"}'
    diagnostic = single(errors_of_bytes(data))
    assert (diagnostic.line, diagnostic.column) == (1, 15)
    assert "byte 0xff" in diagnostic.message


def test_a_truncated_multibyte_character_is_not_utf8() -> None:
    diagnostic = single(errors_of_bytes('{"title": "é'.encode()[:-1]))
    assert diagnostic.code == "not-utf8"
    assert (diagnostic.line, diagnostic.column) == (1, 12)


def test_text_with_a_raw_lone_surrogate_is_a_scenario_error() -> None:
    # load_scenario_text takes any str; a lone surrogate cannot be encoded, so it is no text.
    text = text_of(doc(title="A\ud800B")).replace("\\ud800", "\ud800")
    assert "\ud800" in text
    diagnostic = single(errors_of_text(text))
    assert diagnostic.code == "syntax"
    assert diagnostic.line == 4


def test_utf8_byte_order_mark_is_accepted() -> None:
    scenario = load_scenario_bytes(codecs.BOM_UTF8 + text_of(doc()).encode("utf-8"), "bom.json")
    assert scenario.id == "tiny"


def test_positions_after_a_utf8_byte_order_mark_are_in_characters_of_the_text() -> None:
    data = codecs.BOM_UTF8 + b'{"format": 1,}'
    diagnostic = single(errors_of_bytes(data))
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (1, 13, "syntax")


@pytest.mark.parametrize(
    ("bom", "name"),
    [
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
    ],
)
def test_utf16_and_utf32_are_refused_by_name(bom: bytes, name: str) -> None:
    encoding = {"UTF-16": "utf-16-le", "UTF-32": "utf-32-le"}[name]
    data = bom + text_of(doc()).encode(encoding)
    diagnostic = single(errors_of_bytes(data))
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (1, 1, "not-utf8")
    assert diagnostic.message == f"the file is saved as {name}; save it as UTF-8"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("[1, 2]", "an array"), ("[]", "an array"), ("42", "a single value"), ('"x"', "a single value"), ("null", "a single value")],
)
def test_not_an_object(text: str, kind: str) -> None:
    diagnostic = single(errors_of_text("\n  " + text))
    assert (diagnostic.line, diagnostic.column, diagnostic.pointer) == (2, 3, "")
    assert diagnostic.code == "not-an-object"
    assert diagnostic.message == f"a scenario is a JSON object {{...}}, but this file holds {kind}"


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.load.loader, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1500 + b"{}")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    diagnostic = single(caught.value.diagnostics)
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (1, 1, "too-large")
    assert diagnostic.message == "the file is 1,502 bytes; a scenario is at most 1,000"


def test_a_file_within_the_size_limit_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = text_of(doc())
    monkeypatch.setattr(engine.load.loader, "MAX_FILE_BYTES", len(text.encode("utf-8")))
    path = tmp_path / "fits.json"
    path.write_text(text, encoding="utf-8")
    assert load_scenario(path).id == "tiny"


def test_syntax_error_in_a_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": 1,\n  "id": "x"\n  "title": "y"\n}', encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    diagnostic = single(caught.value.diagnostics)
    assert (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code) == (str(path), 4, 3, "syntax")
    assert diagnostic.message == "expected ',' or '}' after an object member, found '\"'"


@pytest.mark.parametrize(
    ("text", "line", "column", "needle"),
    [
        ('{"format": NaN}', 1, 12, "NaN is not a JSON number"),
        ('{"format": 1e999}', 1, 12, "too large to represent"),
        ('{"format": ' + "9" * 400 + "}", 1, 12, "numbers here are at most"),
        ('{\n  "format": 1,\n  "id": "x",', 3, 13, "(is the file truncated?)"),
        ('{\n  "format": 1,\n  "id": "x', 3, 9, 'string not closed: missing "'),
    ],
)
def test_hostile_text_gives_one_located_syntax_error(text: str, line: int, column: int, needle: str) -> None:
    diagnostic = single(errors_of_text(text))
    assert diagnostic.code == "syntax"
    assert (diagnostic.line, diagnostic.column) == (line, column)
    assert needle in diagnostic.message


@pytest.mark.parametrize("text", ["[" * 10000, '{"roles": [' + '{"a": [' * 3000, '{"a":\n' * 5000])
def test_thousands_of_nested_levels_give_one_clean_error(text: str) -> None:
    diagnostic = single(errors_of_text(text))
    assert diagnostic.code == "syntax"
    assert diagnostic.message == "nested deeper than 100 levels; a scenario never needs that"
    too_deep = [index for index, char in enumerate(text) if char in "[{"][100]
    assert offset_of(text, diagnostic.line, diagnostic.column) == too_deep


# --- duplicate keys -----------------------------------------------------------------------------


def test_duplicate_keys_are_reported_with_both_positions_alongside_other_problems() -> None:
    text = text_of(doc(title="Tiny")).replace('"id": "tiny",', '"id": "tiny",\n  "id": "Tiny Two",', 1)
    diagnostics = errors_of_text(text)
    assert [d.code for d in diagnostics] == ["duplicate-key", "bad-id"]
    duplicate, pattern = diagnostics
    assert (duplicate.line, duplicate.column, duplicate.pointer) == (4, 3, "/id")
    assert duplicate.message == "duplicate key 'id': it is already set at line 3, column 3"
    assert at(text, duplicate).startswith('"id": "Tiny Two"')
    assert pattern.pointer == "/id"
    assert at(text, pattern).startswith('"Tiny Two"')


def test_duplicate_keys_alone_make_a_document_invalid() -> None:
    text = text_of(doc()).replace('"title": "Tiny",', '"title": "Tiny",\n  "title": "Tiny",', 1)
    diagnostic = single(errors_of_text(text))
    assert diagnostic.code == "duplicate-key"
    assert diagnostic.pointer == "/title"


# --- schema messages ----------------------------------------------------------------------------


def test_unknown_property_suggests_the_close_name_at_the_key() -> None:
    diagnostic, here = the_one(doc(titel="Tiny"), "schema")
    assert diagnostic.pointer == "/titel"
    assert diagnostic.message == "unknown property 'titel' (did you mean 'title'?)"
    assert here.startswith('"titel"')


def test_nested_unknown_property_points_at_the_key() -> None:
    roles = copy.deepcopy(ROLES_WITH_PARTS)
    roles[1]["budjet"] = roles[1].pop("budget")
    text, diagnostics = errors_of(doc(roles=roles))
    assert {(d.pointer, d.message) for d in diagnostics} == {
        ("/roles/1/budjet", "unknown property 'budjet' (did you mean 'budget'?)"),
        ("/roles/1", "missing required property 'budget'"),
    }
    for diagnostic in diagnostics:
        expected = '"budjet"' if diagnostic.pointer.endswith("budjet") else "{"
        assert at(text, diagnostic).startswith(expected)


def test_unknown_property_without_a_close_name_lists_the_allowed_ones() -> None:
    diagnostic, here = the_one(doc(turns={"count": 4, "zzzz": 1}), "schema")
    assert diagnostic.message == "unknown property 'zzzz'; allowed here: count, label, start, step, names, deadline"
    assert here.startswith('"zzzz"')


def test_missing_required_property() -> None:
    document = doc()
    del document["outcomes"]
    diagnostic, here = the_one(document, "schema")
    assert here.startswith("{")
    assert (diagnostic.pointer, diagnostic.line, diagnostic.column) == ("", 1, 1)
    assert diagnostic.message == "missing required property 'outcomes'"
    assert diagnostic.format() == "test.json:1:1: error: missing required property 'outcomes' [missing-property]"


def test_every_missing_required_property_is_reported() -> None:
    _, diagnostics = errors_of({"format": 1})
    assert {d.message for d in diagnostics} == {
        f"missing required property {name!r}"
        for name in ("id", "title", "turns", "roles", "variables", "actions", "shocks", "rules", "outcomes")
    }


@pytest.mark.parametrize(
    ("parts", "pointer", "message", "token"),
    [
        ({"turns": {"count": "4"}}, "/turns/count", "expected an integer, found a string", '"4"'),
        ({"turns": {"count": 4.5}}, "/turns/count", f"expected an integer, found a number with a fraction{WHOLE}", "4.5"),
        ({"turns": {"count": True}}, "/turns/count", "expected an integer, found a boolean", "true"),
        ({"turns": {"count": None}}, "/turns/count", "expected an integer, found null", "null"),
        ({"roles": {"id": "seoul"}}, "/roles", "expected an array, found an object", "{"),
        ({"title": ["Tiny"]}, "/title", "expected a string, found an array", "["),
        ({"turns": 4}, "/turns", "expected an object, found an integer", "4"),
        ({"format": 3}, "/format", "3 is not one of: 1, 2", "3"),
    ],
)
def test_wrong_types(parts: dict[str, Any], pointer: str, message: str, token: str) -> None:
    diagnostic, here = the_one(doc(**parts), "schema")
    assert (diagnostic.pointer, diagnostic.message) == (pointer, message)
    assert here.startswith(token)


def test_enum_with_did_you_mean() -> None:
    diagnostic, here = the_one(doc(turns={"count": 4, "start": "2026-01-01", "step": "weak"}), "schema")
    assert diagnostic.pointer == "/turns/step"
    assert diagnostic.message == "\"weak\" is not one of: day, week, month, quarter, year (did you mean 'week'?)"
    assert here.startswith('"weak"')


def test_a_roles_private_briefing_and_an_objectives_visibility_load_and_default() -> None:
    document = doc()
    seoul = document["roles"][0]
    seoul["briefing"] = "Only **Seoul** reads this."
    seoul["objectives"] = [
        {"id": "open", "description": "Open.", "condition": {"turn": {"atLeast": 1}}},
        {"id": "hidden", "description": "Hidden.", "condition": {"turn": {"atLeast": 1}}, "visibility": "private"},
    ]
    role = load(document).roles[0]
    assert role.briefing == "Only **Seoul** reads this."
    assert [objective.visibility for objective in role.objectives] == ["public", "private"]
    assert load(doc()).roles[0].briefing == ""


def test_an_objectives_visibility_is_public_or_private() -> None:
    document = doc()
    document["roles"][0]["objectives"] = [
        {"id": "x", "description": "X.", "condition": {"turn": {"atLeast": 1}}, "visibility": "secret"}
    ]
    diagnostic, here = the_one(document, "schema")
    assert diagnostic.pointer == "/roles/0/objectives/0/visibility"
    assert diagnostic.message.startswith('"secret" is not one of: public, private')
    assert here.startswith('"secret"')


def test_enum_without_a_close_value() -> None:
    diagnostic, _ = the_one(doc(shocks=[shock(category="volcano")]), "schema")
    assert diagnostic.pointer == "/shocks/0/category"
    assert diagnostic.message.startswith('"volcano" is not one of: missile, nuclear, strait,')
    assert "did you mean" not in diagnostic.message


@pytest.mark.parametrize(
    ("bad", "slug"),
    [("Seoul Tokyo", "seoul-tokyo"), ("prior_consultation", "prior-consultation"), ("2026 crisis", "x-2026-crisis")],
)
def test_bad_id_suggests_a_slug(bad: str, slug: str) -> None:
    diagnostic, here = the_one(doc(id=bad), "schema")
    assert diagnostic.pointer == "/id"
    assert diagnostic.message == (
        f"{json.dumps(bad)} is not a valid id: ids are lowercase letters and digits in words joined by single hyphens, "
        f"starting with a letter (e.g. {slug!r})"
    )
    assert diagnostic.suggestion == slug
    assert here.startswith(json.dumps(bad))


def test_bad_id_as_a_key_points_at_the_key() -> None:
    text, diagnostics = errors_of(doc(rules=rule(effects=[{"add": {"Trust": 1}}])))
    schema = next(d for d in diagnostics if d.code in SCHEMA)
    assert schema.pointer == "/rules/0/effects/0/add/Trust"
    assert schema.suggestion == "trust"
    assert at(text, schema).startswith('"Trust": 1')
    assert {d.code for d in diagnostics} == {"bad-id", "unknown-variable"}


def test_too_long_id_as_a_key_points_at_the_key() -> None:
    # Like a key that breaks the id pattern, a key that is too long must be reported at the
    # key itself, not at the object around it (which may hold many keys).
    name = "x" * 70
    text, diagnostics = errors_of(doc(rules=rule(effects=[{"add": {"trust": 1, name: 1}}])))
    schema = [d for d in diagnostics if d.code in SCHEMA]
    assert [d.pointer for d in schema] == [f"/rules/0/effects/0/add/{name}"]
    assert at(text, schema[0]).startswith(f'"{name}": 1')
    assert "70 characters" in schema[0].message


def test_bad_date_pattern() -> None:
    text, diagnostics = errors_of(doc(turns={"count": 4, "start": "1 May 2026"}))
    schema = [d for d in diagnostics if d.code in SCHEMA]
    assert [(d.pointer, d.message) for d in schema] == [
        ("/turns/start", 'expected a date written YYYY-MM-DD, found "1 May 2026"')
    ]
    assert at(text, schema[0]).startswith('"1 May 2026"')
    assert {d.code for d in diagnostics} <= {"bad-date-format", "bad-date"}


@pytest.mark.parametrize(
    ("parts", "pointer", "message"),
    [
        ({"turns": {"count": 0}}, "/turns/count", "must be at least 1, found 0"),
        ({"turns": {"count": 501}}, "/turns/count", "must be at most 500, found 501"),
        ({"roles": [{"id": "seoul", "name": "S", "budget": -1}]}, "/roles/0/budget", "must be at least 0, found -1"),
        ({"shocks": [shock(trigger={"chance": 1.5})]}, "/shocks/0/trigger/chance", "must be at most 1, found 1.5"),
        ({"variables": trust(max=2_000_000_000)}, "/variables/0/max", "must be at most 1000000000, found 2000000000"),
    ],
)
def test_out_of_range_numbers(parts: dict[str, Any], pointer: str, message: str) -> None:
    diagnostic, _ = the_one(doc(**parts), "schema")
    assert (diagnostic.pointer, diagnostic.message) == (pointer, message)


def test_empty_required_lists_and_too_long_ones() -> None:
    _, diagnostics = errors_of(doc(roles=[], outcomes=[]))
    assert {(d.pointer, d.message) for d in diagnostics} == {("/roles", "must not be empty"), ("/outcomes", "must not be empty")}
    many = [{"id": f"r{index}", "name": "R", "budget": 1} for index in range(9)]
    diagnostic, _ = the_one(doc(roles=many), "schema")
    assert diagnostic.message == "has 9 entries; at most 8 are allowed"


def test_too_long_text() -> None:
    diagnostic, _ = the_one(doc(title="x" * 2001), "schema")
    assert diagnostic.message == "is 2001 characters long; at most 2000 are allowed"


@pytest.mark.parametrize("huge", ["1e300", "1E+300", str(10**30), "-" + str(10**30), "1e19"])
def test_huge_numbers_are_rejected_cleanly(huge: str) -> None:
    text = text_of(doc()).replace('"count": 4', f'"count": {huge}')
    diagnostic = single(errors_of_text(text))
    assert diagnostic.code == "out-of-range"
    assert diagnostic.pointer == "/turns/count"
    assert diagnostic.message.startswith("must be at")
    assert at(text, diagnostic).startswith(huge)


def test_huge_numbers_are_not_echoed_as_hundreds_of_digits() -> None:
    # Out-of-range numbers are reported by the schema; the checks of meaning must not then
    # repeat them as 300-digit integers ("initial value 10000000000000000525047602552044...").
    text = text_of(doc(turns={"count": 4, "names": ["a"]}, variables=trust(max=100, initial=1))).replace(
        '"initial": 1', '"initial": 1e300'
    )
    text = text.replace('"count": 4', '"count": 1e300')
    diagnostics = errors_of_text(text)
    assert {d.pointer for d in diagnostics} >= {"/turns/count", "/variables/0/initial"}
    for diagnostic in diagnostics:
        assert not re.search(r"[0-9]{40}", diagnostic.message), diagnostic.format()


def test_whole_numbers_written_as_floats_are_refused_with_the_fix() -> None:
    """3.0 passes JSON Schema as an integer, but the engine needs whole numbers written as such (issue 15)."""
    text = text_of(doc()).replace('"initial": 50', '"initial": 50.0').replace('"count": 4', '"count": 4e0')
    found = {(d.pointer, d.code): d.message for d in errors_of_text(text, "float.json")}
    assert found[("/variables/0/initial", "wrong-type")].endswith("write it without a decimal point: 50")
    assert found[("/turns/count", "wrong-type")].endswith("write it without a decimal point: 4")


# --- condition and effect unions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "pointer", "message"),
    [
        (
            {"vr": "trust", "atLeast": 1},
            "/rules/0/when",
            "not a known condition: found keys 'vr', 'atLeast'; expected one of the forms var, inBand, state, resource, uses, "
            "fired, score, turn, active, chose, all, any, not (did you mean 'var'?)",
        ),
        (
            {},
            "/rules/0/when",
            "not a known condition: found an empty object; expected one of the forms var, inBand, state, resource, uses, "
            "fired, score, turn, active, chose, all, any, not",
        ),
        (
            "trust > 40",
            "/rules/0/when",
            "expected condition object (one of the forms var, inBand, state, resource, uses, fired, score, turn, active, chose, "
            "all, any, not), found a string",
        ),
        (
            {"var": "trust", "turn": {"atLeast": 2}},
            "/rules/0/when",
            "condition has more than one form ('var', 'turn'); give each its own object, e.g. inside a list",
        ),
        ({"var": "trust"}, "/rules/0/when", "needs at least one bound: atLeast, atMost, above, below or equals"),
        ({"turn": {}}, "/rules/0/when/turn", "needs at least one bound: atLeast, atMost, above, below or equals"),
        ({"var": "trust", "atleast": 3}, "/rules/0/when/atleast", "unknown property 'atleast' (did you mean 'atLeast'?)"),
        ({"var": "trust", "atLeast": "40"}, "/rules/0/when/atLeast", "expected an integer, found a string"),
        ({"inBand": {"var": "trust"}}, "/rules/0/when/inBand", "missing required property 'band'"),
        ({"resource": "capital", "atLeast": 1, "below": 3}, "/rules/0/when", "missing required property 'role'"),
        ({"all": []}, "/rules/0/when/all", "must not be empty"),
        (
            {"not": {"any": [{"var": "trust", "equals": "x"}]}},
            "/rules/0/when/not/any/0/equals",
            "expected an integer, found a string",
        ),
    ],
)
def test_condition_errors(when: Any, pointer: str, message: str) -> None:
    text, diagnostics = errors_of(doc(rules=rule(when=when)))
    schema = [d for d in diagnostics if d.code in SCHEMA]
    assert [(d.pointer, d.message) for d in schema] == [(pointer, message)]
    assert points_at_its_token(text, json.loads(text), schema[0])


@pytest.mark.parametrize(
    ("effect", "pointer", "message"),
    [
        ({"add": {"trust": "x"}}, "/rules/0/effects/0/add/trust", "expected an integer, found a string"),
        (
            {"ad": {"trust": 1}},
            "/rules/0/effects/0",
            "not a known effect: found keys 'ad'; expected one of the forms add, set, setState, stepState, drift, gain, "
            "chance, pick, if, schedule, enable, disable, endShock, say (did you mean 'add'?)",
        ),
        (
            {"add": {"trust": 1}, "say": "and talk"},
            "/rules/0/effects/0",
            "effect has more than one form ('add', 'say'); give each its own object, e.g. inside a list",
        ),
        ({"drift": {"var": "trust", "toward": 40}}, "/rules/0/effects/0/drift", "missing required property 'by'"),
        ({"chance": 0.5}, "/rules/0/effects/0", "missing required property 'then'"),
        (
            {"chance": 0.5, "then": [{"add": {"trust": 1.5}}]},
            "/rules/0/effects/0/then/0/add/trust",
            f"expected an integer, found a number with a fraction{WHOLE}",
        ),
        (
            {"if": {"var": "trust", "atLeast": 1}, "then": [], "else": [{"sayy": "x"}]},
            "/rules/0/effects/0/else/0",
            f"not a known effect: found keys 'sayy'; expected one of the forms {EFFECT_FORMS} (did you mean 'say'?)",
        ),
        (
            {"pick": [{"weight": 0, "label": "x", "effects": []}]},
            "/rules/0/effects/0/pick/0/weight",
            "must be at least 1, found 0",
        ),
        ({"schedule": {"shock": "storm", "after": 0}}, "/rules/0/effects/0/schedule/after", "must be at least 1, found 0"),
        (["add"], "/rules/0/effects/0", f"expected effect object (one of the forms {EFFECT_FORMS}), found an array"),
    ],
)
def test_effect_errors_come_from_the_branch_the_key_names(effect: Any, pointer: str, message: str) -> None:
    text, diagnostics = errors_of(doc(rules=rule(effects=[effect]), shocks=[shock()]))
    schema = [d for d in diagnostics if d.code in SCHEMA]
    assert [(d.pointer, d.message) for d in schema] == [(pointer, message)]
    assert points_at_its_token(text, json.loads(text), schema[0])


def test_add_error_points_at_the_value() -> None:
    text, diagnostics = errors_of(doc(rules=rule(effects=[{"add": {"trust": "x"}}])))
    assert at(text, single(diagnostics)).startswith('"x"')


def nested_effect(depth: int, leaf: dict[str, Any]) -> dict[str, Any]:
    effect = leaf
    for level in range(depth):
        if level % 2:
            effect = {"chance": 0.5, "then": [effect], "else": [{"say": "no"}]}
        else:
            effect = {"if": {"var": "trust", "atLeast": 1}, "then": [effect], "else": [{"say": "no"}]}
    return effect


def test_deeply_nested_effects_are_checked_without_blowing_up() -> None:
    # chance and if both have then/else; checking every branch of every level would take
    # 2**depth steps. Run in a child process so that a regression fails instead of hanging.
    script = (
        "import json, sys\n"
        "from engine.load.loader import load_scenario_text\n"
        "from engine.load.diagnostics import ScenarioError\n"
        "try:\n"
        "    load_scenario_text(sys.stdin.read(), 'deep.json')\n"
        "except ScenarioError as error:\n"
        "    print(json.dumps([d.to_json() for d in error.diagnostics]))\n"
    )
    depth = 45
    document = doc(rules=rule(effects=[nested_effect(depth, {"add": {"trust": "x"}}), nested_effect(depth, {"sya": "x"})]))
    result = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(document), capture_output=True, text=True, timeout=120, check=True
    )
    diagnostics = json.loads(result.stdout)
    assert diagnostics
    assert [(d["pointer"].count("/then/0"), d["message"][:25]) for d in diagnostics] == [
        (depth, "expected an integer, foun"),
        (depth, "not a known effect: found"),
    ]
    assert diagnostics[0]["pointer"].endswith("/add/trust")


def test_deeply_nested_valid_conditions_load() -> None:
    when: dict[str, Any] = {"var": "trust", "atLeast": 1}
    for level in range(45):
        when = {"all": [when]} if level % 2 else {"not": when}
    scenario = load(doc(rules=rule(when=when)))
    condition = scenario.rules[0].when
    depth = 0
    while isinstance(condition, (m.AllOf, m.Not)):
        condition = condition.items[0] if isinstance(condition, m.AllOf) else condition.item
        depth += 1
    assert depth == 45
    assert condition == m.VarTest("trust", m.Comparison(at_least=1))


# --- checks of meaning: every code -----------------------------------------------------------------


TOKYO = {"id": "tokyo", "name": "T", "budget": 1}


def with_actor(**fields: Any) -> list[dict[str, Any]]:
    """Seoul and Tokyo as teams, and Beijing as an actor the white cell plays, with ``fields`` added."""
    return [
        {"id": "seoul", "name": "S", "budget": 1},
        TOKYO,
        {"id": "beijing", "name": "B", "budget": 1, "playedBy": "white-cell", **fields},
    ]


def test_an_audience_entry_that_is_no_name_is_a_type_error_not_a_crash() -> None:
    """A list or an object in an actor's or an inject's audience is the schema's wrong type (the
    actor checks once looked it up in a set, a TypeError the mutation fuzz found)."""
    role = doc(format=2, roles=with_actor(audience=[["seoul"], {"a": 1}]))
    inject = doc(format=2, roles=with_actor(), shocks=[shock(id="a", audience=[["seoul"]])])
    assert [(d.code, d.pointer) for d in errors_of(role)[1]] == [
        ("wrong-type", "/roles/2/audience/0"),
        ("wrong-type", "/roles/2/audience/1"),
    ]
    assert [(d.code, d.pointer) for d in errors_of(inject)[1]] == [("wrong-type", "/shocks/0/audience/0")]


SEMANTIC_CASES: list[tuple[str, dict[str, Any], str, str, str, str | None]] = [
    # code, document parts, pointer, message, text at the position, suggestion
    (
        "duplicate-id",
        {"roles": [{"id": "seoul", "name": "S", "budget": 1}, {"id": "seoul", "name": "T", "budget": 1}]},
        "/roles/1/id",
        "duplicate role id 'seoul': /roles/0 already uses it",
        '"seoul"',
        None,
    ),
    (
        "unknown-variable",
        {"rules": rule(effects=[{"add": {"trsut": 1}}])},
        "/rules/0/effects/0/add/trsut",
        "unknown variable 'trsut' (did you mean 'trust'?)",
        '"trsut": 1',
        "trust",
    ),
    (
        "unknown-variable",
        {"rules": rule(effects=[{"drift": {"var": "zzz", "toward": 1, "by": 1}}])},
        "/rules/0/effects/0/drift/var",
        "unknown variable 'zzz'; known: trust",
        '"zzz"',
        None,
    ),
    (
        "unknown-role",
        {"actions": [action(roles=["seoul", "tokoy"])]},
        "/actions/0/roles/1",
        "unknown role 'tokoy' (did you mean 'tokyo'?)",
        '"tokoy"',
        "tokyo",
    ),
    (
        "unknown-action",
        {"actions": [action(excludes=["tlak"])]},
        "/actions/0/excludes/0",
        "unknown action 'tlak' (did you mean 'talk'?)",
        '"tlak"',
        "talk",
    ),
    (
        "unknown-shock",
        {"shocks": [shock()], "rules": rule(when={"fired": "strom", "atLeast": 1})},
        "/rules/0/when/fired",
        "unknown shock 'strom' (did you mean 'storm'?)",
        '"strom"',
        "storm",
    ),
    (
        "unknown-shock",
        {"rules": rule(when={"active": "storm"})},
        "/rules/0/when/active",
        "unknown shock 'storm': the scenario declares no shocks",
        '"storm"',
        None,
    ),
    (
        "unknown-tag",
        {"actions": [action(tags=["cooperation"])], "rules": rule(when={"chose": {"tag": "cooperaton"}})},
        "/rules/0/when/chose/tag",
        "unknown tag 'cooperaton' (did you mean 'cooperation'?)",
        '"cooperaton"',
        "cooperation",
    ),
    (
        "unknown-outcome",
        {"endConditions": [{"id": "e", "when": {"var": "trust", "below": 1}, "outcome": "dnoe"}]},
        "/endConditions/0/outcome",
        "unknown outcome 'dnoe' (did you mean 'done'?)",
        '"dnoe"',
        "done",
    ),
    (
        "unknown-resource",
        {"roles": ROLES_WITH_PARTS, "rules": rule(effects=[{"gain": {"role": "seoul", "resource": "capitol", "amount": 1}}])},
        "/rules/0/effects/0/gain/resource",
        "unknown resource 'capitol' of role 'seoul' (did you mean 'capital'?)",
        '"capitol"',
        "capital",
    ),
    (
        "unknown-resource",
        {"roles": ROLES_WITH_PARTS, "actions": [action(roles=["seoul"], spend={"capitl": 1})]},
        "/actions/0/spend/capitl",
        "role 'seoul' has no resource 'capitl' to spend (did you mean 'capital'?)",
        '"capitl": 1',
        "capital",
    ),
    (
        "unknown-band",
        {"variables": trust(bands=BANDS), "rules": rule(when={"inBand": {"var": "trust", "band": "hihg"}})},
        "/rules/0/when/inBand/band",
        "unknown band 'hihg' of 'trust' (did you mean 'high'?)",
        '"hihg"',
        "high",
    ),
    (
        "unknown-visibility",
        {"variables": trust(visibility="seol")},
        "/variables/0/visibility",
        "unknown visibility 'seol' (use public, facilitator or a role id) (did you mean 'seoul'?)",
        '"seol"',
        "seoul",
    ),
    (
        "impossible-bounds",
        {"rules": rule(when={"var": "trust", "atLeast": 60, "below": 60})},
        "/rules/0/when",
        "these bounds can never all hold: no number satisfies them",
        "{",
        None,
    ),
    (
        "impossible-bounds",
        {"rules": rule(when={"turn": {"equals": 2, "above": 3}})},
        "/rules/0/when",
        "these bounds can never all hold: no number satisfies them",
        "{",
        None,
    ),
    (
        "empty-choice",
        {"rules": rule(when={"chose": {"role": "seoul"}})},
        "/rules/0/when/chose",
        "a chose test needs an action or a tag",
        "{",
        None,
    ),
    (
        "choice-not-allowed",
        {"actions": [action(roles=["seoul"])], "rules": rule(when={"chose": {"role": "tokyo", "action": "talk"}})},
        "/rules/0/when/chose/action",
        "role 'tokyo' cannot take action 'talk' (it is for seoul), so this never holds",
        '"talk"',
        None,
    ),
    (
        "turn-out-of-range",
        {"shocks": [shock(trigger={"atTurn": 9})]},
        "/shocks/0/trigger/atTurn",
        "turn 9 is outside the game, which has turns 1 to 4",
        "9",
        None,
    ),
    (
        "turn-names-count",
        {"turns": {"count": 4, "names": ["a", "b", "c"]}},
        "/turns/names",
        "there are 3 turn names for 4 turns; give exactly one per turn",
        "[",
        None,
    ),
    (
        "bad-date",
        {"turns": {"count": 4, "start": "2026-02-30", "step": "month"}},
        "/turns/start",
        "'2026-02-30' is not a real calendar date",
        '"2026-02-30"',
        None,
    ),
    (
        "step-without-start",
        {"turns": {"count": 4, "step": "month"}},
        "/turns/step",
        "a calendar step needs a start date",
        '"month"',
        None,
    ),
    (
        "bad-bounds",
        {"variables": trust(min=10, max=10, initial=10)},
        "/variables/0/max",
        "max (10) must be greater than min (10)",
        "10",
        None,
    ),
    (
        "bad-bounds",
        {"roles": [{"id": "seoul", "name": "S", "budget": 1, "resources": [{"id": "c", "label": "C", "initial": 0, "max": -1}]}]},
        "/roles/0/resources/0/max",
        "max (-1) must be greater than min (0)",
        "-1",
        None,
    ),
    (
        "initial-out-of-bounds",
        {"variables": trust(initial=101)},
        "/variables/0/initial",
        "initial value 101 is above the variable's maximum 100",
        "101",
        None,
    ),
    (
        "initial-out-of-bounds",
        {"roles": [{"id": "seoul", "name": "S", "budget": 1, "resources": [{"id": "c", "label": "C", "initial": -1, "max": 5}]}]},
        "/roles/0/resources/0/initial",
        "initial value -1 is below the resource's minimum 0",
        "-1",
        None,
    ),
    (
        "band-gap",
        {"variables": trust(bands=[{"id": "low", "label": "Low", "from": 10}])},
        "/variables/0/bands/0/from",
        "the first band must start at the variable's minimum 0, not 10",
        "10",
        None,
    ),
    (
        "bands-unordered",
        {"variables": trust(bands=[*BANDS, {"id": "mid", "label": "Mid", "from": 30}])},
        "/variables/0/bands/2/from",
        "bands must be in ascending order: 30 does not come after 50",
        "30",
        None,
    ),
    (
        "band-out-of-bounds",
        {"variables": trust(bands=[BANDS[0], {"id": "high", "label": "High", "from": 150}])},
        "/variables/0/bands/1/from",
        "band starts at 150, above the variable's maximum 100",
        "150",
        None,
    ),
    (
        "duplicate-role",
        {"actions": [action(roles=["seoul", "seoul"])]},
        "/actions/0/roles/1",
        "role 'seoul' is listed twice",
        '"seoul"',
        None,
    ),
    (
        "joint-needs-two",
        {"actions": [action(roles=["seoul"], joint=True)]},
        "/actions/0/joint",
        "a joint action needs at least two roles in roles",
        "true",
        None,
    ),
    (
        "unmatched-not-joint",
        {"actions": [action(unmatched=[{"add": {"trust": -1}}])]},
        "/actions/0/unmatched",
        'unmatched effects only apply to joint actions; add "joint": true or remove them',
        "[",
        None,
    ),
    (
        "excludes-itself",
        {"actions": [action(excludes=["talk"])]},
        "/actions/0/excludes/0",
        "an action cannot exclude itself",
        '"talk"',
        None,
    ),
    (
        "turn-and-window",
        {"shocks": [shock(trigger={"atTurn": 2, "from": 1})]},
        "/shocks/0/trigger/atTurn",
        "give either atTurn or a window (from/to), not both",
        "2",
        None,
    ),
    (
        "window-reversed",
        {"shocks": [shock(trigger={"from": 3, "to": 2})]},
        "/shocks/0/trigger/to",
        "the window ends (turn 2) before it starts (turn 3)",
        "2",
        None,
    ),
    (
        "guaranteed-without-window",
        {"shocks": [shock(trigger={"chance": 0.5, "guaranteed": True})]},
        "/shocks/0/trigger/guaranteed",
        "guaranteed needs a window (from/to) whose last turn it fires in",
        "true",
        None,
    ),
    (
        "last-outcome-conditional",
        {"outcomes": [{"id": "done", "title": "Done", "when": {"var": "trust", "atLeast": 1}}]},
        "/outcomes/0/when",
        "the last outcome must have no 'when', so that every game has an outcome",
        "{",
        None,
    ),
    (
        "outcome-shadows",
        {"outcomes": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]},
        "/outcomes/0",
        "only the last outcome may have no 'when': the ones after this one could never be reached",
        "{",
        None,
    ),
    (
        "needs-format-2",
        {"shocks": [shock(id="a", followUps=[{"shock": "a", "if": {"var": "trust", "atLeast": 1}}])]},
        "/shocks/0/followUps/0/if",
        'a follow-up\'s if needs format 2: add "format": 2 at the top of the file',
        '"if"',
        None,
    ),
    (
        "unknown-state",
        {"format": 2, "variables": [*trust(), {"id": "level", "label": "Level", "states": ["low", "high"], "initial": "hihg"}]},
        "/variables/1/initial",
        "unknown state 'hihg' of 'level' (did you mean 'high'?)",
        '"hihg"',
        "high",
    ),
    (
        "not-named-states",
        {"format": 2, "rules": rule(when={"state": "trust", "is": "high"})},
        "/rules/0/when/state",
        "variable 'trust' has no named states; test and change it as a number",
        '"trust"',
        None,
    ),
    (
        "states-with-bounds",
        {
            "format": 2,
            "variables": [*trust(), {"id": "level", "label": "L", "states": ["low", "high"], "initial": "low", "max": 1}],
        },
        "/variables/1/max",
        "a variable of named states takes no max: its states are its range and its bands",
        '"max"',
        None,
    ),
    (
        "unknown-exercise-objective",
        {
            "exerciseObjectives": [{"id": "crisis-talks", "title": "Talks", "description": "Talk."}],
            "shocks": [shock(tests=["crisis-walks"])],
        },
        "/shocks/0/tests/0",
        "unknown exercise objective 'crisis-walks' (did you mean 'crisis-talks'?)",
        '"crisis-walks"',
        "crisis-talks",
    ),
    (
        "duplicate-test",
        {
            "exerciseObjectives": [{"id": "crisis-talks", "title": "Talks", "description": "Talk."}],
            "shocks": [shock(tests=["crisis-talks", "crisis-talks"])],
        },
        "/shocks/0/tests/1",
        "exercise objective 'crisis-talks' is listed twice",
        '"crisis-talks"',
        None,
    ),
    (
        "phases-overlap",
        {"phases": [{"id": "a", "title": "A", "from": 1, "to": 2}, {"id": "b", "title": "B", "from": 2, "to": 4}]},
        "/phases/1/from",
        "the phase starts at turn 2, but the phase before it runs to turn 2: phases are listed in order and share no turn",
        "2",
        None,
    ),
    (
        "chose-role-and-roles",
        {
            "format": 2,
            "actions": [action()],
            "rules": rule(when={"chose": {"role": "seoul", "roles": ["seoul", "tokyo"], "action": "talk"}}),
        },
        "/rules/0/when/chose/roles",
        "a chose test names one role or several roles, not both",
        "[",
        None,
    ),
    (
        "if-with-enable",
        {
            "format": 2,
            "shocks": [shock(id="a", followUps=[{"shock": "a", "enable": True, "if": {"var": "trust", "atLeast": 1}}])],
        },
        "/shocks/0/followUps/0/if",
        "a follow-up that enables a shock has nothing to call off; its trigger's own when says when it fires",
        "{",
        None,
    ),
    (
        "score-in-objective",
        {
            "roles": [
                {
                    "id": "seoul",
                    "name": "S",
                    "budget": 1,
                    "objectives": [
                        {
                            "id": "o",
                            "description": "d",
                            "condition": {"all": [{"var": "trust", "atLeast": 1}, {"score": "tokyo", "atLeast": 1}]},
                        }
                    ],
                },
                {"id": "tokyo", "name": "T", "budget": 1},
            ]
        },
        "/roles/0/objectives/0/condition/all/1",
        "an objective cannot test scores: a score is made of objectives",
        "{",
        None,
    ),
    (
        "unknown-team",
        {"format": 2, "roles": with_actor(audience=["seol"])},
        "/roles/2/audience/0",
        "unknown team 'seol' (did you mean 'seoul'?)",
        '"seol"',
        "seoul",
    ),
    (
        "audience-names-actor",
        {"format": 2, "roles": with_actor(audience=["beijing"])},
        "/roles/2/audience/0",
        "'beijing' is an actor: an audience names teams",
        '"beijing"',
        None,
    ),
    (
        "audience-of-team",
        {"format": 2, "roles": [{"id": "seoul", "name": "S", "budget": 1, "audience": ["tokyo"]}, TOKYO]},
        "/roles/0/audience",
        'only an actor (playedBy "white-cell") has an audience: a team sees its own moves',
        '"audience"',
        None,
    ),
    (
        "actor-has-objectives",
        {"format": 2, "roles": with_actor(objectives=[{"id": "o", "description": "O", "condition": {"turn": {"atLeast": 1}}}])},
        "/roles/2/objectives",
        "an actor has no objectives: the white cell plays it",
        '"objectives"',
        None,
    ),
    (
        "actor-has-briefing",
        {"format": 2, "roles": with_actor(briefing="Secret.")},
        "/roles/2/briefing",
        "an actor has no private briefing: the white cell plays it",
        '"briefing"',
        None,
    ),
    (
        "no-team",
        {"format": 2, "roles": [{"id": "beijing", "name": "B", "budget": 1, "playedBy": "white-cell"}]},
        "/roles",
        "every role is an actor: at least one role must be played by a team",
        "[",
        None,
    ),
    (
        "inject-to-actor",
        {"format": 2, "roles": with_actor(), "shocks": [shock(id="a", audience=["beijing"])]},
        "/shocks/0/audience/0",
        "'beijing' is an actor: an inject is addressed to teams (the white cell already knows it)",
        '"beijing"',
        None,
    ),
]


@pytest.mark.parametrize(
    ("code", "parts", "pointer", "message", "token", "suggestion"),
    SEMANTIC_CASES,
    ids=[f"{case[0]}-{index}" for index, case in enumerate(SEMANTIC_CASES)],
)
def test_semantic_codes(
    code: str, parts: dict[str, Any], pointer: str, message: str, token: str, *, suggestion: str | None
) -> None:
    document = doc(**parts)
    text = text_of(document)
    diagnostics = errors_of_text(text)
    assert [d.code for d in diagnostics] == [code], [d.format() for d in diagnostics]
    diagnostic = diagnostics[0]
    assert (diagnostic.pointer, diagnostic.message, diagnostic.suggestion) == (pointer, message, suggestion)
    assert at(text, diagnostic).startswith(token)
    assert exactly_at(text, document, diagnostic)
    assert diagnostic.severity == "error"
    location = f"test.json:{diagnostic.line}:{diagnostic.column}"
    assert diagnostic.format() == f"{location}: error: {pointer}: {message} [{diagnostic.code}]"


def test_every_semantic_code_has_a_case() -> None:
    codes = {info.code for info in SEMANTIC_CODE_INFO if info.severity == "error"}
    tested = {case[0] for case in SEMANTIC_CASES}
    assert codes - tested == set()


def test_semantic_checks_skip_what_the_schema_already_rejected() -> None:
    # A malformed roles list is a schema problem; references to roles are then not guessed at.
    _, diagnostics = errors_of(doc(roles="seoul", actions=[action(roles=["seoul"])]))
    assert [(d.code, d.pointer) for d in diagnostics] == [("wrong-type", "/roles"), ("unknown-role", "/actions/0/roles/0")]
    assert diagnostics[1].message == "unknown role 'seoul': the scenario declares no roles"


# --- all problems at once -------------------------------------------------------------------------------


def test_every_independent_mistake_is_reported_in_order_of_position() -> None:
    document = doc(
        titel="Typo",
        turns={"count": 4, "start": "2026-13-01", "step": "month"},
        variables=trust(initial=150, visibility="publik"),
        actions=[action(cost="1", effects=[{"add": {"trsut": 2}}])],
        shocks=[shock(trigger={"atTurn": 7})],
        outcomes=[{"id": "done", "title": "Done", "tone": "happy"}],
    )
    text = text_of(document).replace('"title": "Tiny",', '"title": "Tiny",\n  "title": "Tiny",', 1)
    diagnostics = errors_of_text(text)
    found = {(d.code, d.pointer) for d in diagnostics}
    assert found == {
        ("duplicate-key", "/title"),
        ("unknown-property", "/titel"),
        ("bad-date", "/turns/start"),
        ("initial-out-of-bounds", "/variables/0/initial"),
        ("unknown-visibility", "/variables/0/visibility"),
        ("wrong-type", "/actions/0/cost"),
        ("unknown-variable", "/actions/0/effects/0/add/trsut"),
        ("turn-out-of-range", "/shocks/0/trigger/atTurn"),
        ("not-allowed", "/outcomes/0/tone"),
    }
    positions = [(d.line, d.column) for d in diagnostics]
    assert positions == sorted(positions)
    document["title"] = "Tiny"
    for diagnostic in diagnostics:
        assert points_at_its_token(text, json.loads(text), diagnostic), diagnostic.format()
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "many.json")
    assert str(caught.value) == diagnostics[0].format().replace("test.json", "many.json") + f" (and {len(diagnostics) - 1} more)"


def test_diagnostics_on_one_line_documents_have_exact_columns() -> None:
    text = json.dumps(doc(actions=[action(roles=["seoul", "tokoy"])]))
    diagnostic = single(errors_of_text(text))
    assert diagnostic.line == 1
    assert text[diagnostic.column - 1 :].startswith('"tokoy"')


def test_diagnostics_with_crlf_line_endings() -> None:
    text = text_of(doc(actions=[action(roles=["seoul", "tokoy"])])).replace("\n", "\r\n")
    diagnostic = single(errors_of_text(text))
    assert at(text, diagnostic).startswith('"tokoy"')
    assert diagnostic.line == text[: text.index('"tokoy"')].count("\r\n") + 1


# --- the model ------------------------------------------------------------------------------------------


RICH: dict[str, Any] = doc(
    version="1.2",
    author="White cell",
    summary="A small test.",
    briefing="# Brief",
    turns={"count": 6, "label": "Month", "start": "2026-01-01", "step": "month"},
    roles=[
        {
            "id": "seoul",
            "name": "Seoul",
            "budget": 2,
            "resources": [{"id": "capital", "label": "Capital", "initial": 3, "max": 10, "perTurn": 1}],
            "objectives": [{"id": "calm", "description": "Keep calm", "condition": {"var": "trust", "atLeast": 40}}],
        },
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
    ],
    variables=trust(bands=BANDS, unit="%"),
    actions=[
        action(
            roles=["seoul"],
            spend={"capital": 1},
            requires={"resource": "capital", "role": "seoul", "atLeast": 1},
            effects=[{"add": {"trust": 5}}, {"schedule": {"shock": "storm"}}],
        ),
        action(id="summit", joint=True, unmatched=[{"add": {"trust": -1}}], tags=["cooperation"], cost=2, limit=1),
    ],
    shocks=[
        shock(trigger={"from": 2, "to": 4, "chance": 0.25, "guaranteed": True}, followUps=[{"shock": "aftershock"}]),
        shock(id="aftershock", title="Aftershock", enabled=False, duration=2, ongoing=[{"add": {"trust": -1}}]),
    ],
    rules=[{"id": "pull-to-centre", "effects": [{"drift": {"var": "trust", "toward": 50, "by": 1}}]}],
    endConditions=[{"id": "collapse", "when": {"var": "trust", "below": 5}, "outcome": "bad"}],
    outcomes=[
        {"id": "steady", "title": "Steady", "when": {"inBand": {"var": "trust", "band": "high"}}, "tone": "good"},
        {"id": "bad", "title": "Bad"},
    ],
)


def test_a_valid_document_gives_a_typed_model_with_defaults_filled() -> None:
    scenario = load(RICH)
    assert isinstance(scenario, m.Scenario)
    assert (scenario.id, scenario.title, scenario.version, scenario.author) == ("tiny", "Tiny", "1.2", "White cell")
    assert scenario.turns == m.Turns(count=6, label="Month", start="2026-01-01", step="month", names=())
    seoul, tokyo = scenario.roles
    assert seoul.resources == (m.Resource("capital", "Capital", initial=3, max=10, min=0, per_turn=1, description=""),)
    assert seoul.objectives[0].weight == 1
    assert seoul.objectives[0].check == "end"
    assert seoul.objectives[0].condition == m.VarTest("trust", m.Comparison(at_least=40))
    assert (tokyo.description, tokyo.resources, tokyo.objectives) == ("", (), ())
    variable = scenario.variables[0]
    assert (variable.visibility, variable.polarity, variable.unit, variable.description) == (
        "public",
        "higher-is-better",
        "%",
        "",
    )
    assert variable.bands == (m.Band("low", "Low", 0, "neutral"), m.Band("high", "High", 50, "neutral"))
    talk, summit = scenario.actions
    assert (talk.cost, talk.cooldown, talk.limit, talk.joint, talk.tags, talk.excludes) == (1, 0, None, False, (), ())
    assert talk.spend == (("capital", 1),)
    assert talk.requires == m.ResourceTest("capital", "seoul", m.Comparison(at_least=1))
    assert talk.effects == (m.Add((("trust", 5),)), m.Schedule("storm", 1))
    assert (summit.cost, summit.limit, summit.joint, summit.tags) == (2, 1, True, ("cooperation",))
    assert summit.unmatched == (m.Add((("trust", -1),)),)
    storm, aftershock = scenario.shocks
    assert storm.trigger == m.Trigger(at_turn=None, start=2, end=4, when=None, chance=0.25, guaranteed=True)
    assert storm.follow_ups == (m.FollowUp("aftershock", after=1, chance=1.0, enable=False),)
    assert (storm.enabled, storm.max_fires, storm.duration, storm.audience, storm.source) == (True, 1, 1, (), "")
    assert (aftershock.enabled, aftershock.duration, aftershock.trigger) == (False, 2, None)
    assert scenario.rules[0] == m.Rule("pull-to-centre", (m.Drift("trust", 50, 1),), "", None)
    assert scenario.end_conditions == (m.EndCondition("collapse", m.VarTest("trust", m.Comparison(below=5)), "", "bad"),)
    good, bad = scenario.outcomes
    assert (good.tone, good.when) == ("good", m.InBand("trust", "high"))
    assert (bad.tone, bad.when, bad.description) == ("neutral", None, "")
    assert scenario.document == RICH
    assert re.fullmatch(r"[0-9a-f]{64}", scenario.digest)


def test_the_schema_key_for_editors_is_accepted_and_ignored() -> None:
    scenario = load(doc(**{"$schema": "../engine/schema/scenario.schema.json"}))
    assert attrs.evolve(scenario, digest="") == attrs.evolve(load(doc()), digest="")


def test_the_minimal_document_gets_its_defaults() -> None:
    scenario = load(doc())
    assert scenario.turns == m.Turns(count=4)
    assert scenario.turns.label == "Turn"
    assert (scenario.version, scenario.author, scenario.summary, scenario.briefing) == ("", "", "", "")
    assert scenario.end_conditions == ()
    assert scenario.outcomes == (m.Outcome("done", "Done"),)


def test_the_model_is_frozen_all_the_way_down() -> None:
    scenario = load(RICH)
    setters: list[Callable[[], None]] = [
        lambda: setattr(scenario, "title", "Changed"),
        lambda: setattr(scenario.turns, "count", 99),
        lambda: setattr(scenario.roles[0], "budget", 9),
        lambda: setattr(scenario.roles[0].resources[0], "max", 1),
        lambda: setattr(scenario.variables[0], "initial", 1),
        lambda: setattr(scenario.actions[0], "effects", ()),
        lambda: setattr(scenario.shocks[0].trigger, "chance", 1.0),
        lambda: setattr(scenario.outcomes[0].when, "band", "low"),
    ]
    for setter in setters:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setter()
    for collection in (scenario.roles, scenario.variables, scenario.actions, scenario.shocks, scenario.rules, scenario.outcomes):
        assert isinstance(collection, tuple)
    assert scenario.title == "Tiny"


def test_the_same_document_gives_the_same_digest_whatever_its_layout() -> None:
    one = load_scenario_text(json.dumps(RICH), "a.json")
    two = load_scenario_text(json.dumps(RICH, indent=4), "b.json")
    assert one.digest == two.digest
    assert one == two
    changed = copy.deepcopy(RICH)
    changed["title"] = "Other"
    assert load(changed).digest != one.digest


# --- properties: whatever the input, a Scenario or a ScenarioError -------------------------------------


def load_or_error(call: Callable[[], m.Scenario]) -> tuple[Diagnostic, ...]:
    """Run a load; it must return a Scenario or raise ScenarioError, nothing else."""
    try:
        scenario = call()
    except ScenarioError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.line >= 1
            assert diagnostic.column >= 1
            assert diagnostic.message
            assert diagnostic.code
        return error.diagnostics
    assert isinstance(scenario, m.Scenario)
    return ()


VALID_BYTES = text_of(RICH).encode("utf-8")


@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_a_scenario_or_a_scenario_error(data: bytes) -> None:
    load_or_error(lambda: load_scenario_bytes(data, "fuzz.json"))


@given(st.data())
def test_damaged_files_give_a_scenario_error_inside_the_text(data: st.DataObject) -> None:
    raw = bytearray(VALID_BYTES)
    damage = data.draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
    index = data.draw(st.integers(0, len(raw) - 1))
    if damage == "truncate":
        del raw[index:]
    elif damage == "flip":
        raw[index] = data.draw(st.integers(0, 255))
    elif damage == "insert":
        raw[index:index] = data.draw(st.binary(min_size=1, max_size=4))
    else:
        del raw[index : index + data.draw(st.integers(1, 20))]
    diagnostics = load_or_error(lambda: load_scenario_bytes(bytes(raw), "damaged.json"))
    lines = lines_of(bytes(raw).decode("utf-8", errors="replace"))
    for diagnostic in diagnostics:
        assert diagnostic.line <= len(lines), diagnostic.format()
        assert diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic.format()


SCENARIO_KEYS = sorted(
    {
        "format", "id", "title", "turns", "roles", "variables", "actions", "shocks", "rules", "outcomes",
        "endConditions", "count", "names", "start", "step", "budget", "resources", "objectives", "condition",
        "min", "max", "initial", "bands", "from", "to", "visibility", "effects", "unmatched", "joint", "spend",
        "requires", "trigger", "atTurn", "chance", "guaranteed", "when", "var", "inBand", "resource", "role",
        "uses", "fired", "score", "turn", "active", "chose", "all", "any", "not", "add", "set", "drift", "gain",
        "pick", "if", "then", "else", "schedule", "enable", "disable", "endShock", "say", "atLeast", "atMost",
        "above", "below", "equals", "excludes", "unlockedBy", "followUps", "shock", "outcome", "tags", "action",
        "tag", "weight", "label", "name", "narrative", "category", "~", "a/b", "",
    }
)  # fmt: skip
_NAMES = st.sampled_from(["trust", "seoul", "tokyo", "talk", "storm", "done", "x", "Seoul", "a b", ""])
_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**35), max_value=10**35)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _NAMES
    | st.text(max_size=10)
)
JSON_LIKE = st.recursive(
    _LEAVES,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(SCENARIO_KEYS) | st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=25,
)


@given(JSON_LIKE)
def test_arbitrary_json_values_give_a_scenario_or_a_scenario_error(value: Any) -> None:
    text = json.dumps(value)
    diagnostics = load_or_error(lambda: load_scenario_text(text, "fuzz.json"))
    for diagnostic in diagnostics:
        assert points_at_its_token(text, value, diagnostic), diagnostic.format()


@given(st.sampled_from(sorted(RICH)), JSON_LIKE)
def test_scenarios_with_one_part_replaced_give_a_scenario_or_a_scenario_error(key: str, value: Any) -> None:
    document = copy.deepcopy(RICH)
    document[key] = value
    text = text_of(document)
    diagnostics = load_or_error(lambda: load_scenario_text(text, "fuzz.json"))
    for diagnostic in diagnostics:
        assert points_at_its_token(text, document, diagnostic), diagnostic.format()


def set_at(document: Any, pointer: str, new: Any) -> None:
    parent_pointer, token = pointer.rsplit("/", 1)
    parent = resolve(document, parent_pointer)
    if isinstance(parent, list):
        parent[int(token)] = new
    else:
        parent[unescape(token)] = new


def wrong_type(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return 7
    if isinstance(value, list):
        return {}
    return []


POINTERS = [pointer for pointer in all_pointers(RICH) if pointer]
NUMBER_POINTERS = [p for p in POINTERS if isinstance(resolve(RICH, p), (int, float)) and not isinstance(resolve(RICH, p), bool)]
ID_POINTERS = [p for p in POINTERS if p.endswith("/id") and p != "/id"]


@given(st.data(), st.sampled_from(["rename", "delete", "retype", "range", "swap"]), st.sampled_from([2, None, "\t", "crlf"]))
def test_mutated_scenarios_give_located_errors(data: st.DataObject, mutation: str, layout: int | str | None) -> None:
    document = copy.deepcopy(RICH)
    must_fail = True
    if mutation == "rename":
        pointer = data.draw(st.sampled_from(ID_POINTERS))
        old = resolve(document, pointer)
        set_at(document, pointer, data.draw(st.sampled_from(["renamed", old + "x", "x" + old, old[:-1]])))
        must_fail = json.dumps(RICH).count(f'"{old}"') > 1
    elif mutation == "delete":
        pointer = data.draw(st.sampled_from(POINTERS))
        parent_pointer, token = pointer.rsplit("/", 1)
        parent = resolve(document, parent_pointer)
        if isinstance(parent, list):
            del parent[int(token)]
        else:
            del parent[unescape(token)]
        must_fail = False
    elif mutation == "retype":
        pointer = data.draw(st.sampled_from(POINTERS))
        set_at(document, pointer, wrong_type(resolve(document, pointer)))
    elif mutation == "range":
        pointer = data.draw(st.sampled_from(NUMBER_POINTERS))
        set_at(document, pointer, data.draw(st.sampled_from([10**12, -(10**12), 10**30, 1e300, -1e300])))
    else:
        first, second = data.draw(st.lists(st.sampled_from(POINTERS), min_size=2, max_size=2, unique=True))
        if first.startswith(second + "/") or second.startswith(first + "/"):
            return
        one, two = resolve(document, first), resolve(document, second)
        set_at(document, first, copy.deepcopy(two))
        set_at(document, second, copy.deepcopy(one))
        must_fail = False
    indent = None if layout is None else 2 if layout == "crlf" else layout
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    if layout == "crlf":
        text = text.replace("\n", "\r\n")
    try:
        load_scenario_text(text, "mutant.json")
    except ScenarioError as error:
        lines = lines_of(text)
        for diagnostic in error.diagnostics:
            assert 1 <= diagnostic.line <= len(lines), diagnostic.format()
            assert 1 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic.format()
            assert points_at_its_token(text, document, diagnostic), diagnostic.format()
        return
    assert not must_fail, f"{mutation} left the document valid"


@pytest.mark.parametrize("states", [[["low"], "high"], [{"id": "low"}, "low", "low"], []])
def test_states_that_are_not_names_are_errors_not_a_crash(states: list[Any]) -> None:
    """A state that is a list or an object (found by the fuzz test: it crashed validate with a
    TypeError) and an empty list of states are reported as errors of the file."""
    document = doc(format=2, variables=[*trust(), {"id": "level", "label": "Level", "states": states, "initial": 0}])
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(text_of(document), "test.json")
    pointers = {diagnostic.pointer for diagnostic in raised.value.diagnostics if diagnostic.severity == "error"}
    assert "/variables/1/initial" in pointers
    if "low" in states:
        assert any("duplicate state 'low'" in d.message for d in raised.value.diagnostics)
