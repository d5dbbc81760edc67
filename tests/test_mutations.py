"""Mutations of valid scenarios: whatever one edit breaks, the diagnostics point exactly at it and nothing crashes.

Each mutation changes one place of a valid document (generated, or a bundled scenario): an id
renamed, a required entry removed, a value of the wrong type, a number out of range. The check
is strict: some diagnostic's start and end cover exactly the mutated value's text (or, for a
removed entry, its parent object), and every diagnostic's span is the exact text of the value or
key its pointer names.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import scenarios
from engine.load.diagnostics import MORE_PROBLEMS, Diagnostic
from engine.load.jsonpos import line_starts_of
from engine.load.loader import Checked, check_scenario_bytes
from engine.load.schema_check import schema_valid
from engine.load.schema_check.explain import _validator
from engine.schema import scenario_schema
from tests.helpers import all_pointers
from tests.strategies import scenario_documents
from tests.test_loader import resolve, set_at, unescape, wrong_type

SCHEMA_WORDS = {
    "id", "var", "atLeast", "atMost", "above", "below", "equals", "all", "any", "not", "add", "set", "chance", "then",
    "else", "pick", "weight", "effects", "label", "title", "role", "resource", "amount", "turn", "inBand", "band", "x",
}  # fmt: skip
MAPS = {"add", "set", "spend"}
"""Objects whose keys are ids chosen by the author rather than property names."""

BUNDLED = sorted(Path(scenarios.__file__).parent.glob("*.json"))


@cache
def always_required() -> frozenset[str]:
    """Property names that every object of the schema declaring them requires."""
    seen: dict[str, bool] = {}
    pending: list[Any] = [scenario_schema()]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            required = set(node.get("required", ()))
            for name in node.get("properties", {}):
                seen[name] = seen.get(name, True) and name in required
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return frozenset(name for name, needed in seen.items() if needed)


def agrees_with_jsonschema(document: Any) -> None:
    """The quick validity check (which lets a valid file skip jsonschema) answers as jsonschema does."""
    assert schema_valid(document) == (next(_validator().iter_errors(document), None) is None)


def check(document: Any, indent: int | None) -> tuple[str, Checked]:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    return text, check_scenario_bytes(text.encode("utf-8"), "mutant.json")


def offset(starts: tuple[int, ...], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


def span_text(text: str, diagnostic: Diagnostic) -> str:
    starts = line_starts_of(text)
    end_line, end_column = diagnostic.end
    return text[offset(starts, diagnostic.line, diagnostic.column) : offset(starts, end_line, end_column)]


def value_text(value: Any, indent: int | None, depth: int) -> str:
    """How json.dumps writes a value nested ``depth`` levels deep."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    if indent is None:
        return text
    return text.replace("\n", "\n" + " " * (indent * depth))


def depth_of(pointer: str) -> int:
    return pointer.count("/")


def assert_spans_exact(text: str, document: Any, indent: int | None, diagnostics: tuple[Diagnostic, ...]) -> None:
    """Every diagnostic covers exactly its value's text, or its key's, or (for a missing key) its parent's.

    The line counting problems past the loader's cap belongs to the file, not to a value."""
    for diagnostic in diagnostics:
        if diagnostic.code == MORE_PROBLEMS:
            assert diagnostic is diagnostics[-1] and not diagnostic.pointer
            continue
        covered = span_text(text, diagnostic)
        pointer = diagnostic.pointer
        try:
            expected_value = value_text(resolve(document, pointer), indent, depth_of(pointer))
        except (KeyError, IndexError, ValueError, TypeError):
            expected_value = None
        token = unescape(pointer.rsplit("/", 1)[-1])
        key = json.dumps(token, ensure_ascii=False) if pointer else None
        assert covered in (expected_value, key), (diagnostic.format(), covered[:80])


MUTATIONS = st.sampled_from(["duplicate-id", "bad-id", "fresh-id", "remove", "retype", "range"])


def mutate(data: st.DataObject, original: dict[str, Any], mutation: str, indent: int | None) -> None:
    document = copy.deepcopy(original)
    pointers = [p for p in all_pointers(document) if p]
    id_pointers = [p for p in pointers if p.endswith("/id") and p != "/id" and isinstance(resolve(document, p), str)]
    text, checked = None, None
    if mutation in {"duplicate-id", "bad-id", "fresh-id"}:
        pointer = data.draw(st.sampled_from(id_pointers))
        old = resolve(document, pointer)
        if mutation == "duplicate-id":
            list_pointer = pointer.rsplit("/", 2)[0]
            siblings = [f"{list_pointer}/{i}/id" for i in range(len(resolve(document, list_pointer)))]
            others = [p for p in siblings if p != pointer]
            if not others:
                return
            other = data.draw(st.sampled_from(others))
            set_at(document, pointer, resolve(document, other))
            expected = {("duplicate-id", pointer), ("duplicate-id", other)}
        elif mutation == "bad-id":
            set_at(document, pointer, data.draw(st.sampled_from(["Bad Id", "9lives", "x--y", "-x", ""])))
            expected = {("bad-id", pointer)}
        else:
            set_at(document, pointer, "zz-renamed")
            expected = set()
        text, checked = check(document, indent)
        if mutation == "fresh-id":
            # Every reference to the old id is now unknown: each diagnostic sits on a string equal to it.
            for diagnostic in checked.errors:
                assert diagnostic.code.startswith("unknown-"), diagnostic.format()
                assert json.loads(span_text(text, diagnostic)) in (old, resolve(document, diagnostic.pointer))
    elif mutation == "remove":
        candidates = [
            p
            for p in pointers
            if p.rsplit("/", 1)[1] in always_required()
            and isinstance(resolve(document, p.rsplit("/", 1)[0]), dict)
            and p.rsplit("/", 2)[-2] not in MAPS
        ]
        pointer = data.draw(st.sampled_from(candidates))
        parent_pointer, token = pointer.rsplit("/", 1)
        del resolve(document, parent_pointer)[token]
        expected = {("missing-property", parent_pointer), ("unknown-form", parent_pointer)}
    elif mutation == "retype":
        pointer = data.draw(st.sampled_from(pointers))
        set_at(document, pointer, wrong_type(resolve(document, pointer)))
        # A named state's initial retyped to a number is a number the schema takes (another variable's
        # initial): the loader says it names no state, at the same place.
        expected = {(code, pointer) for code in ("wrong-type", "not-allowed", "unknown-form", "too-few", "unknown-state")}
    else:
        numbers = [p for p in pointers if type(resolve(document, p)) in (int, float)]
        pointer = data.draw(st.sampled_from(numbers))
        set_at(document, pointer, data.draw(st.sampled_from([10**12, -(10**12), 1e300, -1e300])))
        expected = {("out-of-range", pointer), ("wrong-type", pointer), ("not-allowed", pointer)}
    if checked is None:
        text, checked = check(document, indent)
    assert text is not None
    agrees_with_jsonschema(document)
    assert_spans_exact(text, document, indent, checked.diagnostics)
    if expected:
        found = {(d.code, d.pointer) for d in checked.errors}
        assert found & expected, ([d.format() for d in checked.diagnostics], expected)
        assert checked.scenario is None


@given(st.data(), scenario_documents(), MUTATIONS, st.sampled_from([2, None]))
def test_mutated_generated_scenarios_point_at_the_mutation(
    data: st.DataObject, document: dict[str, Any], mutation: str, indent: int | None
) -> None:
    mutate(data, document, mutation, indent)


def test_a_named_states_initial_retyped_to_a_number_is_pointed_at() -> None:
    """The one retype the schema lets through (hypothesis draws it only now and then): it is an unknown state."""
    document = copy.deepcopy(bundled(next(path for path in BUNDLED if path.stem == "strait-week")))
    pointer = next(f"/variables/{i}/initial" for i, var in enumerate(document["variables"]) if "states" in var)
    set_at(document, pointer, wrong_type(resolve(document, pointer)))
    _, checked = check(document, 2)
    assert ("unknown-state", pointer) in {(d.code, d.pointer) for d in checked.errors}


@cache
def bundled(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@given(st.data(), st.sampled_from(BUNDLED), MUTATIONS)
def test_mutated_bundled_scenarios_point_at_the_mutation(data: st.DataObject, path: Path, mutation: str) -> None:
    mutate(data, bundled(path), mutation, 2)


@given(scenario_documents(), st.sampled_from([2, None]))
def test_unmutated_generated_scenarios_have_no_errors(document: dict[str, Any], indent: int | None) -> None:
    _, checked = check(document, indent)
    assert checked.errors == ()
    assert checked.scenario is not None
    agrees_with_jsonschema(document)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | st.sampled_from(["", "x", "Bad Id", "trust"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(sorted(SCHEMA_WORDS)), children, max_size=3)
    ),
    max_leaves=12,
)


@given(st.data(), scenario_documents())
def test_the_quick_check_agrees_with_jsonschema_on_arbitrary_replacements(data: st.DataObject, document: dict[str, Any]) -> None:
    pointer = data.draw(st.sampled_from([p for p in all_pointers(document) if p]))
    set_at(document, pointer, data.draw(JSON_VALUES))
    agrees_with_jsonschema(document)
