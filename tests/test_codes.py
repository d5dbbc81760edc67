"""Every diagnostic code has a failing example, its message is checked, and the catalogue lists exactly those codes.

The semantic error codes' examples live in tests/test_loader.py (SEMANTIC_CASES, with pointers,
messages and suggestions); this file gives the others one each, and checks that the catalogue
in engine/codes.py and the examples cover the same set, so a code cannot be added or removed
without its documentation and its test.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema.exceptions import ValidationError

from engine.documents import codes
from engine.load import jsonpos, loader, schema_check, semantics
from engine.load.diagnostics import Diagnostic
from engine.load.loader import check_scenario_bytes, check_scenario_file
from tests.helpers import doc, text_of
from tests.test_loader import SEMANTIC_CASES

CHECKERS = (jsonpos, loader, schema_check, semantics)
"""The modules whose codes this file (with SEMANTIC_CASES) exercises; lint and msel test their own."""


def only(diagnostics: tuple[Diagnostic, ...]) -> Diagnostic:
    assert len(diagnostics) == 1, [d.format() for d in diagnostics]
    return diagnostics[0]


def of_text(text: str) -> Diagnostic:
    return only(check_scenario_bytes(text.encode("utf-8"), "case.json").diagnostics)


def of_document(**parts: Any) -> Diagnostic:
    return of_text(text_of(doc(**parts)))


ROLE = {"id": "seoul", "name": "Seoul", "budget": 1}
TWO_ROLES = [ROLE, {"id": "tokyo", "name": "Tokyo", "budget": 1}]


def rule_with(*effects: Any) -> list[dict[str, Any]]:
    return [{"id": "r", "effects": list(effects)}]


# code, how to produce it, pointer, message
DOCUMENT_CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing-property", {"roles": [{"id": "seoul", "name": "Seoul"}]}, "/roles/0", "missing required property 'budget'"),
    ("unknown-property", {"titel": "x"}, "/titel", "unknown property 'titel' (did you mean 'title'?)"),
    ("wrong-type", {"turns": {"count": "4"}}, "/turns/count", "expected an integer, found a string"),
    (
        "not-allowed",
        {"turns": {"count": 4, "start": "2026-01-01", "step": "weak"}},
        "/turns/step",
        "\"weak\" is not one of: day, week, month, quarter, year (did you mean 'week'?)",
    ),
    ("out-of-range", {"turns": {"count": 0}}, "/turns/count", "must be at least 1, found 0"),
    (
        "bad-id",
        {"id": "My Scenario"},
        "/id",
        '"My Scenario" is not a valid id: ids are lowercase letters and digits in words joined by single hyphens, '
        "starting with a letter (e.g. 'my-scenario')",
    ),
    (
        "bad-date-format",
        {"turns": {"count": 4, "start": "1 May 2026"}},
        "/turns/start",
        'expected a date written YYYY-MM-DD, found "1 May 2026"',
    ),
    ("too-few", {"roles": []}, "/roles", "must not be empty"),
    ("too-many", {"roles": [{**ROLE, "id": f"r{i}"} for i in range(9)]}, "/roles", "has 9 entries; at most 8 are allowed"),
    ("too-long", {"title": "x" * 2001}, "/title", "is 2001 characters long; at most 2000 are allowed"),
    (
        "unknown-form",
        {"rules": rule_with({"ad": {"trust": 1}})},
        "/rules/0/effects/0",
        "not a known effect: found keys 'ad'; expected one of the forms add, set, setState, stepState, drift, gain, "
        "chance, pick, if, schedule, enable, disable, endShock, say (did you mean 'add'?)",
    ),
    (
        "several-forms",
        {"rules": rule_with({"add": {"trust": 1}, "say": "Both"})},
        "/rules/0/effects/0",
        "effect has more than one form ('add', 'say'); give each its own object, e.g. inside a list",
    ),
    ("empty-text", {"title": "  "}, "/title", "title is blank: players and facilitators would see nothing here"),
    (
        "free-moves-limits-unused",
        {"freeMoves": {"allowed": False, "largestEffect": 3}},
        "/freeMoves/largestEffect",
        "largestEffect never applies: free-form moves are switched off (allowed is false)",
    ),
    (
        "no-effect",
        {"rules": rule_with({"add": {"trust": 0}})},
        "/rules/0/effects/0/add/trust",
        "adds 0 to 'trust', which changes nothing",
    ),
    (
        "no-effect",
        {
            "roles": [{**ROLE, "resources": [{"id": "capital", "label": "Capital", "initial": 1, "max": 5}]}],
            "rules": rule_with({"gain": {"role": "seoul", "resource": "capital", "amount": 0}}),
        },
        "/rules/0/effects/0/gain/amount",
        "gains 0, which changes nothing",
    ),
    (
        "chance-zero",
        {"rules": rule_with({"chance": 0, "then": [{"add": {"trust": 1}}]})},
        "/rules/0/effects/0/chance",
        "a chance of 0 never happens",
    ),
    (
        "chance-zero",
        {"shocks": [{"id": "s", "title": "S", "category": "other", "narrative": "N", "trigger": {"chance": 0}}]},
        "/shocks/0/trigger/chance",
        "a chance of 0 never happens",
    ),
    (
        "else-never",
        {"rules": rule_with({"chance": 1, "then": [{"add": {"trust": 1}}], "else": [{"add": {"trust": -1}}]})},
        "/rules/0/effects/0/else",
        "with a chance of 1 this else branch never runs",
    ),
    (
        "duplicate-label",
        {
            "variables": [
                {
                    "id": "trust",
                    "label": "Trust",
                    "min": 0,
                    "max": 100,
                    "initial": 50,
                    "bands": [{"id": "low", "label": "Low", "from": 0}, {"id": "lower", "label": "low ", "from": 10}],
                }
            ]
        },
        "/variables/0/bands/1/label",
        "band label 'low ' is also used at /variables/0/bands/0",
    ),
    (
        "duplicate-label",
        {
            "actions": [
                {"id": "a", "label": "Talk", "roles": ["seoul"], "effects": []},
                {"id": "b", "label": "Talk", "roles": ["tokyo"], "effects": []},
            ]
        },
        "/actions/1/label",
        "action label 'Talk' is also used at /actions/0",
    ),
]


@pytest.mark.parametrize(("code", "parts", "pointer", "message"), DOCUMENT_CASES, ids=[case[0] for case in DOCUMENT_CASES])
def test_document_codes(code: str, parts: dict[str, Any], pointer: str, message: str) -> None:
    diagnostic = of_document(**parts)
    assert (diagnostic.code, diagnostic.pointer, diagnostic.message) == (code, pointer, message)
    assert diagnostic.severity == codes.all_codes()[code].severity


TEXT_CASES: list[tuple[str, str, tuple[int, int], str]] = [
    ("syntax", '{"format": 1,}', (1, 13), "trailing comma before '}' is not allowed in JSON"),
    ("duplicate-key", '{"id": "a",\n "id": "b"}', (2, 2), "duplicate key 'id': it is already set at line 1, column 2"),
    ("not-an-object", "[1, 2]", (1, 1), "a scenario is a JSON object {...}, but this file holds an array"),
]


@pytest.mark.parametrize(("code", "text", "where", "message"), TEXT_CASES, ids=[case[0] for case in TEXT_CASES])
def test_text_codes(code: str, text: str, where: tuple[int, int], message: str) -> None:
    diagnostics = check_scenario_bytes(text.encode("utf-8"), "case.json").diagnostics
    first = next(d for d in diagnostics if d.code == code)
    assert ((first.line, first.column), first.message) == (where, message)


def test_not_utf8() -> None:
    diagnostic = only(check_scenario_bytes(b'{"title": "Caf\xe9"}', "case.json").diagnostics)
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("not-utf8", 1, 15)
    assert diagnostic.message == "the file is not UTF-8 text: byte 0xe9 cannot be decoded; save it as UTF-8"


def test_no_such_file(tmp_path: Path) -> None:
    diagnostic = only(check_scenario_file(tmp_path / "gone.json").diagnostics)
    assert (diagnostic.code, diagnostic.message) == ("no-such-file", "no such file; check the path (a scenario is a .json file)")


def test_not_a_file(tmp_path: Path) -> None:
    diagnostic = only(check_scenario_file(tmp_path).diagnostics)
    assert (diagnostic.code, diagnostic.message) == ("not-a-file", "this is a directory, not a scenario file")


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_text(text_of(doc()), encoding="utf-8")
    diagnostic = only(check_scenario_file(path).diagnostics)
    assert diagnostic.code == "too-large"
    assert diagnostic.message == f"the file is {path.stat().st_size:,} bytes; a scenario is at most 10"


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.json"
    path.write_text(text_of(doc()), encoding="utf-8")

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    diagnostic = only(check_scenario_file(path).diagnostics)
    assert (diagnostic.code, diagnostic.message) == ("unreadable", "permission denied: the file cannot be read")


def test_schema_mismatch_is_the_fallback_for_rules_without_their_own_words() -> None:
    error = ValidationError("[1, 1] has non-unique elements", validator="uniqueItems", path=["roles"], instance=[1, 1])
    assert list(schema_check._translate(error)) == [("/roles", "schema-mismatch", "[1, 1] has non-unique elements", False, None)]


def test_every_keyword_the_schema_validates_with_has_its_own_words() -> None:
    """So schema-mismatch is only a safety net: nothing in today's schema reaches it."""
    annotations = {"title", "description", "examples", "$schema", "$id", "$defs", "$ref", "properties", "items"}
    annotations |= {"propertyNames", "additionalProperties"}  # applicators; their own errors are handled below
    found: set[str] = set()
    pending: list[Any] = [schema_check._validation_schema()]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            found.update(key for key in node if not key.startswith("$"))
            maps = {"properties", "$defs"}
            pending.extend(value for key, value in node.items() if key not in maps | {"examples"})
            for name in maps & set(node):
                pending.extend(node[name].values())
        elif isinstance(node, list):
            pending.extend(node)
    assert {"type", "oneOf", "required", "minimum", "pattern"} <= found
    assert found - annotations - set(schema_check._HANDLERS) == set()


EXERCISED = (
    {case[0] for case in DOCUMENT_CASES}
    | {case[0] for case in TEXT_CASES}
    | {case[0] for case in SEMANTIC_CASES}
    | {"not-utf8", "no-such-file", "not-a-file", "too-large", "unreadable", "schema-mismatch"}
    | {"over-limit", "more-problems"}  # the caps of issue 15: tests/test_hostile_caps.py
)


def test_the_catalogue_of_the_checkers_is_exactly_the_codes_exercised() -> None:
    catalogued = {info.code for module in CHECKERS for info in module.CODES}
    assert catalogued - EXERCISED == set(), "catalogued codes without a failing example"
    assert EXERCISED - catalogued == set(), "codes reported but not catalogued"


def test_the_catalogue_gathers_every_checker_lint_and_msel_without_duplicates() -> None:
    everything = codes.all_codes()
    modules = {module for module, _ in codes.SOURCES}
    assert {"engine.load.jsonpos", "engine.load.loader", "engine.load.schema_check", "engine.load.semantics"} <= modules
    assert {"engine.lint.codes", "engine.msel.codes"} <= modules
    assert sum(len(infos) for _, infos in codes.catalogue()) == len(everything)
    for info in everything.values():
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", info.code), info.code
        assert info.severity in ("error", "warning", "info")
        assert info.summary.strip() and info.explanation.strip(), info.code


def test_semantic_cases_report_their_catalogued_severity() -> None:
    severities = {info.code: info.severity for info in semantics.CODES}
    assert {severities[case[0]] for case in SEMANTIC_CASES} == {"error"}
